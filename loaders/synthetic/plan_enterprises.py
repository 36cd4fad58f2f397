"""Enterprises: kinds, regions, dates and the company roles of the ownership structure."""

from __future__ import annotations

import numpy as np

from .days import TODAY, YEAR, day_number
from .kinds import (
    C_BRANCH,
    C_CROSS,
    C_CYCLE,
    C_DILUTION,
    C_GROUP,
    C_MIXED,
    C_NOMINEE,
    C_NONE,
    C_OVER,
    C_PLAIN,
    C_STATE,
    K_COMPANY,
    K_COOP,
    K_GOV,
    K_INDIVIDUAL,
    K_PUBLIC,
    K_SOCIAL,
    KIND_P,
)
from .regions import ANCHORS, CITY_CORE, R_CODE_STR, R_P, REGIONS
from .sampling import redraw_after, weighted
from .vocabulary import COMPANY_IND_P, INDIVIDUAL_IND_P, INDUSTRY_LETTERS, PUBLIC_IND_P, SOCIAL_IND_P


class EnterprisePlan:
    """Plans every enterprise before any file is written. A mixin of `generator._Generator`."""

    def _established(self, kind: np.ndarray) -> np.ndarray:
        rng = self.rng
        years = np.arange(1990, 2027)
        jan1 = np.array([day_number(f"{y}-01-01") for y in years] + [day_number("2027-01-01")])
        # fast growth until the 2014 registration reform, a jump, then slower growth
        before, after = np.minimum(years, 2014) - 1990, np.maximum(years, 2014) - 2014
        reform = np.where(years >= 2014, 1.6, 1.0)
        partial = np.where(years == 2026, 10 / 12, 1.0)
        weights = {
            K_COMPANY: np.exp(0.10 * before + 0.03 * after) * reform * partial,
            K_COOP: np.where(years >= 2007, 1.0, 0.0) * partial,
            K_INDIVIDUAL: np.exp(0.12 * before + 0.03 * after) * reform * partial,
            K_PUBLIC: np.where(years <= 2020, 1.0, 0.0),
            K_SOCIAL: np.where(years >= 1995, 1.0, 0.0) * partial,
            K_GOV: np.where(years <= 2019, 1.0, 0.0) * np.where(years == 2019, 4.0, 1.0),
        }
        est = np.zeros(len(kind), np.int64)
        for k, w in weights.items():
            rows = np.flatnonzero(kind == k)
            y = rng.choice(len(years), size=len(rows), p=w / w.sum())
            span = np.minimum(jan1[y + 1], TODAY) - jan1[y]
            est[rows] = jan1[y] + (rng.random(len(rows)) * span).astype(np.int64)
        return np.minimum(est, TODAY - 1)

    def _plan_enterprises(self) -> None:
        rng, n = self.rng, self.n
        na = len(ANCHORS)
        kind = np.empty(n, np.int8)
        kind[:na] = K_GOV
        kind[na:] = rng.choice(6, size=n - na, p=KIND_P)
        region = np.empty(n, np.int64)
        region[:na] = [R_CODE_STR.index(code) for _, code, _ in ANCHORS]
        region[na:] = rng.choice(len(REGIONS), size=n - na, p=R_P)
        est = self._established(kind)
        est[:na] = [day_number(d) for _, _, d in ANCHORS]
        self.kind, self.region, self.est = kind, region, est

        # Company roles ---------------------------------------------------------------------
        comp = np.flatnonzero(kind == K_COMPANY)
        nc = len(comp)
        perm = rng.permutation(comp)
        crole = np.full(n, C_NONE, np.int8)
        crole[comp] = C_PLAIN
        sizes = {
            C_STATE: max(3, round(0.0035 * nc)),
            C_MIXED: max(2, round(0.001 * nc)),
            C_GROUP: max(24, round(0.07 * nc)),
            C_NOMINEE: max(6, round(0.003 * nc)),
            C_BRANCH: round(0.045 * nc),
            C_CROSS: 2 * max(2, round(0.0002 * nc)),
            C_OVER: max(1, int(0.00009 * nc)),  # at most 0.01% of the held enterprises
        }
        n_cycles = max(2, round(0.00005 * nc))
        cycle_len = np.where(rng.random(n_cycles) < 0.5, 3, 4)
        cycle_len[:2] = (3, 4)
        sizes[C_CYCLE] = int(cycle_len.sum())
        pos = 0
        self.members: dict[int, np.ndarray] = {}
        for role, size in sizes.items():
            chosen = perm[pos : pos + size]
            crole[chosen] = role
            self.members[role] = chosen
            pos += size
        rest = perm[pos:]
        old = rest[est[rest] <= TODAY - 3 * YEAR]
        n_dil = round(0.10 * nc)
        dil = old[:n_dil]
        crole[dil] = C_DILUTION
        self.members[C_DILUTION] = dil
        later = old[n_dil:]
        self.transfer = np.sort(later[rng.random(len(later)) < 0.3])
        self.cycles = np.split(self.members[C_CYCLE], np.cumsum(cycle_len)[:-1])
        self.crole = crole

        self._plan_groups()
        self._plan_branches()
        # Nominee shells: recent, small.
        nom = self.members[C_NOMINEE]
        est[nom] = day_number("2016-01-01") + (
            rng.random(len(nom)) * (TODAY - 30 - day_number("2016-01-01"))
        ).astype(np.int64)
        # State enterprises of the city core are held by the city's 国资委: a hub.
        state = self.members[C_STATE]
        core = rng.random(len(state)) < 0.7
        region[state[core]] = rng.choice(np.flatnonzero(CITY_CORE), size=int(core.sum()))
        self._plan_status()
        self._plan_industry()
        self._plan_capital()

    def _plan_groups(self) -> None:
        """Enterprise groups: trees of holding companies, a spine of the drawn depth (one group
        of 8 levels always) and the rest attached near the top."""
        rng, est, region = self.rng, self.est, self.region
        members = self.members[C_GROUP]
        n = self.n
        parent = np.full(n, -1, np.int64)
        level = np.full(n, -1, np.int64)
        group = np.full(n, -1, np.int64)
        roots, state_groups, diamonds = [], [], []
        depth_p = np.array([35, 30, 15, 8, 5, 4, 3], float)
        pos, gi = 0, 0
        while pos < len(members):
            left = len(members) - pos
            if gi == 0:
                size, deepest = min(12, left), min(7, left - 1)
            else:
                size = min(left, 200, 2 + int(rng.pareto(1.6) * 2))
                deepest = min(size - 1, 1 + int(rng.choice(7, p=depth_p / depth_p.sum())))
            nodes = members[pos : pos + size]
            lv = np.zeros(size, np.int64)
            par = np.full(size, -1, np.int64)
            u = rng.random(size)
            for i in range(1, size):
                if i <= deepest:
                    p = i - 1
                else:
                    p = int(i * u[i] ** 2)
                    while lv[p] >= deepest:
                        p = par[p]
                par[i], lv[i] = p, lv[p] + 1
            parent[nodes[1:]] = nodes[par[1:]]
            level[nodes] = lv
            group[nodes] = gi
            roots.append(nodes[0])
            if gi % 15 == 1:
                state_groups.append(gi)
            # a second holder inside the group for some subsidiaries (diamonds)
            for i in range(2, size):
                if u[i] < 0.15:
                    cand = np.flatnonzero((lv < lv[i]) & (np.arange(size) != par[i]))
                    if len(cand):
                        diamonds.append((nodes[cand[int(u[i] * 1e6) % len(cand)]], nodes[i]))
            pos += size
            gi += 1
        self.group_parent, self.group_level, self.group_of = parent, level, group
        self.group_roots = np.array(roots, np.int64)
        self.n_groups = gi
        self.state_group = np.zeros(gi, bool)
        self.state_group[state_groups] = True
        self.diamonds = np.array(diamonds, np.int64).reshape(-1, 2)
        # State groups sit in the city core; subsidiaries mostly where their parent is.
        in_state = np.flatnonzero((group >= 0) & self.state_group[np.maximum(group, 0)])
        region[in_state] = rng.choice(np.flatnonzero(CITY_CORE), size=len(in_state))
        # A subsidiary is founded after its parent.
        for lv in range(1, 8):
            kids = np.flatnonzero(level == lv)
            if len(kids) == 0:
                break
            p = parent[kids]
            est[kids] = redraw_after(rng, est[kids], est[p])
            same = rng.random(len(kids)) < 0.8
            region[kids[same]] = region[p[same]]

    def _plan_branches(self) -> None:
        rng, est = self.rng, self.est
        branches = self.members[C_BRANCH]
        pool = np.flatnonzero(np.isin(self.crole, (C_PLAIN, C_GROUP, C_STATE)))
        parent = pool[rng.integers(0, len(pool), len(branches))]
        self.branch_parent = np.full(self.n, -1, np.int64)
        self.branch_parent[branches] = parent
        est[branches] = redraw_after(rng, est[branches], est[parent])

    def _plan_status(self) -> None:
        rng, kind, est, n = self.rng, self.kind, self.est, self.n
        age = (TODAY - est) / 365.25
        u = rng.random(n)
        status = np.zeros(n, np.int8)  # 0 active, 1 revoked, 2 deregistered, 3 moved_out
        company = (kind == K_COMPANY) | (kind == K_COOP)
        p_d = np.where(
            company,
            np.clip(0.012 * age, 0, 0.3),
            np.where(kind == K_INDIVIDUAL, np.clip(0.025 * age, 0, 0.45), 0.02),
        )
        p_r = np.where(
            company,
            np.where(est < day_number("2012-01-01"), 0.12, 0.02),
            np.where(kind == K_INDIVIDUAL, 0.05, 0.0),
        )
        p_m = np.where(company, 0.01, 0.0)
        status[u < p_d] = 2
        status[(u >= p_d) & (u < p_d + p_r)] = 1
        status[(u >= p_d + p_r) & (u < p_d + p_r + p_m)] = 3
        keep = np.concatenate(
            [np.arange(len(ANCHORS)), self.members[C_STATE], self.group_roots, self.members[C_NOMINEE]]
        )
        status[keep] = 0
        self.status = status

    def _plan_industry(self) -> None:
        rng, kind, n = self.rng, self.kind, self.n
        ind = np.zeros(n, np.int64)
        for k, weights in (
            (K_COMPANY, COMPANY_IND_P),
            (K_INDIVIDUAL, INDIVIDUAL_IND_P),
            (K_PUBLIC, PUBLIC_IND_P),
            (K_SOCIAL, SOCIAL_IND_P),
        ):
            rows = np.flatnonzero(kind == k)
            ind[rows] = weighted(rng, weights, len(rows))
        ind[kind == K_COOP] = INDUSTRY_LETTERS.index("A")
        ind[kind == K_GOV] = INDUSTRY_LETTERS.index("S")
        roots = self.group_roots
        ind[roots] = INDUSTRY_LETTERS.index("L")  # holding companies: 商务服务业 (控股公司服务)
        state = self.members[C_STATE]
        ind[state] = weighted(rng, dict(D=3, E=3, G=2, J=2, K=2, L=3, N=2, A=1), len(state))
        br = self.members[C_BRANCH]
        ind[br] = ind[self.branch_parent[br]]
        self.industry = ind

    def _plan_capital(self) -> None:
        """Registered capital in yuan (0 = not known); mostly round numbers of 万元."""
        rng, kind, n = self.rng, self.kind, self.n
        median = np.select(
            [kind == K_COMPANY, kind == K_COOP, kind == K_INDIVIDUAL, kind == K_PUBLIC, kind == K_SOCIAL],
            [100.0, 100.0, 5.0, 200.0, 10.0],
            1.0,
        )
        sigma = np.select([kind == K_COMPANY, kind == K_INDIVIDUAL], [1.5, 1.0], 0.9)
        big = np.zeros(n, bool)
        big[self.group_roots] = True
        big[self.members[C_STATE]] = True
        median[big] = 5000.0
        sigma[big] = 1.2
        in_group = (self.group_of >= 0) & ~big
        median[in_group] = 1000.0
        median[self.members[C_NOMINEE]] = 30.0
        sigma[self.members[C_NOMINEE]] = 0.6
        wan = np.clip(np.exp(rng.normal(np.log(median), sigma)), 1.0, 1e6)
        mag = 10.0 ** np.floor(np.log10(wan))
        nice = np.maximum(np.round(wan / mag * 2) / 2 * mag, 1.0)
        exact = rng.random(n) < 0.15
        yuan = np.where(exact, np.round(wan * 100) * 100, np.round(nice * 10000)).astype(np.int64)
        unknown = (
            (kind == K_GOV)
            | ((kind == K_INDIVIDUAL) & (rng.random(n) < 0.6))
            | ((kind == K_PUBLIC) & (rng.random(n) < 0.5))
            | ((self.crole == C_PLAIN) & (rng.random(n) < 0.03))
        )
        unknown[self.members[C_BRANCH]] = True
        yuan[unknown] = 0
        self.capital = yuan
