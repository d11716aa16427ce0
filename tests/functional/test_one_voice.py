"""One voice (issue #17): the pages people use, rendered with the test client in each language,
checked against the message catalogues themselves.

* Under ``id``, no text on the page may be an English message id that no Indonesian catalogue
  translates: ours, Oscar's, Wagtail's or Django's (the stock strings the site renders were the
  leaks: "Your basket total is now …", "-- choose action --").
* Under ``id``, none of Oscar's stock Indonesian wordings we override (``pst/wording.py``) may
  come back: if the catalogue order changed, "cekout" and "troli" would reappear.
* Under ``en``, no text may be an Indonesian translation from our catalogue.
"""

from __future__ import annotations

import io
import pprint
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import oscar
import pytest
import wagtail
from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils.translation import trans_real
from django.utils.translation.template import templatize

from library.services import site_ensure_structure
from pst import roles
from pst.wording import OSCAR_STOCK_WORDING, OVERRIDDEN_MESSAGE_IDS
from shop.pricing import tariffs
from tests.factories import UserFactory
from tests.factories.accounts import user_with_role
from tests.factories.billing import billed_order
from tests.factories.catalogue import microdata_product, publication_product, wks_product
from tests.factories.orders import basket_with

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
OUR_CATALOGUE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-z_]*\}")
_TAG = re.compile(r"<[^>]+>")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _bare(piece: str) -> str:
    """A text piece without the punctuation around it: "-- choose action --", "Total:"."""
    return piece.strip(" -–—:;,.·()[]|/*")


class _VisibleText(HTMLParser):
    """Text nodes and the attributes a person reads or hears (placeholder, title, aria-label,
    alt, a button's value); script and style are not text. Stored content marked as Indonesian
    (``lang="id"`` on an element without nested elements of its own kind: a dataset's codebook
    labels) is the data, not the interface, and is left out."""

    READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip = 0
        self._content: list[str] = []  # the tags of the open lang="id" elements

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        attrs = dict(attrs)
        if attrs.get("lang") == "id" and tag != "html":
            self._content.append(tag)
            self._skip += 1
        for name in self.READ_ATTRIBUTES:
            if attrs.get(name):
                self.pieces.append(_normal(attrs[name]))
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.pieces.append(_normal(attrs["value"]))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if self._content and self._content[-1] == tag:
            self._content.pop()
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.pieces.append(_normal(data))


def visible_text(html: str) -> tuple[list[str], str]:
    """(the text pieces, the whole visible text joined) of a page."""
    parser = _VisibleText()
    parser.feed(html)
    return parser.pieces, " ".join(parser.pieces)


