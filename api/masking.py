"""Masking of personal data by role (002 §六(四)4, 004 §27), applied to every answer on its way out.

| field | public | screening | investigator, operator |
|---|---|---|---|
| a person's name | family name only (张**) | shown | shown |
| a person's masked ID number (`id_masked`) | removed | removed | shown (already masked at load) |
| a person's address and phone, and those of an individual business (个体工商户) | removed | removed | shown |

It works on the JSON-ready answer rather than on each model: a node is a person when its kind
says so or it carries an `id_masked` value (only persons do), so answers of every area are covered
without each one listing its fields.
"""

from __future__ import annotations

from typing import Any

from graph_credit.apikeys import ApiRole
from graph_credit.identifiers import mask_name

_PERSON_KINDS = frozenset({"Person", "person", "natural_person"})
_KIND_FIELDS = ("kind", "subject_kind", "holder_kind", "target_kind")
_CONTACT = ("address", "phone", "id_masked")
FULL = frozenset({ApiRole.INVESTIGATOR, ApiRole.OPERATOR})


def _is_person(d: dict[str, Any]) -> bool:
    return (
        d.get("id_masked") is not None
        or "person_key" in d
        or any(d.get(f) in _PERSON_KINDS for f in _KIND_FIELDS)
    )


def _mask(value: Any, public: bool) -> Any:
    if isinstance(value, list):
        return [_mask(v, public) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _mask(v, public) for k, v in value.items()}
    person = _is_person(value)
    if person or value.get("org_type") == "individual_business":
        for f in _CONTACT:
            if f in out:
                out[f] = None
    if person and public:
        for f in ("name", "holder_name", "subject_name", "target_name", "person_name"):
            if isinstance(out.get(f), str):
                out[f] = mask_name(out[f])
    return out


def mask(data: Any, role: ApiRole) -> Any:
    """`data` (JSON-ready) as `role` may see it."""
    if role in FULL:
        return data
    return _mask(data, public=role is ApiRole.PUBLIC)
