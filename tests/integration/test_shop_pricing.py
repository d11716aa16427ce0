"""shop.pricing.quotes: product + options + buyer -> the quote, always recomputed (issue #6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shop.pricing import quotes, tariffs
from shop.pricing.tariffs import InvalidRequest, PriceClass, Quote, TariffCode
from tests.factories import UserFactory
from tests.factories.catalogue import microdata_product, publication_product, wks_product

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 20)
C = TariffCode


def codes(q: Quote):
    return [(line.code, line.units, line.amount) for line in q.lines]


def test_publication_priced_per_started_50_pages_of_its_page_count():
    product = publication_product(page_count=120)  # 3 blocks: 50.000 + 2 x 15.000
    q = quotes.quote_for_product(product=product, options=None, user=UserFactory(), on=ON)
    assert codes(q) == [(C.EPUB_FIRST_50, 1, 50_000), (C.EPUB_NEXT_50, 2, 30_000)]
    assert q.total == Decimal(80_000)
    assert q.schedule_name == "PP 13/2024"


def test_full_microdata_set_is_every_variable_of_every_region():
    # 40.000 records x 31 bytes = 1.240.000 bytes: first MB + 240 started 1.000 bytes.
    q = quotes.quote_for_product(product=microdata_product(), options={}, user=None, on=ON)
    assert codes(q) == [(C.MICRODATA_FIRST_MB, 1, 20_000), (C.MICRODATA_NEXT_1000B, 240, 4_800)]


def test_selection_prices_only_the_chosen_variables_and_regions():
    # Makassar 30.000 records x (4+1 + 2+1) bytes = 240.000 bytes: within the first MB.
    options = {"variables": "region_code,B4K5", "regions": "7371"}
    q = quotes.quote_for_product(product=microdata_product(), options=options, user=None, on=ON)
    assert codes(q) == [(C.MICRODATA_FIRST_MB, 1, 20_000)]
    assert "240.000 byte" in q.lines[0].detail


def test_processing_is_priced_per_table():
    options = {"variables": "B7R12", "with_processing": "1", "tables": "3"}
    q = quotes.quote_for_product(product=microdata_product(), options=options, user=None, on=ON)
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
        quotes.quote_for_product(product=microdata_product(), options=options, user=None, on=ON)
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
    q = quotes.quote_for_product(product=product, options=None, user=None, on=ON, count=count)
    assert q.total == Decimal(amount)


@pytest.mark.parametrize("count", [0, -1, 2])
def test_a_softcopy_is_sold_once_per_line(count):
    with pytest.raises(InvalidRequest):
        quotes.quote_for_product(
            product=publication_product(), options=None, user=None, on=ON, count=count
        )


def test_nol_rupiah_needs_eligible_segment_non_commercial_purpose_and_approval():
    product = wks_product(kind="kabkota_desa")
    agency = UserFactory(segment="instansi_pemerintah")
    purpose = {"purpose": "nonkomersial"}
    pending = quotes.quote_for_product(product=product, options=purpose, user=agency, on=ON)
    assert pending.price_class is PriceClass.BERBAYAR
    approved = quotes.quote_for_product(
        product=product, options=purpose, user=agency, on=ON, nol_rupiah_approved=True
    )
    assert approved.price_class is PriceClass.NOL_RUPIAH
    assert approved.total == 0 and approved.tariff_total == Decimal(70_000)
    student = UserFactory(segment="mahasiswa")
    paid = quotes.quote_for_product(
        product=product, options=purpose, user=student, on=ON, nol_rupiah_approved=True
    )
    assert paid.price_class is PriceClass.BERBAYAR


def test_quote_snapshot_round_trips():
    q = quotes.quote_for_product(product=microdata_product(), options={}, user=None, on=ON)
    assert Quote.from_dict(q.to_dict()) == q
    assert q.to_dict()["lines"][1]["amount"] == "4800"


def test_quote_names_the_schedule_in_force_on_its_date():
    product = publication_product(page_count=10)
    q = quotes.quote_for_product(product=product, options=None, user=None, on=date(2020, 1, 1))
    assert q.schedule_name == "PP 7/2015"
    assert tariffs.PP_13_2024.name == "PP 13/2024"


SMALL_REGIONS = (("7371", "Kota Makassar", 30), ("7315", "Kabupaten Pinrang", 10))


def master_lines(counts):
    """Master records in the delivery layout of the factory codebook (widths 4,1,2,9,10)."""
    lines = []
    for code, n in counts:
        for i in range(n):
            lines.append(f"{code},{i % 2 + 1},{20 + i % 50:2d},{i * 1000:9d},{1.5:10.4f}\n")
    return "".join(lines).encode("ascii")


def test_delivered_file_from_the_master_has_the_quoted_size():
    from catalogue.models import MicrodataDataset
    from catalogue.selectors import dataset_master, microdata_selection
    from catalogue.services import microdata_master_attach

    product = microdata_product(regions=SMALL_REGIONS, deliverable=False)
    dataset = MicrodataDataset.objects.get(product=product)
    data = master_lines([("7371", 30), ("7315", 10)])
    microdata_master_attach(dataset=dataset, chunks=[data[:77], data[77:]], filename="m.csv")

    options = {"variables": "B4K5,WEIGHT", "regions": "7315"}
    q = quotes.quote_for_product(product=product, options=options, user=None, on=ON)
    selection = microdata_selection(dataset=dataset, variables=["B4K5", "WEIGHT"], regions=["7315"])
    delivered = b"".join(dataset_master(dataset).chunks(selection))
    assert len(delivered) == selection.size_bytes == 10 * (3 + 11)
    assert f"{selection.size_bytes} byte" in q.lines[0].detail


@pytest.mark.parametrize(
    "counts",
    [
        pytest.param([("7371", 30), ("7315", 9)], id="a record missing"),
        pytest.param([("7371", 30), ("7315", 10), ("7311", 1)], id="a region not in the codebook"),
    ],
)
def test_a_master_that_disagrees_with_the_codebook_is_refused(counts):
    from catalogue.microdata import MicrodataLayoutError
    from catalogue.models import MicrodataDataset
    from catalogue.services import microdata_master_attach

    product = microdata_product(regions=SMALL_REGIONS, deliverable=False)
    dataset = MicrodataDataset.objects.get(product=product)
    with pytest.raises(MicrodataLayoutError):
        microdata_master_attach(dataset=dataset, chunks=[master_lines(counts)], filename="m.csv")
    dataset.refresh_from_db()
    assert not dataset.master