def _po_files() -> list[Path]:
    """Every Indonesian catalogue of the code that renders our pages (Python's gettext expands
    "id" to id_ID then id, so both are read): Oscar's and Django's list all their message ids,
    translated or not; Wagtail's ``id_ID`` lists only those it translates, so its ``en``
    catalogues, which list them all, are read too."""
    files = [OUR_CATALOGUE]
    for package in (oscar, wagtail, django):
        for variant in ("id", "id_ID"):  # gettext reads "id" as id_ID, then id
            pattern = f"**/locale/{variant}/LC_MESSAGES/django.po"
            files += sorted(Path(package.__file__).parent.glob(pattern))
    return files + sorted(Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"))


def _messages(path: Path):
    with path.open("rb") as f:
        for message in read_po(f):
            if message.id:
                yield message


_KEYWORDS = (*DEFAULT_KEYWORDS, "gettext_lazy", "pgettext_lazy", "ngettext_lazy", "gettext_noop")


def _source_message_ids(package_dir: Path) -> set[str]:
    """Message ids in a package's code and templates, read the way ``makemessages`` reads them
    (``templatize``, then the Python extractor): Oscar 4 has ids its own catalogue predates
    ("Make products public", "choose action"), and a catalogue cannot list what it lacks."""
    ids = set()
    for path in package_dir.rglob("*"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.suffix == ".py":
            code = path.read_text(encoding="utf-8")
        elif path.suffix in (".html", ".txt"):
            code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
            code = "\n".join(line.lstrip() for line in code.splitlines())  # ids stay on one line
        else:
            continue
        for _line, _function, message, _comments in extract_python(
            io.BytesIO(code.encode()), _KEYWORDS, [], {}
        ):
            ids.update(m for m in (message if isinstance(message, tuple) else (message,)) if m)
    return ids


def _pattern(message_id: str) -> re.Pattern:
    text = _normal(_TAG.sub(" ", message_id))
    parts = [re.escape(p) for p in _PLACEHOLDER.split(text)]
    return re.compile(r"(?<![\w-])" + r".{1,80}?".join(parts) + r"(?![\w-])")


@cache
def untranslated_english() -> tuple[frozenset[str], tuple[tuple[str, re.Pattern], ...]]:
    """English message ids the merged Indonesian catalogue has no translation for: (short ids
    matched as a whole text piece, long ids with their pattern searched in the page's text)."""
    catalog = trans_real.translation("id")._catalog
    short, long = set(), {}
    for path in _po_files():
        for message in _messages(path):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for i, message_id in enumerate(ids):
                key = message_id if len(ids) == 1 else (ids[0], i)
                if message.context:
                    key = f"{message.context}\x04{message_id}"
                if key in catalog or not re.search(
                    r"[A-Za-z]{3}", _PLACEHOLDER.sub("", message_id)
                ):
                    continue
                _sort(message_id, short, long)
    for message_id in _source_message_ids(Path(oscar.__file__).parent):
        if message_id not in catalog and re.search(
            r"[A-Za-z]{3}", _PLACEHOLDER.sub("", message_id)
        ):
            _sort(message_id, short, long)
    return frozenset(short), tuple(long.items())


def _sort(message_id: str, short: set, long: dict) -> None:
    words = _normal(_TAG.sub(" ", message_id)).split()
    if len(words) >= 4:
        long[message_id] = _pattern(message_id)
    elif not _PLACEHOLDER.search(message_id):
        short.add(_bare(_normal(message_id)))


@cache
def our_indonesian() -> tuple[frozenset[str], tuple[str, ...]]:
    """Indonesian texts of our catalogue that differ from their English id: (whole pieces,
    long sentences without placeholders searched in the text)."""
    english = {
        _normal(i).lower()
        for path in _po_files()
        for m in _messages(path)
        for i in (m.id if isinstance(m.id, tuple) else (m.id,))
    }
    short, long = set(), set()
    for message in _messages(OUR_CATALOGUE):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            text = _normal(_TAG.sub(" ", text or ""))
            if not text or text.lower() in english or _PLACEHOLDER.search(text):
                continue
            if len(text.split()) >= 4:
                long.add(text)
            else:
                short.add(_bare(text))
    return frozenset(short), tuple(sorted(long))


def english_leaks(html: str) -> list[str]:
    pieces, whole = visible_text(html)
    short, long = untranslated_english()
    found = sorted({p for p in pieces if p in short or _bare(p) in short})
    found += sorted(message_id for message_id, pattern in long if pattern.search(whole))
    return found


def stock_wording_leaks(html: str) -> list[str]:
    _pieces, whole = visible_text(html)
    lowered = whole.lower()
    return sorted(bad for bad in OSCAR_STOCK_WORDING if bad.lower() in lowered)


def indonesian_leaks(html: str) -> list[str]:
    pieces, whole = visible_text(html)
    short, long = our_indonesian()
    return sorted({p for p in pieces if _bare(p) in short} | {t for t in long if t in whole})


SEED = {
    "home_title": "Pelayanan Statistik Terpadu Online",
    "home_intro": "<p>Satu pintu untuk perpustakaan dan konsultasi statistik.</p>",
    "library_title": "E-Pustaka",
    "library_intro": "<p>Publikasi statistik resmi: baca daring.</p>",
}
SEED_EN = {
    "home_title_en": "Integrated Statistical Services Online",
    "home_intro_en": "<p>One door to the library and statistical consultation.</p>",
    "library_title_en": "E-library",
    "library_intro_en": "<p>Official statistical publications: read online.</p>",
}


@pytest.fixture
def site_pages(client):
    """The pages of the shop, basket, checkout, account and the officer's and bendahara's desks,
    with the data each needs; returns (label, client, url) triples."""
    site_ensure_structure(**SEED, **SEED_EN)
    product = publication_product(title="Statistik Daerah Uji")
    microdata, wks_map = microdata_product(), wks_product(title="WKS Uji")
    buyer = UserFactory()
    order, _billing = billed_order(buyer=buyer, products=[product, microdata])
    shopper = UserFactory()
    basket_with(shopper, [product, microdata, wks_map])
    officer = user_with_role(roles.OFFICER)
    treasurer = user_with_role(roles.TREASURER)

    def as_(user):
        from django.test import Client

        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    anonymous, shopping, buying = as_(None), as_(shopper), as_(buyer)
    staff, bendahara = as_(officer), as_(treasurer)
    return [
        ("home", anonymous, "/"),
        ("catalogue", anonymous, reverse("catalogue:index")),
        ("product", anonymous, product.get_absolute_url()),
        ("microdata product", anonymous, microdata.get_absolute_url()),
        ("map product", anonymous, wks_map.get_absolute_url()),
        ("tariff", anonymous, reverse("pricing:tariff")),
        ("login", anonymous, reverse("customer:login")),
        ("basket", shopping, reverse("basket:summary")),
        ("checkout", shopping, reverse("checkout:payment-details")),
        ("profile", buying, reverse("customer:profile-view")),
        ("orders", buying, reverse("customer:order-list")),
        ("order", buying, reverse("customer:order", kwargs={"order_number": order.number})),
        ("bills", buying, reverse("billing:pay")),
        ("officer queue", staff, reverse("dashboard:order-list")),
        (
            "officer order",
            staff,
            reverse("dashboard:order-detail", kwargs={"number": order.number}),
        ),
        ("treasurer", bendahara, reverse("treasury:payments")),
        ("register", anonymous, reverse("customer:register")),
        ("password reset", anonymous, reverse("password-reset")),
        ("search", anonymous, "/cari/?q=statistik"),
        ("library", anonymous, "/pustaka/"),
        ("services", anonymous, reverse("layanan:index")),
        ("complaint", anonymous, reverse("layanan:complaint_create")),
        ("consultations", buying, reverse("layanan:consultation_list")),
        ("profile edit", buying, reverse("customer:profile-update")),
        ("password change", buying, reverse("customer:change-password")),
        ("e-mail history", buying, reverse("customer:email-list")),
        ("teller", buying, reverse("billing:teller")),
        ("desk", staff, reverse("landing")),
        ("officer products", staff, reverse("dashboard:catalogue-product-list")),
        ("officer services", staff, reverse("layanan:staff_home")),
        ("cash book", bendahara, reverse("treasury:cashbook")),
        ("treasury", bendahara, reverse("treasury:dashboard")),
        ("treasury report", bendahara, reverse("treasury:report")),
    ]


def _render(client, url, language):
    client.cookies["django_language"] = language
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_indonesian_pages_show_no_untranslated_english_and_no_stock_oscar_wording(site_pages):
    problems = {}
    for label, client, url in site_pages:
        html = _render(client, url, "id")
        leaks = english_leaks(html) + stock_wording_leaks(html)
        if leaks:
            problems[label] = leaks
    assert problems == {}, pprint.pformat(problems, width=100)


def test_the_message_after_adding_to_the_basket_is_indonesian(client):
    """Oscar's flash message and its buttons ("Your basket total is now …", "Checkout now")."""
    product = publication_product(title="Statistik Daerah Uji")
    client.force_login(UserFactory())
    client.cookies["django_language"] = "id"
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True
    )
    html = response.content.decode()
    assert "Total keranjang Anda sekarang" in html
    assert english_leaks(html) + stock_wording_leaks(html) == []


def test_english_pages_show_no_text_from_the_indonesian_catalogue(site_pages):
    problems = {}
    for label, client, url in site_pages:
        leaks = indonesian_leaks(_render(client, url, "en"))
        if leaks:
            problems[label] = leaks
    assert problems == {}, pprint.pformat(problems, width=100)


#: What the tariff schedule, the quotes and the product facts say in Indonesian, read from the
#: schedule itself and from the wording of the details and reasons a quote records: none of it
#: may reach an English page (the catalogue check above only knows what the catalogue lists).
#: "1 byte" is English too.
_QUOTE_INDONESIAN = re.compile(
    r"\d halaman = \d+ blok|(?:\d{2,}|[02-9]) byte\b|\d tabel\b|\d peta\b|\(pilihan\)"
    r"|Tarif PNBP menurut|dikenai tarif PNBP|Tarif Rp0:|Segmen \w|Unduhan dari akun PST"
    r"|bertanda air|Teks lebar"
    r"|Contoh record|Ringkasan dan metadata|Abstraksi penggunaan data"
)


def schedule_indonesian(html: str) -> list[str]:
    _pieces, whole = visible_text(html)
    items = tariffs.PP_13_2024.items
    wording = {item.description for item in items} | {i.unit for i in items if i.unit != "1 MB"}
    found = {text for text in wording if text in whole}
    return sorted(found | {m.group() for m in _QUOTE_INDONESIAN.finditer(whole)})


QUOTE_PAGES = (
    "product",
    "microdata product",
    "map product",
    "tariff",
    "basket",
    "checkout",
    "order",
    "officer order",
)


def test_english_pages_say_the_tariff_lines_reasons_and_product_facts_in_english(site_pages):
    """The product facts, tariff lines, units, details and segment reasons (issue #17)."""
    problems = {}
    for label, client, url in site_pages:
        if label in QUOTE_PAGES:
            html = _render(client, url, "en")
            if leaks := schedule_indonesian(html):
                problems[label] = leaks
    assert problems == {}, pprint.pformat(problems, width=100)
    assert len([label for label, _c, _u in site_pages if label in QUOTE_PAGES]) == len(QUOTE_PAGES)


def test_indonesian_pages_keep_the_schedules_exact_wording(site_pages):
    """English is a rendering of the stored Indonesian, which stays word for word."""
    pages = {label: (client, url) for label, client, url in site_pages}
    tariff = _render(*pages["tariff"], "id")
    assert "<td>Publikasi elektronik, 50 halaman pertama</td><td>per 50 halaman</td>" in tariff
    product = _render(*pages["product"], "id")
    assert "Statistik Daerah Uji: 120 halaman = 3 blok" in product
    assert "Segmen umum (perorangan) dikenai tarif PNBP; tarif Rp0 hanya untuk" in product
    assert "Unduhan dari akun PST setelah pembayaran dikonfirmasi" in product
    microdata = _render(*pages["microdata product"], "id")
    assert "Teks lebar tetap berpemisah koma (CSV) + codebook (PDF)" in microdata
    assert "Abstraksi penggunaan data" in microdata
    english = _render(*pages["product"], "en")
    assert "E-publication, first 50 pages" in english
    assert "Statistik Daerah Uji: 120 pages = 3 blocks" in english
    assert "The general public (individuals) segment pays the PNBP tariff" in english


def test_the_checks_can_fail():
    """Each detector finds what it is built to find, on a page made to contain it, and lets
    through what our catalogue translates ("choose action" was Oscar's untranslated id)."""
    short, long = untranslated_english()
    untranslated_word = sorted(short)[0]
    untranslated_sentence = next(m for m, _p in long if "%" not in m and "<" not in m)
    page = (
        f"<p>{untranslated_sentence}</p><button title='{untranslated_word}'>x</button>"
        "<select><option> -- choose action -- </option></select><a>cekout</a>"
    )
    leaks = english_leaks(page)
    assert untranslated_word in leaks and untranslated_sentence in leaks
    assert not any("choose action" in leak for leak in leaks)
    assert stock_wording_leaks(page) == ["cekout"]
    assert indonesian_leaks("<h1>Keranjang</h1><p>Invoice</p>") == ["Keranjang"]
    assert schedule_indonesian(
        "<td>Data mikro tanpa pengolahan (per dataset), 1 MB pertama</td><td>1 MB</td>"
        "<span>X (pilihan): 54 byte</span><p>2,345,678 bytes x 1 table; 1 map; 1 byte</p>"
    ) == ["(pilihan)", "54 byte", "Data mikro tanpa pengolahan (per dataset), 1 MB pertama"]


def test_english_mode_shows_the_home_hero_and_the_library_intro_in_english(client):
    site_ensure_structure(**SEED, **SEED_EN)
    for language, shown, hidden in (
        ("en", ("Integrated Statistical Services Online", "One door to the library"), "Satu pintu"),
        ("id", ("Pelayanan Statistik Terpadu Online", "Satu pintu"), "One door"),
    ):
        home = _render(client, "/", language)
        assert all(text in home for text in shown) and hidden not in home, language
    library = _render(client, "/pustaka/", "en")
    assert "<h1>E-library</h1>" in library and "Official statistical publications" in library


def test_a_home_seeded_before_the_english_fields_gets_them_but_a_retitled_one_does_not():
    from library.models import HomePage, LibraryIndexPage

    site_ensure_structure(**SEED)
    library = LibraryIndexPage.objects.get()
    library.title = "Perpustakaan Digital"
    library.save_revision().publish()
    site_ensure_structure(**SEED, **SEED_EN)
    home = HomePage.objects.get()
    assert home.title_en == SEED_EN["home_title_en"]
    assert home.get_latest_revision().as_object().title_en == SEED_EN["home_title_en"]
    assert LibraryIndexPage.objects.get().title_en == ""  # the librarian's page, left alone


def test_the_tariff_pages_worked_examples_follow_the_page_language(client):
    english = _render(client, reverse("pricing:tariff"), "en")
    indonesian = _render(client, reverse("pricing:tariff"), "id")
    assert "E-publication of 120 pages" in english and "Publikasi elektronik 120" not in english
    assert "Publikasi elektronik 120 halaman" in indonesian


def test_the_product_page_names_its_type_and_attributes_in_the_page_language(client):
    product = publication_product(title="Statistik Daerah Uji")
    english = _render(client, product.get_absolute_url(), "en")
    indonesian = _render(client, product.get_absolute_url(), "id")
    assert "<th>Number of pages</th>" in english and "Jumlah halaman" not in english
    assert ">Publication</p>" in english
    assert "<th>Jumlah halaman</th>" in indonesian and ">Publikasi</p>" in indonesian


def test_a_product_without_a_picture_shows_a_wordless_placeholder(client):
    """Oscar's placeholder has "Image Not Available" written in English inside the picture."""
    from django.contrib.staticfiles import finders
    from oscar.apps.catalogue.abstract_models import MissingProductImage

    assert MissingProductImage().name == "no-image.png"
    assert finders.find("oscar/img/no-image.png")
    product = publication_product(title="Statistik Daerah Uji")
    client.force_login(UserFactory())
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    basket = _render(client, reverse("basket:summary"), "id")
    assert "<img" in basket and "image_not_found" not in basket


def test_every_overridden_oscar_id_is_in_our_catalogue():
    """pst/wording.py lists the ids our catalogue says our way; an id there without our entry
    would silently fall back to Oscar's wording."""
    ours = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(OUR_CATALOGUE)}
    assert sorted(set(OVERRIDDEN_MESSAGE_IDS) - ours) == []


def test_the_password_reset_e_mail_and_page_are_in_our_words(client):
    """Oscar's e-mail said "ketikkan sandi baru" and signed "PST Online tim"."""
    from django.core import mail

    user = UserFactory()
    client.cookies["django_language"] = "id"
    mail.outbox.clear()
    page = client.post(reverse("password-reset"), {"email": user.email}, follow=True)
    (message,) = mail.outbox
    assert message.subject == "Atur ulang kata sandi Anda di PST Online"
    assert "buat kata sandi baru" in message.body and "Tim PST Online" in message.body
    html = page.content.decode()
    assert "E-mail terkirim" in html
    assert english_leaks(html) + stock_wording_leaks(html) == []


def test_our_catalogue_says_none_of_oscars_stock_wordings():
    """The pages the test renders miss flash messages and buttons of forms it does not post:
    "ditambahkan ke troli" after adding a microdata selection came from our own catalogue."""
    found = []
    for message in _messages(OUR_CATALOGUE):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found += [(message.id, bad) for bad in OSCAR_STOCK_WORDING if bad in (text or "")]
    assert found == []
