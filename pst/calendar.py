"""The office's working calendar and service times, as every clock on the site reads them.

``pst.workdays`` is the pure arithmetic; this module feeds it the office's data (collective
leave days from :class:`pst.models.OfficeDay`, opening hours and service times from settings),
so the order queue, the consultation desk, the complaint escalation, the cash book and the
public service-standard pages all count the same days (issue #10: "the service times shown to
users are read from the same settings the clocks use").
"""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings

from .models import OfficeDay, OfficeDayKind, ServiceKind
from .workdays import WorkCalendar, service_due

__all__ = ["office_calendar", "service_due_for", "service_time_days"]


def _wall_time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def office_calendar() -> WorkCalendar:
    """The office's :class:`~pst.workdays.WorkCalendar` as configured right now (one query)."""
    leave: set = set()
    extra: set = set()
    for day, kind in OfficeDay.objects.values_list("date", "kind"):
        (leave if kind == OfficeDayKind.CUTI_BERSAMA else extra).add(day)
    opens, closes = settings.PST_OFFICE_HOURS
    return WorkCalendar(
        cuti_bersama=frozenset(leave),
        extra_working_days=frozenset(extra),
        opens_at=_wall_time(opens),
        closes_at=_wall_time(closes),
    )


def service_time_days(service: ServiceKind | str) -> int:
    """Working days the service standard promises for ``service`` (``PST_SERVICE_TIMES``)."""
    return int(settings.PST_SERVICE_TIMES[ServiceKind(service).value])


def service_due_for(
    service: ServiceKind | str, completed_at: datetime, calendar: WorkCalendar | None = None
) -> datetime:
    """When ``service`` requested completely at ``completed_at`` is due, on the office calendar."""
    return service_due(completed_at, service_time_days(service), calendar or office_calendar())
