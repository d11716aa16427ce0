"""The promised service times as the clocks read them (``PST_SERVICE_TIMES``,
``PST_WALK_IN_MINUTES``), for the public pages and the desk. Reads settings only, no records, so
the Wagtail pages in ``models.py`` and the selectors both import it (it broke the
``models`` <-> ``selectors`` circle, issue #19)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from pst.calendar import service_time_days
from pst.models import ServiceKind


@dataclass(frozen=True)
class ServiceTime:
    service: str
    label: str
    working_days: int | None
    walk_in_minutes: int


def walk_in_minutes(service: ServiceKind | str) -> int:
    """Walk-in standard: served within 10 minutes of the previous queue number, library 5
    (DOMAIN.md); ``PST_WALK_IN_MINUTES`` overrides per service."""
    table = getattr(settings, "PST_WALK_IN_MINUTES", {})
    default = 5 if ServiceKind(service) == ServiceKind.LIBRARY else 10
    return int(table.get(ServiceKind(service).value, default))


def service_times() -> list[ServiceTime]:
    """Every service's promised time as the clocks read it (``PST_SERVICE_TIMES``), for the
    public pages: the standard and the behaviour come from one setting."""
    rows = []
    for kind in ServiceKind:
        if kind == ServiceKind.COMPLAINT:
            continue
        try:
            days = service_time_days(kind)
        except KeyError:
            days = None
        rows.append(ServiceTime(kind.value, kind.label, days, walk_in_minutes(kind)))
    return rows
