"""Who may call what, and what each role sees of persons."""

from __future__ import annotations

import pytest

from api.app import create_app
from graph_credit.apikeys import hash_key, load_keys, new_key, parse_entries
from graph_credit.errors import InvalidInput
from graph_credit.settings import Settings
from tests.api.conftest import ACME, SHOP, ZHANG, Api

ROLES = ["public", "screening", "investigator", "operator"]


def test_unknown_key_is_refused_not_downgraded(api: Api) -> None:
    r = api.client.get("/whoami", headers={"Authorization": "Bearer gck_not-a-key"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"
    r = api.client.get("/whoami", headers={"X-API-Key": api.keys["operator"]})
    assert r.json() == {"name": "test-operator", "role": "operator", "anonymous": False}
    assert api.get("/whoami").json()["role"] == "public"


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/health", ROLES),
        (f"/entities/{ACME}", ROLES),
        ("/stats", ["investigator", "operator"]),
        (f"/ownership/{ACME}/controller", ["investigator", "operator"]),
        (f"/investigate/{ACME}/neighbourhood", ["investigator", "operator"]),
        ("/audit", ["operator"]),
    ],
)
def test_role_access(api: Api, path: str, allowed: list[str]) -> None:
    for role in ROLES:
        status = api.get(path, role).status_code
        assert (status == 200) == (role in allowed), (path, role, status)


def test_person_masking_per_role(api: Api) -> None:
    seen = {}
    for role in ROLES:
        hits = api.get("/entities/search", role, params={"q": "张三", "kinds": ["Person"]}).json()["items"]
        seen[role] = [(h["name"], h["id_masked"]) for h in hits if h["kind"] == "Person"]
    assert seen["public"] == []  # the public looks up enterprises only
    assert seen["screening"] == [("张三", None)]
    assert seen["investigator"] == seen["operator"] == [("张三", "1101**********002X")]
    assert api.get(f"/entities/{ZHANG}", "public").status_code == 422  # not a USCC
    assert api.get(f"/entities/{ZHANG}", "public", params={"kind": "Person"}).status_code == 403
    shown = api.get(f"/entities/{ZHANG}", "screening").json()
    assert shown["name"] == "张三" and shown["fields"]["id_masked"] is None
    assert api.get(f"/entities/{ZHANG}", "investigator").json()["fields"]["id_masked"] == "1101**********002X"


def test_individual_business_contact_is_masked(api: Api) -> None:
    for role, shown in [("public", False), ("screening", False), ("investigator", True), ("operator", True)]:
        f = api.get(f"/entities/{SHOP}", role).json()["fields"]
        assert (f["phone"] == "13904541234") is shown, role
        assert (f["address"] is not None) is shown, role
    # an ordinary enterprise's registered contact is public registry data
    assert api.get(f"/entities/{ACME}", "public").json()["fields"]["phone"] == "0454-8888001"


def test_person_names_in_answers_are_masked_for_the_public() -> None:
    from api.masking import mask
    from graph_credit.apikeys import ApiRole

    data = {"holder": {"kind": "person", "name": "张三", "id_masked": "1101**********002X"}, "name": "甲公司"}
    assert mask(data, ApiRole.PUBLIC) == {
        "holder": {"kind": "person", "name": "张*", "id_masked": None},
        "name": "甲公司",
    }
    assert mask(data, ApiRole.SCREENING)["holder"] == {"kind": "person", "name": "张三", "id_masked": None}
    assert mask(data, ApiRole.INVESTIGATOR) == data


def test_anonymous_can_be_refused(api_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from graph_credit.store.embedded import EmbeddedStore

    s = Settings(_env_file=None, env="test", api_anonymous=False, audit_db_path=tmp_path / "a.sqlite")
    store = EmbeddedStore(api_db, buffer_pool_mb=64)
    try:
        with TestClient(create_app(s, store)) as c:
            assert c.get(f"/entities/{ACME}").status_code == 401
            assert c.get("/health").status_code == 200
    finally:
        store.close()


def test_keys_are_hashed_and_development_keys_refused_outside_development(tmp_path) -> None:  # type: ignore[no-untyped-def]
    key, line = new_key("screening", "zhaoshang")
    assert key not in line and line == f"sha256:{hash_key(key)}=screening:zhaoshang"
    assert parse_entries(line, "x")[0].name == "zhaoshang"
    dev = f"sha256:{hash_key('dev-operator-key')}=operator:dev"
    with pytest.raises(InvalidInput, match="development key"):
        load_keys(dev, None, development=False)
    with pytest.raises(InvalidInput, match="development key"):
        create_app(Settings(_env_file=None, env="production", person_key_secret="s", api_keys=dev))
    assert len(load_keys("", None, development=True)) == 4  # the documented development keys
    assert load_keys("", None, development=False) == {}
    with pytest.raises(InvalidInput, match="unknown role 'admin'"):
        parse_entries(f"sha256:{'a' * 64}=admin:x", "GRAPH_CREDIT_API_KEYS")
    keys_file = tmp_path / "keys"
    keys_file.write_text(f"# screening clients\n{line}\nnot-an-entry\n")
    with pytest.raises(InvalidInput, match="line 3"):
        load_keys("", keys_file, development=False)
