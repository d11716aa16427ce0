"""Shop catalogue and PNBP pricing through the site (issue #6): select variables and regions,
the basket shows the server's quote; tampered or unknown input is refused; the tariff page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from pst.clock import office_today
from shop.pricing import quotes
from shop.pricing.services import tariff_schedule_create
from tests.factories import UserFactory
from tests.factories.catalogue import microdata_product, publication_product, wks_product

pytestmark = pytest.mark.django_db


def select_url(product):
    return reverse("catalogue:select", kwargs={"product_slug": product.slug, "pk": product.pk})


def quote_url(product):
    return reverse("catalogue:quote", kwargs={"product_slug": product.slug, "pk": product.pk})


def basket_lines(client):
    response = client.get(reverse("basket:summary"))
    return response, list(response.context["basket"].all_lines())


def test_buyer_selects_variables_and_regions_and_the_basket_shows_the_quote(client):
    product = microdata_product()
    client.force_login(UserFactory())
    page = client.get(product.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "Blok IV. Anggota Rumah Tangga" in body  # variables grouped by block
    assert "Abstraksi penggunaan data" in body  # required documents, in Indonesian

    # 30.000 Makassar records x (1+1 + 9+1 + 10+1) = 690.000 bytes: the first MB only.
    response = client.post(
        select_url(product),
        {"scope": "pilihan", "variables": ["B4K4", "B7R12", "WEIGHT"], "regions": ["7371"]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
    response, lines = basket_lines(client)
    (line,) = lines
    assert line.unit_price_incl_tax == Decimal(20_000)
    assert line.line_price_incl_tax == Decimal(20_000)
    assert quotes.line_options(line) == {"variables": "B4K4,B7R12,WEIGHT", "regions": "7371"}
    assert line.get_warning() is None
    body = response.content.decode()
    assert "Rp 20.000" in body
    assert "Data mikro tanpa pengolahan (per dataset), 1 MB pertama" in body  # quote lines
    assert "690.000 byte" in body and "PP 13/2024" in body
    # names, not codes (issue #17): not "Variabel = 'B4K4,B7R12,WEIGHT'"
    options = re.findall(r'class="[^"]*line-option">([^<]*)<', body)
    assert options == [
        "Variabel: Jenis kelamin, Upah sebulan, Penimbang individu",
        "Wilayah: Kota Makassar",
    ]


def test_full_set_with_processing_is_priced_per_table(client):
    product = microdata_product()
    client.post(select_url(product), {"with_processing": "1", "tables": "2"})
    _, (line,) = basket_lines(client)
    # 40.000 x 31 = 1.240.000 bytes: 2 tables x (22.000 + 240 x 22)
    assert line.line_price_incl_tax == Decimal(2 * (22_000 + 240 * 22))


def test_a_tampered_price_in_the_form_is_ignored_the_server_recomputes(client):
    product = microdata_product()
    client.post(
        select_url(product),
        {
            "scope": "pilihan",
            "variables": ["B4K4"],
            "regions": ["7371"],
            "price": "1",
            "total": "1",
            "price_excl_tax": "1",
        },
    )
    _, (line,) = basket_lines(client)
    assert line.line_price_incl_tax == Decimal(20_000)
    assert line.price_incl_tax == Decimal(20_000)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"scope": "pilihan", "variables": ["NOPE"], "regions": ["7371"]}, id="var"),
        pytest.param({"scope": "pilihan", "variables": ["B4K4"], "regions": ["0000"]}, id="reg"),
        pytest.param({"scope": "pilihan", "regions": ["7371"]}, id="no variables chosen"),
        pytest.param({"with_processing": "1", "tables": "-3"}, id="negative tables"),
        pytest.param({"with_processing": "1", "tables": "99999999"}, id="absurd tables"),
    ],
)
def test_bad_selections_are_refused_with_a_message_and_nothing_enters_the_basket(client, data):
    product = microdata_product()
    response = client.post(select_url(product), data, follow=True)
    assert response.redirect_chain[-1][0] == product.get_absolute_url()
    messages = [str(m) for m in response.context["messages"]]
    assert messages and all(m for m in messages)
    _, lines = basket_lines(client)
    assert lines == []


def test_live_estimate_is_computed_by_the_server(client):
    product = microdata_product()
    ok = client.get(
        quote_url(product), {"scope": "pilihan", "variables": "B4K5", "regions": "7315"}
    )
    assert ok.status_code == 200
    data = ok.json()
    assert data["size_bytes"] == 10_000 * 3
    assert data["total_display"] == "Rp 20.000"
    assert data["schedule"] == "PP 13/2024"
    refused = client.get(quote_url(product), {"variables": "B4K5", "regions": "9999"})
    assert refused.status_code == 400
    assert refused.json()["field"] == "regions"
    assert "9999" in refused.json()["error"]


def test_a_line_tampered_after_it_entered_the_basket_cannot_be_checked_out(client):
    product = microdata_product()
    client.force_login(UserFactory())
    client.post(
        select_url(product), {"scope": "pilihan", "variables": ["B4K4"], "regions": ["7371"]}
    )
    _, (line,) = basket_lines(client)
    attribute = line.attributes.get(option__code="variables")
    attribute.value = "B4K4,UNKNOWN"
    attribute.save()
    response, (line,) = basket_lines(client)
    assert not line.purchase_info.availability.is_available_to_buy
    assert "UNKNOWN" in line.purchase_info.availability.message
    assert "UNKNOWN" in response.content.decode()  # the basket page says why
    assert line.get_warning()  # Oscar's basket flags the line


@pytest.mark.parametrize("quantity", [2, 1000])
def test_a_softcopy_is_bought_once(client, quantity):
    product = publication_product(page_count=51)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    _, lines = basket_lines(client)
    assert lines == []


def test_maps_are_priced_per_map_in_the_basket(client):
    product = wks_product(kind="kabkota_kecamatan")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})
    _, (line,) = basket_lines(client)
    assert line.unit_price_incl_tax == Decimal(30_000)
    assert line.line_price_incl_tax == Decimal(90_000)


def test_quote_after_the_effective_date_of_a_new_schedule_uses_it():
    today = office_today()
    switch = today + timedelta(days=30)
    tariff_schedule_create(
        name="PP 99/2026",
        effective_from=switch,
        prices={"EPUB_FIRST_50": Decimal(60_000), "EPUB_NEXT_50": Decimal(20_000)},
        today=today,
    )
    product = publication_product(page_count=60)
    before = quotes.quote_for_product(
        product=product, options=None, user=None, on=switch - timedelta(days=1)
    )
    after = quotes.quote_for_product(product=product, options=None, user=None, on=switch)
    assert (before.schedule_name, before.total) == ("PP 13/2024", Decimal(65_000))
    assert (after.schedule_name, after.total) == ("PP 99/2026", Decimal(80_000))


def test_tariff_page_is_generated_from_the_schedules(client):
    response = client.get(reverse("pricing:tariff"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "PP 13/2024" in body and "PP 7/2015" in body
    assert "Rp 12.000.000" in body  # Indonesia by kecamatan
    assert "1.346" in body  # worked example: started 1.000-byte steps
    assert date(2024, 3, 1).year == 2024


@pytest.mark.parametrize(
    ("make", "price", "fact"),
    [
        pytest.param(lambda: microdata_product(), "Rp 24.800", "SPPD", id="Data Mikro"),
        pytest.param(
            lambda: publication_product(page_count=50), "Rp 50.000", "PDF", id="Publikasi"
        ),
        pytest.param(
            lambda: wks_product(kind="national_kecamatan"),
            "Rp 12.000.000",
            "PNG atau JPEG",  # what the delivery hands over (issue #20), not SHP/GeoJSON
            id="Peta WKS",
        ),
    ],
)
def test_product_pages_show_the_tariff_and_what_the_buyer_gets(client, make, price, fact):
    body = client.get(make().get_absolute_url()).content.decode()
    assert price in body
    assert fact in body
    assert "Yang Anda terima" in body and "Dokumen yang diperlukan" in body


@pytest.mark.parametrize(
    ("make", "listed", "not_listed"),
    [
        pytest.param(
            lambda: publication_product(page_count=50),
            ["NPWP", "Surat pengantar"],
            ["SPPD", "Abstraksi", "KTP"],
            id="Publikasi: account, NPWP (swasta), cover letter (Rp0) only",
        ),
        pytest.param(
            lambda: microdata_product(),
            ["Abstraksi", "SPPD", "NPWP"],
            ["KTP"],
            id="Data Mikro: plus abstraksi and SPPD",
        ),
    ],
)
def test_product_page_lists_the_documents_the_checkout_asks_for(client, make, listed, not_listed):
    """Issue #17: the product page and the checkout read one table (DOMAIN.md)."""
    body = client.get(make().get_absolute_url()).content.decode()
    requirements = body.split("Dokumen yang diperlukan", 1)[1].split("</tr>", 1)[0]
    for text in listed:
        assert text in requirements
    for text in not_listed:
        assert text not in requirements


