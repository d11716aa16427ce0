"""One voice in the librarian's Wagtail admin (issue #17): the pages the Pustakawan works on,
rendered under ``id``, show no English message id of Wagtail's that no catalogue translates.

Wagtail's ``id_ID`` catalogues list only the ids they translate (270 of the admin's 953), so the
ids come from Wagtail's ``en`` catalogues, which list them all. Two sources of text:

* the HTML the server renders (``django`` domain): text nodes and read attributes, and the
  JSON Wagtail's scripts draw from (``wagtailConfig.STRINGS``' bulk-action counts, the
  sidebar's menu: "Help");
* the strings Wagtail's JavaScript (the page explorer, the editor's "Collapse all" and error
  buttons, the side panels) takes from ``/cms/jsi18n/``, Django's ``JavaScriptCatalog`` over the
  ``djangojs`` domain: each id of Wagtail's admin JS catalogue must come back translated there.
"""

from __future__ import annotations

import json
import pprint
import re
from functools import cache
from pathlib import Path

import pytest
import wagtail
from django.urls import reverse
from django.utils.translation import trans_real

from library.models import SoftcopyRequest
from library.services import site_ensure_structure
from pst import roles
from tests.factories import UserFactory
from tests.factories.accounts import user_with_role
from tests.factories.search import publication
from tests.functional.test_one_voice import (
    _PLACEHOLDER,
    _TAG,
    OUR_CATALOGUE,
    _bare,
    _messages,
    _pattern,
    visible_text,
)

pytestmark = pytest.mark.django_db

WAGTAIL = Path(wagtail.__file__).parent
#: Keys of the admin's JSON whose values are codes, not text: the sidebar's menu item names.
JSON_CODES = frozenset({"name", "icon_name", "url", "classname", "classnames", "attrs"})
#: Names the admin shows as they are, in both languages: not words to translate.
NAMES = frozenset({"Wagtail", "PDF", "ISSN", "ISBN", "URL", "ID", "OK", "JPEG", "PNG", "GIF"})


def _normal(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).split())


def _wordy(message_id: str) -> bool:
    text = _PLACEHOLDER.sub("", message_id)
    return bool(re.search(r"[A-Za-z]{2}", text)) and _bare(_normal(text)) not in NAMES


def _untranslated(catalog, domain: str):
    """Wagtail's English ids (each plural form too) that ``catalog`` does not translate."""
    for path in sorted(WAGTAIL.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        for message in _messages(path):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for i, message_id in enumerate(ids):
                key = message_id if len(ids) == 1 else (ids[0], i)
                if message.context:
                    key = (
                        f"{message.context}\x04{message_id}"
                        if len(ids) == 1
                        else (f"{message.context}\x04{ids[0]}", i)
                    )
                if key not in catalog and _wordy(message_id):
                    yield message_id


@cache
def untranslated_wagtail() -> tuple[frozenset[str], tuple[tuple[str, re.Pattern], ...]]:
    """(short ids matched as a whole text piece, ids of four words or more searched with their
    placeholders as wildcards) of Wagtail's django domain, under the merged ``id`` catalogue."""
    short, long = set(), {}
    for message_id in _untranslated(trans_real.translation("id")._catalog, "django"):
        if len(_normal(message_id).split()) >= 4:
            long[message_id] = _pattern(message_id)
        elif not _PLACEHOLDER.search(message_id):
            short.add(_bare(_normal(message_id)))
    return frozenset(short), tuple(long.items())


def english_leaks(html: str, user_content: tuple[str, ...] = ()) -> list[str]:
    """Wagtail's untranslated English on a page; ``user_content`` (page titles) is not UI."""
    pieces, whole = visible_text(html)
    for text in user_content:
        whole = whole.replace(text, " ")
    pieces = [p for p in pieces if p not in user_content]
    short, long = untranslated_wagtail()
    found = sorted({p for p in pieces if p in short or _bare(p) in short})
    found += sorted(message_id for message_id, pattern in long if pattern.search(whole))
    for name, data in re.findall(
        r'<script id="([\w-]+)" type="application/json">(.*?)</script>', html, re.S
    ):
        found += [f"{name}: {s}" for s in _strings(json.loads(data))]
    return found


def _strings(value):
    """The untranslated English among the values of a JSON blob of the admin
    (``wagtailConfig.STRINGS``, the sidebar's props: nested dicts and lists)."""
    if isinstance(value, dict):  # names and addresses are not read
        return [s for k, v in value.items() if k not in JSON_CODES for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) and _english(value) else []


def _english(text: str) -> bool:
    short, long = untranslated_wagtail()
    return _bare(text) in short or any(m == text for m, _p in long)


def js_catalogue_leaks(catalog: dict) -> list[str]:
    """Ids of Wagtail's admin JavaScript that the served ``djangojs`` catalogue leaves English:
    ``catalog`` is ``django.catalog`` of ``/cms/jsi18n/`` (plural entries are lists)."""
    flat = {}
    for key, value in catalog.items():
        if isinstance(value, list):
            flat.update({(key, i): v for i, v in enumerate(value)})
        else:
            flat[key] = value
    return sorted(set(_untranslated(flat, "djangojs")))


def _served_catalogue(client) -> dict:
    client.cookies["django_language"] = "id"
    body = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S).group(1))


TITLE = "Statistik Kesejahteraan Rakyat Uji"


