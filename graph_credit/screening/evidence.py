"""Gathering the evidence of one credit check: a fixed, small set of indexed queries.

For one candidate on one date: its identity; one upstream ownership fetch (integrated owners,
beneficial owners and the controller from the same subgraph); its officers in office; the other
enterprises its officers, controller and beneficial owners represent, serve or hold; its outbound
stakes (of a holder of many, such as a holding company, the largest and every one a rule can match,
with how many there are); its guarantee links (chains and circles are walked only when it has any); its projects;
then the records of every subject met, in two batched queries (enterprises, persons); then the
restrictions of the subjects whose restrictions a rule can look at. Every node keeps the path
from the candidate that reached it, so a finding can show it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from graph_credit import investigate
from graph_credit.errors import EngineError, NotFound
from graph_credit.investigate import EdgeRef, NodeRef, Path
from graph_credit.model import RecordKind
from graph_credit.ownership import OwnershipAnalysis, Party, ownership_analysis
from graph_credit.screening import records as rec
from graph_credit.screening.models import (
    Candidate,
    Officer,
    Outbound,
    ProjectTie,
    RecordEvidence,
    RestrictionEvidence,
    StakesListing,
    Tie,
)
from graph_credit.screening.policy import Policy
from graph_credit.screening.restrictions import restrictions_of
from graph_credit.screening.stakes_index import stakes_held
from graph_credit.store.base import GraphStore
from graph_credit.store.recording import RecordingStore
from graph_credit.topology import ready_index


@dataclass
class Evidence:
    as_of: dt.date
    candidate: Candidate
    ref: NodeRef
    ownership: OwnershipAnalysis
    officers: list[Officer]
    ties: list[Tie]
    outbound: list[Outbound]
    guarantee_links: int
    chains: investigate.GuaranteeChains | None
    circles: investigate.Cycles | None
    projects: list[ProjectTie]
    refs: dict[str, NodeRef] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    records: dict[str, list[RecordEvidence]] = field(default_factory=dict)
    restrictions: dict[str, list[RestrictionEvidence]] = field(default_factory=dict)
    holder_keys: list[str] = field(default_factory=list)
    listings: list[StakesListing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    queries: int = 0
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def path_to(self, key: str) -> Path:
        return self.paths.get(key) or Path(nodes=[self.ref], edges=[])


#: On LadybugDB a key list this short is read one key per query: a direct key lookup costs about
#: 0.1 ms, the UNWIND text about 0.5-1 ms whatever the list (measured at city scale, as in
#: graph_credit.ownership.LADYBUG_PER_KEY_FRONTIER).
PER_KEY_MAX = 3


# Each batched read with its one-key twin (`$key` instead of `$keys`).
_ONE_KEY = {
    "screening/person_ties": "screening/person_ties_one",
    "screening/record_events": "screening/record_events_one",
    "screening/records_of_enterprises": "screening/records_of_enterprises_one",
    "screening/records_of_persons": "screening/records_of_persons_one",
}


def _read_keys(store: GraphStore, name: str, keys: list[str], **params: Any) -> list[dict[str, Any]]:
    if store.engine == "ladybug" and len(keys) <= PER_KEY_MAX:
        return [r for k in keys for r in store.read(_ONE_KEY[name], key=k, **params)]
    return store.read(name, keys=keys, **params)


def node_of(p: Party) -> NodeRef:
    return NodeRef(
        kind="Person" if p.kind == "person" else "Enterprise", key=p.key, name=p.name, id_masked=p.id_masked
    )


def extend(path: Path, node: NodeRef, edge: EdgeRef) -> Path:
    return Path(nodes=[*path.nodes, node], edges=[*path.edges, edge])


def _candidate(store: GraphStore, uscc: str) -> Candidate:
    rows = store.read("screening/candidate", uscc=uscc)
    if not rows:
        raise NotFound(f"no enterprise with USCC {uscc!r}")
    r = rows[0]
    cap = r["registered_capital"]
    return Candidate(**{**r, "registered_capital": None if cap is None or cap != cap else float(cap)})


def _upstream_paths(ev: Evidence) -> None:
    """The largest simple ownership path from the candidate up to every owner."""
    eff = ev.ownership.effective
    parties = {o.party.key: node_of(o.party) for o in eff.owners}
    parties[ev.ref.key] = ev.ref
    ev.refs.update(parties)
    for o in eff.owners:
        if not o.paths:
            continue
        top = o.paths[0]  # owner first, candidate last
        nodes = [parties.get(k) or NodeRef(kind="Enterprise", key=k) for k in reversed(top.keys)]
        edges = []
        for h in reversed(top.edges):
            holder = parties.get(h.holder)
            edges.append(
                EdgeRef(
                    kind="HOLDS",
                    src_kind=holder.kind if holder else "Enterprise",
                    src=h.holder,
                    dst_kind="Enterprise",
                    dst=h.target,
                    ratio=h.ratio,
                    since=h.since,
                    until=h.until,
                )
            )
        # parallel holdings between the same pair would make edges outnumber hops: keep one per hop
        hop_edges = []
        for a, b in pairwise(nodes):
            hop_edges.append(next(e for e in edges if e.dst == a.key and e.src == b.key))
        ev.paths[o.party.key] = Path(nodes=nodes, edges=hop_edges)


def _officers(store: GraphStore, ev: Evidence) -> None:
    for r in store.read("screening/officers", uscc=ev.ref.key, as_of=ev.as_of):
        person = NodeRef(kind="Person", key=r["pkey"], name=r["name"], id_masked=r["id_masked"])
        role = "legal_rep" if r["edge"] == "LEGAL_REP_OF" else (r["role"] or "officer")
        ev.officers.append(Officer(person=person, role=role, since=r["since"], until=r["until"]))
        ev.refs.setdefault(person.key, person)
        edge = EdgeRef(
            kind=r["edge"],
            src_kind="Person",
            src=person.key,
            dst_kind="Enterprise",
            dst=ev.ref.key,
            role=role,
            since=r["since"],
            until=r["until"],
        )
        ev.paths.setdefault(person.key, Path(nodes=[ev.ref, person], edges=[edge]))
    ev.officers.sort(key=lambda o: (o.role != "legal_rep", o.role, o.person.name or "", o.person.key))


def _ties(store: GraphStore, ev: Evidence, people: dict[str, str], policy: Policy) -> None:
    """Other enterprises of the given persons ({pkey: their place at the candidate})."""
    if not people:
        return
    per: dict[str, int] = defaultdict(int)
    capped: set[str] = set()
    rows = _read_keys(store, "screening/person_ties", list(people), as_of=ev.as_of)
    # The engines return rows in storage order, which differs between them: put them in one order
    # so that the per-person cap keeps the same ties, and the ties and paths come out alike.
    place = {k: i for i, k in enumerate(people)}
    rows.sort(key=lambda r: (place[r["pkey"]], r["uscc"], r["edge"], r["role"] or "", str(r["since"])))
    for r in rows:
        if r["uscc"] == ev.ref.key:
            continue
        if per[r["pkey"]] >= policy.limits.ties_per_person:
            capped.add(r["pkey"])
            continue
        per[r["pkey"]] += 1
        person = ev.refs[r["pkey"]]
        ent = NodeRef(kind="Enterprise", key=r["uscc"], name=r["name"], status=r["status"])
        ev.refs.setdefault(ent.key, ent)
        ev.ties.append(
            Tie(
                enterprise=ent,
                person=person,
                person_role=people[r["pkey"]],
                edge=r["edge"],
                role=r["role"],
                ratio=r["ratio"],
            )
        )
        edge = EdgeRef(
            kind=r["edge"],
            src_kind="Person",
            src=person.key,
            dst_kind="Enterprise",
            dst=ent.key,
            role=r["role"],
            ratio=r["ratio"],
            since=r["since"],
            until=r["until"],
        )
        ev.paths.setdefault(ent.key, extend(ev.path_to(person.key), ent, edge))
    for k in sorted(capped):
        ev.notes.append(
            f"{ev.refs[k].name or k}: only {policy.limits.ties_per_person} other enterprises were checked"
        )


def _interest(policy: Policy, scope: str, role: str) -> tuple[list[str], bool]:
    """What a rule of `scope` can match at an enterprise reached as `role`: the record kinds (every
    kind when a rule takes any), and whether some rule matches restrictions."""
    rules = [
        r for r in policy.rules if r.scope == scope and (scope != "related" or not r.roles or role in r.roles)
    ]
    restricted = any(r.restricted for r in rules)
    on_records = [r for r in rules if not r.restricted]
    if any(not r.kinds for r in on_records):
        return [k.value for k in RecordKind], restricted
    return sorted({k for r in on_records for k in r.kinds}), restricted


#: The most rows screening/stakes_of returns (a literal in its text: see there).
STAKES_READ = 101


def _stakes(
    store: GraphStore, ev: Evidence, holder: NodeRef, min_share: float, role: str, policy: Policy
) -> list[dict[str, Any]]:
    """The holder's stakes to list: all of them, or for a holder of more than `stakes_listed`
    (a holding company with thousands) the largest and every one a rule of the scope can match,
    with a listing that says how many there are."""
    n = policy.limits.stakes_listed
    p = {"key": holder.key, "as_of": ev.as_of, "min_share": min_share - 1e-12}
    index = ready_index(store)
    held = stakes_held(index, holder.key, ev.as_of, p["min_share"], ev.ref.key) if index is not None else None
    if held is not None:
        if len(held) <= n:
            return held.rows(range(len(held)))
        total, rows = len(held), held.rows(range(n))
    else:
        every = store.read("screening/stakes_of", **p)
        if len(every) <= min(n, STAKES_READ - 1):  # all of them (with the candidate, if the holder holds it)
            return sorted(
                (r for r in every if r["target"] != ev.ref.key),
                key=lambda r: (-float(r["ratio"]), r["target"]),
            )
        total = int(store.read("screening/stakes_count", **p, skip=ev.ref.key)[0]["n"])
        rows = store.read("screening/stakes_top", **p, skip=ev.ref.key, n=n)
        if total <= n:
            return rows
    p["skip"] = ev.ref.key
    kinds, restricted = _interest(policy, "outbound" if role == "outbound" else "related", role)
    if held is not None:
        risky = held.rows(held.with_records(kinds))
    else:
        risky = store.read("screening/stakes_with_records", **p, kinds=kinds) if kinds else []
    if restricted:
        risky += store.read("screening/stakes_restricted", **p)
    listed = {(r["target"], r["since"], r["ratio"]): r for r in rows[:n]}
    for r in risky:
        listed.setdefault((r["target"], r["since"], r["ratio"]), r)
    out = sorted(listed.values(), key=lambda r: (-float(r["ratio"]), r["target"]))
    ev.listings.append(
        StakesListing(
            holder=holder,
            relation="outbound" if role == "outbound" else "controller",
            min_share=min_share,
            total=total,
            listed=len(out),
            largest=n,
        )
    )
    what = "a record of a kind the rules look at" + (" or a restriction" if restricted else "")
    ev.notes.append(
        f"{holder.name or holder.key} holds {total:,} stakes of at least {min_share:.0%}: {len(out):,} of "
        f"{total:,} are listed (the {n} largest and every one in an enterprise with {what}); the other "
        f"{total - len(out):,} have none"
    )
    return out


def _holdings_of(
    store: GraphStore, ev: Evidence, holder: NodeRef, min_share: float, role: str, policy: Policy
) -> None:
    """Stakes an enterprise holds (the candidate's outbound, or an enterprise controller's others)."""
    for r in _stakes(store, ev, holder, min_share, role, policy):
        ratio = float(r["ratio"])
        ent = NodeRef(kind="Enterprise", key=r["target"], name=r["target_name"])
        ev.refs.setdefault(ent.key, ent)
        edge = EdgeRef(
            kind="HOLDS",
            src_kind="Enterprise",
            src=holder.key,
            dst_kind="Enterprise",
            dst=ent.key,
            ratio=ratio,
            since=r["since"],
            until=r["until"],
        )
        if role == "outbound":
            ev.outbound.append(Outbound(enterprise=ent, ratio=ratio))
        else:
            ev.ties.append(Tie(enterprise=ent, person=holder, person_role=role, edge="HOLDS", ratio=ratio))
        ev.paths.setdefault(ent.key, extend(ev.path_to(holder.key), ent, edge))


def _guarantees(store: GraphStore, ev: Evidence, policy: Policy) -> None:
    rows = store.read("screening/guarantees", uscc=ev.ref.key, as_of=ev.as_of)
    ev.guarantee_links = int(rows[0]["links"]) if rows else 0
    if not ev.guarantee_links:
        return
    ev.chains = investigate.guarantee_chains(
        store,
        ev.ref.key,
        direction="both",
        max_hops=policy.limits.guarantee_hops,
        as_of=ev.as_of,
        max_nodes=policy.limits.guarantee_max_nodes,
    )
    ev.circles = investigate.guarantee_circles(store, ev.ref.key, max_hops=6, as_of=ev.as_of, max_cycles=20)
    for chain in ev.chains.chains:
        for i, n in enumerate(chain.nodes[1:], start=1):
            ev.refs.setdefault(n.key, n)
            if n.key not in ev.paths:
                ev.paths[n.key] = Path(nodes=chain.nodes[: i + 1], edges=chain.edges[:i])
    for c in ev.circles.cycles:
        for n in c.nodes:
            ev.refs.setdefault(n.key, n)
    ev.notes += ev.chains.notes + ev.circles.notes


def _projects(store: GraphStore, ev: Evidence) -> None:
    for r in store.read("screening/projects", uscc=ev.ref.key):
        if r["started"] is not None and r["started"] > ev.as_of:
            continue  # not begun on the check date
        status, outcome = r["status"], r["outcome"]
        if r["ended"] is not None and r["ended"] > ev.as_of:
            status, outcome = "running", None  # how it ended was not known on the check date
        node = NodeRef(kind="Project", key=r["code"], name=r["name"], status=status, subkind=r["kind"])
        ev.projects.append(
            ProjectTie(
                project=node,
                kind=r["kind"],
                role=r["role"],
                status=status,
                outcome=outcome,
                started=r["started"],
                ended=r["ended"] if outcome is not None else None,
            )
        )
        edge = EdgeRef(
            kind="PARTICIPATES_IN",
            src_kind="Enterprise",
            src=ev.ref.key,
            dst_kind="Project",
            dst=node.key,
            role=r["role"],
        )
        ev.paths.setdefault(node.key, Path(nodes=[ev.ref, node], edges=[edge]))


def _events(
    store: GraphStore, rows: list[dict[str, Any]], kinds: frozenset[str] | None
) -> dict[str, list[dict[str, Any]]]:
    """Lifecycle events (kept by graph_credit.punishment) of the records a rule can match (`kinds`;
    None: every kind); a record without events keeps its stored status."""
    wanted = sorted({r["record_id"] for r in rows if kinds is None or r["kind"] in kinds})
    out: dict[str, list[dict[str, Any]]] = {}
    if wanted:
        for e in _read_keys(store, "screening/record_events", wanted):
            out.setdefault(e["record_id"], []).append(e)
    return out


def _records(store: GraphStore, ev: Evidence, kinds: frozenset[str] | None) -> None:
    ents = [k for k, n in ev.refs.items() if n.kind == "Enterprise"]
    persons = [k for k, n in ev.refs.items() if n.kind == "Person"]
    rows: list[dict[str, Any]] = []
    if ents:
        rows += _read_keys(store, "screening/records_of_enterprises", ents)
    if persons:
        rows += _read_keys(store, "screening/records_of_persons", persons)
    # The stored status is the latest event's (the lifecycle functions keep it so): events are
    # needed only to answer for a past day.
    events = _events(store, rows, kinds) if ev.as_of < dt.date.today() else {}
    seen: set[tuple[str, str]] = set()
    for r in rows:
        k = (r["holder"], r["record_id"])
        if k in seen:  # a person both subject and responsible: one entry, as subject
            continue
        seen.add(k)
        e = rec.evidence(r, ev.as_of, events.get(r["record_id"]))
        if e.state != "future":
            ev.records.setdefault(r["holder"], []).append(e)
    for lst in ev.records.values():
        lst.sort(key=lambda x: (x.decision_date or dt.date.min, x.record_id), reverse=True)


def _watched(ev: Evidence, policy: Policy) -> list[str]:
    """The subjects whose restrictions some rule of the policy looks at (and no others: each costs
    a lookup)."""
    rules = [r for r in policy.rules if r.restricted]
    scopes = {r.scope for r in rules}
    own = ev.ownership
    out: list[str] = []
    if "subject" in scopes:
        out.append(ev.ref.key)
    if "holder" in scopes:
        floor = max(policy.limits.holder_min_share, min(r.min_share for r in rules if r.scope == "holder"))
        for o in own.effective.owners:
            if (
                o.party.key in ev.holder_keys
                and (o.share if o.share is not None else o.direct) + 1e-12 >= floor
            ):
                out.append(o.party.key)
    if "controller" in scopes and own.controller.controller is not None:
        out.append(own.controller.controller.key)
    if "beneficial_owner" in scopes:
        out += [b.party.key for b in own.beneficial.owners]
    for o in ev.officers:
        if ("legal_rep" if o.role == "legal_rep" else "executive") in scopes:
            out.append(o.person.key)
    if "outbound" in scopes:
        out += [o.enterprise.key for o in ev.outbound]
    if "related" in scopes:
        roles = {x for r in rules if r.scope == "related" for x in r.roles}
        any_role = any(not r.roles for r in rules if r.scope == "related")
        out += [t.enterprise.key for t in ev.ties if any_role or t.person_role in roles]
    return list(dict.fromkeys(out))


def _schema_error(exc: EngineError) -> EngineError:
    if "does not exist" not in str(exc):
        return exc
    return EngineError(
        f"{exc}: this database has no joint-punishment tables (restrictions, record events); "
        "load a bundle into it with this version, which creates them and derives the restrictions"
    )


def rule_kinds(policy: Policy) -> frozenset[str] | None:
    """Record kinds some rule (or the clean-years test) looks at; None when a rule takes any kind."""
    if any(not r.kinds and not r.restricted and r.scope != "project" for r in policy.rules):
        return None
    return (
        frozenset(k for r in policy.rules for k in r.kinds)
        | set(policy.bad_records.kinds)
        | {
            "tax_credit",
            "red_list",
        }
    )


def gather(store: GraphStore, uscc: str, as_of: dt.date, policy: Policy) -> Evidence:
    counting = RecordingStore(store)
    s: GraphStore = counting
    cand = _candidate(s, uscc)
    ref = NodeRef(kind="Enterprise", key=cand.uscc, name=cand.name, status=cand.status)
    lim = policy.limits
    own = ownership_analysis(
        s,
        cand.uscc,
        as_of=as_of,
        threshold=lim.beneficial_threshold,
        depth=lim.upstream_depth,
        max_nodes=lim.upstream_max_nodes,
    )
    ev = Evidence(
        as_of=as_of,
        candidate=cand,
        ref=ref,
        ownership=own,
        officers=[],
        ties=[],
        outbound=[],
        guarantee_links=0,
        chains=None,
        circles=None,
        projects=[],
    )
    ev.refs[ref.key] = ref
    ev.paths[ref.key] = Path(nodes=[ref], edges=[])
    _upstream_paths(ev)
    ev.holder_keys = [
        o.party.key
        for o in own.effective.owners
        if (o.share if o.share is not None else o.direct) + 1e-12 >= lim.holder_min_share
    ]
    ev.notes += [i.message for i in own.effective.issues]
    _officers(s, ev)
    people = {o.person.key: o.role for o in ev.officers}
    ctl = own.controller.controller
    for b in own.beneficial.owners:
        if b.party.kind == "person":
            people.setdefault(b.party.key, "beneficial_owner")
    if ctl is not None and ctl.kind == "person":
        people[ctl.key] = "controller"
    _ties(s, ev, people, policy)
    if ctl is not None and ctl.kind == "enterprise" and ctl.key != ref.key:
        _holdings_of(s, ev, node_of(ctl), lim.holder_min_share, "controller", policy)
    _holdings_of(s, ev, ref, lim.outbound_min_share, "outbound", policy)
    _guarantees(s, ev, policy)
    _projects(s, ev)
    try:
        _records(s, ev, rule_kinds(policy))
    except EngineError as exc:
        raise _schema_error(exc) from exc
    watched = _watched(ev, policy)
    try:
        ev.restrictions = restrictions_of(s, watched, as_of)
    except EngineError as exc:
        raise _schema_error(exc) from exc
    ev.queries = len(counting.calls)
    ev.calls = counting.calls
    return ev