@pytest.mark.parametrize(
    ("make", "box"),
    [
        pytest.param(lambda: publication_product(page_count=50), False, id="softcopy: no box"),
        pytest.param(lambda: wks_product(kind="kabkota_kecamatan"), True, id="map: per map"),
    ],
)
def test_only_a_map_has_a_quantity_box_in_the_basket(client, make, box):
    """A softcopy is bought once (issue #17); its quantity goes along hidden."""
    product = make()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    body = client.get(reverse("basket:summary")).content.decode()
    form = body.split('id="basket_formset"', 1)[1].split("</form>", 1)[0]
    assert ('type="number" name="form-0-quantity"' in form) is box
    assert ('type="hidden" name="form-0-quantity" value="1"' in form) is not box


def test_tariff_page_names_its_legal_source_and_date_not_the_developers_notes(client):
    """Issue #17: the public page states PP 13/2024 with its annex and the date it took effect;
    what the office must still confirm is an admin-only note."""
    body = client.get(reverse("pricing:tariff")).content.decode()
    assert "Peraturan Pemerintah Nomor 13 Tahun 2024" in body and "Lampirannya" in body
    assert "berlaku sejak 1 Maret 2024" in body
    assert "1.346 ×" in body  # a worked example's units grouped like every number (pst.formats)
    for note in ("unofficial", "DOMAIN.md", "Lampiran not consulted", "asumsi", "tidak resmi"):
        assert note not in body, note


