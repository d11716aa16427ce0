"""Amounts in words for the billing slip and the kuitansi (DOMAIN.md: total and amount in words)."""

from decimal import Decimal

import pytest

from pst.terbilang import MAX_AMOUNT, terbilang


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        pytest.param(0, "nol rupiah", id="zero"),
        pytest.param(1, "satu rupiah", id="one"),
        pytest.param(10, "sepuluh rupiah", id="sepuluh"),
        pytest.param(11, "sebelas rupiah", id="sebelas"),
        pytest.param(12, "dua belas rupiah", id="belas"),
        pytest.param(19, "sembilan belas rupiah", id="last belas"),
        pytest.param(20, "dua puluh rupiah", id="puluh"),
        pytest.param(21, "dua puluh satu rupiah", id="puluh with units"),
        pytest.param(99, "sembilan puluh sembilan rupiah", id="largest two digits"),
        pytest.param(100, "seratus rupiah", id="seratus"),
        pytest.param(101, "seratus satu rupiah", id="seratus satu"),
        pytest.param(111, "seratus sebelas rupiah", id="seratus sebelas"),
        pytest.param(200, "dua ratus rupiah", id="ratus"),
        pytest.param(1000, "seribu rupiah", id="seribu"),
        pytest.param(1001, "seribu satu rupiah", id="seribu satu"),
        pytest.param(2000, "dua ribu rupiah", id="ribu"),
        pytest.param(11_000, "sebelas ribu rupiah", id="sebelas ribu"),
        pytest.param(15_000, "lima belas ribu rupiah", id="next e-publication block"),
        pytest.param(100_000, "seratus ribu rupiah", id="seratus ribu"),
        pytest.param(101_000, "seratus satu ribu rupiah", id="seratus satu ribu, not seribu"),
        pytest.param(1_000_000, "satu juta rupiah", id="satu juta, not sejuta"),
        pytest.param(1_001_000, "satu juta seribu rupiah", id="seribu after juta"),
        pytest.param(1_250_000, "satu juta dua ratus lima puluh ribu rupiah", id="brief's example"),
        pytest.param(36_000_000, "tiga puluh enam juta rupiah", id="national desa map"),
        pytest.param(1_000_000_000, "satu miliar rupiah", id="miliar (KBBI), not milyar"),
        pytest.param(1_000_000_000_000, "satu triliun rupiah", id="triliun"),
        pytest.param(
            2_000_000_001_000,
            "dua triliun seribu rupiah",
            id="empty groups skipped",
        ),
        pytest.param(
            MAX_AMOUNT,
            "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh "
            "sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus "
            "sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan rupiah",
            id="largest amount",
        ),
        pytest.param(Decimal("405040"), "empat ratus lima ribu empat puluh rupiah", id="Decimal"),
        pytest.param(Decimal("50000.00"), "lima puluh ribu rupiah", id="Decimal with .00"),
        pytest.param(Decimal("-1000"), "minus seribu rupiah", id="correction record"),
    ],
)
def test_terbilang(amount, expected):
    assert terbilang(amount) == expected


def test_unit_can_be_left_out():
    assert terbilang(1_250_000, unit="") == "satu juta dua ratus lima puluh ribu"


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        pytest.param(Decimal("0.5"), ValueError, id="fraction: round_rupiah first"),
        pytest.param(MAX_AMOUNT + 1, ValueError, id="beyond triliun"),
        pytest.param(-MAX_AMOUNT - 1, ValueError, id="beyond minus triliun"),
        pytest.param(Decimal("NaN"), ValueError, id="NaN"),
        pytest.param(12.0, TypeError, id="float"),
        pytest.param(True, TypeError, id="bool"),
        pytest.param("1000", TypeError, id="text"),
    ],
)
def test_terbilang_refuses(amount, error):
    with pytest.raises(error):
        terbilang(amount)
