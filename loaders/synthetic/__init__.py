"""Synthetic CSV bundles shaped like one prefecture-level city's credit register.

`generate(scale, out_dir)` writes the eight files of `docs/data-format.md` (English codes,
UTF-8, dates `YYYY-MM-DD`) for a main city, 佳木斯 (230800) and its districts and counties,
with a minority of subjects registered in the other seed regions (洛阳 410300, 德州 371400,
本溪 210500, 武汉汉阳区 420105, 新县 411523). The same seed and scale give byte-identical
files: every random draw comes from one `numpy.random.Generator` in a fixed order.

What the bundle contains, beyond plain rows, so that the analyses have something to find:

- enterprise groups up to 8 levels deep, state holders (the city's 国资委 is a hub), cross
  holdings (A holds B, B holds A), ownership cycles of length 3-4, stakes that change over time
  (100% -> 40% -> 30% -> 20%), holdings given as a percentage (`33.03%`) or only as
  subscribed capital (ratio derived by the loader), and a handful of targets (at most 0.01%
  of the held enterprises, at least one) whose holdings add up to more than 100% on some date,
  as real registry exports do;
- legal representatives that change over time, professional nominees who represent hundreds
  of companies, addresses and phones shared by thousands (an incubator, agencies);
- credit records of every kind, with consistent dates and lifecycle statuses judged against
  the export date `EXPORT_DATE`, responsible persons named on blacklist and penalty records;
- projects with bidders and winners, guarantee chains and guarantee circles.

The default output loads cleanly (apart from the over-100% targets above, which the loader
reports but loads). `dirty_rows=True` appends the bad rows listed in `DIRTY_ROWS` to the end
of each file, for the loader's tests.

The files are written with pyarrow's CSV writer and an unquoted header: byte for byte what
`pandas.DataFrame.to_csv(index=False)` writes for the same string columns (the tests check
this), at a fraction of the time; no value needs quoting, and the writer refuses any that does.
"""

from __future__ import annotations

from .codes import resident_id_array, uscc_array
from .days import EXPORT_DATE
from .dirty import DIRTY_ROWS
from .generator import generate
from .scales import FILES, SCALES, Scale

__all__ = [
    "DIRTY_ROWS",
    "EXPORT_DATE",
    "FILES",
    "SCALES",
    "Scale",
    "generate",
    "resident_id_array",
    "uscc_array",
]
