"""Format checks of kode billing, NTPN and NPWP (DOMAIN.md "Payment into the state treasury")."""

import random
from datetime import date

import pytest

from shop.billing.identifiers import (
    generate_billing_code,
    generate_ntpn,
    is_valid_billing_code,
    is_valid_npwp,
    is_valid_ntpn,
    normalize_npwp,
)


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        pytest.param("820220922465628", True, id="DOMAIN.md real sample"),
        pytest.param("700000000000000", True, id="first digit 7: PNBP"),
        pytest.param("999999999999999", True, id="first digit 9: PNBP"),
        pytest.param("020220922465628", False, id="first digit 0: tax"),
        pytest.param("320220922465628", False, id="first digit 3: tax"),
        pytest.param("420220922465628", False, id="first digit 4: customs"),
        pytest.param("620220922465628", False, id="first digit 6: customs"),
        pytest.param("82022092246562", False, id="14 digits"),
        pytest.param("8202209224656281", False, id="16 digits"),
        pytest.param("82022092246562A", False, id="letter"),
        pytest.param("8202 2092 2465 628", False, id="spaces: caller strips"),
        pytest.param(" 820220922465628", False, id="leading space"),
        pytest.param("\u0668" * 15, False, id="non-ASCII digits"),
        pytest.param("", False, id="empty"),
        pytest.param(820220922465628, False, id="int, not text"),
        pytest.param(None, False, id="None"),
    ],
)
def test_is_valid_billing_code(code, valid):
    assert is_valid_billing_code(code) is valid


@pytest.mark.parametrize("first_digit", [7, 8, 9])
def test_generated_billing_codes_are_valid_and_carry_the_issue_date(first_digit):
    code = generate_billing_code(date(2022, 9, 22), rng=random.Random(1), first_digit=first_digit)
    assert is_valid_billing_code(code)
    assert code[0] == str(first_digit)
    assert code[1:9] == "20220922"  # shape of the DOMAIN.md sample issued 22-09-2022


def test_generated_billing_codes_repeat_with_the_same_seed():
    issued = date(2026, 11, 20)
    assert generate_billing_code(issued, rng=random.Random(7)) == generate_billing_code(
        issued, rng=random.Random(7)
    )
    assert is_valid_billing_code(generate_billing_code(issued))  # default: OS randomness


@pytest.mark.parametrize("first_digit", [0, 3, 4, 6, 10, 78, True])
def test_generate_billing_code_refuses_non_pnbp_digits(first_digit):
    with pytest.raises(ValueError):
        generate_billing_code(date(2026, 11, 20), first_digit=first_digit)


@pytest.mark.parametrize(
    ("ntpn", "valid"),
    [
        pytest.param("0A1B2C3D4E5F6G7H", True, id="letters and digits"),
        pytest.param("1234567890123456", True, id="digits only"),
        pytest.param("ABCDEFGHIJKLMNOP", True, id="letters only"),
        pytest.param("0a1b2c3d4e5f6g7h", False, id="lower case"),
        pytest.param("0A1B2C3D4E5F6G7", False, id="15 characters"),
        pytest.param("0A1B2C3D4E5F6G7H8", False, id="17 characters"),
        pytest.param("0A1B2C3D-E5F6G7H", False, id="punctuation"),
        pytest.param("0A1B2C3D4E5F6G7\u00c9", False, id="non-ASCII letter"),
        pytest.param(None, False, id="None"),
    ],
)
def test_is_valid_ntpn(ntpn, valid):
    assert is_valid_ntpn(ntpn) is valid


def test_generated_ntpns_are_valid():
    rng = random.Random(3)
    ntpns = {generate_ntpn(rng=rng) for _ in range(200)}
    assert all(is_valid_ntpn(ntpn) for ntpn in ntpns)
    assert len(ntpns) == 200
    assert is_valid_ntpn(generate_ntpn())


@pytest.mark.parametrize(
    ("value", "normalized"),
    [
        pytest.param("01.234.567.8-901.000", "012345678901000", id="old NPWP as printed"),
        pytest.param("012345678901000", "012345678901000", id="old NPWP digits only"),
        pytest.param(" 01.234.567.8-901.000 ", "012345678901000", id="surrounding spaces"),
        pytest.param("3171234567890001", "3171234567890001", id="NIK as NPWP (since 2024)"),
        pytest.param("0012345678901000", "0012345678901000", id="16-digit NPWP of an entity"),
    ],
)
def test_normalize_npwp(value, normalized):
    assert normalize_npwp(value) == normalized
    assert is_valid_npwp(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("01.234.567.8-901", id="old NPWP without branch code"),
        pytest.param("01234567.8-901.000", id="partial punctuation"),
        pytest.param("01.234.567.8.901.000", id="dot instead of dash"),
        pytest.param("01234567890100", id="14 digits"),
        pytest.param("31712345678900012", id="17 digits"),
        pytest.param("0123 4567 8901 000", id="spaces inside"),
        pytest.param("01.234.567.8-901.00A", id="letter"),
        pytest.param("00.000.000.0-000.000", id="placeholder for no NPWP"),
        pytest.param("000000000000000", id="placeholder digits only"),
        pytest.param("0000000000000000", id="16 zeros"),
        pytest.param("", id="empty"),
    ],
)
def test_normalize_npwp_refuses(value):
    with pytest.raises(ValueError):
        normalize_npwp(value)
    assert not is_valid_npwp(value)


def test_npwp_must_be_text():
    with pytest.raises(TypeError):
        normalize_npwp(12345678901000)
    assert not is_valid_npwp(12345678901000)
