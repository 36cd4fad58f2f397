"""The explorer's graph side: query answers to subgraphs, credit marks on the right date, masking by
role, and pages with nothing from outside. The browser side is in tests/browser/."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from graph_credit import explore
from graph_credit.cli import app
from graph_credit.errors import EngineError, InvalidInput
from graph_credit.identifiers import person_key
from graph_credit.store.base import GraphStore
from tests.conftest import SECRET
from tests.support.world import World
from tests.test_investigate import P, U, load

ON = dt.date(2024, 6, 1)
ID_P1 = "11010519491231002X"
P1 = person_key(ID_P1, SECRET)


@pytest.fixture
def world(store: GraphStore, tmp_path: Path) -> GraphStore:
    """E1 is blacklisted with P1 responsible; P1 (60%) and E2 (40%, held wholly by P2) hold E1;
    E1 guarantees E3 (an admin penalty, and a blacklisting that ran out at the end of 2023);
    P2 is a director of E4 (red list); E2's blacklisting was repaired."""
    w = World(tmp_path / "bundle")
    e1 = w.ent("甲实业有限公司")
    e2 = w.ent("乙投资有限公司")
    e3 = w.ent("丙建材有限公司")
    e4 = w.ent("丁科技有限公司")
    w.person("1", "张三丰", id_number=ID_P1)
    w.person("2", "李四")
    w.hold("1", e1, "0.6")
    w.hold(e2, e1, "0.4")
    w.hold("2", e2, "1")
    w.role("1", e1, "legal_rep")
    w.role("2", e4, "director")
    w.guarantee(e1, e3, amount="500")
    w.record("R1", e1, "blacklist", authority="市场监管局", decision_date="2024-01-01", responsible="1")
    w.record("R2", e3, "admin_penalty", authority="生态环境局", decision_date="2024-02-01")
    w.record("R3", e4, "red_list", authority="发改委", decision_date="2023-01-01")
    w.record("R4", e2, "blacklist", authority="税务局", decision_date="2020-01-01", status="repaired")
    w.load(store)
    # An expired record with an end date: in force before it, not after.
    more = World(tmp_path / "more")
    more.record("R5", e3, "judgment_debtor", authority="法院", decision_date="2022-01-01", status="expired")
    more.load(store)
    return store


def flags(sg: explore.Subgraph) -> dict[str, set[str]]:
    return {n.key: set(n.flags) for n in sg.nodes}


def test_neighbourhood_marks_serious_records_responsible_persons_and_red_lists(world: GraphStore) -> None:
    sg = explore.neighbourhood_view(world, U(1), hops=2, as_of=ON)
    f = flags(sg)
    assert f[U(1)] == {"focus", "sanctioned"}
    assert f[P1] == {"restricted"}, "joint punishment reaches the responsible person"
    assert f[U(3)] == {"record"}
    assert f[U(2)] == set(), "a repaired record marks nothing"
    assert "sanctioned" in f["R1"] and "R4" in f
    assert sg.focus == [f"Enterprise:{U(1)}"]
    marks = sg.node(f"Person:{P1}").marks
    assert [(m.record_id, m.relation) for m in marks] == [("R1", "responsible")]
    e = next(e for e in sg.edges if e.kind == "GUARANTEES")
    assert (e.src, e.dst, e.amount) == (f"Enterprise:{U(1)}", f"Enterprise:{U(3)}", 500)


def test_marks_follow_the_date(world: GraphStore) -> None:
    before = explore.neighbourhood_view(world, U(1), hops=1, as_of=dt.date(2023, 6, 1))
    assert "sanctioned" not in flags(before)[U(1)], "R1 was decided in 2024"
    sg = explore.mark(world, explore.neighbourhood_view(world, U(4), hops=1, as_of=ON))
    assert "red_list" in flags(sg)[U(4)]


def test_in_force() -> None:
    d = dt.date
    assert explore.in_force("active", d(2024, 1, 1), None, d(2024, 6, 1))
    assert not explore.in_force("active", d(2024, 7, 1), None, d(2024, 6, 1)), "not yet decided"
    assert explore.in_force("expired", d(2022, 1, 1), d(2024, 12, 31), d(2024, 6, 1))
    assert not explore.in_force("expired", d(2022, 1, 1), d(2023, 12, 31), d(2024, 6, 1))
    assert not explore.in_force("expired", d(2022, 1, 1), None, d(2024, 6, 1)), "no end date: unknown end"
    for s in ("repaired", "revoked", "corrected", "under_objection"):
        assert not explore.in_force(s, d(2022, 1, 1), None, d(2024, 6, 1))


