"""Identifiers: USCC (GB 32100-2015), resident ID (GB 11643-1999), masking, keyed hashing.

A raw resident ID number is never stored: the person key is a keyed hash (BLAKE2b MAC) of it under a secret from
settings, and only a masked form is kept for display (002 §六(四)4, 004 §27).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.errors import InvalidIdentifier

# GB 32100-2015: 31 characters, no I, O, Z, S, V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Position 1: registration authority; position 2: organisation kind within it.
_USCC_AUTHORITY = set("123456789ANY")
_USCC_RE = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{18}$")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a USCC."""
    if len(first17) != 17 or any(c not in _USCC_VALUE for c in first17):
        raise InvalidIdentifier(f"USCC body {first17!r} must be 17 characters of {USCC_ALPHABET}")
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(code: str) -> str:
    """Return the USCC upper-cased and checked, or raise `InvalidIdentifier` saying why."""
    c = (code or "").strip().upper()
    if len(c) != 18:
        raise InvalidIdentifier(f"USCC {code!r} has {len(c)} characters, expected 18")
    if not _USCC_RE.match(c):
        bad = sorted({ch for ch in c if ch not in _USCC_VALUE})
        raise InvalidIdentifier(f"USCC {code!r} contains characters not allowed: {''.join(bad)}")
    if c[0] not in _USCC_AUTHORITY:
        raise InvalidIdentifier(f"USCC {code!r} has an unknown registration authority {c[0]!r}")
    if not c[2:8].isdigit():
        raise InvalidIdentifier(f"USCC {code!r}: characters 3-8 must be a region code")
    expected = uscc_check_char(c[:17])
    if c[17] != expected:
        raise InvalidIdentifier(f"USCC {code!r} has check character {c[17]!r}, expected {expected!r}")
    return c


def is_uscc(code: str) -> bool:
    try:
        normalize_uscc(code)
    except InvalidIdentifier:
        return False
    return True


