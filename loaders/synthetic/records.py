"""records.csv: credit records of every kind, with lifecycle statuses judged against the
export date."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.model import RecordKind

from .columns import STR, concat, date, join, lookup, num, zpad
from .days import TODAY, YEAR, day_number
from .kinds import C_BRANCH, K_COMPANY, K_COOP, K_INDIVIDUAL, K_PUBLIC
from .record_tables import (
    ABNORMAL,
    AUTH_PREFIX,
    BLACKLIST,
    JUDGMENT_ITEMS,
    KIND_ORDER,
    L_CITY,
    L_COURT_CITY,
    L_COURT_LOCAL,
    L_LOCAL,
    L_TAX_CITY,
    L_TAX_LOCAL,
    LICENCE,
    LICENCE_BY_IND,
    NEGATIVE,
    PENALTY,
    PENALTY_BY_IND,
    PROCUREMENT,
    RECORD_STATUS,
    RED,
    S_ACTIVE,
    S_CORRECTED,
    S_EXPIRED,
    S_OBJECTION,
    S_REPAIRED,
    S_REVOKED,
)
from .regions import MAIN_IDX, MAIN_P, R_CITY_LEVEL, R_COURT, R_COURT_CITY, REGIONS
from .sampling import pick_words
from .vocabulary import INDUSTRY_LETTERS


class Records:
    """records.csv. A mixin of `generator._Generator`."""

    def records(self) -> dict[str, pa.Array]:
        rng, kind, est, region = self.rng, self.kind, self.est, self.region
        blocks: list[dict] = []
        companies = np.flatnonzero((kind == K_COMPANY) & (self.crole != C_BRANCH) | (kind == K_COOP))
        trading = np.flatnonzero((kind == K_COMPANY) | (kind == K_COOP) | (kind == K_INDIVIDUAL))
        old_enough = est <= TODAY - 60
        companies = companies[old_enough[companies]]
        trading = trading[old_enough[trading]]

        def decided(ents: np.ndarray, lo: str = "2014-01-01", skew: float = 1.3) -> np.ndarray:
            start = np.maximum(est[ents] + 30, day_number(lo))
            start = np.minimum(start, TODAY - 2)
            return TODAY - 1 - ((rng.random(len(ents)) ** skew) * (TODAY - 1 - start)).astype(np.int64)

        def sample(pool: np.ndarray, rate: float, minimum: int) -> np.ndarray:
            k = min(len(pool), max(minimum, round(rate * len(pool))))
            return np.sort(rng.choice(pool, size=k, replace=False))

        def plus_years(days: np.ndarray, years: np.ndarray) -> np.ndarray:
            return np.where(years > 0, days + (years * 365.25).astype(np.int64) - 1, -1)

        def responsible(ents: np.ndarray, act: np.ndarray, share: float) -> pa.Array:
            k = len(ents)
            rep = self.rep_at(ents, act)
            mgr = self.manager[ents]
            has_mgr = (mgr >= 0) & (mgr != rep) & (self.manager_since[ents] <= act)
            named = rng.random(k) < share
            mode = rng.random(k)
            first = np.where(has_mgr & (mode < 0.1), mgr, rep)
            second = np.where(has_mgr & (mode >= 0.1) & (mode < 0.45), mgr, -1)
            a = self.ref_str.take(pa.array(first))
            b = join(";", self.ref_str.take(pa.array(np.maximum(second, 0))))
            both = pc.if_else(pa.array(second >= 0), join(a, b), a)
            return pc.if_else(pa.array(named), both, pa.nulls(k, STR))

        def block(kind_: RecordKind, subj: np.ndarray, is_person: np.ndarray | bool, reg: np.ndarray, **cols):
            k = len(subj)
            blocks.append(
                dict(
                    kind=kind_, subj=np.asarray(subj, np.int64),
                    is_person=np.full(k, is_person) if np.isscalar(is_person) else is_person,
                    region=reg, **cols,
                )
            )  # fmt: skip

        def authority(level: np.ndarray, dept: pa.Array, reg: np.ndarray) -> pa.Array:
            return join(lookup(AUTH_PREFIX, level * len(REGIONS) + reg), dept)

        # blacklist --------------------------------------------------------------------------
        subj = sample(trading, 0.003, 4)
        w = np.array([b[5] for b in BLACKLIST], float)
        cat = rng.choice(len(BLACKLIST), size=len(subj), p=w / w.sum())
        dec = decided(subj, "2016-01-01")
        act = np.maximum(dec - rng.integers(20, 400, len(subj)), est[subj])
        years = rng.choice([3, 5, 0], size=len(subj), p=(0.7, 0.15, 0.15))
        years[(cat == 5) & (rng.random(len(subj)) < 0.5)] = 0
        reg = region[subj]
        level = np.array([b[2] for b in BLACKLIST])[cat]
        block(
            RecordKind.BLACKLIST, subj, False, reg,
            category=lookup([b[0] for b in BLACKLIST], cat),
            authority=authority(level, lookup([b[1] for b in BLACKLIST], cat), reg),
            basis=lookup([b[3] for b in BLACKLIST], cat),
            act=act, dec=dec, valid=plus_years(dec, years),
            repairable=np.array([b[4] for b in BLACKLIST])[cat],
            monitoring=rng.choice([12, 24, 36], size=len(subj)),
            responsible=responsible(subj, act, 0.85),
            summary=lookup([b[6] for b in BLACKLIST], cat),
        )  # fmt: skip

        # judgment debtors: enterprises, their legal representatives, the court feed's persons --
        subj = sample(trading, 0.01, 4)
        court_persons = np.flatnonzero(self.court_feed)
        dec_e = decided(subj, "2015-01-01")
        reps = subj[rng.random(len(subj)) < 0.3]
        dec_r = decided(reps, "2015-01-01")
        rep_persons = self.rep_at(reps, dec_r)
        ps = np.concatenate([rep_persons, court_persons])
        pd_ = np.concatenate(
            [
                dec_r,
                TODAY
                - 1
                - (rng.random(len(court_persons)) ** 1.3 * (TODAY - 1 - day_number("2015-01-01"))).astype(
                    np.int64
                ),
            ]
        )
        preg = np.concatenate(
            [region[reps], MAIN_IDX[rng.choice(len(MAIN_IDX), size=len(court_persons), p=MAIN_P)]]
        )
        allsubj = np.concatenate([subj, ps])
        is_person = np.concatenate([np.zeros(len(subj), bool), np.ones(len(ps), bool)])
        dec = np.concatenate([dec_e, pd_])
        reg = np.concatenate([region[subj], preg])
        k = len(allsubj)
        act = dec - rng.integers(60, 720, k)  # the judgment that was not performed
        act = np.where(is_person, act, np.maximum(act, est[np.where(is_person, 0, allsubj)]))
        item = rng.choice(6, size=k, p=(0.6, 0.05, 0.1, 0.15, 0.05, 0.05))
        years = np.where(item == 0, 0, 2)
        year = dec.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        # a basic court for a district or county, the intermediate court for the city itself
        court_local = (rng.random(k) < 0.75) & ~R_CITY_LEVEL[reg]
        court_code = pc.if_else(pa.array(court_local), lookup(R_COURT, reg), lookup(R_COURT_CITY, reg))
        case = join("（", num(year), "）", court_code, "执", num(rng.integers(1, 5000, k)), "号")
        block(
            RecordKind.JUDGMENT_DEBTOR, allsubj, is_person, reg,
            category=pa.array(["拒不履行法院判决"] * k, STR),
            authority=authority(np.where(court_local, L_COURT_LOCAL, L_COURT_CITY), pc.if_else(pa.array(court_local), "人民法院", "中级人民法院"), reg),
            basis=join("《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条", lookup([i[0] for i in JUDGMENT_ITEMS], item)),
            act=act, dec=dec, valid=plus_years(dec, years), repairable=np.ones(k, bool),
            summary=join(case, " ", lookup([i[1] for i in JUDGMENT_ITEMS], item)),
        )  # fmt: skip

        # administrative penalties ----------------------------------------------------------
        subj = sample(trading, 0.04, 12)
        subj = np.repeat(subj, rng.choice([1, 2, 3], size=len(subj), p=(0.8, 0.15, 0.05)))
        k = len(subj)
        keys = list(PENALTY_BY_IND)
        key_of_letter = np.array([keys.index(x if x in PENALTY_BY_IND else "") for x in INDUSTRY_LETTERS])
        flat, idx = pick_words(rng, PENALTY_BY_IND, keys, key_of_letter[self.industry[subj]])
        cat = np.array(flat, np.int64)[idx]
        dec = decided(subj)
        act = np.maximum(dec - rng.integers(7, 200, k), est[subj])
        serious = rng.random(k) < 0.2
        years = np.where(serious, 3, 1)
        fine = (np.exp(rng.normal(np.log(5000), 1.2, k)) // 100 * 100 + 100).astype(np.int64)
        form = rng.choice(4, size=k, p=(0.15, 0.6, 0.15, 0.1))
        fine_s = num(fine)
        summary = pc.choose(
            pa.array(form.astype(np.int8)),
            pa.array(["警告"] * k, STR),
            join("罚款", fine_s, "元"),
            join("没收违法所得", num(fine // 3 // 100 * 100 + 100), "元并处罚款", fine_s, "元"),
            join("责令停产停业并处罚款", fine_s, "元"),
        )
        reg = region[subj]
        block(
            RecordKind.ADMIN_PENALTY, subj, False, reg,
            category=lookup([p[0] for p in PENALTY], cat),
            authority=authority(np.array([p[2] for p in PENALTY])[cat], lookup([p[1] for p in PENALTY], cat), reg),
            basis=lookup([p[3] for p in PENALTY], cat),
            act=act, dec=dec, valid=plus_years(dec, years),
            repairable=~(serious & (rng.random(k) < 0.4)),
            responsible=responsible(subj, act, 0.4), summary=summary,
        )  # fmt: skip

        # administrative licences -------------------------------------------------------------
        eligible = np.concatenate([trading, np.flatnonzero((kind == K_PUBLIC) & old_enough)])
        subj = eligible[rng.random(len(eligible)) < 0.35]
        subj = np.sort(np.repeat(subj, rng.choice([1, 2, 3], size=len(subj), p=(0.7, 0.22, 0.08))))
        k = len(subj)
        keys = list(INDUSTRY_LETTERS)
        flat, idx = pick_words(rng, LICENCE_BY_IND, keys, self.industry[subj])
        cat = np.array(flat, np.int64)[idx]
        dec = decided(subj, "2010-01-01", 1.0)
        act = dec - rng.integers(1, 20, k)
        act = np.maximum(act, est[subj])
        years = np.array([lic[4] for lic in LICENCE])[cat]
        reg = region[subj]
        block(
            RecordKind.ADMIN_LICENCE, subj, False, reg,
            category=lookup([lic[0] for lic in LICENCE], cat),
            authority=authority(np.array([lic[2] for lic in LICENCE])[cat], lookup([lic[1] for lic in LICENCE], cat), reg),
            basis=join("《中华人民共和国行政许可法》第三十八条 ", lookup([lic[3] for lic in LICENCE], cat)),
            act=act, dec=dec, valid=plus_years(dec, years),
            summary=join("准予", lookup([lic[0] for lic in LICENCE], cat)),
        )  # fmt: skip

        # abnormal operation: the shells at agency addresses far more often ---------------------
        p = np.where(self.hub_addr[trading] >= 0, 0.35, 0.06)
        subj = trading[rng.random(len(trading)) < p]
        if len(subj) < 3:
            subj = trading[:3]
        k = len(subj)
        reason = rng.choice(3, size=k, p=(0.7, 0.25, 0.05))
        dec = decided(subj, "2014-10-01")
        reg = region[subj]
        block(
            RecordKind.ABNORMAL_OPERATION, subj, False, reg,
            category=lookup([a[0] for a in ABNORMAL], reason),
            authority=authority(np.full(k, L_LOCAL), pa.array(["市场监督管理局"] * k, STR), reg),
            basis=lookup([a[1] for a in ABNORMAL], reason),
            act=dec - rng.integers(0, 60, k), dec=dec,
            valid=plus_years(dec, np.where(rng.random(k) < 0.3, 3, 0)), repairable=np.ones(k, bool),
            summary=lookup([a[2] for a in ABNORMAL], reason),
        )  # fmt: skip

        # tax credit levels: yearly ratings, A-level ones also on the red list ---------------------
        rated = companies[(rng.random(len(companies)) < 0.3) & (est[companies] < day_number("2026-01-01"))]
        nyears = rng.choice([1, 2, 3], size=len(rated), p=(0.4, 0.35, 0.25))
        est_year = est[rated].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        last = rng.integers(np.maximum(est_year, 2014), 2026)
        subj = np.repeat(rated, nyears)
        offset = np.arange(len(subj)) - np.repeat(np.cumsum(nyears) - nyears, nyears)
        ryear = np.repeat(last, nyears) - offset
        ok = ryear >= np.maximum(np.repeat(est_year, nyears), 2014)
        subj, ryear = subj[ok], ryear[ok]
        k = len(subj)
        lvl = rng.choice(5, size=k, p=(0.2, 0.45, 0.12, 0.08, 0.15))  # A B C D M
        lvl[ryear == np.repeat(est_year, nyears)[ok]] = 4  # first year: M
        act = np.array([day_number(f"{y}-12-31") for y in range(2013, 2027)])[ryear - 2013]
        dec = act + 91 + rng.integers(0, 30, k)  # decided in April
        valid = act + 456  # until the end of March two years on
        reg = region[subj]
        level_tax = np.where(rng.random(k) < 0.5, L_TAX_LOCAL, L_TAX_CITY)
        block(
            RecordKind.TAX_CREDIT, subj, False, reg,
            category=pa.array(["税收"] * k, STR),
            level=lookup(("A", "B", "C", "D", "M"), lvl),
            authority=authority(level_tax, pa.array(["税务局"] * k, STR), reg),
            basis=pa.array(["《纳税信用管理办法（试行）》第二十三条"] * k, STR),
            act=act, dec=dec, valid=valid, summary=join(num(ryear), "年度纳税信用评价"),
        )  # fmt: skip
        a_level = np.flatnonzero((lvl == 0) & (ryear >= 2019) & (rng.random(k) < 0.5))
        red_subj = [subj[a_level]]
        red_cat = [np.zeros(len(a_level), np.int64)]
        red_dec = [dec[a_level]]

        # procurement bad conduct: suppliers that took part in procurement or bidding -----------
        proj, ent, _ = self.participants
        bidders = np.unique(ent[np.isin(self.project_kind[proj], (0, 1))])
        bidders = bidders[old_enough[bidders]]
        if len(bidders) < 2:
            bidders = companies
        subj = sample(bidders, 0.005, 2)
        k = len(subj)
        item = rng.integers(0, len(PROCUREMENT), k)
        dec = decided(subj, "2016-01-01")
        act = np.maximum(dec - rng.integers(30, 300, k), est[subj])
        reg = region[subj]
        block(
            RecordKind.PROCUREMENT_BAD_CONDUCT, subj, False, reg,
            category=pa.array(["政府采购"] * k, STR),
            authority=authority(np.full(k, L_CITY), pa.array(["财政局"] * k, STR), reg),
            basis=lookup([p[0] for p in PROCUREMENT], item),
            act=act, dec=dec, valid=plus_years(dec, rng.integers(1, 4, k)), repairable=np.ones(k, bool),
            responsible=responsible(subj, act, 0.5), summary=lookup([p[1] for p in PROCUREMENT], item),
        )  # fmt: skip

        # red list -------------------------------------------------------------------------------
        subj = sample(companies, 0.01, 3)
        red_subj.append(subj)
        red_cat.append(rng.integers(1, len(RED), len(subj)))
        red_dec.append(decided(subj, "2017-01-01"))
        subj, cat, dec = (np.concatenate(x) for x in (red_subj, red_cat, red_dec))
        k = len(subj)
        reg = region[subj]
        year = (dec.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970) - (cat == 0)
        block(
            RecordKind.RED_LIST, subj, False, reg,
            category=lookup([r[0] for r in RED], cat),
            authority=authority(np.array([r[2] for r in RED])[cat], lookup([r[1] for r in RED], cat), reg),
            basis=lookup([r[3] for r in RED], cat),
            dec=dec, valid=plus_years(dec, np.array([r[4] for r in RED])[cat]),
            summary=join(num(year), "年度", lookup([r[0] for r in RED], cat)),
        )  # fmt: skip

        return self._assemble_records(blocks)

    def _assemble_records(self, blocks: list[dict]) -> dict[str, pa.Array]:
        rng = self.rng
        kinds = np.concatenate([np.full(len(b["subj"]), KIND_ORDER.index(b["kind"])) for b in blocks])
        dec = np.concatenate([b["dec"] for b in blocks])
        valid = np.concatenate([b["valid"] for b in blocks])
        k = len(kinds)
        repairable = np.concatenate([b.get("repairable", np.ones(len(b["subj"]), bool)) for b in blocks])
        has_repairable = np.concatenate([np.full(len(b["subj"]), "repairable" in b) for b in blocks])
        neg = np.isin(kinds, [KIND_ORDER.index(x) for x in NEGATIVE])
        p_repaired = np.zeros(len(KIND_ORDER))
        for x, pr in NEGATIVE.items():
            p_repaired[KIND_ORDER.index(x)] = pr
        past = (valid >= 0) & (valid < TODAY)
        u = rng.random(k)
        status = np.full(k, S_ACTIVE, np.int64)
        # records past their validity
        status[past] = S_EXPIRED
        status[past & neg & repairable & (u < 0.10)] = S_REPAIRED
        status[past & neg & (u >= 0.95) & (u < 0.98)] = S_REVOKED
        status[past & neg & (u >= 0.98)] = S_CORRECTED
        # records still in force
        live = ~past
        recent = dec >= TODAY - YEAR
        status[live & neg & recent & (u < 0.05)] = S_OBJECTION
        rep_live = live & neg & repairable & (u >= 0.05) & (u < 0.05 + p_repaired[kinds])
        status[rep_live] = S_REPAIRED
        status[live & neg & (u >= 0.97) & (u < 0.985)] = S_REVOKED
        status[live & neg & (u >= 0.985)] = S_CORRECTED
        pos_live = live & ~neg
        status[pos_live & (kinds == KIND_ORDER.index(RecordKind.ADMIN_LICENCE)) & (u < 0.01)] = S_REVOKED
        status[pos_live & (kinds == KIND_ORDER.index(RecordKind.RED_LIST)) & (u < 0.04)] = S_REVOKED
        status[pos_live & (kinds == KIND_ORDER.index(RecordKind.TAX_CREDIT)) & (u < 0.01)] = S_CORRECTED
        # every lifecycle status appears at least once, even in a tiny bundle
        for s, where in (
            (S_OBJECTION, live & neg),
            (S_REPAIRED, neg & repairable),
            (S_EXPIRED, past),
            (S_REVOKED, neg),
            (S_CORRECTED, neg),
        ):
            if not (status == s).any():
                cand = np.flatnonzero(where & (status == S_ACTIVE))
                if len(cand):
                    status[cand[0]] = s

        subj = np.concatenate([b["subj"] for b in blocks])
        is_person = np.concatenate([b["is_person"] for b in blocks])
        subject = pc.if_else(
            pa.array(is_person),
            self.ref_str.take(pa.array(np.where(is_person, subj, 0))),
            self.uscc_str.take(pa.array(np.where(is_person, 0, subj))),
        )
        prefixes = ("HMD", "SXBZX", "XZCF", "XZXK", "JYYC", "NSXY", "ZFCG", "HONG")
        year = dec.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        seq = np.arange(k) - np.searchsorted(kinds, kinds)  # blocks are in kind order
        record_id = join(lookup(prefixes, kinds), "-", num(year), "-", zpad(seq + 1, 8))

        def col(name: str) -> pa.Array:
            parts = [b[name] if name in b else pa.nulls(len(b["subj"]), STR) for b in blocks]
            return concat(parts)

        act = np.concatenate([b.get("act", np.full(len(b["subj"]), -1)) for b in blocks])
        monitoring = np.concatenate([b.get("monitoring", np.full(len(b["subj"]), -1)) for b in blocks])
        return {
            "record_id": record_id,
            "subject": subject,
            "kind": lookup([x.value for x in KIND_ORDER], kinds),
            "category": col("category"),
            "level": col("level"),
            "authority": col("authority"),
            "basis": col("basis"),
            "act_date": date(np.maximum(act, 0), mask=act < 0),
            "decision_date": date(dec),
            "valid_until": date(np.maximum(valid, 0), mask=valid < 0),
            "repairable": pc.if_else(
                pa.array(has_repairable),
                lookup(("false", "true"), repairable.astype(np.int64)),
                pa.nulls(k, STR),
            ),
            "status": lookup([s.value for s in RECORD_STATUS], status),
            "monitoring_months": num(monitoring, mask=monitoring < 0),
            "responsible": col("responsible"),
            "summary": col("summary"),
        }
