"""A large node-table COPY with non-ASCII keys finishes (LadybugDB 0.22 deadlocked in it).

The copy runs in a child process with a deadline: a deadlocked engine waits forever without
using CPU, and must fail this test rather than hang the whole run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

_CHILD = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from graph_credit.punishment.frames import arrow_table
    from graph_credit.punishment.propagation import RESTRICTION_TYPES
    from graph_credit.store.embedded import EmbeddedStore

    n = 700_000
    departments = ["区发展和改革委员会", "区人民法院", "区市场监督管理局", "区财政局", "区住房和城乡建设局",
                   "区地方金融工作局", "人民银行区支行"]
    ids = [f"REC-{i // 7:08d}|{departments[i % 7]}" for i in range(n)]
    table = arrow_table(pd.DataFrame({"rid": ids}), RESTRICTION_TYPES)
    store = EmbeddedStore(sys.argv[1], buffer_pool_mb=512)
    store.ensure_schema()
    store.bulk_write("punishment/restriction_copy", table)
    print(store.run_text("MATCH (x:Restriction) RETURN count(*) AS n")[0]["n"])
    store.close()
    """
)


def test_a_large_node_copy_with_non_ascii_keys_does_not_deadlock(tmp_path: Path) -> None:
    # Without the single-threaded node COPY this hung in 3 runs of 4 (700k restriction keys, two
    # cores); first seen with 400k department-task keys, when a rebuild still copied tasks.
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "graph.lbug")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "700000"
