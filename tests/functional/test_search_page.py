"""The search page /cari/, its autocomplete endpoint, the header box and Oscar's old search URL
(issue #5), through the test client."""

from __future__ import annotations

import pytest

from search import services
from search.backends.base import SearchBackend
from tests.factories.search import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    data = build_catalogue()
    services.search_reindex()
    return data


def test_results_page_with_highlights_and_facets(client, catalogue):
    response = client.get("/cari/", {"q": "kemiskinan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Kemiskinan</mark>" in html
    assert catalogue.poverty.url in html
    assert 'data-facet="type" data-value="publikasi"' in html
    assert "Terjadwal" not in html  # scheduled publication
    assert response.context["results"].total == 2


def test_facet_link_narrows_and_keeps_the_query(client, catalogue):
    response = client.get("/cari/", {"q": "pinrang", "jenis": "peta-wks"})
    results = response.context["results"]
    assert [h.key for h in results.hits] == [f"product:{catalogue.wks.pk}"]
    facet = next(f for f in response.context["facets"] if f["name"] == "type")
    selected = next(v for v in facet["values"] if v["value"].selected)
    assert selected["url"] == "/cari/?q=pinrang"  # a click on the selected value removes it


def test_filter_syntax_in_the_box(client, catalogue):
    response = client.get("/cari/", {"q": "tahun:2023 wilayah:7300"})
    keys = {h.key for h in response.context["results"].hits}
    assert keys == {f"publication:{catalogue.hdi.pk}"}


def test_a_misspelt_query_shows_the_corrected_results(client, catalogue):
    """Issue #21: the words as typed find nothing, so the page shows the correction's results
    and says so, with a link to search the words exactly as typed."""
    response = client.get("/cari/", {"q": "kemiskinn"})
    html = response.content.decode()
    assert response.context["results"].total == 2
    assert f'href="{catalogue.poverty.url}"' in html
    assert "Menampilkan hasil untuk <em>kemiskinan</em>" in html
    assert (
        '<a href="/cari/?q=kemiskinn&amp;persis=1" rel="nofollow">cari tetap kemiskinn</a>' in html
    )


def test_searching_exactly_as_typed_keeps_the_did_you_mean_link(client, catalogue):
    response = client.get("/cari/", {"q": "kemiskinn", "persis": "1"})
    html = response.content.decode()
    assert response.context["results"].total == 0
    assert 'href="/cari/?q=kemiskinan&amp;persis=1"' in html
    assert "Menampilkan hasil untuk" not in html


def test_a_misspelt_word_among_others_is_corrected(client, catalogue):
    response = client.get("/cari/", {"q": "indeks pembangnan manusia pinrang"})
    assert response.context["corrected_from"] == "indeks pembangnan manusia pinrang"
    assert [h.key for h in response.context["results"].hits] == [f"publication:{catalogue.hdi.pk}"]


def test_pagination_links(client, catalogue, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    response = client.get("/cari/", {"harga": "gratis"})
    assert response.context["results"].num_pages >= 2
    assert 'rel="next" href="/cari/?harga=gratis&amp;halaman=2"' in response.content.decode()
    second = client.get("/cari/", {"harga": "gratis", "halaman": "2"})
    assert second.context["results"].page == 2


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 5000},
        {"q": 'kemiskinan "pinrang'},
        {"q": '" * NEAR - : ( ) {title_terms}: AND'},
        {"q": "kemiskinan", "jenis": "tidak-ada", "tahun": "dua ribu", "wilayah": "<script>"},
        {"q": "kemiskinan", "halaman": "-3"},
        {"q": "kemiskinan", "halaman": "99999"},
        {"q": "kemiskinan", "subjek": "subjek-yang-tidak-ada"},
    ],
)
def test_bad_input_gives_a_normal_page(client, catalogue, params):
    response = client.get("/cari/", params)
    assert response.status_code == 200
    assert b"<mark><script>" not in response.content


def test_unknown_subject_returns_no_results_not_an_error(client, catalogue):
    response = client.get("/cari/", {"q": "kemiskinan", "subjek": "tidak-ada"})
    assert response.context["results"].total == 0


def test_autocomplete_returns_titles(client, catalogue):
    response = client.get("/cari/saran/", {"q": "keadaan angk"})
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "title": "Keadaan Angkatan Kerja di Indonesia Agustus 2024",
                "url": catalogue.labour.url,
                "type": "publikasi",
            }
        ]
    }
    assert client.get("/cari/saran/", {"q": '"*'}).json() == {"results": []}


def test_header_search_box_points_at_the_search_page(client, catalogue):
    html = client.get("/cari/").content.decode()
    assert 'action="/cari/"' in html and 'data-autocomplete-url="/cari/saran/"' in html


def test_oscar_search_url_redirects(client):
    response = client.get("/toko/search/", {"q": "susenas"})
    assert response.status_code == 302
    assert response["Location"] == "/cari/?q=susenas"


class DownBackend(SearchBackend):
    def __init__(self, **options):
        pass

    def search(self, request):
        raise ConnectionError("cluster down")

    def autocomplete(self, prefix, *, limit=8):
        raise ConnectionError("cluster down")


def test_backend_down_gives_a_message_not_a_500(client, settings):
    settings.SEARCH_BACKEND = f"{__name__}.DownBackend"
    response = client.get("/cari/", {"q": "kemiskinan"})
    assert response.status_code == 503
    assert "sementara" in response.content.decode() or "temporarily" in response.content.decode()
    assert client.get("/cari/saran/", {"q": "kemis"}).status_code == 503


def test_librarians_edit_synonyms_in_the_cms(client, make_staff, user):
    from pst import roles

    librarian = make_staff(roles.LIBRARIAN)
    client.force_login(librarian)
    from search.models import Synonym

    listing = client.get("/cms/snippets/search/synonym/")
    assert listing.status_code == 200
    first = Synonym.objects.order_by("terms").first()  # the list is paginated
    assert first.terms in listing.content.decode()
    client.force_login(user)
    assert client.get("/cms/snippets/search/synonym/").status_code in (302, 403)
