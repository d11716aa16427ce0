"""Issue #4, readers: faceted browse, the full record with citation and metadata, scheduled
releases and the release calendar, through the test client."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from library.models import Frequency, PublicationPage
from tests.factories import UserFactory
from tests.factories.library import (
    PublicationPageFactory,
    RegionFactory,
    SubjectFactory,
    library_structure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    """Five publications over two subjects, three years, two regions and two frequencies."""
    sulsel = RegionFactory()
    maros = RegionFactory(code="7308", name="Kabupaten Maros")
    population = SubjectFactory(name="Kependudukan")
    labour = SubjectFactory(name="Ketenagakerjaan")
    specs = [
        ("Statistik Penduduk 2024", datetime.date(2024, 5, 2), sulsel, population, "tahunan"),
        ("Angkatan Kerja 2024", datetime.date(2024, 11, 5), sulsel, labour, "semesteran"),
        ("Angkatan Kerja 2025", datetime.date(2025, 5, 5), sulsel, labour, "semesteran"),
        ("Maros Dalam Angka 2025", datetime.date(2025, 2, 28), maros, population, "tahunan"),
        ("Bencana Dan Penduduk 2023", datetime.date(2023, 8, 1), maros, population, "tahunan"),
    ]
    return [
        PublicationPageFactory(
            title=title,
            release_date=date,
            region=region,
            subjects=[subject],
            frequency=frequency,
            with_pdf=False,
        )
        for title, date, region, subject, frequency in specs
    ]


def listing(client, **query):
    response = client.get(library_structure().library.url, query)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [p.title for p in response.context["publications"]]


def facet(response, name: str) -> dict[str, int]:
    return {value.label: value.count for value in getattr(response.context["browse"], name)}


def test_listing_counts_every_facet(client, catalogue):
    response = listing(client)
    assert facet(response, "subjects") == {"Kependudukan": 3, "Ketenagakerjaan": 2}
    assert facet(response, "years") == {"2025": 2, "2024": 2, "2023": 1}
    assert facet(response, "regions") == {"Sulawesi Selatan": 3, "Kabupaten Maros": 2}
    assert facet(response, "frequencies") == {"Tahunan": 3, "Semesteran": 2}
    html = response.content.decode()
    assert 'id="facet-subject"' in html and "(3)" in html


def test_filters_combine_and_each_facet_counts_the_other_choices(client, catalogue):
    response = listing(client, subjek="kependudukan", wilayah="7308")
    assert sorted(titles(response)) == ["Bencana Dan Penduduk 2023", "Maros Dalam Angka 2025"]
    # Region facet ignores the region choice but keeps the subject choice.
    assert facet(response, "regions") == {"Sulawesi Selatan": 1, "Kabupaten Maros": 2}
    assert facet(response, "subjects") == {"Kependudukan": 2}
    response = listing(client, tahun="2024", frekuensi="semesteran")
    assert titles(response) == ["Angkatan Kerja 2024"]


def test_bad_filter_values_are_ignored(client, catalogue):
    response = listing(client, tahun="20x4", frekuensi="mingguan", urut="acak")
    assert len(titles(response)) == 5


def test_sort_by_release_date_or_title(client, catalogue):
    assert titles(listing(client))[0] == "Angkatan Kerja 2025"
    assert titles(listing(client, urut="terlama"))[0] == "Bencana Dan Penduduk 2023"
    assert titles(listing(client, urut="judul")) == sorted(p.title for p in catalogue)


def test_listing_is_paginated_and_links_keep_the_filters(client, catalogue, monkeypatch):
    from library.models import LibraryIndexPage

    monkeypatch.setattr(LibraryIndexPage, "per_page", 2)
    response = listing(client, subjek="kependudukan")
    assert len(titles(response)) == 2
    assert response.context["page_obj"].paginator.num_pages == 2
    assert "?halaman=2&amp;subjek=kependudukan" in response.content.decode()
    assert len(titles(listing(client, subjek="kependudukan", halaman="2"))) == 1
    assert len(titles(listing(client, halaman="99"))) == 1  # last page, not an error


RECORD_FIELDS = [
    "Katalog BPS",
    "Nomor Publikasi",
    "ISSN",
    "ISBN",
    "Tanggal rilis",
    "Frekuensi",
    "Wilayah",
    "Subjek",
    "Penulis",
    "Bahasa",
    "Halaman",
    "Ukuran berkas",
]


def test_publication_page_shows_the_full_record_toc_cover_and_citation(client):
    page = PublicationPageFactory(
        title="Statistik Daerah Provinsi Sulawesi Selatan 2025",
        subtitle="Edisi Revisi",
        nomor_publikasi="73000.2501",
        issn="0126-2912",
        isbn="978-602-438-123-3",
        authors="Andi Pratama; Sri Wahyuni",
        abstract="Ringkasan statistik daerah & indikator utama.",
        frequency=Frequency.ANNUAL,
        subjects=[SubjectFactory(name="Statistik Daerah")],
    )
    html = client.get(page.url).content.decode()
    record = html[html.index('id="record"') : html.index("</table>", html.index('id="record"'))]
    for label in RECORD_FIELDS:
        assert label.lower() in record.lower(), label
    for value in (
        "1102001.7300",
        "73000.2501",
        "0126-2912",
        "978-602-438-123-3",
        "Tahunan",
        "Sulawesi Selatan",
        "Statistik Daerah",
        "Andi Pratama; Sri Wahyuni",
        "Indonesia",
        str(page.page_count),
    ):
        assert value in record, value
    assert "Edisi Revisi" in html
    assert 'id="cover"' in html
    toc = html[html.index('id="toc"') :]
    assert unescape(page.outline[0]["title"]) in unescape(toc)
    apa = unescape(re.search(r'id="cite-apa">(.*?)</p>', html, re.S).group(1))
    assert apa.startswith("Andi Pratama, & Sri Wahyuni. (2025). Statistik Daerah Provinsi")
    assert "(Katalog BPS 1102001.7300). Badan Pusat Statistik. http" in apa
    bibtex = unescape(re.search(r'id="cite-bibtex">(.*?)</pre>', html, re.S).group(1))
    assert bibtex.startswith("@book{andi2025statistik,")
    assert "author = {Andi Pratama and Sri Wahyuni}," in bibtex
    assert "isbn = {978-602-438-123-3}," in bibtex
    assert "Gratis" in html


def test_group_author_and_bibtex_escaping():
    from library import citation

    page = PublicationPage(
        title="Indeks Harga 50% & Inflasi",
        release_date=datetime.date(2024, 1, 2),
        publisher="Badan Pusat Statistik",
        language="Indonesia",
        katalog="",
    )
    assert citation.apa(page, url="https://x/") == (
        "Badan Pusat Statistik. (2024). Indeks Harga 50% & Inflasi. https://x/"
    )
    entry = citation.bibtex(page, url="https://x/")
    assert "title = {Indeks Harga 50\\% \\& Inflasi}," in entry
    assert "author = {{Badan Pusat Statistik}}," in entry


def test_dublin_core_and_citation_meta_tags(client):
    page = PublicationPageFactory(
        authors="Andi Pratama", isbn="978-602-438-123-3", subjects=[SubjectFactory()]
    )
    html = client.get(page.url).content.decode()
    head = html[: html.index("</head>")]
    meta = dict(re.findall(r'<meta name="((?:DC|citation_)[\w.]+)" content="([^"]*)"', head))
    assert meta["DC.title"] == page.title
    assert meta["DC.creator"] == "Andi Pratama"
    assert meta["DC.date"] == "2025-03-03"
    assert meta["DC.subject"] == "Kependudukan"
    assert meta["citation_title"] == page.title
    assert meta["citation_author"] == "Andi Pratama"
    assert meta["citation_publication_date"] == "2025/03/03"
    assert meta["citation_isbn"] == "978-602-438-123-3"
    assert meta["citation_technical_report_number"] == "1102001.7300"
    assert 'rel="schema.DC"' in head


def test_related_publications_share_a_subject(client, catalogue):
    page = PublicationPage.objects.get(title="Statistik Penduduk 2024")
    response = client.get(page.url)
    related = [p.title for p in response.context["related"]]
    assert "Statistik Penduduk 2024" not in related
    assert set(related[:2]) == {"Maros Dalam Angka 2025", "Bencana Dan Penduduk 2023"}


def test_free_and_sold_access_lines(client):
    sold = PublicationPageFactory(is_free=False)
    html = client.get(sold.url).content.decode()
    access = html[html.index('id="access"') :][:400]
    assert "Dijual di toko" in access
    assert 'id="download-form"' not in html


# --- Scheduled release --------------------------------------------------------------------


def test_scheduled_publication_is_hidden_everywhere_until_its_time(client, user):
    page = PublicationPageFactory(title="Inflasi Desember 2026", scheduled=True)
    assert not page.live
    client.force_login(user)
    assert client.get(page.url).status_code == 404
    assert "Inflasi Desember 2026" not in listing(client).content.decode()
    assert client.post(reverse("library:download", args=[page.pk])).status_code == 404
    assert client.get(reverse("library:read", args=[page.pk])).status_code == 404
    assert client.get(reverse("library:read-page", args=[page.pk, 1])).status_code == 404
    home = client.get("/").content.decode()
    assert "Inflasi Desember 2026" not in home


def test_scheduled_publication_goes_live_at_its_time(client, user):
    page = PublicationPageFactory(title="Inflasi Desember 2026", scheduled=True)
    # The clock moves past the scheduled time (the revision's content carries it too).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.revisions.get(approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert "Inflasi Desember 2026" in listing(client).content.decode()


def test_release_calendar_lists_upcoming_releases_without_files(client):
    subject = SubjectFactory(name="Harga")
    soon = PublicationPageFactory(title="Inflasi Januari 2027", scheduled=True, subjects=[subject])
    PublicationPageFactory(title="Sudah Terbit 2025")
    PublicationPageFactory(title="Draf Tanpa Jadwal", with_pdf=False).unpublish()
    response = client.get(reverse("library:release-calendar"))
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('id="release-calendar"') :]
    assert "Inflasi Januari 2027" in table and "Harga" in table
    assert "Sudah Terbit 2025" not in html and "Draf Tanpa Jadwal" not in html
    releases = response.context["releases"]
    assert [r.title for r in releases] == ["Inflasi Januari 2027"]
    assert releases[0].go_live_at == soon.go_live_at
    # Nothing that reaches the file or the page: no download, reader or page link.
    assert f'href="{soon.url}"' not in html
    assert f"/unduh/{soon.pk}/" not in html and f"/baca/{soon.pk}/" not in html
    assert reverse("library:release-calendar") in listing(client).content.decode()


def test_release_calendar_is_empty_when_nothing_is_scheduled(client):
    library_structure()
    response = client.get(reverse("library:release-calendar"))
    assert 'id="no-releases"' in response.content.decode()


def test_other_readers_cannot_see_a_draft_by_url(client):
    page = PublicationPageFactory()
    page.unpublish()
    client.force_login(UserFactory())
    assert client.get(page.url or f"/pustaka/{page.slug}/").status_code == 404


def test_free_publication_also_sold_in_the_shop_links_to_the_product(client):
    from tests.factories.catalogue import publication_product

    page = PublicationPageFactory(is_free=True)
    product = publication_product(page=page, page_count=page.page_count or 1, title=page.title)
    html = client.get(page.url).content.decode()
    access = html[html.index('id="access"') : html.index("</td>", html.index('id="access"'))]
    assert "Gratis" in access
    assert f'href="{product.get_absolute_url()}"' in access
