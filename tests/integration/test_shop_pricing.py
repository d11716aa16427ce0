"""shop.billing.pricing: product + options + buyer -> the quote, always recomputed (issue #6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shop.billing import pricing, tariffs
from shop.billing.tariffs import InvalidRequest, PriceClass, Quote, TariffCode
from tests.factories import UserFactory
from tests.factories.catalogue import microdata_product, publication_product, wks_product

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 20)
C = TariffCode


def codes(q: Quote):
    return [(line.code, line.units, line.amount) for line in q.lines]


def test_publication_priced_per_started_50_pages_of_its_page_count():
    product = publication_product(page_count=120)  # 3 blocks: 50.000 + 2 x 15.000
    q = pricing.quote_for_product(product=product, options=None, user=UserFactory(), on=ON)
    assert codes(q) == [(C.EPUB_FIRST_50, 1, 50_000), (C.EPUB_NEXT_50, 2, 30_000)]
    assert q.total == Decimal(80_000)
    assert q.schedule_name == "PP 13/2024"


def test_full_microdata_set_is_every_variable_of_every_region():
    # 40.000 records x 31 bytes = 1.240.000 bytes: first MB + 240 started 1.000 bytes.
    q = pricing.quote_for_product(product=microdata_product(), options={}, user=None, on=ON)
    assert codes(q) == [(C.MICRODATA_FIRST_MB, 1, 20_000), (C.MICRODATA_NEXT_1000B, 240, 4_800)]


def test_selection_prices_only_the_chosen_variables_and_regions():
    # Makassar 30.000 records x (4+1 + 2+1) bytes = 240.000 bytes: within the first MB.
    options = {"variables": "region_code,B4K5", "regions": "7371"}
    q = pricing.quote_for_product(product=microdata_product(), options=options, user=None, on=ON)
    assert codes(q) == [(C.MICRODATA_FIRST_MB, 1, 20_000)]
    assert "240.000 byte" in q.lines[0].detail


def test_processing_is_priced_per_table():
    options = {"variables": "B7R12", "with_processing": "1", "tables": "3"}
    q = pricing.quote_for_product(product=microdata_product(), options=options, user=None, on=ON)
    assert codes(q) == [(C.MICRODATA_PROCESSED_FIRST_MB, 3, 66_000)]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        pytest.param({"variables": "B4K4,NOPE"}, "variables", id="unknown variable"),
        pytest.param({"regions": "9999"}, "regions", id="region not covered"),
        pytest.param({"variables": ""}, "variables", id="empty variable selection"),
        pytest.param({"regions": " , "}, "regions", id="empty region selection"),
        pytest.param({"with_processing": "1", "tables": "-2"}, "tables", id="negative tables"),
        pytest.param({"with_processing": "1", "tables": "10000"}, "tables", id="absurd tables"),
        pytest.param({"with_processing": "1", "tables": "2.5"}, "tables", id="fractional"),
        pytest.param({"tables": "2"}, "tables", id="tables without processing"),
        pytest.param({"purpose": "gratis-saja"}, "purpose", id="unknown purpose"),
    ],
)
def test_bad_selections_are_refused(options, field):
    with pytest.raises(InvalidRequest) as refused:
        pricing.quote_for_product(product=microdata_product(), options=options, user=None, on=ON)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("kind", "count", "amount"),
    [
        pytest.param("national_kecamatan", 1, 12_000_000, id="Indonesia by kecamatan"),
        pytest.param("national_desa", 1, 36_000_000, id="Indonesia by desa"),
        pytest.param("kabkota_kecamatan", 2, 60_000, id="kab/kota by kecamatan, 2 maps"),
        pytest.param("kabkota_desa", 1, 70_000, id="kab/kota by desa"),
    ],
)
def test_wks_map_per_map(kind, count, amount):
    product = wks_product(kind=kind)
    q = pricing.quote_for_product(product=product, options=None, user=None, on=ON, count=count)
    assert q.total == Decimal(amount)


@pytest.mark.parametrize("count", [0, -1, 2])
def test_a_softcopy_is_sold_once_per_line(count):
    with pytest.raises(InvalidRequest):
        pricing.quote_for_product(
            product=publication_product(), options=None, user=None, on=ON, count=count
        )


def test_nol_rupiah_needs_eligible_segment_non_commercial_purpose_and_approval():
    product = wks_product(kind="kabkota_desa")
    agency = UserFactory(segment="instansi_pemerintah")
    purpose = {"purpose": "nonkomersial"}
    pending = pricing.quote_for_product(product=product, options=purpose, user=agency, on=ON)
    assert pending.price_class is PriceClass.BERBAYAR
    approved = pricing.quote_for_product(
        product=product, options=purpose, user=agency, on=ON, nol_rupiah_approved=True
    )
    assert approved.price_class is PriceClass.NOL_RUPIAH
    assert approved.total == 0 and approved.tariff_total == Decimal(70_000)
    student = UserFactory(segment="mahasiswa")
    paid = pricing.quote_for_product(
        product=product, options=purpose, user=student, on=ON, nol_rupiah_approved=True
    )
    assert paid.price_class is PriceClass.BERBAYAR


def test_quote_snapshot_round_trips():
    q = pricing.quote_for_product(product=microdata_product(), options={}, user=None, on=ON)
    assert Quote.from_dict(q.to_dict()) == q
    assert q.to_dict()["lines"][1]["amount"] == "4800"


def test_quote_names_the_schedule_in_force_on_its_date():
    product = publication_product(page_count=10)
    q = pricing.quote_for_product(product=product, options=None, user=None, on=date(2020, 1, 1))
    assert q.schedule_name == "PP 7/2015"
    assert tariffs.PP_13_2024.name == "PP 13/2024"