def test_the_office_reads_what_it_must_confirm_in_the_admin(admin_client):
    from shop.pricing.models import TariffSchedule

    schedule = TariffSchedule.objects.get(name="PP 13/2024")
    assert "salinan tidak resmi" in schedule.assumptions
    page = admin_client.get(reverse("admin:pricing_tariffschedule_change", args=[schedule.pk]))
    assert "salinan tidak resmi" in page.content.decode()


def test_the_migration_rewrites_only_the_source_it_wrote():
    """0003 replaces 0002's developer wording and leaves a source staff corrected alone."""
    import importlib

    from django.apps import apps

    from shop.pricing.models import TariffSchedule

    migration = importlib.import_module("shop.pricing.migrations.0003_public_source_admin_notes")
    old_13 = migration.SOURCES["PP 13/2024"][0]
    TariffSchedule.objects.filter(name="PP 13/2024").update(source=old_13)
    TariffSchedule.objects.filter(name="PP 7/2015").update(source="Dikoreksi petugas")
    migration.forwards(apps, None)
    sources = dict(TariffSchedule.objects.values_list("name", "source"))
    assert sources["PP 13/2024"] == migration.SOURCES["PP 13/2024"][1]
    assert sources["PP 7/2015"] == "Dikoreksi petugas"
    migration.backwards(apps, None)
    assert TariffSchedule.objects.get(name="PP 13/2024").source == old_13
