"""Quote.to_dict / from_dict: the snapshot an order line keeps (issue #6), and schedules built
from data (``build_schedule``), as staff maintain them in shop.pricing."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from shop.pricing.tariffs import (
    PP_13_2024,
    EpublicationRequest,
    InvalidRequest,
    MicrodataRequest,
    PriceClass,
    Quote,
    TariffCode,
    WksMapKind,
    WksMapRequest,
    build_schedule,
    quote,
)

ON = date(2026, 11, 20)


@pytest.mark.parametrize("price_class", list(PriceClass))
def test_snapshot_is_json_safe_and_round_trips(price_class):
    q = quote(
        [
            EpublicationRequest(pages=101, label="Statistik Daerah"),
            MicrodataRequest(size_bytes=1_000_001, with_processing=True, tables=2),
            WksMapRequest(kind=WksMapKind.NATIONAL_DESA),
        ],
        on=ON,
        price_class=price_class,
    )
    text = json.dumps(q.to_dict())
    assert Quote.from_dict(json.loads(text)) == q


def test_snapshot_keeps_amounts_as_exact_strings():
    data = quote([MicrodataRequest(size_bytes=1_000_001)], on=ON).to_dict()
    assert data["total"] == "20020"
    assert data["lines"][1] == {
        "code": "MICRODATA_NEXT_1000B",
        "description": "Data mikro tanpa pengolahan, setiap 1.000 byte berikutnya",
        "units": 1,
        "unit_price": "20",
        "tariff_amount": "20",
        "amount": "20",
        "detail": "1.000.001 byte",
    }
    assert data["schedule_name"] == "PP 13/2024"
    assert data["schedule_effective_from"] == "2024-03-01"


def test_build_schedule_shares_the_wording_of_the_lines():
    schedule = build_schedule(
        name="PP Uji",
        effective_from=date(2030, 1, 1),
        prices={"EPUB_FIRST_50": Decimal(55_000), TariffCode.EPUB_NEXT_50: 16_000},
    )
    assert [i.description for i in schedule.items] == [i.description for i in PP_13_2024.items[:2]]
    assert schedule.item(TariffCode.EPUB_FIRST_50).price == Decimal(55_000)
    with pytest.raises(InvalidRequest):
        schedule.item(TariffCode.WKS_NATIONAL_DESA)  # this schedule does not sell maps


def test_build_schedule_refuses_unknown_codes():
    with pytest.raises(ValueError):
        build_schedule(name="X", effective_from=ON, prices={"EPUB_FIRST_5O": 1})
