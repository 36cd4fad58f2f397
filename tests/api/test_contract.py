"""The public contract: the committed OpenAPI document matches the app's; every response schema is
an API schema (not a domain model) with examples; real answers validate against their schemas."""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter

from api.app import create_app
from api.contract import REGENERATE, SNAPSHOT, diff_summary, openapi_document
from api.routers import audit, console, entities, investigate, meta, ownership, records, screening
from graph_credit.settings import Settings
from tests.api.conftest import ACME, HOLDCO, ZHANG, Api

ROUTERS = (audit, console, entities, investigate, meta, ownership, records, screening)


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return openapi_document()


def test_the_committed_document_is_the_apps(doc: dict[str, Any]) -> None:
    assert SNAPSHOT.exists(), f"no contract snapshot; create it with: {REGENERATE}"
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    lines = diff_summary(committed, doc)
    assert not lines, (
        "the API's OpenAPI document differs from the committed contract (docs/openapi.json):\n  "
        + "\n  ".join(lines)
        + f"\nif the change is intended, regenerate it: {REGENERATE}"
    )


def test_diff_summary_names_what_changed(doc: dict[str, Any]) -> None:
    changed = json.loads(json.dumps(doc))
    changed["components"]["schemas"]["NodeRef"]["properties"].pop("subkind")
    del changed["paths"]["/health"]
    lines = diff_summary(doc, changed)
    assert "operation removed: GET /health" in lines
    assert any(line.startswith("schema changed:    NodeRef: -subkind") for line in lines)


def _routes() -> Iterator[APIRoute]:
    for module in ROUTERS:
        yield from (r for r in module.router.routes if isinstance(r, APIRoute))


def _models(tp: Any, seen: dict[type, None]) -> None:
    if inspect.isclass(tp) and issubclass(tp, BaseModel):
        if tp not in seen:
            seen[tp] = None
            for f in tp.model_fields.values():
                _models(f.annotation, seen)
        return
    for arg in typing.get_args(tp):
        _models(arg, seen)


def _response_models() -> dict[type, None]:
    seen: dict[type, None] = {}
    for route in _routes():
        _models(route.response_model, seen)
        for spec in route.responses.values():
            _models(spec.get("model"), seen)
    return seen


def test_every_response_schema_is_an_api_schema() -> None:
    models = _response_models()
    assert len(models) > 60  # the walk reaches the nested shapes, not only the top ones
    domain = sorted(
        f"{m.__module__}.{m.__qualname__}" for m in models if not m.__module__.startswith("api.schemas")
    )
    assert not domain, (
        f"response schemas from outside api.schemas (state the contract in api/schemas/): {domain}"
    )


def test_every_json_route_declares_its_response_model() -> None:
    bare = [
        f"{sorted(r.methods)[0]} {r.path}"
        for r in _routes()
        if r.response_model is None and "application/json" in _media(r)
    ]
    assert not bare, f"routes answering JSON without a response model: {bare}"


def _media(route: APIRoute) -> set[str]:
    ok = route.responses.get(200, {}).get("content")
    return set(ok) if ok else {"application/json"}