def test_ownership_up_is_a_tree_with_direct_and_effective_shares(world: GraphStore) -> None:
    sg = explore.ownership_view(world, U(1), "up", as_of=ON)
    assert sg.layout == "tree_up"
    level = {n.key: n.level for n in sg.nodes}
    assert level == {U(1): 2, P1: 1, U(2): 1, P("2"): 0}, "holders above what they hold"
    by_pair = {(e.src, e.dst): e for e in sg.edges}
    top = by_pair[(f"Person:{P('2')}", f"Enterprise:{U(2)}")]
    assert (top.share, top.effective_share) == (1.0, pytest.approx(0.4))
    data = explore.vis_data(sg)
    labels = {e["from"]: e["label"] for e in data["edges"]}
    assert labels[f"Person:{P('2')}"] == "100% (穿透 40%)"
    assert labels[f"Person:{P1}"] == "60%"
    assert data["options"]["layout"]["hierarchical"]["direction"] == "UD"
    assert "sanctioned" in flags(sg)[U(1)] and "restricted" in flags(sg)[P1]


def test_ownership_down_puts_the_subject_on_top(world: GraphStore) -> None:
    sg = explore.ownership_view(world, P("2"), "down", as_of=ON)
    level = {n.key: n.level for n in sg.nodes}
    assert level == {P("2"): 0, U(2): 1, U(1): 2}
    assert sg.node(f"Enterprise:{U(1)}").effective_share == pytest.approx(0.4)


def test_path_view_draws_the_chain_left_to_right_with_its_ends_in_focus(world: GraphStore) -> None:
    sg = explore.path_view(world, U(3), U(4), as_of=ON)
    assert sg.layout == "path"
    assert [n.key for n in sorted(sg.nodes, key=lambda n: n.level or 0)] == [U(3), U(1), U(2), P("2"), U(4)]
    assert set(sg.focus) == {f"Enterprise:{U(3)}", f"Enterprise:{U(4)}"}
    assert len(sg.edges) == 4
    assert explore.vis_data(sg)["options"]["layout"]["hierarchical"]["direction"] == "LR"


def test_expanding_a_node_is_one_bounded_step(world: GraphStore) -> None:
    sg = explore.expand_view(world, f"Person:{P('2')}", as_of=ON)
    assert {n.key for n in sg.nodes} == {P("2"), U(2), U(4)}
    assert "focus" not in sg.node(f"Person:{P('2')}").flags
    up = explore.expand_view(world, f"Enterprise:{U(2)}", "up", as_of=ON)
    assert {n.key for n in up.nodes} == {U(2), P("2")}
    with pytest.raises(InvalidInput, match="KIND:KEY"):
        explore.expand_view(world, "nonsense")
    with pytest.raises(InvalidInput, match="unknown view"):
        explore.expand_view(world, f"Person:{P('2')}", "sideways")


def test_persons_are_masked_as_the_viewer_role_requires(world: GraphStore) -> None:
    sg = explore.neighbourhood_view(world, U(1), hops=1, as_of=ON)
    pid = f"Person:{P1}"

    def node(role: str) -> dict:
        return next(n for n in explore.vis_data(sg, role)["nodes"] if n["id"] == pid)

    masked_id = "1101**********002X"
    public = node("public")
    assert public["label"] == "⊘\u00a0张**"
    assert "张三丰" not in public["title"] and masked_id not in public["title"] and P1 not in public["title"]
    screening = node("screening")
    assert "张三丰" in screening["label"] and masked_id not in screening["title"]
    for role in ("investigator", "operator"):
        assert masked_id in node(role)["title"]
    assert ID_P1 not in json.dumps(explore.vis_data(sg, "operator"), ensure_ascii=False)
    with pytest.raises(InvalidInput, match="viewer role"):
        explore.vis_data(sg, "admin")
    hits = explore.search_hits(world, "张三丰", "public")["hits"]
    assert [(h["name"], h["id_masked"]) for h in hits] == [("张**", None)]
    assert explore.search_hits(world, "张三丰", "investigator")["hits"][0]["id_masked"] == masked_id


