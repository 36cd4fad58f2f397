"""projects.csv, participations.csv and guarantees.csv."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import date, join, lookup, num, wan, zpad
from .days import TODAY, day_number
from .kinds import C_DILUTION, C_GROUP, C_MIXED, C_NOMINEE, C_OVER, C_PLAIN, C_STATE, K_COMPANY
from .regions import MAIN, MAIN_IDX, MAIN_P, R_ADMIN, R_CODE_STR
from .vocabulary import (
    BUILDS,
    BUYERS,
    GOODS,
    INDUSTRY_LETTERS,
    INVESTS,
    PROJECT_KINDS,
    PROJECT_PREFIX,
    PROJECT_STATUS,
    ROADS,
    SYLLABLES,
    WORK_PHASE,
    WORKS,
)


class Projects:
    """projects.csv, participations.csv and guarantees.csv. A mixin of `generator._Generator`."""

    def projects(self) -> dict[str, pa.Array]:
        rng, n = self.rng, self.n
        k = max(12, n // 40)
        kind = rng.choice(4, size=k, p=(0.35, 0.35, 0.18, 0.12))
        kind[:8] = np.repeat(np.arange(4), 2)
        region = MAIN_IDX[rng.choice(len(MAIN_IDX), size=k, p=MAIN_P)]
        lo = day_number("2015-01-01")
        started = lo + (rng.random(k) ** 0.8 * (TODAY - 60 - lo)).astype(np.int64)
        status = rng.choice(4, size=k, p=(0.08, 0.25, 0.57, 0.10))
        status[:8] = (2, 3, 2, 1, 2, 1, 2, 0)
        duration = rng.integers(20, 900, k)
        ended = started + duration
        status[(status >= 2) & (ended >= TODAY)] = 1
        has_end = status >= 2
        has_start = status != 0
        year = started.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        code = join(
            lookup(PROJECT_PREFIX, kind),
            num(year),
            "-",
            lookup(R_CODE_STR, region),
            "-",
            zpad(np.arange(1, k + 1), 6),
        )
        admin = lookup(R_ADMIN, region)
        bidding = join(
            admin,
            lookup(ROADS, rng.integers(0, len(ROADS), k)),
            lookup(WORKS, rng.integers(0, len(WORKS), k)),
            lookup(WORK_PHASE, rng.integers(0, 3, k)),
            "招标项目",
        )
        procurement = join(
            admin,
            lookup(BUYERS, rng.integers(0, len(BUYERS), k)),
            lookup(GOODS, rng.integers(0, len(GOODS), k)),
            "采购项目",
        )
        z = join(
            lookup(SYLLABLES, rng.integers(0, len(SYLLABLES), k)),
            lookup(SYLLABLES, rng.integers(0, len(SYLLABLES), k)),
        )
        construction = join(admin, z, lookup(BUILDS, rng.integers(0, len(BUILDS), k)), "建设项目")
        investment = join(admin, z, lookup(INVESTS, rng.integers(0, len(INVESTS), k)), "产业园招商引资项目")
        name = pc.choose(pa.array(kind.astype(np.int8)), bidding, procurement, construction, investment)
        outcomes = {
            (0, 2): "中标", (0, 3): "流标", (1, 2): "成交", (1, 3): "废标", (2, 2): "竣工验收",
            (2, 3): "停工", (3, 2): "已签约落地", (3, 3): "未落地",
        }  # fmt: skip
        table = [outcomes.get((kk, ss), "") for kk in range(4) for ss in range(4)]
        self.project_kind, self.project_status, self.project_start = kind, status, started
        self.project_code = code
        return {
            "code": code,
            "name": name,
            "kind": lookup([p.value for p in PROJECT_KINDS], kind),
            "region_code": lookup(R_CODE_STR, region),
            "status": lookup(PROJECT_STATUS, status),
            "started": date(started, mask=~has_start),
            "ended": date(ended, mask=~has_end),
            "outcome": lookup(table, kind * 4 + status),
        }

    def participations(self) -> dict[str, pa.Array]:
        rng, n = self.rng, self.n
        kind, status = self.project_kind, self.project_status
        k = len(kind)
        firms = np.flatnonzero(
            np.isin(self.crole, (C_PLAIN, C_GROUP, C_STATE, C_MIXED, C_NOMINEE, C_OVER, C_DILUTION))
            & (self.status == 0)
        )
        builders = firms[self.industry[firms] == INDUSTRY_LETTERS.index("E")]
        if len(builders) < 10:
            builders = firms
        outside = firms[~MAIN[self.region[firms]]]
        if len(outside) < 5:
            outside = firms
        # How many take part, by kind: bidders (the winner among them), candidates, contractors, investors.
        count = np.select(
            [kind == 0, kind == 1, kind == 2],
            [rng.integers(3, 8, k), rng.integers(2, 6, k), rng.integers(1, 4, k)],
            rng.integers(1, 3, k),
        )
        count[status == 0] = 0
        count[(kind == 0) & (status == 3)] = rng.integers(1, 3, int(((kind == 0) & (status == 3)).sum()))
        proj = np.repeat(np.arange(k), count)
        pk = kind[proj]
        pool_b = builders[rng.integers(0, len(builders), len(proj))]
        pool_f = firms[rng.integers(0, len(firms), len(proj))]
        pool_o = outside[rng.integers(0, len(outside), len(proj))]
        ent = np.where(
            (pk == 0) | (pk == 2),
            np.where(rng.random(len(proj)) < 0.6, pool_b, pool_f),
            np.where(pk == 3, np.where(rng.random(len(proj)) < 0.6, pool_o, pool_f), pool_f),
        )
        # 围标: some bidding projects are contested only by one nominee's shells
        shells = self.members[C_NOMINEE]
        rigged = np.flatnonzero((kind == 0) & (rng.random(k) < 0.05))
        rigged = rigged[: max(1, len(rigged))] if len(rigged) else np.flatnonzero(kind == 0)[:1]
        ring = np.isin(proj, rigged)
        ent[ring] = shells[rng.integers(0, len(shells), int(ring.sum()))]
        role = np.select([pk == 0, pk == 1, pk == 2], [1, 0, 4], 3)  # index in _PART_ROLES
        # drop repeats of a firm in one project
        key = proj * n + ent
        _, first = np.unique(key, return_index=True)
        keep = np.zeros(len(key), bool)
        keep[first] = True
        proj, ent, role = proj[keep], ent[keep], role[keep]
        order = np.argsort(proj, kind="stable")
        proj, ent, role = proj[order], ent[order], role[order]
        # the winner: the first bidder / candidate of a completed bidding or procurement
        starts = np.flatnonzero(np.r_[True, proj[1:] != proj[:-1]])
        win = starts[np.isin(kind[proj[starts]], (0, 1)) & (status[proj[starts]] == 2)]
        proj = np.concatenate([proj, proj[win]])
        ent = np.concatenate([ent, ent[win]])
        role = np.concatenate([role, np.full(len(win), 2)])
        order = np.lexsort((role, proj))
        proj, ent, role = proj[order], ent[order], role[order]
        self.participants = (proj, ent, role)
        return {
            "enterprise": self.uscc_str.take(pa.array(ent)),
            "project": self.project_code.take(pa.array(proj)),
            "role": lookup(("candidate", "bidder", "winner", "investor", "contractor"), role),
        }

    # guarantees.csv

    def guarantees(self) -> dict[str, pa.Array]:
        rng, n = self.rng, self.n
        firms = np.flatnonzero(
            np.isin(self.crole, (C_PLAIN, C_GROUP, C_STATE, C_MIXED, C_OVER, C_DILUTION)) & (self.status == 0)
        )
        nc = int((self.kind == K_COMPANY).sum())
        G, D = [], []
        # chains: a guarantees b, b guarantees c, ...
        n_chains = max(3, round(0.006 * nc))
        length = rng.integers(2, 7, n_chains)
        nodes = firms[rng.integers(0, len(firms), int(length.sum()))]
        chain_id = np.repeat(np.arange(n_chains), length)
        nxt = np.r_[chain_id[1:] == chain_id[:-1], False]
        G.append(nodes[nxt])
        D.append(nodes[np.r_[False, nxt[:-1]]])
        # mutual guarantees (互保)
        m = max(2, round(0.001 * nc))
        a, b = firms[rng.integers(0, len(firms), m)], firms[rng.integers(0, len(firms), m)]
        G += [a, b]
        D += [b, a]
        # circles: A -> B -> C (-> D) -> A
        n_circ = max(2, round(0.0002 * nc))
        circ_len = np.where(rng.random(n_circ) < 0.6, 3, 4)
        circ_len[:2] = (3, 4)
        for L in circ_len:
            c = firms[rng.choice(len(firms), size=int(L), replace=False)]
            G.append(c)
            D.append(np.roll(c, -1))
        # single guarantees between firms
        s = max(3, round(0.01 * nc))
        G.append(firms[rng.integers(0, len(firms), s)])
        D.append(firms[rng.integers(0, len(firms), s)])
        g_ent, d_ent = np.concatenate(G), np.concatenate(D)
        # legal representatives guaranteeing their own company's loans
        pd_ = firms[rng.random(len(firms)) < 0.012]
        g_all = np.concatenate([g_ent, self.rep[pd_]])
        d_all = np.concatenate([d_ent, pd_])
        is_person = np.r_[np.zeros(len(g_ent), bool), np.ones(len(pd_), bool)]
        k = len(d_all)
        start = np.maximum(
            day_number("2012-01-01"),
            np.maximum(self.est[d_all], np.where(is_person, 0, self.est[np.where(is_person, 0, g_all)])) + 30,
        )
        start = np.minimum(start, TODAY - 10)
        since = start + (rng.random(k) * (TODAY - 1 - start)).astype(np.int64)
        until = np.where(rng.random(k) < 0.1, -1, since + rng.choice([364, 729, 1094], size=k))
        amount = (np.exp(rng.normal(np.log(300), 1.2, k)) * 100).astype(np.int64) * 100 + 10000
        ok = is_person | (g_all != d_all)
        key = np.where(is_person, -1 - g_all, g_all) * (n + 1) + d_all
        key = key * 100000 + since
        _, first = np.unique(key, return_index=True)
        keep = np.zeros(k, bool)
        keep[first] = True
        ok &= keep
        g_all, d_all, is_person, since, until, amount = (
            x[ok] for x in (g_all, d_all, is_person, since, until, amount)
        )
        guarantor = pc.if_else(
            pa.array(is_person),
            self.ref_str.take(pa.array(np.where(is_person, g_all, 0))),
            self.uscc_str.take(pa.array(np.where(is_person, 0, g_all))),
        )
        return {
            "guarantor": guarantor,
            "debtor": self.uscc_str.take(pa.array(d_all)),
            "amount": wan(amount),
            "since": date(since),
            "until": date(np.maximum(until, 0), mask=until < 0),
        }
