"""A small fixed catalogue for the search tests: publications (live, scheduled, draft) and
products, built through the real page and product code paths."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from catalogue.product_classes import DATA_MIKRO, PETA_WKS
from library.models import PublicationPage, Region, RegionLevel, Subject
from tests.factories.catalogue import make_product
from tests.factories.library import library_structure

REGIONS = {
    "0000": ("Indonesia", RegionLevel.NATIONAL),
    "7300": ("Sulawesi Selatan", RegionLevel.PROVINCE),
    "7315": ("Pinrang", RegionLevel.REGENCY),
    "7371": ("Makassar", RegionLevel.CITY),
}


def region(code: str) -> Region:
    name, level = REGIONS[code]
    return Region.objects.get_or_create(code=code, defaults={"name": name, "level": level})[0]


def subject(name: str) -> Subject:
    return Subject.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def publication(
    title: str,
    *,
    abstract: str = "",
    region_code: str = "0000",
    subjects=(),
    year: int = 2024,
    frequency: str = "tahunan",
    is_free: bool = True,
    katalog: str = "",
    state: str = "live",  # live | scheduled | draft
    **fields,
) -> PublicationPage:
    page = PublicationPage(
        title=title,
        slug=slugify(title)[:80],
        abstract=abstract,
        release_date=datetime.date(year, 6, 1),
        frequency=frequency,
        region=region(region_code),
        is_free=is_free,
        katalog=katalog,
        live=False,
        **fields,
    )
    if state == "scheduled":
        page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    library_structure().library.add_child(instance=page)
    page.subjects.set([subject(s) for s in subjects])
    revision = page.save_revision()
    if state != "draft":
        revision.publish()
    page.refresh_from_db()
    return page


@dataclass
class Catalogue:
    poverty: PublicationPage
    hdi: PublicationPage
    labour: PublicationPage
    grdp: PublicationPage
    scheduled: PublicationPage
    draft: PublicationPage
    susenas: object
    wks: object
    hidden: object


def build_catalogue() -> Catalogue:
    """Seven publications and three products whose expected search results are easy to check
    by hand (see tests/integration/test_search_backends.py)."""
    poverty = publication(
        "Statistik Kemiskinan Provinsi Sulawesi Selatan 2024",
        abstract="Persentase penduduk miskin menurun. Data bersumber dari Susenas Maret 2024.",
        region_code="7300",
        subjects=["Kemiskinan"],
        katalog="3205015.7300",
    )
    hdi = publication(
        "Indeks Pembangunan Manusia Kabupaten Pinrang 2023",
        abstract="Umur harapan hidup dan rata-rata lama sekolah terus membaik.",
        region_code="7315",
        subjects=["Pembangunan Manusia"],
        year=2023,
    )
    labour = publication(
        "Keadaan Angkatan Kerja di Indonesia Agustus 2024",
        abstract="Hasil Survei Angkatan Kerja Nasional: tingkat pengangguran terbuka turun; "
        "kemiskinan tidak dibahas.",
        subjects=["Ketenagakerjaan"],
        frequency="semesteran",
        is_free=False,
    )
    grdp = publication(
        "Produk Domestik Regional Bruto Kota Makassar 2022",
        abstract="Pertumbuhan ekonomi Kota Makassar menurut lapangan usaha.",
        region_code="7371",
        subjects=["Pendapatan Nasional"],
        year=2022,
    )
    scheduled = publication(
        "Statistik Kemiskinan Terjadwal 2026",
        abstract="Belum rilis.",
        region_code="7300",
        subjects=["Kemiskinan"],
        state="scheduled",
    )
    draft = publication(
        "Draf Kemiskinan Belum Terbit",
        abstract="Masih draf.",
        subjects=["Kemiskinan"],
        state="draft",
    )
    susenas = make_product(
        class_slug=DATA_MIKRO,
        title="Data Mikro Survei Sosial Ekonomi Nasional Maret 2023",
        description="Data rumah tangga: pengeluaran dan konsumsi.",
        attributes={"survey": "Survei Sosial Ekonomi Nasional", "year": 2023, "record_count": 1000},
    )
    wks = make_product(
        class_slug=PETA_WKS,
        title="Peta WKS Kabupaten Pinrang per Desa",
        description="Batas wilayah kerja statistik tiap desa.",
        attributes={"map_kind": "kabkota_desa", "region_code": "7315", "year": 2024},
    )
    hidden = make_product(
        class_slug=PETA_WKS,
        title="Peta WKS Kemiskinan Tersembunyi",
        description="Tidak dijual.",
        attributes={"map_kind": "kabkota_desa", "region_code": "7371", "year": 2024},
    )
    hidden.is_public = False
    hidden.save()
    return Catalogue(poverty, hdi, labour, grdp, scheduled, draft, susenas, wks, hidden)
