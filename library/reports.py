"""Download reports for librarians and the head of office (issue #4, "Reports").

Reads only (STYLE.md: selectors): downloads per publication, per subject and per month, and the
top publications, over a period, from the append-only ``library.Download`` log. A download keeps
the title it was made under (``publication_title``), so a publication deleted since is still
counted, under that title. Each report is a list of `ReportRow` so the page, the chart and the
CSV export show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pst.clock import office_today
from pst.exports import csv_writer

from .models import Download, Subject

KINDS = ("publication", "subject", "month", "top")
TOP_SIZE = 10


@dataclass(frozen=True)
class Period:
    """Inclusive local dates; the default is the last twelve months including this one."""

    start: date
    end: date

    @classmethod
    def default(cls, today: date | None = None) -> Period:
        today = today or office_today()
        month = today.month - 11
        year = today.year + (month - 1) // 12
        return cls(start=date(year, (month - 1) % 12 + 1, 1), end=today)

    def bounds(self) -> tuple[datetime, datetime]:
        start = timezone.make_aware(datetime.combine(self.start, time()))
        end = timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time()))
        return start, end


@dataclass(frozen=True)
class ReportRow:
    label: str
    downloads: int
    readers: int
    key: str = ""


def _downloads(period: Period):
    start, end = period.bounds()
    return Download.objects.filter(created_at__gte=start, created_at__lt=end)


def downloads_per_publication(period: Period, *, limit: int | None = None) -> list[ReportRow]:
    """Every publication downloaded in the period, most downloaded first. A publication is one
    row even if its title changed (its current title is shown); downloads of a publication
    deleted since are grouped by the title they were made under."""
    downloads = _downloads(period)
    counted = Count("pk"), Count("reader", distinct=True)
    rows = [
        ReportRow(row["publication__title"], row["n"], row["r"], key=str(row["publication_id"]))
        for row in downloads.filter(publication__isnull=False)
        .values("publication_id", "publication__title")
        .annotate(n=counted[0], r=counted[1])
    ]
    rows += [
        ReportRow(row["publication_title"], row["n"], row["r"])
        for row in downloads.filter(publication__isnull=True)
        .values("publication_title")
        .annotate(n=counted[0], r=counted[1])
    ]
    rows.sort(key=lambda row: (-row.downloads, row.label))
    return rows[:limit] if limit else rows


def top_publications(period: Period) -> list[ReportRow]:
    return downloads_per_publication(period, limit=TOP_SIZE)


def downloads_per_subject(period: Period) -> list[ReportRow]:
    """A download counts once for each subject of its publication; downloads of publications
    without a subject (or deleted since) are counted under "No subject"."""
    start, end = period.bounds()
    window = Q(
        publicationpage__downloads__created_at__gte=start,
        publicationpage__downloads__created_at__lt=end,
    )
    subjects = (
        Subject.objects.annotate(
            downloads=Count("publicationpage__downloads", filter=window),
            readers=Count("publicationpage__downloads__reader", filter=window, distinct=True),
        )
        .filter(downloads__gt=0)
        .order_by("-downloads", "name")
    )
    rows = [ReportRow(s.name, s.downloads, s.readers, key=s.slug) for s in subjects]
    orphans = _downloads(period).filter(
        Q(publication__isnull=True) | Q(publication__subjects__isnull=True)
    )
    count = orphans.count()
    if count:
        readers = orphans.values("reader").distinct().count()
        rows.append(ReportRow(_("No subject"), count, readers))
    return rows


def downloads_per_month(period: Period) -> list[ReportRow]:
    """Every month of the period, months without downloads included (a chart needs the gaps)."""
    counts = {
        row["month"].date() if isinstance(row["month"], datetime) else row["month"]: row
        for row in _downloads(period)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(downloads=Count("pk"), readers=Count("reader", distinct=True))
        .order_by("month")
    }
    rows = []
    month = period.start.replace(day=1)
    while month <= period.end:
        row = counts.get(month, {})
        rows.append(
            ReportRow(
                label=date_format(month, "F Y"),
                downloads=row.get("downloads", 0),
                readers=row.get("readers", 0),
                key=month.strftime("%Y-%m"),
            )
        )
        month = (month + timedelta(days=32)).replace(day=1)
    return rows


def report_rows(kind: str, period: Period) -> list[ReportRow]:
    return {
        "publication": downloads_per_publication,
        "subject": downloads_per_subject,
        "month": downloads_per_month,
        "top": top_publications,
    }[kind](period)


def totals(period: Period) -> dict[str, int]:
    downloads = _downloads(period)
    return downloads.aggregate(
        downloads=Count("pk"),
        readers=Count("reader", distinct=True),
        publications=Count("publication_title", distinct=True),
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def chart_bars(rows: list[ReportRow], *, width: int = 720, height: int = 220) -> list[Bar]:
    """Geometry of an inline SVG bar chart (no JavaScript, no CDN): one bar per row, scaled to
    the largest value, leaving room under the bars for the labels."""
    if not rows:
        return []
    top = max(row.downloads for row in rows) or 1
    slot = width / len(rows)
    bar_width = slot * 0.7
    bars = []
    for index, row in enumerate(rows):
        bar_height = (height - 20) * row.downloads / top
        bars.append(
            Bar(
                label=row.label,
                value=row.downloads,
                x=round(index * slot + (slot - bar_width) / 2, 2),
                y=round(height - bar_height, 2),
                width=round(bar_width, 2),
                height=round(bar_height, 2),
            )
        )
    return bars


def write_csv(stream, kind: str, rows: list[ReportRow], period: Period) -> None:
    """Semicolon-free, comma-separated UTF-8 with a header naming the period (spreadsheets open
    it as it is)."""
    writer = csv_writer(stream)
    first = {
        "publication": _("Publication"),
        "top": _("Publication"),
        "subject": _("Subject"),
        "month": _("Month"),
    }[kind]
    writer.writerow([first, _("Downloads"), _("Readers")])
    for row in rows:
        writer.writerow([row.label, row.downloads, row.readers])
    writer.writerow([])
    writer.writerow([_("Period"), period.start.isoformat(), period.end.isoformat()])


__all__ = [
    "KINDS",
    "Bar",
    "Period",
    "ReportRow",
    "chart_bars",
    "downloads_per_month",
    "downloads_per_publication",
    "downloads_per_subject",
    "report_rows",
    "top_publications",
    "totals",
    "write_csv",
]
