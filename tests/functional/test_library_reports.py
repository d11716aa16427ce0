"""Issue #4: download reports per publication, subject and month, top publications, a chart and
a CSV export, for librarians and the head of office only."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone

from library import reports
from library.models import Download, PublicationPage, Subject
from pst import roles
from tests.factories import UserFactory
from tests.factories.library import PublicationPageFactory

pytestmark = pytest.mark.django_db

URL = "/pustaka/staf/laporan-unduhan/"


def at(year, month, day) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def log(reader, page: PublicationPage | None, when, title: str | None = None) -> Download:
    return Download.objects.create(
        reader=reader,
        publication=page,
        download_id=f"DL{when:%Y%m%d}-{Download.objects.count():010X}",
        reader_name=reader.full_name,
        reader_email=reader.email,
        publication_title=title or page.title,
        created_at=when,
        bytes=1000,
    )


@pytest.fixture
def downloads():
    population = Subject.objects.create(name="Kependudukan", slug="kependudukan")
    trade = Subject.objects.create(name="Perdagangan", slug="perdagangan")
    a = PublicationPageFactory(title="Penduduk 2025", with_pdf=False)
    a.subjects.set([population])
    a.save_revision().publish()
    b = PublicationPageFactory(title="Ekspor 2025", with_pdf=False)
    b.subjects.set([trade, population])
    b.save_revision().publish()
    r1, r2 = UserFactory(), UserFactory()
    log(r1, a, at(2026, 1, 5))
    log(r1, a, at(2026, 1, 6))
    log(r2, a, at(2026, 3, 1))
    log(r2, b, at(2026, 3, 2))
    log(r1, None, at(2026, 3, 3), title="Publikasi yang Dihapus")
    log(r1, a, at(2025, 6, 1))  # outside the period used below
    return a, b


PERIOD = reports.Period(datetime.date(2026, 1, 1), datetime.date(2026, 4, 30))


def test_selectors_count_per_publication_subject_and_month(downloads):
    per_publication = reports.downloads_per_publication(PERIOD)
    assert [(r.label, r.downloads, r.readers) for r in per_publication] == [
        ("Penduduk 2025", 3, 2),
        ("Ekspor 2025", 1, 1),
        ("Publikasi yang Dihapus", 1, 1),
    ]
    per_subject = {r.label: (r.downloads, r.readers) for r in reports.downloads_per_subject(PERIOD)}
    assert per_subject == {"Kependudukan": (4, 2), "Perdagangan": (1, 1), "Tanpa subjek": (1, 1)}
    monthly = [(r.key, r.downloads) for r in reports.downloads_per_month(PERIOD)]
    assert monthly == [("2026-01", 2), ("2026-02", 0), ("2026-03", 3), ("2026-04", 0)]
    assert reports.totals(PERIOD) == {"downloads": 5, "readers": 2, "publications": 3}
    bars = reports.chart_bars(reports.downloads_per_month(PERIOD))
    assert [b.value for b in bars] == [2, 0, 3, 0]
    assert bars[2].height == 200 and bars[1].height == 0


def test_default_period_is_the_last_twelve_months():
    period = reports.Period.default(datetime.date(2026, 3, 15))
    assert (period.start, period.end) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 15))


@pytest.mark.parametrize("role", [roles.LIBRARIAN, roles.HEAD_OF_OFFICE])
def test_staff_see_the_reports_with_a_chart(client, make_staff, downloads, role):
    client.force_login(make_staff(role))
    response = client.get(URL, {"dari": "2026-01-01", "sampai": "2026-04-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and html.count("<rect") == 4
    assert "Penduduk 2025" in html and "Tanpa subjek" in html


def test_csv_export(client, make_staff, downloads):
    client.force_login(make_staff(roles.LIBRARIAN))
    response = client.get(URL, {"dari": "2026-01-01", "sampai": "2026-04-30", "csv": "publication"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "unduhan-publication-20260101-20260430.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Publikasi", "Unduhan", "Pembaca"]
    assert rows[1] == ["Penduduk 2025", "3", "2"]
    assert rows[-1] == ["Periode", "2026-01-01", "2026-04-30"]
    monthly = client.get(URL, {"dari": "2026-01-01", "sampai": "2026-04-30", "csv": "month"})
    lines = list(csv.reader(io.StringIO(monthly.content.decode("utf-8-sig"))))
    assert [line[1] for line in lines[1:5]] == ["2", "0", "3", "0"]


def test_bad_dates_fall_back_to_the_default_period(client, make_staff):
    client.force_login(make_staff(roles.LIBRARIAN))
    response = client.get(URL, {"dari": "kemarin", "sampai": "2026-13-45"})
    assert response.status_code == 200
    assert response.context["period"] == reports.Period.default()


@pytest.mark.parametrize("role", [roles.OFFICER, roles.TREASURER])
def test_other_staff_may_not_see_reports(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"csv": "month"}).status_code == 403


def test_reader_and_anonymous_may_not_see_reports(client, user):
    assert client.get(URL).status_code == 302
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_wagtail_menu_links_the_reports(client, make_staff):
    client.force_login(make_staff(roles.LIBRARIAN))
    assert URL in client.get("/cms/").content.decode()
