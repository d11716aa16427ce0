"""Rupiah rounding, display and parsing (STYLE.md habit 4: one rounding, one display helper)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pst.money import format_rupiah, parse_rupiah, round_rupiah


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        pytest.param(Decimal("1250000"), Decimal("1250000"), id="whole rupiah unchanged"),
        pytest.param(Decimal("0.49"), Decimal("0"), id="below half rounds down"),
        pytest.param(Decimal("0.50"), Decimal("1"), id="half rounds up (decision: half-up)"),
        pytest.param(Decimal("2.5"), Decimal("3"), id="half-up, not banker's rounding"),
        pytest.param(Decimal("-0.5"), Decimal("-1"), id="negative half away from zero"),
        pytest.param(Decimal("-0.4"), Decimal("0"), id="no negative zero"),
        pytest.param(1250000, Decimal("1250000"), id="int accepted"),
    ],
)
def test_round_rupiah(amount, expected):
    result = round_rupiah(amount)
    assert result == expected
    assert result.as_tuple().exponent == 0
    assert not result.is_signed() or result < 0


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        pytest.param(1.5, TypeError, id="float refused: binary rounding"),
        pytest.param(True, TypeError, id="bool is not an amount"),
        pytest.param("1000", TypeError, id="text must be parsed first"),
        pytest.param(Decimal("NaN"), ValueError, id="NaN refused"),
        pytest.param(Decimal("Infinity"), ValueError, id="infinity refused"),
    ],
)
def test_round_rupiah_refuses(amount, error):
    with pytest.raises(error):
        round_rupiah(amount)


@pytest.mark.parametrize(
    ("amount", "with_cents", "expected"),
    [
        pytest.param(Decimal("1250000"), False, "Rp 1.250.000", id="dots group thousands"),
        pytest.param(Decimal("-1250000"), False, "-Rp 1.250.000", id="negative sign first"),
        pytest.param(Decimal("0"), False, "Rp 0", id="Rp0 line"),
        pytest.param(Decimal("-0.2"), False, "Rp 0", id="rounds to zero without sign"),
        pytest.param(Decimal("999"), False, "Rp 999", id="no group under a thousand"),
        pytest.param(Decimal("1000"), False, "Rp 1.000", id="first group"),
        pytest.param(Decimal("36000000"), False, "Rp 36.000.000", id="national desa map"),
        pytest.param(Decimal("1234567890123"), False, "Rp 1.234.567.890.123", id="triliun"),
        pytest.param(Decimal("1250000.5"), False, "Rp 1.250.001", id="rounded half-up"),
        pytest.param(Decimal("1250000"), True, "Rp 1.250.000,00", id="cents after a comma"),
        pytest.param(Decimal("1250000.505"), True, "Rp 1.250.000,51", id="cents half-up"),
        pytest.param(Decimal("-20.5"), True, "-Rp 20,50", id="negative with cents"),
        pytest.param(Decimal("1E+3"), False, "Rp 1.000", id="exponent notation input"),
        pytest.param(70000, False, "Rp 70.000", id="int accepted"),
    ],
)
def test_format_rupiah(amount, with_cents, expected):
    assert format_rupiah(amount, with_cents=with_cents) == expected


def test_format_rupiah_as_a_bank_statement_writes_it():
    assert format_rupiah(Decimal("1250000"), with_cents=True, symbol=False) == "1.250.000,00"
    assert format_rupiah(Decimal("-20.5"), with_cents=True, symbol=False) == "-20,50"


def test_format_rupiah_refuses_float():
    with pytest.raises(TypeError):
        format_rupiah(1250000.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1.250.000,00", Decimal("1250000.00"), id="Indonesian with cents"),
        pytest.param("1250000", Decimal("1250000"), id="plain digits"),
        pytest.param("1.250.000", Decimal("1250000"), id="dot grouping"),
        pytest.param("Rp 1.250.000", Decimal("1250000"), id="as displayed"),
        pytest.param("Rp1.250.000", Decimal("1250000"), id="no space after Rp"),
        pytest.param("rp 1.250.000", Decimal("1250000"), id="lower case Rp"),
        pytest.param("Rp. 50.000,-", Decimal("50000"), id="receipt style ,-"),
        pytest.param("IDR 20.000", Decimal("20000"), id="ISO currency code"),
        pytest.param("-Rp 1.250.000", Decimal("-1250000"), id="negative as displayed"),
        pytest.param("Rp -1.250.000", Decimal("-1250000"), id="sign after currency"),
        pytest.param("\u2212Rp 1.000", Decimal("-1000"), id="typographic minus"),
        pytest.param("  Rp\u00a01.000  ", Decimal("1000"), id="spaces and NBSP"),
        pytest.param("0,5", Decimal("0.5"), id="decimal comma"),
        pytest.param("1.000,505", Decimal("1000.505"), id="decimals kept as given"),
        pytest.param("Rp 0", Decimal("0"), id="zero"),
        pytest.param("-0", Decimal("0"), id="negative zero is zero"),
    ],
)
def test_parse_rupiah(text, expected):
    result = parse_rupiah(text)
    assert result == expected
    assert result.as_tuple() == expected.as_tuple()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("Rp", id="currency only"),
        pytest.param("1,250,000.00", id="English grouping refused"),
        pytest.param("1.25", id="dot not grouping three digits"),
        pytest.param("1.2500", id="group of four"),
        pytest.param("1250.000", id="group head longer than three"),
        pytest.param("-Rp -1.000", id="two signs"),
        pytest.param("1.000,", id="comma without decimals"),
        pytest.param("satu juta", id="words"),
        pytest.param("1 000", id="space grouping"),
        pytest.param("\u0661\u0662", id="non-ASCII digits"),
        pytest.param("USD 10", id="other currency"),
    ],
)
def test_parse_rupiah_refuses(text):
    with pytest.raises(ValueError):
        parse_rupiah(text)


@given(st.decimals(min_value=-(10**15), max_value=10**15, places=0))
def test_parse_reads_what_format_writes(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount


@given(st.decimals(min_value=-(10**15), max_value=10**15, places=2))
def test_parse_reads_what_format_writes_with_cents(amount):
    assert parse_rupiah(format_rupiah(amount, with_cents=True)) == amount
