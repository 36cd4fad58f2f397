import datetime as dt

import numpy as np
import pytest

from graph_credit import identifiers as ids
from graph_credit.errors import InvalidIdentifier

# Published examples: the sample code of GB 32100-2015 and a code printed on a business licence.
VALID_USCC = ["91350100M000100Y43", "91110000600037341L"]
# The two examples printed in GB 11643-1999.
VALID_ID = ["11010519491231002X", "440524188001010014"]


@pytest.mark.parametrize("code", VALID_USCC)
def test_published_usccs_pass(code: str) -> None:
    assert ids.normalize_uscc(code) == code
    assert ids.normalize_uscc(code.lower()) == code


@pytest.mark.parametrize("code", VALID_USCC)
def test_every_single_character_corruption_is_caught(code: str) -> None:
    # A one-character change anywhere must fail the check (mod-31 catches every single error).
    for pos in range(18):
        for ch in ids.USCC_ALPHABET:
            if ch == code[pos]:
                continue
            bad = code[:pos] + ch + code[pos + 1 :]
            assert not ids.is_uscc(bad), bad


def test_uscc_reasons_name_the_problem() -> None:
    with pytest.raises(InvalidIdentifier, match="check character '4', expected '3'"):
        ids.normalize_uscc("91350100M000100Y44")
    with pytest.raises(InvalidIdentifier, match="17 characters"):
        ids.normalize_uscc("91350100M000100Y4")
    with pytest.raises(InvalidIdentifier, match="not allowed: IO"):
        ids.normalize_uscc("91350100MI0O100Y43")


def test_vectorised_check_agrees_with_the_scalar_one() -> None:
    rng = np.random.default_rng(1)
    codes = [*VALID_USCC, "91350100M000100Y44", "", "x", None]
    alphabet = np.array(list(ids.USCC_ALPHABET + "IOZ"))
    codes += ["".join(rng.choice(alphabet, 18)) for _ in range(2000)]
    codes += [ids.make_uscc("9", "1", "230800", f"{i:08d}") for i in range(200)]
    mask = ids.uscc_valid_mask(np.array([c.upper() if c else c for c in codes], dtype=object))
    assert list(mask) == [bool(c) and ids.is_uscc(c) for c in codes]
    assert mask[-200:].all()


def test_made_uscc_has_valid_organisation_code_check() -> None:
    code = ids.make_uscc("9", "1", "230804", "MA1B2C3D")
    assert ids.is_uscc(code)
    assert ids.uscc_region(code) == "230804"
    assert code[16] == ids.org_code_check_char("MA1B2C3D")


@pytest.mark.parametrize("number", VALID_ID)
def test_published_resident_ids_pass(number: str) -> None:
    assert ids.normalize_resident_id(number.lower()) == number


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("110105194912310021", "wrong check digit"),
        ("11010519491231002", "18 characters"),
        ("1101051949123100AX", "17 digits"),
        ("110105194902300023", "impossible birth date"),
    ],
)
def test_bad_resident_ids_fail_without_echoing_the_number(number: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier, match=reason) as exc:
        ids.normalize_resident_id(number)
    assert number not in str(exc.value)


def test_made_resident_id_is_valid() -> None:
    assert ids.is_resident_id(ids.make_resident_id("230804", dt.date(1980, 2, 29), 17))


def test_masking() -> None:
    assert ids.mask_resident_id("11010519491231002X") == "1101**********002X"
    assert ids.mask_phone("13912345678") == "139****5678"
    assert ids.mask_name("张三丰") == "张**"


def test_person_key_is_keyed_stable_and_never_the_number() -> None:
    a = ids.person_key("11010519491231002X", "s1")
    assert a == ids.person_key("11010519491231002x", "s1")
    assert a != ids.person_key("11010519491231002X", "s2")
    assert "11010519491231002X" not in a and "1949" not in a
    assert ids.person_key_from_ref("court", "P1", "s1") != ids.person_key_from_ref("bundle", "P1", "s1")
    with pytest.raises(InvalidIdentifier):
        ids.person_key("110105194912310021", "s1")


def test_vectorised_resident_id_check_agrees_with_the_scalar_one() -> None:
    rng = np.random.default_rng(2)
    numbers = [*VALID_ID, "110105194912310021", "110105194902300023", "", None, "X" * 18]
    numbers += ["".join(rng.choice(list("0123456789X"), 18)) for _ in range(2000)]
    numbers += [
        ids.make_resident_id("230804", dt.date(1950, 1, 1) + dt.timedelta(days=i * 37), i) for i in range(300)
    ]
    mask = ids.resident_id_valid_mask(np.array(numbers, dtype=object))
    assert list(mask) == [bool(n) and ids.is_resident_id(n) for n in numbers]
    assert mask[-300:].all()


def test_bulk_person_keys_equal_the_single_ones() -> None:
    got = ids.person_keys_bulk(["11010519491231002X", ""], ["bundle", "court"], ["P1", "P2"], "s")
    assert got == [ids.person_key("11010519491231002X", "s"), ids.person_key_from_ref("court", "P2", "s")]
