"""The region master (issue #21, docs/regions.md): loaded by the migration, completed by
``load_regions``, and searchable in every region chooser."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from library import regions
from library.models import Region, RegionLevel
from tests.factories.library import PublicationPageFactory, library_structure

pytestmark = pytest.mark.django_db


def test_the_migration_loads_every_province_and_kabupaten_kota():
    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 38
    assert Region.objects.filter(level__in=[RegionLevel.REGENCY, RegionLevel.CITY]).count() == 514
    assert Region.objects.get(code="0000").name == "Indonesia"


@pytest.mark.parametrize(
    ("code", "name", "kemendagri", "parent"),
    [
        ("7315", "Kabupaten Pinrang", "73.15", "7300"),  # BPS and Kemendagri codes agree
        ("7311", "Kabupaten Bone", "73.08", "7300"),  # they differ: the site keeps BPS's
        ("3171", "Kota Administrasi Jakarta Selatan", "31.74", "3100"),
        ("1275", "Kota Medan", "12.71", "1200"),
        ("9400", "Papua", "91", "0000"),  # BPS 94 is Kemendagri 91
        ("9501", "Kabupaten Merauke", "93.01", "9500"),  # moved to Papua Selatan in 2022
    ],
)
def test_regions_carry_the_bps_code_the_kemendagri_code_and_their_parent(
    code, name, kemendagri, parent
):
    region = Region.objects.select_related("parent").get(code=code)
    assert (region.name, region.kemendagri_code, region.parent.code) == (name, kemendagri, parent)


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("Jatim", "3500"),
        ("Sulsel", "7300"),
        ("NTT", "5300"),
        ("DIY", "3400"),
        ("Irian Jaya Barat", "9100"),
        ("Ujung Pandang", "7371"),
        ("9401", "9501"),
    ],
)
def test_abbreviations_former_names_and_former_codes_are_kept(alias, code):
    assert alias in Region.objects.get(code=code).alias_list


def test_every_region_code_of_the_demo_resolves():
    from demo import catalogue_data

    known = set(Region.objects.values_list("code", flat=True))
    assert set(catalogue_data.REGIONS) <= known


def test_an_existing_region_keeps_its_id_and_name_and_gains_the_official_name_as_alias():
    region = Region.objects.get(code="3100")
    Region.objects.filter(pk=region.pk).update(name="DKI Jakarta", aliases="Batavia")
    result = regions.sync_regions(Region, regions.master())
    region.refresh_from_db()
    assert region.name == "DKI Jakarta"
    assert "Batavia" in region.alias_list
    assert "Daerah Khusus Ibukota Jakarta" in region.alias_list
    assert result.created == 0 and result.updated == 1


def test_load_regions_adds_kecamatan_once(capsys):
    call_command("load_regions", "--level", "kecamatan")
    first = capsys.readouterr().out
    call_command("load_regions", "--level", "kecamatan")
    second = capsys.readouterr().out
    assert "7285 dibuat" in first
    assert "0 dibuat, 0 diperbarui, 7285 tidak berubah" in second
    tamalate = Region.objects.get(code="7371030")
    assert (tamalate.name, tamalate.level, tamalate.parent.code) == (
        "Tamalate",
        RegionLevel.DISTRICT,
        "7371",
    )


def test_desa_rows_hang_under_their_kecamatan_with_kemendagri_codes():
    first = next(iter(regions.desa()))
    assert first.level == "desa"
    assert first.code == first.kemendagri_code and len(first.code) == 13
    assert first.parent_code in {row.code for row in regions.kecamatan()}


def test_the_region_chooser_finds_a_province_by_its_abbreviation(admin_client):
    response = admin_client.get("/cms/snippets/choose/library/region/results/", {"q": "Jatim"})
    assert response.status_code == 200
    assert "Jawa Timur" in response.content.decode()
    assert "Jawa Barat" not in response.content.decode()


def test_the_publication_editor_picks_the_region_through_the_searchable_chooser(admin_client):
    library_structure()
    page = PublicationPageFactory()
    html = admin_client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert "/cms/snippets/choose/library/region/" in html


def test_the_microdata_region_selection_is_filtered_by_name_abbreviation_or_code(client):
    from tests.factories import UserFactory
    from tests.factories.catalogue import microdata_product

    product = microdata_product(regions=[("7371", "Kota Makassar", 40), ("7315", "Pinrang", 20)])
    client.force_login(UserFactory())
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'id="region-filter"' in html
    # The filter matches the master's other names: Makassar's former name finds it.
    assert 'data-region="7371 kota makassar ujung pandang' in html
    # Names first, the code beside them (issue #21: region names shown, not codes).
    assert "Kota Makassar <span" in html
