"""Issue #10: the IKM of stored SKM questionnaires, per service and period, against a worked
example by hand (PermenPANRB 14/2017), and the staff page, exports and yearly report."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from layanan import selectors, services
from layanan.models import SatisfactionSurvey
from pst import roles
from pst.ikm import Grade
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Four consultation users. Per element (U1..U9) the sums are 14, 14, 11, 16, 14, 14, 15, 11, 14,
# so NRR = 3.5, 3.5, 2.75, 4, 3.5, 3.5, 3.75, 2.75, 3.5; sum of NRR = 30.75;
# IKM = 30.75 / 9 = 3.41666… -> 3.417; x 25 = 85.41666… -> 85.42 -> B (Baik, 76.61-88.30).
WORKED_EXAMPLE = [
    (4, 4, 3, 4, 4, 3, 4, 3, 4),
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (4, 3, 2, 4, 4, 4, 4, 3, 3),
    (3, 4, 3, 4, 3, 4, 4, 2, 4),
]


def at(year, month, day):
    return datetime(year, month, day, 10, 0, tzinfo=selectors.timezone.get_current_timezone())


@pytest.fixture
def answered():
    for index, scores in enumerate(WORKED_EXAMPLE):
        services.survey_submit(
            service="konsultasi", scores=scores, subject_key=f"contoh:{index}", suggestion="ok"
        )
    # Noise that must not count: another service, and the same service in another year.
    services.survey_submit(service="perpustakaan", scores=[1] * 9, subject_key="lain:1")
    old = services.survey_submit(service="konsultasi", scores=[1] * 9, subject_key="lama:1")
    SatisfactionSurvey.objects.filter(pk=old.pk).update(created_at=at(2020, 6, 1))
    SatisfactionSurvey.objects.exclude(pk=old.pk).update(created_at=at(2026, 3, 15))


def test_worked_example(answered):
    since, until = selectors.period_bounds(2026)
    result = selectors.ikm_of(service="konsultasi", since=since, until=until)
    assert result.respondents == 4
    assert result.nrr == tuple(
        Decimal(v)
        for v in ("3.500", "3.500", "2.750", "4.000", "3.500", "3.500", "3.750", "2.750", "3.500")
    )
    assert result.ikm == Decimal("3.417")
    assert result.converted == Decimal("85.42")
    assert result.grade is Grade.B
    march = dict(selectors.ikm_by_month(year=2026, service="konsultasi"))
    assert march[3].converted == Decimal("85.42") and march[4] is None
    assert selectors.ikm_of(service="rekomendasi", since=since, until=until) is None


def test_survey_scores_are_validated():
    with pytest.raises(services.ServiceError):
        services.survey_submit(service="konsultasi", scores=[5, 4, 4, 4, 4, 4, 4, 4, 4])
    with pytest.raises(services.ServiceError):
        services.survey_submit(service="konsultasi", scores=[4] * 8)
    services.survey_submit(service="konsultasi", scores=[4] * 9, subject_key="x")
    with pytest.raises(services.ServiceError):
        services.survey_submit(service="konsultasi", scores=[4] * 9, subject_key="x")


def test_staff_page_exports_and_yearly_report(client, answered, make_staff):
    head = make_staff(roles.HEAD_OF_OFFICE, full_name="Dr. Kepala Kantor")
    url = reverse("layanan:staff_skm")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(head)
    page = client.get(url, {"tahun": 2026, "layanan": "konsultasi"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "85.42" in html or "85,42" in html
    assert html.count("<svg") == 2

    export = client.get(url, {"tahun": 2026, "layanan": "konsultasi", "format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 4 and rows[0][0] == "Tanggal"
    assert sorted(tuple(int(v) for v in row[3:12]) for row in rows[1:]) == sorted(WORKED_EXAMPLE)

    xlsx = client.get(url, {"tahun": 2026, "format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    summary = list(book["IKM"].iter_rows(min_row=2, values_only=True))
    converted = [row[-2] for row in summary if row[1]]
    assert pytest.approx(85.42) in converted  # the consultation row
    assert book["Kuesioner"].max_row == 1 + 5  # 4 consultation + 1 library in 2026

    report = client.get(reverse("layanan:staff_skm_report", args=[2026]))
    assert report["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages)
    assert "Survei Kepuasan Masyarakat" in text and "Dr. Kepala Kantor" in text
    assert "85,42" in text