def _fixed_width_bytes(values: object, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose UTF-8 form is exactly `width` bytes, and those bytes as an (n, width) matrix."""
    arr = values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(values, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = arr.cast(pa.string())
    lengths = pc.binary_length(arr).to_numpy(zero_copy_only=False)
    cand = np.nan_to_num(lengths.astype(float), nan=-1) == width
    picked = arr.filter(pa.array(cand))
    offsets = np.frombuffer(picked.buffers()[1], dtype=np.int32)[
        picked.offset : picked.offset + len(picked) + 1
    ]
    data = np.frombuffer(picked.buffers()[2], dtype=np.uint8) if len(picked) else np.zeros(0, np.uint8)
    matrix = data[offsets[:-1, None] + np.arange(width)] if len(picked) else np.zeros((0, width), np.uint8)
    return cand, matrix


def uscc_valid_mask(codes: object) -> np.ndarray:
    """Vectorised check of many upper-cased codes: True where a code is a valid USCC.

    The loader checks a million codes at once; a Python loop would dominate the load time.
    """
    cand, raw = _fixed_width_bytes(codes, 18)
    ok = np.zeros(len(cand), dtype=bool)
    if not len(raw):
        return ok
    lut = np.full(256, -1, dtype=np.int8)
    for i, ch in enumerate(USCC_ALPHABET):
        lut[ord(ch)] = i
    vals = lut[raw]
    valid_chars = (vals >= 0).all(axis=1)
    digits = (raw[:, 2:8] >= ord("0")) & (raw[:, 2:8] <= ord("9"))
    auth = np.isin(raw[:, 0], np.frombuffer("".join(sorted(_USCC_AUTHORITY)).encode(), np.uint8))
    total = np.maximum(vals[:, :17], 0).astype(np.int32) @ np.array(_USCC_WEIGHTS, dtype=np.int32)
    check = (31 - total % 31) % 31
    ok[np.flatnonzero(cand)] = valid_chars & digits.all(axis=1) & auth & (vals[:, 17] == check)
    return ok


def org_code_check_char(body8: str) -> str:
    """GB 11714 check character of an organisation code (positions 9-17 of a USCC)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c, 36) * w for c, w in zip(body8, weights, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(authority: str, kind: str, region: str, org_body8: str) -> str:
    """Compose a USCC from its parts with both check characters (used by synthetic data)."""
    first17 = f"{authority}{kind}{region}{org_body8}{org_code_check_char(org_body8)}"
    if len(first17) != 17:
        raise InvalidIdentifier(f"USCC parts give {len(first17)} characters, expected 17")
    return first17 + uscc_check_char(first17)


def uscc_region(code: str) -> str:
    """Characters 3-8: the administrative division code of the registering authority."""
    return code[2:8]


def id_check_char(first17: str) -> str:
    if len(first17) != 17 or not first17.isdigit():
        raise InvalidIdentifier(f"resident ID body {first17!r} must be 17 digits")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_resident_id(number: str) -> str:
    """Return the 18-digit resident ID upper-cased and checked, or raise saying why.

    The message never repeats the full number: it may end up in a log or a rejected file
    that is read by someone who must not see it.
    """
    n = (number or "").strip().upper()
    shown = mask_resident_id(n) if len(n) == 18 else f"of {len(n)} characters"
    if len(n) != 18:
        raise InvalidIdentifier(f"resident ID {shown} must have 18 characters")
    if not _ID_RE.match(n):
        raise InvalidIdentifier(f"resident ID {shown} must be 17 digits and a digit or X")
    try:
        dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        raise InvalidIdentifier(f"resident ID {shown} has an impossible birth date") from None
    expected = id_check_char(n[:17])
    if n[17] != expected:
        raise InvalidIdentifier(f"resident ID {shown} has a wrong check digit")
    return n


def is_resident_id(number: str) -> bool:
    try:
        normalize_resident_id(number)
    except InvalidIdentifier:
        return False
    return True


def resident_id_valid_mask(numbers: object) -> np.ndarray:
    """Vectorised `is_resident_id` over many upper-cased numbers (a million persons at once)."""
    cand, raw = _fixed_width_bytes(numbers, 18)
    ok = np.zeros(len(cand), dtype=bool)
    if not len(raw):
        return ok
    digits = raw.astype(np.int32) - ord("0")
    body_ok = ((digits[:, :17] >= 0) & (digits[:, :17] <= 9)).all(axis=1)
    total = np.where(body_ok[:, None], digits[:, :17], 0) @ np.array(_ID_WEIGHTS, dtype=np.int32)
    expected = np.frombuffer(_ID_CHECK.encode(), dtype=np.uint8)[total % 11]
    birth = pd.Series(np.where(body_ok[:, None], raw[:, 6:14], ord("0")).view("S8").ravel().astype(str))
    births = pd.to_datetime(birth, format="%Y%m%d", errors="coerce").notna().to_numpy()
    ok[np.flatnonzero(cand)] = body_ok & (raw[:, 17] == expected) & births
    return ok


def make_resident_id(region: str, birth: dt.date, sequence: int) -> str:
    """Compose a resident ID (6-digit region, birth date, 3-digit sequence) with its check digit."""
    first17 = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + id_check_char(first17)


def mask_resident_id(number: str) -> str:
    """`230102199001011234` -> `2301**********1234`: province and city, last four."""
    n = (number or "").strip()
    if len(n) < 8:
        return "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_phone(phone: str | None) -> str | None:
    """Keep the first three and last four digits of a phone number."""
    if not phone:
        return phone
    p = phone.strip()
    if len(p) <= 7:
        return "*" * len(p)
    return p[:3] + "*" * (len(p) - 7) + p[-4:]


def mask_name(name: str | None) -> str | None:
    """张三丰 -> 张**: the family name only, as public credit sites show persons."""
    if not name:
        return name
    return name[0] + "*" * (len(name) - 1)


def _mac_key(secret: str) -> bytes:
    # BLAKE2b takes a key of at most 64 bytes; any secret is first reduced to 32.
    return hashlib.sha256(secret.encode()).digest()


def _mac(key: bytes, message: bytes) -> str:
    """Keyed BLAKE2b (a MAC by design, and faster than HMAC-SHA256 for a million persons)."""
    return hashlib.blake2b(message, key=key, digest_size=16).hexdigest()


def person_key(id_number: str, secret: str) -> str:
    """Keyed hash of a checked resident ID: the same person gets the same key in every bundle."""
    n = normalize_resident_id(id_number)
    return "P" + _mac(_mac_key(secret), b"id:" + n.encode())


def person_key_from_ref(source: str, ref: str, secret: str) -> str:
    """Key of a person known only by a source reference (no ID number given)."""
    return "R" + _mac(_mac_key(secret), f"ref:{source}\x1f{ref}".encode())


def person_keys_bulk(
    id_numbers: Sequence[str], sources: Sequence[str], refs: Sequence[str], secret: str
) -> list[str]:
    """`person_key` / `person_key_from_ref` for many persons whose ID numbers are already checked
    (with `resident_id_valid_mask`); an empty ID number means "use the source reference"."""
    key = _mac_key(secret)
    return [
        "P" + _mac(key, b"id:" + number.encode())
        if number
        else "R" + _mac(key, f"ref:{source}\x1f{ref}".encode())
        for number, source, ref in zip(id_numbers, sources, refs, strict=True)
    ]
