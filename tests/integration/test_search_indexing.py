"""The index follows publishing (issue #5): publish, unpublish, delete, schedule; products made
public or hidden; PDF text extracted once; ``search_reindex``; a broken backend never breaks
publishing."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from search import services
from search.backends.base import SearchBackend, SearchRequest
from search.backends.database import DatabaseBackend
from search.models import PublicationText, SearchDocument
from search.query import parse
from tests.factories.library import PublicationPageFactory
from tests.factories.search import build_catalogue, publication

pytestmark = pytest.mark.django_db


def indexed_keys() -> set[str]:
    return set(SearchDocument.objects.values_list("key", flat=True))


def test_publish_indexes_and_unpublish_removes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = publication("Statistik Pariwisata Kota Makassar 2024", region_code="7371")
    assert f"publication:{page.pk}" in indexed_keys()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert f"publication:{page.pk}" not in indexed_keys()


def test_scheduled_and_draft_pages_are_not_indexed_until_live(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scheduled = publication("Rilis Terjadwal 2026", state="scheduled")
        draft = publication("Naskah Draf 2026", state="draft")
    assert not {f"publication:{scheduled.pk}", f"publication:{draft.pk}"} & indexed_keys()
    # the release time has come: a revision whose go-live time has passed is published
    scheduled.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        scheduled.save_revision().publish()
    assert f"publication:{scheduled.pk}" in indexed_keys()


def test_delete_removes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = publication("Statistik Hapus 2024")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert f"publication:{page.pk}" not in indexed_keys()


def test_pdf_text_is_extracted_once_and_searchable(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = PublicationPageFactory()
    record = PublicationText.objects.get(page=page)
    assert "Penyunting" in record.text and record.source_name == page.pdf.name
    results = DatabaseBackend().search(SearchRequest(query=parse("penyunting")))
    assert [h.key for h in results.hits] == [f"publication:{page.pk}"]
    assert "<mark>Penyunting</mark>" in results.hits[0].snippet_html  # from the PDF text
    with (
        mock.patch("search.services.PdfReader") as reader,
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    reader.assert_not_called()


def test_unreadable_pdf_is_recorded_not_raised(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = PublicationPageFactory()
    with mock.patch("search.services.PdfReader", side_effect=ValueError("rusak")):
        record = services.publication_text_extract(page=page, force=True)
    assert record.text == "" and "rusak" in record.error


def test_products_follow_is_public_and_delete(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalogue = build_catalogue()
    wks = f"product:{catalogue.wks.pk}"
    assert wks in indexed_keys()
    assert f"product:{catalogue.hidden.pk}" not in indexed_keys()
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.wks.is_public = False
        catalogue.wks.save()
    assert wks not in indexed_keys()
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.susenas.delete()
    assert f"product:{catalogue.susenas.pk}" not in indexed_keys()


def test_search_reindex_command_rebuilds_everything():
    catalogue = build_catalogue()
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("search_reindex", stdout=out, stderr=io.StringIO())
    expected = {
        f"publication:{p.pk}"
        for p in (catalogue.poverty, catalogue.hdi, catalogue.labour, catalogue.grdp)
    } | {f"product:{catalogue.susenas.pk}", f"product:{catalogue.wks.pk}"}
    assert expected <= indexed_keys()
    assert f"publication:{catalogue.scheduled.pk}" not in indexed_keys()
    assert "dokumen" in out.getvalue()


class BrokenBackend(SearchBackend):
    def __init__(self, **options):
        pass

    def index(self, documents):
        raise ConnectionError("search cluster down")

    def remove(self, keys):
        raise ConnectionError("search cluster down")


def test_a_broken_backend_never_stops_publishing(settings, django_capture_on_commit_callbacks):
    settings.SEARCH_BACKEND = f"{__name__}.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        page = publication("Tetap Terbit Walau Indeks Mati 2024")
    page.refresh_from_db()
    assert page.live
    page.unpublish()  # and unpublishing neither


def test_counts_follow_every_write_to_the_index(django_capture_on_commit_callbacks):
    """The database backend keeps the facet columns in memory (search.facetindex); a publish or
    an unpublish must show in the very next search's total and counts, not a stale copy."""
    backend = DatabaseBackend()

    def year_count(year: str) -> tuple[int, int]:
        results = backend.search(SearchRequest(query=parse("inflasi")))
        years = {v.value: v.count for f in results.facets if f.name == "year" for v in f.values}
        return results.total, years.get(year, 0)

    with django_capture_on_commit_callbacks(execute=True):
        first = publication("Inflasi Kota Makassar 2023", region_code="7371")
    before = year_count(str(first.release_date.year))
    with django_capture_on_commit_callbacks(execute=True):
        second = publication("Inflasi Kabupaten Pinrang 2023", region_code="7315")
    assert year_count(str(second.release_date.year)) == (before[0] + 1, before[1] + 1)
    with django_capture_on_commit_callbacks(execute=True):
        second.unpublish()
    assert year_count(str(first.release_date.year)) == before


def test_a_filtered_search_ranks_only_what_passes_and_suggests_under_the_filter(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        makassar = publication("Statistik Hotel Kota Makassar", region_code="7371")
        publication("Statistik Hotel Kabupaten Pinrang", region_code="7315")
    results = DatabaseBackend().search(
        SearchRequest(query=parse("hotel"), filters={"region": "7371"})
    )
    assert [h.key for h in results.hits] == [f"publication:{makassar.pk}"]
    assert results.total == 1
    # A misspelling is corrected only when the correction finds something under the filters.
    found = DatabaseBackend().search(
        SearchRequest(query=parse("hotell"), filters={"region": "7371"})
    )
    assert found.total == 0 and found.suggestion == "hotel"
    nothing = DatabaseBackend().search(
        SearchRequest(query=parse("hotell"), filters={"year": "2019"})
    )
    assert nothing.suggestion is None


def test_a_view_restriction_hides_and_its_removal_shows_again(django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        page = publication("Statistik Terbatas 2024")
    key = f"publication:{page.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )
    assert key not in indexed_keys()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert key in indexed_keys()


def test_a_moved_page_is_found_at_its_new_url(django_capture_on_commit_callbacks):
    from tests.factories.library import library_structure

    with django_capture_on_commit_callbacks(execute=True):
        page = publication("Statistik Pindah 2024")
        section = library_structure().library.add_child(
            instance=type(library_structure().library)(title="Arsip", slug="arsip")
        )
    with django_capture_on_commit_callbacks(execute=True):
        page.move(section, pos="last-child")
    document = SearchDocument.objects.get(key=f"publication:{page.pk}")
    assert "/arsip/" in document.url
