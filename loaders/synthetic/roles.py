"""roles.csv: legal representatives, principals, directors, supervisors, managers."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from .columns import date, lookup
from .days import TODAY
from .kinds import (
    C_BRANCH,
    C_STATE,
    K_COMPANY,
    K_COOP,
    K_GOV,
    K_PUBLIC,
    K_SOCIAL,
    RO_CHAIR,
    RO_DIRECTOR,
    RO_FINANCE,
    RO_LEGAL,
    RO_MANAGER,
    RO_PRINCIPAL,
    RO_SUPERVISOR,
    ROLE_CODES,
)


class Roles:
    """roles.csv. A mixin of `generator._Generator`."""

    def roles(self) -> dict[str, pa.Array]:
        rng, n, est, kind, crole = self.rng, self.n, self.est, self.kind, self.crole
        P_, E_, R_, S_, U_ = [], [], [], [], []

        def add(person, ent, role, since, until=None):
            P_.append(np.asarray(person, np.int64))
            E_.append(np.asarray(ent, np.int64))
            R_.append(np.full(len(ent), role, np.int64))
            S_.append(np.asarray(since, np.int64))
            U_.append(np.full(len(ent), -1, np.int64) if until is None else np.asarray(until, np.int64))

        allents = np.arange(n)
        changed = self.c_last > -(10**8)
        twice = self.c_prev > -(10**8)
        since_cur = np.where(changed, self.c_last, np.where(rng.random(n) < 0.05, -1, est))
        add(self.rep, allents, RO_LEGAL, since_cur)
        one = np.flatnonzero(changed & ~twice)
        add(self.f_last[one], one, RO_LEGAL, est[one], self.c_last[one] - 1)
        two = np.flatnonzero(twice)
        add(self.f_prev[two], two, RO_LEGAL, est[two], self.c_prev[two] - 1)
        add(self.f_last[two], two, RO_LEGAL, self.c_prev[two], self.c_last[two] - 1)

        company = (kind == K_COMPANY) & (crole != C_BRANCH)
        big = company & ((self.capital >= 1000 * 10000) | (self.group_of >= 0) | (crole == C_STATE))
        small = company & ~big
        grp = self.group_of

        def people(ents: np.ndarray) -> np.ndarray:
            """Group companies draw from their group's pool, others from the stream."""
            out = self.stream.take(len(ents))
            ing = grp[ents] >= 0
            out[ing] = self._pool_person(grp[ents[ing]])
            return out

        def later(ents: np.ndarray, p: float) -> np.ndarray:
            """Appointment day: the founding day, or some later day for a share p."""
            d = est[ents].copy()
            moved = rng.random(len(ents)) < p
            d[moved] += (rng.random(int(moved.sum())) * (TODAY - 1 - d[moved])).astype(np.int64)
            return d

        # small companies: a supervisor, often a manager (the legal rep as 执行董事兼经理)
        e = np.flatnonzero(small & (rng.random(n) < 0.7))
        add(self.stream.take(len(e)), e, RO_SUPERVISOR, later(e, 0.15))
        mgr_e = np.flatnonzero(small & (rng.random(n) < 0.55))
        mgr_p = np.where(rng.random(len(mgr_e)) < 0.6, self.rep[mgr_e], self.stream.take(len(mgr_e)))
        e = np.flatnonzero(small & (rng.random(n) < 0.08))
        add(self.stream.take(len(e)), e, RO_FINANCE, later(e, 0.3))

        # larger companies: a board
        b = np.flatnonzero(big)
        chair = np.where(rng.random(len(b)) < 0.8, self.rep[b], people(b))
        add(chair, b, RO_CHAIR, later(b, 0.2))
        nd = rng.integers(2, 5, len(b))
        e = np.repeat(b, nd)
        add(people(e), e, RO_DIRECTOR, later(e, 0.2))
        ns = rng.integers(1, 4, len(b))
        e = np.repeat(b, ns)
        add(self.stream.take(len(e)), e, RO_SUPERVISOR, later(e, 0.2))
        add(people(b), b, RO_FINANCE, later(b, 0.3))
        big_mgr_p = np.where(rng.random(len(b)) < 0.3, self.rep[b], people(b))
        mgr_e = np.concatenate([mgr_e, b])
        mgr_p = np.concatenate([mgr_p, big_mgr_p])

        # managers, some replaced over time
        mgr_since = later(mgr_e, 0.1)
        replaced = (rng.random(len(mgr_e)) < 0.15) & (mgr_since < TODAY - 400)
        r = np.flatnonzero(replaced)
        cut = mgr_since[r] + 200 + (rng.random(len(r)) * (TODAY - 30 - mgr_since[r] - 200)).astype(np.int64)
        add(self.stream.take(len(r)), mgr_e[r], RO_MANAGER, mgr_since[r], cut - 1)
        mgr_since[r] = cut
        add(mgr_p, mgr_e, RO_MANAGER, mgr_since)
        self.manager = np.full(n, -1, np.int64)
        self.manager_since = np.full(n, -1, np.int64)
        self.manager[mgr_e] = mgr_p
        self.manager_since[mgr_e] = mgr_since

        # cooperatives: a supervisor; public bodies and social organisations: a principal
        e = np.flatnonzero((kind == K_COOP) & (rng.random(n) < 0.5))
        add(self.stream.take(len(e)), e, RO_SUPERVISOR, later(e, 0.1))
        e = np.flatnonzero(
            ((kind == K_PUBLIC) | (kind == K_GOV)) & (rng.random(n) < 0.5)
            | (kind == K_SOCIAL) & (rng.random(n) < 0.3)
        )
        pr = np.where(rng.random(len(e)) < 0.5, self.rep[e], self.stream.take(len(e)))
        add(pr, e, RO_PRINCIPAL, later(e, 0.3))

        Pp, Ee, Rr, Ss, Uu = (np.concatenate(x) for x in (P_, E_, R_, S_, U_))
        # A person holds an office of one enterprise once at a time: drop repeated open rows
        # (the same director drawn twice); history rows were built not to overlap.
        key = (Pp * n + Ee) * 8 + Rr
        keep = np.ones(len(key), bool)
        open_ = np.flatnonzero(Uu < 0)
        _, first = np.unique(key[open_], return_index=True)
        keep[open_] = False
        keep[open_[first]] = True
        _, first = np.unique(key * 65536 + (Ss + 1), return_index=True)  # Ss: -1 .. ~21000
        unique_key = np.zeros(len(key), bool)
        unique_key[first] = True
        keep &= unique_key
        Pp, Ee, Rr, Ss, Uu = Pp[keep], Ee[keep], Rr[keep], Ss[keep], Uu[keep]
        order = np.lexsort((Rr, Ss, Ee))
        Pp, Ee, Rr, Ss, Uu = Pp[order], Ee[order], Rr[order], Ss[order], Uu[order]
        return {
            "person": self.ref_str.take(pa.array(Pp)),
            "enterprise": self.uscc_str.take(pa.array(Ee)),
            "role": lookup([r.value for r in ROLE_CODES], Rr),
            "since": date(np.maximum(Ss, 0), mask=Ss < 0),
            "until": date(np.maximum(Uu, 0), mask=Uu < 0),
        }
