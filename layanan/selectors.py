"""Reads of the PST services: lists for staff, the public answers, service times, IKM figures
and the performance report (HackSoft style: reads here, writes in services.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from pst.calendar import service_time_days
from pst.models import ServiceKind

from .models import COMPLAINT_TRANSITIONS, Complaint, ComplaintStatus


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


def complaints_for_staff(*, status: str = "") -> QuerySet[Complaint]:
    """Open complaints first, priority (late service) on top, oldest first within each."""
    qs = Complaint.objects.select_related("complainant").prefetch_related("evidence")
    if status in ComplaintStatus.values:
        return qs.filter(status=status).order_by("-priority", "created_at")
    return qs.exclude(status__in=[ComplaintStatus.CLOSED, ComplaintStatus.REJECTED]).order_by(
        "-priority", "created_at"
    )


_ACTION_FOR_STATUS = {
    ComplaintStatus.VERIFIED: "verify",
    ComplaintStatus.FOLLOW_UP: "follow_up",
    ComplaintStatus.CLOSED: "close",
    ComplaintStatus.REJECTED: "reject",
}


def complaint_actions(complaint: Complaint) -> list[tuple[str, str]]:
    """(action, label) the officer may take now, from the transition table."""
    return [
        (_ACTION_FOR_STATUS[target], ComplaintStatus(target).label)
        for target in ComplaintStatus
        if target in COMPLAINT_TRANSITIONS[complaint.status]
    ]


def staff_counts() -> dict[str, int]:
    """What waits on the officer desk."""
    return {"open_complaints": complaints_for_staff().count()}
