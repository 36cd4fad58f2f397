"""enterprises.csv: names, addresses, phones, capital and status of every enterprise."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.model import EnterpriseStatus

from .codes import ALPHA, digits, uscc_array
from .columns import STR, by_case, code_strings, date, join, lookup, num, wan
from .days import day_number
from .kinds import (
    C_BRANCH,
    C_NOMINEE,
    C_STATE,
    K_COMPANY,
    K_COOP,
    K_GOV,
    K_INDIVIDUAL,
    K_PUBLIC,
    K_SOCIAL,
    ORG_TYPE,
)
from .regions import (
    ANCHORS,
    R_ADDRESS,
    R_ADMIN,
    R_AREA,
    R_AREA_LEN,
    R_CITY,
    R_CODE,
    R_CODE_STR,
    R_PREFIX,
    R_SHORT,
    REGIONS,
)
from .sampling import pick_words, unique_ints
from .vocabulary import (
    COOP_WORDS,
    GOV_WORDS,
    GROUP_ROOT_WORDS,
    HUB_ADDRESSES,
    HUB_PHONES,
    INDUSTRY_LETTERS,
    INDUSTRY_WORDS,
    PUBLIC_WORDS,
    ROADS,
    SHOP_WORDS,
    SOCIAL_WORDS,
    STATE_WORDS,
    SYLLABLES,
    cn_number,
)


class Enterprises:
    """enterprises.csv, from the plan of plan_enterprises. A mixin of `generator._Generator`."""

    def enterprises(self) -> dict[str, pa.Array]:
        rng, n, kind, region = self.rng, self.n, self.kind, self.region
        crole, est = self.crole, self.est

        # Shared addresses and phones: an incubator, agencies (the nominees' shells live there).
        hub_addr = np.full(n, -1, np.int64)
        open_ = np.flatnonzero(((kind == K_COMPANY) | (kind == K_INDIVIDUAL)) & (crole != C_BRANCH))
        nom = self.members[C_NOMINEE]
        nom_hub = nom[rng.random(len(nom)) < 0.7]
        hub_addr[nom_hub] = 1 + (rng.random(len(nom_hub)) * (len(HUB_ADDRESSES) - 1)).astype(np.int64)
        for h, (_, _, share) in enumerate(HUB_ADDRESSES):
            k = max(3, round(share * n))
            chosen = open_[rng.integers(0, len(open_), k)]
            hub_addr[chosen] = h
        hubbed = np.flatnonzero(hub_addr >= 0)
        region[hubbed] = [R_CODE_STR.index(HUB_ADDRESSES[h][1]) for h in hub_addr[hubbed]]
        self.hub_addr = hub_addr

        # USCC: head by kind, region, body (old organisation code before 2015-10, else MA/MJ).
        social_kind = rng.choice(3, size=n, p=(0.45, 0.5, 0.05))
        head = np.select(
            [kind == K_COMPANY, kind == K_COOP, kind == K_INDIVIDUAL, kind == K_PUBLIC, kind == K_SOCIAL],
            [91, 93, 92, 12, 51 + social_kind],
            11,
        )
        self.social_kind = social_kind
        old = ((est < day_number("2015-10-01")) | (kind == K_PUBLIC) | (kind == K_GOV)) & (kind != K_SOCIAL)
        body = np.empty((n, 8), np.uint8)
        rows = np.flatnonzero(old)
        body[rows] = digits(unique_ints(rng, 10**6, 10**8, len(rows)), 8)
        rows = np.flatnonzero(~old)
        code = unique_ints(rng, 0, 31**6, len(rows))
        letters = ALPHA[(code[:, None] // (31 ** np.arange(5, -1, -1))) % 31]
        body[rows, 0] = ord("M")
        body[rows, 1] = np.where(kind[rows] == K_SOCIAL, ord("J"), ord("A"))
        body[rows, 2:] = letters
        head_ascii = digits(head, 2)
        self.uscc = uscc_array(head_ascii, R_CODE[region], body)
        self.uscc_str = code_strings(self.uscc)

        names = self._names()
        self.names = names

        # Addresses: region + road + number, then building/unit/room, a floor or nothing;
        # a few shared by thousands; some government bodies without one.
        road = rng.integers(0, len(ROADS), n)
        number = 1 + (rng.random(n) ** 2 * 900).astype(np.int64)
        case = rng.choice(4, size=n, p=(0.4, 0.3, 0.2, 0.1))
        building, unit, floor_ = rng.integers(1, 30, n), rng.integers(1, 7, n), rng.integers(1, 25, n)
        room = rng.integers(1, 7, n) * 100 + rng.integers(1, 5, n)
        case[(rng.random(n) < np.where(kind == K_GOV, 0.15, 0.0)) & (np.arange(n) >= len(ANCHORS))] = 4
        case[hub_addr >= 0] = 5
        hubs = [a for a, _, _ in HUB_ADDRESSES]

        def street(r: np.ndarray) -> pa.Array:
            return join(lookup(R_ADDRESS, region[r]), lookup(ROADS, road[r]), num(number[r]), "号")

        address = by_case(
            case,
            lambda r: street(r),
            lambda r: join(street(r), num(building[r]), "号楼", num(unit[r]), "单元", num(room[r]), "室"),
            lambda r: join(street(r), num(floor_[r]), "层"),
            lambda r: join(street(r), num(room[r]), "室"),
            lambda r: pa.nulls(len(r), STR),
            lambda r: lookup(hubs, hub_addr[r]),
        )

        # Phones: mobiles, landlines (offices always), some empty, agency numbers shared by many.
        case = rng.choice(3, size=n, p=(0.6, 0.3, 0.1))
        case[(kind == K_GOV) | (kind == K_PUBLIC)] = 1
        second = np.array([3, 5, 7, 8, 9])[rng.integers(0, 5, n)]
        mobile = (10 + second) * 10**9 + rng.integers(0, 10**9, n)
        local = np.where(
            R_AREA_LEN[region] == 3, rng.integers(10**7, 10**8, n), 8 * 10**6 + rng.integers(0, 10**6, n)
        )
        hub_phone = np.full(n, -1, np.int64)
        nom_ph = nom[rng.random(len(nom)) < 0.8]
        hub_phone[nom_ph] = (rng.random(len(nom_ph)) * len(HUB_PHONES)).astype(np.int64)
        for h, (_, share) in enumerate(HUB_PHONES):
            chosen = open_[rng.integers(0, len(open_), max(3, round(share * n)))]
            hub_phone[chosen] = h
        case[hub_phone >= 0] = 3
        phone = by_case(
            case,
            lambda r: num(mobile[r]),
            lambda r: join(lookup(R_AREA, region[r]), "-", num(local[r])),
            lambda r: pa.nulls(len(r), STR),
            lambda r: lookup([p for p, _ in HUB_PHONES], hub_phone[r]),
        )

        status_names = (
            EnterpriseStatus.ACTIVE,
            EnterpriseStatus.REVOKED,
            EnterpriseStatus.DEREGISTERED,
            EnterpriseStatus.MOVED_OUT,
        )
        parent = self.branch_parent
        return {
            "uscc": self.uscc_str,
            "name": names,
            "org_type": lookup([t.value for t in ORG_TYPE], kind),
            "status": lookup([s.value for s in status_names], self.status),
            "established": date(est),
            "registered_capital": wan(self.capital, mask=self.capital == 0),
            "region_code": lookup(R_CODE_STR, region),
            "industry": lookup(INDUSTRY_LETTERS, self.industry),
            "address": address,
            "phone": phone,
            "parent_uscc": self.uscc_str.take(pa.array(np.maximum(parent, 0), mask=parent < 0)),
        }

    def _names(self) -> pa.Array:
        """Registered names: region + 字号 + industry word + organisational form.

        Each template is built only for its own rows; repeats get a three-syllable 字号
        (twice), except individual businesses, which registers allow to share a name.
        """
        rng, n, kind, region = self.rng, self.n, self.kind, self.region
        syl = len(SYLLABLES)
        syl_or_empty = (*SYLLABLES, "")

        # per-row parts, drawn up front
        county = np.array([p[-1] in "县市" for p in R_PREFIX])[region]
        prefix_idx = region + len(REGIONS) * ((rng.random(n) < 0.3) & ~county)  # 佳木斯 / 佳木斯市
        prefixes = [*R_PREFIX, *(p + "市" for p in R_PREFIX)]
        flat_w, word_idx = pick_words(rng, INDUSTRY_WORDS, list(INDUSTRY_LETTERS), self.industry)
        form = np.where(rng.random(n) < 0.75, 0, 1)
        form[(self.capital >= 5000 * 10000) & (rng.random(n) < 0.3)] = 2
        root_w = rng.integers(0, len(GROUP_ROOT_WORDS), n)
        state_w = rng.integers(0, len(STATE_WORDS), n)
        state_form = rng.choice(3, size=n, p=(0.6, 0.3, 0.1))
        coop_w = rng.integers(0, len(COOP_WORDS), n)
        flat_s, shop_idx = pick_words(rng, SHOP_WORDS, list(INDUSTRY_LETTERS), self.industry)
        flat_p, pub_idx = pick_words(rng, PUBLIC_WORDS, list(INDUSTRY_LETTERS), self.industry)
        ordinal = rng.random(n) < 0.3
        school_no = rng.integers(1, 40, n)
        school = rng.integers(0, 3, n)
        flat_o, soc_idx = pick_words(rng, SOCIAL_WORDS, ["51", "52", "53"], self.social_kind)
        gov_w = rng.integers(0, len(GOV_WORDS), n)
        forms = ("有限公司", "有限责任公司", "股份有限公司")
        cn = [cn_number(k) for k in range(100)]

        choice = np.select(
            [kind == K_COOP, kind == K_INDIVIDUAL, kind == K_PUBLIC, kind == K_SOCIAL, kind == K_GOV],
            [1, 2, 3, 4, 5],
            0,
        )
        in_group = self.group_of >= 0
        is_root = np.zeros(n, bool)
        is_root[self.group_roots] = True
        state_member = in_group & self.state_group[np.maximum(self.group_of, 0)]
        choice[is_root & ~state_member] = 6
        choice[is_root & state_member] = 8
        choice[self.crole == C_STATE] = 7

        def build(rows: np.ndarray, z: pa.Array, retry: bool) -> pa.Array:
            return by_case(choice[rows], *(partial(template, j, rows, z, retry) for j in range(9)))

        def template(j: int, rows: np.ndarray, z: pa.Array, retry: bool, sel: np.ndarray) -> pa.Array:
            r, zz = rows[sel], z.take(pa.array(sel))
            pre, admin = lookup(prefixes, prefix_idx[r]), lookup(R_ADMIN, region[r])
            if j == 0:
                out = join(pre, zz, lookup(flat_w, word_idx[r]), lookup(forms, form[r]))
            elif j == 1:
                out = join(pre, zz, lookup(COOP_WORDS, coop_w[r]), "专业合作社")
            elif j == 2:
                out = join(admin, zz, lookup(flat_s, shop_idx[r]))
            elif j == 3:
                numbered = join(
                    admin, "第", lookup(cn, school_no[r]), lookup(("中学", "小学", "幼儿园"), school[r])
                )
                named = join(admin, zz, lookup(flat_p, pub_idx[r]))
                out = named if retry else pc.if_else(pa.array(ordinal[r]), numbered, named)
            elif j == 4:
                where = pc.if_else(pa.array(self.social_kind[r] == 1), admin, lookup(R_CITY, region[r]))
                out = join(where, zz, lookup(flat_o, soc_idx[r]))
            elif j == 5:
                out = join(admin, zz, lookup(GOV_WORDS, gov_w[r]))
            elif j == 6:
                out = join(pre, zz, lookup(GROUP_ROOT_WORDS, root_w[r]), "有限公司")
            else:  # 7: state enterprise, 8: root of a state group
                suffix = lookup(
                    ("有限公司", "有限责任公司", "集团有限公司"), np.where(j == 8, 2, state_form[r])
                )
                out = join(admin, zz if retry else "", lookup(STATE_WORDS, state_w[r]), suffix)
            return out

        # 字号: two syllables, sometimes three; group members share their group's
        s1, s2 = rng.integers(0, syl, n), rng.integers(0, syl, n)
        s3 = np.where(rng.random(n) < 0.08, rng.integers(0, syl, n), syl)
        g1, g2 = rng.integers(0, syl, self.n_groups), rng.integers(0, syl, self.n_groups)
        m = np.flatnonzero(in_group)
        s1[m], s2[m], s3[m] = g1[self.group_of[m]], g2[self.group_of[m]], syl
        z = join(lookup(SYLLABLES, s1), lookup(SYLLABLES, s2), lookup(syl_or_empty, s3))
        names = build(np.arange(n), z, retry=False)
        na = len(ANCHORS)
        anchors = np.zeros(n, bool)
        anchors[:na] = True
        names = pc.replace_with_mask(names, pa.array(anchors), pa.array([a for a, _, _ in ANCHORS], STR))

        for _ in range(2):
            codes = np.asarray(pc.dictionary_encode(names).indices)
            _, first = np.unique(codes, return_index=True)
            dup = np.ones(n, bool)
            dup[first] = False
            dup &= ~anchors & (kind != K_INDIVIDUAL)
            rows = np.flatnonzero(dup)
            if len(rows) == 0:
                break
            k = len(rows)
            z3 = join(*(lookup(SYLLABLES, rng.integers(0, syl, k)) for _ in range(3)))
            names = pc.replace_with_mask(names, pa.array(dup), build(rows, z3, retry=True))

        # Branches: the parent's name + place + 分公司 (第二分公司 ... for repeats).
        br = np.sort(self.members[C_BRANCH])
        if len(br):
            base = join(names.take(pa.array(self.branch_parent[br])), lookup(R_SHORT, region[br]))
            codes = np.asarray(pc.dictionary_encode(base).indices).astype(np.int64)
            order = np.argsort(codes, kind="stable")
            sorted_codes = codes[order]
            group_start = np.r_[0, np.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1]
            starts = np.repeat(group_start, np.diff(np.r_[group_start, len(codes)]))
            rank = np.empty(len(codes), np.int64)
            rank[order] = np.arange(len(codes)) - starts
            suffixes = ["分公司"] + [f"第{cn_number(k + 1)}分公司" for k in range(1, 99)]
            mask = np.zeros(n, bool)
            mask[br] = True
            names = pc.replace_with_mask(
                names, pa.array(mask), join(base, lookup(suffixes, np.minimum(rank, 98)))
            )
        return names
