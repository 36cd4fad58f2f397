"""holdings.csv: groups, state holders, cross holdings, cycles, changing stakes."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import STR, date, join, num, wan
from .days import TODAY, day_number
from .kinds import C_CROSS, C_CYCLE, C_DILUTION, C_GROUP, C_MIXED, C_NOMINEE, C_OVER, C_PLAIN, C_STATE, K_COOP
from .regions import A_FINANCE, A_SASAC, STATE_OWNER


class Holdings:
    """holdings.csv. A mixin of `generator._Generator`."""

    def holdings(self) -> dict[str, pa.Array]:
        rng, n, est, crole = self.rng, self.n, self.est, self.crole
        # Rows are collected as (holder, is_person, target, units of 0.01%, since, until).
        h_list, p_list, t_list, u_list, s_list, e_list = [], [], [], [], [], []

        def add(holder, is_person, target, units, since=None, until=None):
            k = len(target)
            h_list.append(np.asarray(holder, np.int64))
            p_list.append(np.full(k, is_person) if np.isscalar(is_person) else is_person)
            t_list.append(np.asarray(target, np.int64))
            u_list.append(np.asarray(units, np.int64))
            s_list.append(np.full(k, -1, np.int64) if since is None else np.asarray(since, np.int64))
            e_list.append(np.full(k, -1, np.int64) if until is None else np.asarray(until, np.int64))

        def pick(values, k, p=None):
            values = np.asarray(values)
            return values[rng.choice(len(values), size=k, p=p)]

        # Institutional stakes -------------------------------------------------------------
        kids = np.flatnonzero(self.group_parent >= 0)
        form = rng.choice(3, size=len(kids), p=(0.55, 0.35, 0.10))
        units = np.where(
            form == 0,
            10000,
            np.where(
                form == 1,
                pick([5100, 6000, 6500, 7000, 7500, 8000, 9000, 9500], len(kids)),
                100 * rng.integers(20, 50, len(kids)),
            ),
        )
        add(self.group_parent[kids], False, kids, units)
        inst_sum = np.bincount(kids, weights=units, minlength=n).astype(np.int64)
        if len(self.diamonds):
            h, t = self.diamonds[:, 0], self.diamonds[:, 1]
            room = 10000 - inst_sum[t]
            u2 = np.minimum(room, 100 * rng.integers(10, 31, len(t)))
            ok = u2 >= 500
            # one diamond per target
            _, first = np.unique(t, return_index=True)
            once = np.zeros(len(t), bool)
            once[first] = True
            ok &= once
            add(h[ok], False, t[ok], u2[ok])
            inst_sum += np.bincount(t[ok], weights=u2[ok], minlength=n).astype(np.int64)
        roots = self.group_roots
        sroots = roots[self.state_group[self.group_of[roots]]]
        add(STATE_OWNER[self.region[sroots]], False, sroots, np.full(len(sroots), 10000))
        inst_sum[sroots] += 10000
        state = self.members[C_STATE]
        su = np.where(
            rng.random(len(state)) < 0.75, 10000, pick([5100, 6000, 6500, 7000, 8000, 9000], len(state))
        )
        add(STATE_OWNER[self.region[state]], False, state, su)
        inst_sum[state] += su
        mixed = self.members[C_MIXED]
        mu = 100 * rng.integers(10, 35, len(mixed))
        add(np.where(rng.random(len(mixed)) < 0.8, A_SASAC, A_FINANCE), False, mixed, mu)
        inst_sum[mixed] += mu
        cross = self.members[C_CROSS]
        a, b = cross[0::2], cross[1::2]
        ua, ub = 100 * rng.integers(5, 21, len(a)), 100 * rng.integers(5, 21, len(a))
        add(a, False, b, ua)
        add(b, False, a, ub)
        inst_sum[b] += ua
        inst_sum[a] += ub
        for cyc in self.cycles:
            cu = 100 * rng.integers(5, 31, len(cyc))
            add(cyc, False, np.roll(cyc, -1), cu)
            inst_sum[np.roll(cyc, -1)] += cu
        # Corporate shareholders of ordinary companies: always an older company (no new cycles).
        plain = np.flatnonzero(crole == C_PLAIN)
        corp_t = plain[rng.random(len(plain)) < 0.08]
        pool = np.flatnonzero(np.isin(crole, (C_PLAIN, C_GROUP, C_STATE)))
        corp_h = pool[rng.integers(0, len(pool), len(corp_t))]
        ok = est[corp_h] < est[corp_t]
        corp_t, corp_h = corp_t[ok], corp_h[ok]
        cu = 100 * rng.integers(20, 61, len(corp_t))
        add(corp_h, False, corp_t, cu)
        inst_sum[corp_t] += cu
        assert inst_sum.max() <= 10000

        # Natural-person holders take what is left ------------------------------------------
        held = np.isin(crole, (C_PLAIN, C_STATE, C_MIXED, C_GROUP, C_NOMINEE, C_CROSS, C_CYCLE, C_OVER)) | (
            self.kind == K_COOP
        )
        targets = np.flatnonzero(held & (inst_sum < 10000))
        rem = 10000 - inst_sum[targets]
        short = (crole[targets] == C_PLAIN) & (rng.random(len(targets)) < 0.03)
        rem[short] -= (rem[short] * rng.uniform(0.01, 0.15, int(short.sum()))).astype(np.int64) // 100 * 100
        k = rng.choice(3, size=len(targets), p=(0.30, 0.40, 0.30)) + 1  # 1-3 persons
        coop = self.kind[targets] == K_COOP
        k[coop] = rng.integers(5, 10, int(coop.sum()))
        q = np.where((rng.random(len(targets)) < 0.8) & (rem % 100 == 0), 100, 1)
        grid = rem // q
        k = np.maximum(np.minimum(k, grid), 1)
        slots = 9
        w = rng.gamma(np.where(np.arange(slots) == 0, 2.5, 1.0), size=(len(targets), slots))
        w[np.arange(slots)[None, :] >= k[:, None]] = 0.0
        w /= w.sum(axis=1, keepdims=True)
        counts = rng.multinomial(grid - k, w) + (np.arange(slots)[None, :] < k[:, None])
        share = counts * q[:, None]
        share[:, 0] += rem - grid * q
        tt, ss = np.nonzero(counts > 0)
        target = targets[tt]
        units = share[tt, ss]
        first = ss == 0
        holder = self.stream.take(len(target))
        own = first & np.isin(crole[target], (C_PLAIN, C_CROSS, C_CYCLE, C_OVER, C_MIXED)) | first & (
            self.kind[target] == K_COOP
        )
        holder[own] = self.principal[target[own]]
        # Over 100%: a former holder whose exit the registry never recorded.
        over = self.members[C_OVER]
        holder = np.concatenate([holder, self.stream.take(len(over))])
        target = np.concatenate([target, over])
        units = np.concatenate([units, 100 * rng.integers(10, 31, len(over))])
        # no person twice for one target
        for _ in range(10):
            key = holder * n + target
            _, first_at = np.unique(key, return_index=True)
            dup = np.ones(len(key), bool)
            dup[first_at] = False
            if not dup.any():
                break
            holder[dup] = self.stream.take(int(dup.sum()))
        # Co-holders who sold their stake: the buyer holds it from the sale, the seller until
        # the day before (ordinary companies old enough, not the founder's slot).
        base = len(tt)  # the rows before the over-100% extras
        t0 = target[:base]
        sellable = (ss > 0) & (crole[t0] == C_PLAIN) & (est[t0] <= TODAY - 400) & ~np.isin(t0, self.transfer)
        sold = np.flatnonzero(sellable & (rng.random(base) < 0.45))
        st = target[sold]
        sale = est[st] + 180 + (rng.random(len(sold)) * (TODAY - 30 - est[st] - 180)).astype(np.int64)
        seller = self.stream.take(len(sold))
        sale_since = np.full(len(holder), -1, np.int64)
        sale_since[sold] = sale
        add(holder, True, target, units, since=sale_since)

        # Current rows: since = the target's establishment (or the holder's, if later).
        H = np.concatenate(h_list)
        IP = np.concatenate(p_list)
        T = np.concatenate(t_list)
        U = np.concatenate(u_list)
        given = np.concatenate(s_list)
        since = np.where(IP, est[T], np.maximum(est[T], est[np.where(IP, 0, H)]))
        # Equity transfers: the current holders came in on the transfer date.
        tdate = np.full(n, -1, np.int64)
        tdate[self.transfer] = self.transfer_date
        moved = tdate[T] >= 0
        since[moved] = np.maximum(since[moved], tdate[T[moved]])
        since = np.where(given >= 0, given, since)
        history = np.zeros(n, bool)
        history[self.transfer] = True
        history[over] = True
        history[st] = True
        unknown_since = ~history[T] & (rng.random(len(T)) < 0.08)
        S = np.where(unknown_since, -1, since)
        E = np.full(len(T), -1, np.int64)
        H = np.concatenate([H, seller])
        IP = np.concatenate([IP, np.ones(len(sold), bool)])
        T = np.concatenate([T, st])
        U = np.concatenate([U, units[sold]])
        S = np.concatenate([S, est[st]])
        E = np.concatenate([E, sale - 1])
        tr = self.transfer
        H = np.concatenate([H, self.transfer_from])
        IP = np.concatenate([IP, np.ones(len(tr), bool)])
        T = np.concatenate([T, tr])
        U = np.concatenate([U, np.full(len(tr), 10000)])
        S = np.concatenate([S, est[tr]])
        E = np.concatenate([E, self.transfer_date - 1])

        # Dilution: the founder's stake falls step by step as new holders come in.
        dil = self.members[C_DILUTION]
        m = rng.choice([2, 3, 4], size=len(dil), p=(0.4, 0.35, 0.25))
        drops = 100 * 5 * rng.integers(1, 7, size=(len(dil), 3))  # 5%..30% each
        ratio = 10000 - np.cumsum(drops, axis=1)  # after change 1, 2, 3
        lo = est[dil] + 180
        days = np.sort(
            lo[:, None] + (rng.random((len(dil), 3)) * (TODAY - 30 - lo)[:, None]).astype(np.int64), axis=1
        )
        days += np.arange(3)[None, :]
        founder = self.principal[dil]
        for j in range(4):  # the founder's row for stage j
            rows = m > j
            start = est[dil] if j == 0 else days[:, j - 1]
            stop = np.where(m - 1 > j, days[:, min(j, 2)] - 1, -1)
            units = 10000 if j == 0 else ratio[:, j - 1]
            H = np.concatenate([H, founder[rows]])
            IP = np.concatenate([IP, np.ones(int(rows.sum()), bool)])
            T = np.concatenate([T, dil[rows]])
            U = np.concatenate([U, np.broadcast_to(units, len(dil))[rows]])
            S = np.concatenate([S, np.broadcast_to(start, len(dil))[rows]])
            E = np.concatenate([E, stop[rows]])
        for j in range(1, 4):  # the newcomer of change j keeps its stake
            rows = m > j
            newcomer = self.stream.take(int(rows.sum()))
            same = newcomer == founder[rows]
            newcomer[same] = self.stream.take(int(same.sum()))
            H = np.concatenate([H, newcomer])
            IP = np.concatenate([IP, np.ones(int(rows.sum()), bool)])
            T = np.concatenate([T, dil[rows]])
            U = np.concatenate([U, drops[rows, j - 1]])
            S = np.concatenate([S, days[rows, j - 1]])
            E = np.concatenate([E, np.full(int(rows.sum()), -1)])

        # One row per holder, target and since (a random co-holder may repeat a holder).
        key = ((H * 2 + IP) * n + T) * 65536 + (S - day_number("1900-01-01"))
        _, first_at = np.unique(key, return_index=True)
        keep = np.zeros(len(key), bool)
        keep[first_at] = True
        keep &= (H != T) | IP
        H, IP, T, U, S, E = H[keep], IP[keep], T[keep], U[keep], S[keep], E[keep]
        order = np.lexsort((S, T))
        H, IP, T, U, S, E = H[order], IP[order], T[order], U[order], S[order], E[order]
        self.holdings_table = (H, IP, T, U, S, E)
        k = len(T)
        cap = self.capital[T]
        derived = (cap > 0) & (rng.random(k) < 0.03) & ~history[T]
        with_sub = derived | ((cap > 0) & (rng.random(k) < 0.6))
        percent = ~derived & (rng.random(k) < 0.1)
        sub_yuan = (U * cap + 5000) // 10000
        ratio_str = pc.if_else(pa.array(percent), join(num(U / 100.0), "%"), num(U / 10000.0))
        ratio_str = pc.if_else(pa.array(derived), pa.nulls(k, STR), ratio_str)
        holder_str = pc.if_else(
            pa.array(IP),
            self.ref_str.take(pa.array(np.where(IP, H, 0))),
            self.uscc_str.take(pa.array(np.where(IP, 0, H))),
        )
        return {
            "holder": holder_str,
            "target": self.uscc_str.take(pa.array(T)),
            "ratio": ratio_str,
            "subscribed_capital": wan(sub_yuan, mask=~with_sub),
            "since": date(np.maximum(S, 0), mask=S < 0),
            "until": date(np.maximum(E, 0), mask=E < 0),
        }