def _reachable(doc: dict[str, Any]) -> set[str]:
    """Component schemas reachable from the operations' responses."""
    schemas = doc["components"]["schemas"]
    todo = [
        c["schema"]
        for item in doc["paths"].values()
        for op in item.values()
        for resp in op.get("responses", {}).values()
        for c in resp.get("content", {}).values()
        if "schema" in c
    ]
    found: set[str] = set()
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in found:
                    found.add(name)
                    todo.append(schemas[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return found


def _has_example(schema: dict[str, Any]) -> bool:
    return bool(schema.get("examples")) or any("examples" in p for p in schema.get("properties", {}).values())


def test_every_response_schema_has_an_example(doc: dict[str, Any]) -> None:
    names = _reachable(doc)
    assert {"ScreeningResult", "NodeRef", "Restriction", "OwnershipTree", "ErrorResponse"} <= names
    missing = sorted(n for n in names if not _has_example(doc["components"]["schemas"][n]))
    assert not missing, (
        f"response schemas without an example (Field(examples=...) or json_schema_extra): {missing}"
    )


def test_schema_level_examples_validate_against_their_schema() -> None:
    """An example in the document that its own schema refuses would mislead every reader of /docs."""
    bad = []
    for model in _response_models():
        extra = model.model_config.get("json_schema_extra")
        for ex in extra.get("examples", []) if isinstance(extra, dict) else []:
            try:
                model.model_validate(ex)
            except Exception as exc:
                bad.append(f"{model.__qualname__}: {exc}")
    assert not bad, "\n".join(bad)


def test_the_document_is_built_without_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, doc: dict[str, Any]
) -> None:
    monkeypatch.setenv("GRAPH_CREDIT_API_MAX_BATCH", "7")
    monkeypatch.setenv("GRAPH_CREDIT_CONSOLE_MAX_ROWS", "3")
    app = create_app(Settings(_env_file=None, env="development"), api_keys={})  # type: ignore[call-arg]
    assert app.openapi() == doc


# Real answers over the fixture, for each JSON GET route, validated against the route's response
# model: a domain change that breaks the contract fails here, not only when the fuzzer finds it.
ANSWERS = [
    f"/screening/{ACME}",
    "/screening/佳木斯",
    f"/restrictions/{ACME}",
    f"/restrictions/{ZHANG}",
    f"/restrictions/{ACME}/persons",
    f"/incentives/{HOLDCO}",
    f"/monitoring/{ACME}",
    f"/published/{ACME}",
    "/records/R1",
    "/tasks?unanswered_only=false",
    "/tracking",
    "/measures",
    f"/investigate/{ACME}/neighbourhood",
    f"/investigate/paths/shortest?source={ZHANG}&target={HOLDCO}",
    f"/investigate/paths/all?source={ZHANG}&target={HOLDCO}",
    f"/investigate/{ACME}/cycles",
    f"/investigate/{ACME}/cycles?edge=GUARANTEES",
    f"/investigate/{ACME}/guarantee-chains",
    f"/investigate/{ACME}/records-near",
    f"/investigate/{ACME}/shared-links",
    "/investigate/catalogue",
    f"/ownership/{ACME}/up",
    f"/ownership/{HOLDCO}/down",
    f"/ownership/{ACME}/owners",
    f"/ownership/{ACME}/beneficial-owners",
    f"/ownership/{ACME}/controller",
    "/entities/search?q=佳木斯",
    f"/entities/{ACME}",
    f"/entities/{ZHANG}",
    "/health",
    "/stats",
    "/whoami",
]


def _route_for(path: str) -> APIRoute:
    from starlette.routing import Match

    scope = {"type": "http", "path": path.split("?")[0], "method": "GET"}
    for route in _routes():
        if route.matches(scope)[0] is Match.FULL:
            return route
    raise AssertionError(f"no route for {path}")


@pytest.mark.parametrize("role", ["operator", "screening", "public"])
def test_answers_validate_against_their_response_models(api: Api, role: str) -> None:
    checked = 0
    for path in ANSWERS:
        r = api.get(path, role)
        if r.status_code == 403 or (role == "public" and r.status_code == 422):
            continue  # this role may not ask it (the public looks up enterprises only)
        assert r.status_code == 200, (path, r.text)
        TypeAdapter(_route_for(path).response_model).validate_python(r.json())
        checked += 1
    assert checked >= {"operator": len(ANSWERS), "screening": 10, "public": 4}[role]


def test_measures_leave_out_the_catalogue_file(api: Api) -> None:
    body = api.get("/measures").json()
    assert body["punishment"] and "source" not in body


def test_the_contracts_vocabularies_are_the_domains() -> None:
    """A value the domain can answer but the contract's literal lacks would break every client
    that trusts the schema; one the contract lists but the domain dropped misleads them."""
    from api.schemas import graph, measures, restrictions, screening
    from graph_credit import model
    from graph_credit.punishment import catalogue, views
    from graph_credit.screening import policy

    pairs = {
        "NodeKind": (graph.NodeKind, model.NODE_KINDS),
        "EdgeKind": (graph.EdgeKind, model.EDGE_KINDS),
        "RecordKind": (graph.RecordKind, [k.value for k in model.RecordKind]),
        "RecordStatus": (graph.RecordStatus, [s.value for s in model.RecordStatus]),
    }
    # these the contract takes from the domain itself, so they cannot drift
    assert restrictions.Role is catalogue.TargetRole and measures.TargetRole is catalogue.TargetRole
    assert restrictions.State is views.State
    assert (screening.Grade, screening.Verdict, screening.Scope) == (
        policy.Grade,
        policy.Verdict,
        policy.Scope,
    )
    differ = {
        name: sorted(set(typing.get_args(api_lit)) ^ set(domain))
        for name, (api_lit, domain) in pairs.items()
        if set(typing.get_args(api_lit)) != set(domain)
    }
    assert not differ, (
        f"contract literals that differ from the domain (update api/schemas, regenerate): {differ}"
    )


def test_changes_answer_in_their_contract(api_rw: Api) -> None:
    from api.schemas.records import RecordHistory, Task, TaskPage, Transition
    from api.schemas.screening import BatchOut

    api = api_rw
    r = api.post("/records/R1/objection", "operator", json={"on": "2022-06-01", "basis": "异议申请书"})
    assert r.status_code == 200, r.text
    Transition.model_validate(r.json())
    decided = {"on": "2022-06-20", "basis": "核查结论", "upheld": False}
    Transition.model_validate(api.post("/records/R1/decision", "operator", json=decided).json())
    RecordHistory.model_validate(api.get("/records/R1", "operator").json())
    tasks = TaskPage.model_validate(api.get("/tasks?as_of=2022-06-30", "operator").json())
    assert tasks.items, "the fixture's record pushes tasks to departments"
    report = {"on": "2022-07-01", "action": "已在招标资格审查中限制其参与"}
    r = api.post(f"/tasks/{tasks.items[0].task_id}/report", "operator", json=report)
    assert Task.model_validate(r.json()).answered_on is not None
    r = api.post("/screening/batch", "screening", json={"candidates": [ACME, "佳木斯"]})
    assert BatchOut.model_validate(r.json()).total == 2
