"""Persons, who does what in which enterprise, and persons.csv."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .codes import resident_id_array
from .columns import STR, code_strings, join, lookup, zpad
from .days import TODAY, YEAR, day_number
from .kinds import C_NOMINEE
from .regions import ANCHORS, MAIN_IDX, MAIN_P, R_CODE, REGIONS
from .sampling import PersonStream
from .vocabulary import GIVEN, SURNAMES, SURNAMES_2


class Persons:
    """The persons plan and persons.csv. A mixin of `generator._Generator`."""

    def _plan_persons(self) -> None:
        rng, p = self.rng, self.n_persons
        has_id = rng.random(p) >= 0.05
        # People without an ID number: half from the courts' feed (judgment debtors), half
        # registered holders with foreign or HK/Macao/Taiwan documents.
        court = ~has_id & (rng.random(p) < 0.5)
        self.has_id, self.court_feed = has_id, court
        main = rng.random(p) < 0.88
        reg = np.where(
            main, MAIN_IDX[rng.choice(len(MAIN_IDX), size=p, p=MAIN_P)], rng.integers(0, len(REGIONS), p)
        )
        lo, hi = day_number("1950-01-01"), day_number("2000-12-31")
        birth = lo + (rng.beta(2.2, 2.0, p) * (hi - lo)).astype(np.int64)
        seq = rng.integers(0, 1000, p)
        rows = np.flatnonzero(has_id)
        # unique ID numbers: redraw the sequence of any repeat
        for _ in range(20):
            key = R_CODE[reg[rows]] * 10**11 + birth[rows] * 1000 + seq[rows]
            _, first = np.unique(key, return_index=True)
            dup = np.ones(len(rows), bool)
            dup[first] = False
            if not dup.any():
                break
            seq[rows[dup]] = rng.integers(0, 1000, int(dup.sum()))
        self.person_region, self.birth, self.seq = reg, birth, seq

    def _plan_people_in_enterprises(self) -> None:
        """The principal person of each enterprise (its founder / head), the stream of others,
        the nominees and the legal representatives over time."""
        rng, n = self.rng, self.n
        with_id = np.flatnonzero(self.has_id)
        perm = rng.permutation(with_id)
        order = rng.permutation(n)
        u_count = min(int(0.8 * n), len(perm))
        principal = np.empty(n, np.int64)
        principal[order[:u_count]] = perm[:u_count]
        # serial entrepreneurs: a few persons found many enterprises
        principal[order[u_count:]] = perm[(u_count * rng.random(n - u_count) ** 1.5).astype(np.int64)]
        foreign = np.flatnonzero(~self.has_id & ~self.court_feed)
        fresh = np.concatenate([perm[u_count:], foreign])
        fresh = fresh[rng.permutation(len(fresh))]
        self.principal = principal
        self.stream = PersonStream(rng, fresh, with_id)

        # Professional nominees: legal representatives of hundreds of shells.
        nom = self.members[C_NOMINEE]
        n_nominees = 2 if n < 100_000 else 8
        self.nominees = self.stream.take(n_nominees)
        share = 1.0 / np.arange(1, n_nominees + 1)
        which = rng.choice(n_nominees, size=len(nom), p=share / share.sum())
        which[:n_nominees] = np.arange(n_nominees)

        # Group executives: each group has a pool that fills its subsidiaries' offices.
        gsize = np.bincount(self.group_of[self.group_of >= 0], minlength=self.n_groups)
        pool_size = 2 + gsize // 4
        self.pool_start = np.concatenate([[0], np.cumsum(pool_size)[:-1]])
        self.pool_size = pool_size
        self.pool = self.stream.take(int(pool_size.sum()))

        rep = principal.copy()
        rep[nom] = self.nominees[which]
        sub = np.flatnonzero(self.group_parent >= 0)
        from_pool = sub[rng.random(len(sub)) < 0.7]
        rep[from_pool] = self._pool_person(self.group_of[from_pool])
        self.rep = rep

        # Changes of legal representative: (former, until the change), (earlier, its change).
        est = self.est
        c_last = np.full(n, -(10**9), np.int64)
        c_prev = np.full(n, -(10**9), np.int64)
        f_last = np.full(n, -1, np.int64)
        f_prev = np.full(n, -1, np.int64)
        eligible = (est <= TODAY - YEAR) & (np.arange(n) >= len(ANCHORS))
        # ~20% in all: these, plus equity transfers and nominees installed in shells (below)
        changed = eligible & (rng.random(n) < 0.11)
        changed[self.transfer] = False
        rows = np.flatnonzero(changed)
        span = TODAY - 30 - (est[rows] + 90)
        c_last[rows] = est[rows] + 90 + (rng.random(len(rows)) * span).astype(np.int64)
        f_last[rows] = self.stream.take(len(rows))
        twice = rows[(rng.random(len(rows)) < 0.15) & (c_last[rows] - est[rows] > 400)]
        c_prev[twice] = (
            est[twice] + 60 + (rng.random(len(twice)) * (c_last[twice] - est[twice] - 120)).astype(np.int64)
        )
        f_prev[twice] = self.stream.take(len(twice))
        # nominees were installed in shells somebody else founded
        shells = nom[(rng.random(len(nom)) < 0.6) & (est[nom] < TODAY - 120)]
        shells = shells[~changed[shells]]
        c_last[shells] = (
            est[shells] + 30 + (rng.random(len(shells)) * (TODAY - 60 - est[shells])).astype(np.int64)
        )
        f_last[shells] = principal[shells]
        # equity transfers: the old owner was the legal representative until the transfer
        tr = self.transfer
        self.transfer_date = (
            est[tr] + 180 + (rng.random(len(tr)) * (TODAY - 30 - est[tr] - 180)).astype(np.int64)
        )
        self.transfer_from = self.stream.take(len(tr))
        c_last[tr] = self.transfer_date
        f_last[tr] = self.transfer_from
        self.c_last, self.c_prev, self.f_last, self.f_prev = c_last, c_prev, f_last, f_prev

    def _pool_person(self, groups: np.ndarray) -> np.ndarray:
        k = (self.rng.random(len(groups)) * self.pool_size[groups]).astype(np.int64)
        return self.pool[self.pool_start[groups] + k]

    def rep_at(self, ent: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The legal representative of each enterprise on each day."""
        out = self.rep[ent].copy()
        earlier = day < self.c_last[ent]
        out[earlier] = self.f_last[ent[earlier]]
        earliest = day < self.c_prev[ent]
        out[earliest] = self.f_prev[ent[earliest]]
        return out

    # persons.csv

    def persons(self) -> dict[str, pa.Array]:
        rng, p = self.rng, self.n_persons
        s1 = rng.integers(0, len(SURNAMES), p)
        s2 = rng.integers(0, len(SURNAMES_2), p)
        surname = pc.if_else(pa.array(rng.random(p) < 0.75), lookup(SURNAMES, s1), lookup(SURNAMES_2, s2))
        g1 = lookup(GIVEN, rng.integers(0, len(GIVEN), p))
        g2 = lookup(GIVEN, rng.integers(0, len(GIVEN), p))
        name = pc.if_else(pa.array(rng.random(p) < 0.7), join(surname, g1, g2), join(surname, g1))
        self.ref_str = join("P", zpad(np.arange(1, p + 1), self.ref_width))
        ids = code_strings(resident_id_array(R_CODE[self.person_region], self.birth, self.seq))
        ids = pc.if_else(pa.array(self.has_id), ids, pa.nulls(p, STR))
        source = np.where(self.has_id, 0, np.where(self.court_feed, 1, 2))
        return {
            "ref": self.ref_str,
            "name": name,
            "id_number": ids,
            "source": lookup(("market_register", "court_feed", "foreign_document"), source),
        }