@pytest.fixture
def librarian_pages(client):
    """The librarian's doors in the admin: (label, url) with the client signed in."""
    structure = site_ensure_structure(
        home_title="PST Online", home_intro="", library_title="E-Pustaka", library_intro=""
    )
    page = publication(TITLE)
    scheduled = publication(f"{TITLE} Terjadwal", state="scheduled")
    asked = SoftcopyRequest.objects.create(
        publication=page, publication_title=TITLE, reader=UserFactory(), note="Untuk skripsi"
    )
    client.force_login(user_with_role(roles.LIBRARIAN))
    library = structure.library
    return [
        ("home", reverse("wagtailadmin_home")),
        ("explorer", reverse("wagtailadmin_explore", args=[library.pk])),
        (
            "add publication",
            reverse("wagtailadmin_pages:add", args=["library", "publicationpage", library.pk]),
        ),
        ("edit publication", reverse("wagtailadmin_pages:edit", args=[page.pk])),
        ("edit scheduled", reverse("wagtailadmin_pages:edit", args=[scheduled.pk])),
        ("page history", reverse("wagtailadmin_pages:history", args=[page.pk])),
        ("page search", reverse("wagtailadmin_pages:search") + "?q=statistik"),
        ("snippets", reverse("wagtailsnippets:index")),
        ("softcopy requests", reverse("softcopy_requests:index")),
        ("softcopy request", reverse("softcopy_requests:edit", args=[asked.pk])),
        ("softcopy request record", reverse("softcopy_requests:inspect", args=[asked.pk])),
        ("account", reverse("wagtailadmin_account")),
        ("aging pages", reverse("wagtailadmin_reports:aging_pages")),
        ("page types usage", reverse("wagtailadmin_reports:page_types_usage")),
        ("site history", reverse("wagtailadmin_reports:site_history")),
        ("workflows", reverse("wagtailadmin_reports:workflow")),
        ("workflow tasks", reverse("wagtailadmin_reports:workflow_tasks")),
        ("leak trace", reverse("library:leak-trace")),
        ("download reports", reverse("library:download-reports")),
    ]


def test_the_librarians_admin_pages_show_no_untranslated_wagtail_english(client, librarian_pages):
    problems = {}
    for label, url in librarian_pages:
        client.cookies["django_language"] = "id"
        response = client.get(url)
        assert response.status_code == 200, (label, url, response.status_code)  # not sent away
        leaks = english_leaks(
            response.content.decode(), user_content=("E-Pustaka", TITLE, f"{TITLE} Terjadwal")
        )
        if leaks:
            problems[label] = leaks
    assert problems == {}, pprint.pformat(problems, width=100)


def test_wagtails_javascript_strings_are_served_in_indonesian(client):
    client.force_login(user_with_role(roles.LIBRARIAN))
    assert js_catalogue_leaks(_served_catalogue(client)) == []


def test_our_javascript_catalogue_is_the_one_served():
    """``locale/id/LC_MESSAGES/djangojs.mo`` reaches the editor: Wagtail's own ``id_ID`` has no
    "Collapse all", and its "Page" stays Wagtail's ("Halaman")."""
    from django.test import Client

    client = Client()
    client.force_login(user_with_role(roles.LIBRARIAN))
    catalog = _served_catalogue(client)
    assert catalog["Collapse all"] == "Tutup semua"
    assert catalog["Page"] == "Halaman"
    assert catalog["%(num)s error"] == ["%(num)s kesalahan", "%(num)s kesalahan"]


def test_the_checks_can_fail():
    """Each detector finds English it is built to find, on a page made to contain it, and lets
    through a page title, a name and what a catalogue translates."""
    short, long = untranslated_wagtail()
    assert short and long  # Wagtail keeps ids of its own that nobody translates
    word = sorted(short)[0]
    sentence = next(m for m, _p in long if "%" not in m and "<" not in m)
    config = json.dumps({"STRINGS": {"PAGE": {"SINGULAR": word}}, "name": word})
    page = (
        f"<h1>{word}</h1><p>{sentence}</p><span>Wagtail</span><span>PDF</span>"
        f'<button aria-label="Simpan">x</button>'
        f'<script id="wagtail-config" type="application/json">{config}</script>'
    )
    assert english_leaks(page) == [word, sentence, f"wagtail-config: {word}"]
    assert english_leaks(page, user_content=(word,)) == [sentence, f"wagtail-config: {word}"]
    assert english_leaks("<p>Wagtail</p><p>PDF</p><p>Tutup semua</p>") == []
    assert "Collapse all" in js_catalogue_leaks({"Expand all": "Buka semua"})
    assert "Expand all" not in js_catalogue_leaks({"Expand all": "Buka semua"})
    assert "%(num)s errors" in js_catalogue_leaks({"%(num)s error": ["%(num)s kesalahan"]})


def test_every_listed_wagtail_id_is_in_our_catalogue():
    """``pst/wording.py`` keeps the ids for ``makemessages``; each must have our entry (the two
    plural ones are lazy and not read here)."""
    from pst.wording import WAGTAIL_ADMIN_MESSAGE_IDS

    ours = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(OUR_CATALOGUE)}
    listed = [i for i in WAGTAIL_ADMIN_MESSAGE_IDS if isinstance(i, str)]
    assert len(listed) > 150 and sorted(set(listed) - ours) == []
