"""Issue #4, "Interoperability": the Atom feed of new releases lists released publications only."""

from __future__ import annotations

import datetime

import pytest
from lxml import etree

from library.models import Subject
from pst.clock import office_today
from tests.factories.library import PublicationPageFactory

pytestmark = pytest.mark.django_db

URL = "/pustaka/feed/atom/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def entries(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content).findall("a:entry", ATOM)


def test_feed_lists_released_publications_newest_first(client):
    older = PublicationPageFactory(title="Statistik Lama", release_date=datetime.date(2024, 5, 1))
    newer = PublicationPageFactory(
        title="Statistik Baru",
        subtitle="Edisi Revisi",
        release_date=datetime.date(2025, 8, 1),
        abstract="Ringkasan <b>penting</b>.",
        authors="Tim Penyusun",
        with_pdf=False,
    )
    newer.subjects.set([Subject.objects.create(name="Kependudukan", slug="kependudukan")])
    newer.save_revision().publish()
    PublicationPageFactory(title="Rilis Terjadwal", scheduled=True, with_pdf=False)
    PublicationPageFactory(
        title="Tanggal Rilis di Depan",
        release_date=office_today() + datetime.timedelta(days=3),
        with_pdf=False,
    )
    unpublished = PublicationPageFactory(title="Ditarik", with_pdf=False)
    unpublished.unpublish()

    found = entries(client)
    assert [e.findtext("a:title", namespaces=ATOM) for e in found] == [
        "Statistik Baru: Edisi Revisi",
        "Statistik Lama",
    ]
    first = found[0]
    assert first.find("a:link", ATOM).get("href").endswith(newer.url)
    assert first.findtext("a:id", namespaces=ATOM).endswith(f":publikasi:{newer.pk}")
    assert first.find("a:category", ATOM).get("term") == "Kependudukan"
    assert first.findtext("a:author/a:name", namespaces=ATOM) == "Tim Penyusun"
    assert first.findtext("a:published", namespaces=ATOM).startswith("2025-08-01")
    assert "penting" in first.findtext("a:summary", namespaces=ATOM)
    assert older.title in [e.findtext("a:title", namespaces=ATOM) for e in found]


def test_empty_feed_is_still_a_valid_document(client):
    assert entries(client) == []