def test_restrictions_from_the_joint_punishment_module_mark_persons(
    world: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []

    def restrictions(
        store: GraphStore, subject: str, as_of: dt.date, *, related: bool = True
    ) -> SimpleNamespace:
        seen.append((subject, as_of, related))
        if subject == P1:  # already marked as responsible for R1: marked once
            return SimpleNamespace(restricted=True, items=[SimpleNamespace(record_id="R1", state="active")])
        if subject != P("2"):
            return SimpleNamespace(restricted=False, items=[])
        items = [
            SimpleNamespace(
                record_id="R9", record_kind="blacklist", measure_name="限制担任法定代表人", state="active"
            ),
            SimpleNamespace(
                record_id="R8", record_kind="blacklist", measure_name="限制高消费", state="ended"
            ),
        ]
        return SimpleNamespace(restricted=True, items=items)

    monkeypatch.setattr(
        explore.marks, "punishment_module", lambda: SimpleNamespace(restrictions=restrictions)
    )
    sg = explore.neighbourhood_view(world, U(4), hops=1, as_of=ON)
    p2 = sg.node(f"Person:{P('2')}")
    assert "restricted" in p2.flags
    assert [(m.record_id, m.relation, m.note) for m in p2.marks] == [
        ("R9", "punishment", "限制担任法定代表人")
    ]
    assert "限制担任法定代表人" in next(n for n in explore.vis_data(sg)["nodes"] if n["id"] == p2.id)["title"]
    assert (P("2"), ON, False) in seen
    p1 = explore.neighbourhood_view(world, U(1), hops=1, as_of=ON).node(f"Person:{P1}")
    assert [(m.record_id, m.relation) for m in p1.marks] == [("R1", "responsible")]


def test_a_database_without_the_punishment_tables_still_gets_its_marks(
    world: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def restrictions(store: GraphStore, subject: str, as_of: dt.date) -> None:
        calls.append(subject)
        raise EngineError("LadybugDB: Binder exception: Table Restriction does not exist.")

    monkeypatch.setattr(
        explore.marks, "punishment_module", lambda: SimpleNamespace(restrictions=restrictions)
    )
    sg = explore.neighbourhood_view(world, U(1), hops=2, as_of=ON)
    assert "restricted" in sg.node(f"Person:{P1}").flags, "from the records themselves"
    assert len(calls) == 1, "asked once, then left alone"
    assert any("joint punishment" in note for note in sg.notes)


def test_restrictions_derived_by_joint_punishment_show_on_the_person(
    world: GraphStore, tmp_path: Path
) -> None:
    from graph_credit import punishment

    # E4 blacklisted, nobody named responsible: joint punishment still reaches P2, its director and
    # since 2023 its chair, as principal responsible person (a director alone it would not reach:
    # 004 §15 names directors only when 对失信行为负有直接责任).
    record = {"record_id": "R6", "subject": U(4), "kind": "blacklist", "authority": "市场监管局"}
    load(
        world,
        tmp_path / "r6",
        persons=[{"ref": "2", "name": "李四", "source": "bundle"}],  # the same P2 as in the world
        roles=[{"person": "2", "enterprise": U(4), "role": "chair", "since": "2023-01-01"}],
        records=[{**record, "decision_date": "2024-03-01", "status": "active"}],
    )
    punishment.rebuild_restrictions(world, on=ON)
    sg = explore.neighbourhood_view(world, U(4), hops=1, as_of=ON)
    p2 = sg.node(f"Person:{P('2')}")
    assert "restricted" in p2.flags
    assert {(m.record_id, m.relation) for m in p2.marks} == {("R6", "punishment")}
    before = explore.neighbourhood_view(world, U(4), hops=1, as_of=dt.date(2024, 2, 1))
    assert "restricted" not in before.node(f"Person:{P('2')}").flags, "not before the record was decided"


# Absolute URLs inside the inlined vis-network: licence notices, project pages and the SVG
# namespace, in comments and strings; none is ever fetched (the browser tests watch the network).
_NOT_FETCHED = (
    "http://almende.com",
    "http://opensource.org/licenses/",
    "http://www.apache.org/licenses/",
    "http://www.w3.org/2000/svg",
    "https://github.com/",
    "https://visjs.github.io/",
)
_ABSOLUTE = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'<>)]*")
_ASSET_ATTR = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)\s*=\s*["']?([^"'\s>]+)""", re.I
)


def outside_urls(html: str) -> list[str]:
    """Every absolute URL in the page that is not a known, never-fetched notice."""
    return [u for u in _ABSOLUTE.findall(html) if u.startswith("http") and not u.startswith(_NOT_FETCHED)]


def asset_urls(html: str) -> list[str]:
    """What the page's tags load (scripts, styles, images, frames)."""
    return _ASSET_ATTR.findall(html)


def test_standalone_page_inlines_everything_and_loads_nothing_from_outside(world: GraphStore) -> None:
    sg = explore.neighbourhood_view(world, U(1), hops=2, as_of=ON)
    html = explore.render_page(sg)
    assert outside_urls(html) == []
    assert asset_urls(html) == [], "a standalone page loads nothing, not even from its own folder"
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert "url(" in styles and not re.search(r"""url\(\s*(?!["']?data:)""", styles), (
        "CSS images are data: URLs"
    )
    assert "vis-network" in html and "new vis.Network" in html
    config = json.loads(re.search(r'id="explorer-config">(.*?)</script>', html, re.S).group(1))
    assert len(config["graph"]["nodes"]) == len(sg.nodes) and config["api"] is None


def test_served_page_loads_its_assets_from_the_product_only() -> None:
    html = explore.render_page(
        None, inline_assets=False, static_url="/explorer/static", api_url="/explorer/api"
    )
    assert outside_urls(html) == []
    assert sorted(asset_urls(html)) == sorted(f"/explorer/static/{n}" for n in explore.ASSETS)
    for name in explore.ASSETS:
        body, media = explore.asset(name)
        assert body and media in ("text/javascript", "text/css")
    with pytest.raises(InvalidInput):
        explore.asset("../settings.py")


def test_names_cannot_break_out_of_the_page() -> None:
    sg = explore.Subgraph(
        title="<b>t</b>",
        nodes=[explore.SubNode(kind="Enterprise", key="K", label='</script><script>alert(1)</script>"&')],
    )
    html = explore.render_page(sg)
    assert "</script><script>alert(1)" not in html
    assert "<b>t</b>" not in html
    config = json.loads(re.search(r'id="explorer-config">(.*?)</script>', html, re.S).group(1))
    assert config["graph"]["nodes"][0]["label"] == '</script><script>alert(1)</script>"&'


def test_merge_and_evidence_subgraphs() -> None:
    from graph_credit.investigate import EdgeRef, NodeRef

    a, b, c = (NodeRef(kind="Enterprise", key=k, name=k) for k in "ABC")
    e1 = EdgeRef(kind="GUARANTEES", src_kind="Enterprise", src="A", dst_kind="Enterprise", dst="B", amount=5)
    e2 = EdgeRef(kind="HOLDS", src_kind="Enterprise", src="B", dst_kind="Enterprise", dst="C", ratio=0.5)
    one = explore.from_nodes_and_edges("finding", [a, b], [e1, e2], focus=["A"])
    assert [n.key for n in one.nodes] == ["A", "B"] and len(one.edges) == 1, (
        "edges to absent nodes are dropped"
    )
    assert one.focus == ["Enterprise:A"]
    two = explore.from_nodes_and_edges("more", [b, c], [e2])
    both = one.merge(two)
    assert [n.key for n in both.nodes] == ["A", "B", "C"] and len(both.edges) == 2
    assert len(one.nodes) == 2, "merge leaves its inputs alone"


runner = CliRunner()


def test_cli_writes_a_standalone_page(world: GraphStore, tmp_path: Path) -> None:
    if world.engine != "ladybug":
        pytest.skip("the CLI opens the embedded database file")
    db = Path(world.path)  # type: ignore[attr-defined]
    world.close()
    out = tmp_path / "e1.html"
    r = runner.invoke(
        app, ["explore", U(1), "-o", str(out), "--db", str(db), "--as-of", "2024-06-01", "--json"]
    )
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["marked"]["sanctioned"] >= 1 and summary["nodes"] == summary["nodes"] > 3
    html = out.read_text(encoding="utf-8")
    assert outside_urls(html) == [] and asset_urls(html) == []
    r = runner.invoke(app, ["explore", U(1), "-o", str(tmp_path / "t.html"), "--db", str(db), "--tree", "up"])
    assert r.exit_code == 0, r.output
    assert "ownership up" in (tmp_path / "t.html").read_text(encoding="utf-8")
    r = runner.invoke(app, ["explore", U(1), "-o", str(out), "--db", str(db), "--tree", "sideways"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["explore", "nobody", "-o", str(out), "--db", str(db)])
    assert r.exit_code == 1 and "not found" in r.output


def test_radial_start_puts_the_focus_in_the_middle_and_each_hop_on_its_ring() -> None:
    def n(k: str) -> explore.SubNode:
        return explore.SubNode(kind="Enterprise", key=k, label=k)

    def e(a: str, b: str) -> explore.SubEdge:
        return explore.SubEdge(kind="HOLDS", src=f"Enterprise:{a}", dst=f"Enterprise:{b}")

    sg = explore.Subgraph(
        title="t",
        focus=["Enterprise:F"],
        nodes=[n("F"), n("A"), n("B"), n("A1"), n("A2"), n("LONE")],
        edges=[e("A", "F"), e("F", "B"), e("A1", "A"), e("A2", "A")],
    )
    pos = explore.radial_layout(sg)
    radius = {k.split(":")[1]: round((x * x + y * y) ** 0.5) for k, (x, y) in pos.items()}
    ring = round(explore.RING)
    assert radius == {"F": 0, "A": ring, "B": ring, "LONE": ring, "A1": 2 * ring, "A2": 2 * ring}
    # A's two children share A's sector, so they sit nearer A than B does.
    dist = lambda a, b: ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5  # noqa: E731
    assert dist("Enterprise:A1", "Enterprise:A") < dist("Enterprise:A1", "Enterprise:B")
    data = explore.vis_data(sg)
    assert all("x" in v and "y" in v for v in data["nodes"]), "physics starts from these positions"
