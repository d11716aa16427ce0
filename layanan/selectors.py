"""Reads of the PST services: lists for staff, the public answers, service times, IKM figures
and the performance report (HackSoft style: reads here, writes in services.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst import ikm, roles
from pst.calendar import office_calendar
from pst.clock import office_today
from pst.models import ServiceKind
from pst.workdays import working_days_between
from shop.order.models import Order
from shop.order.workflow import OrderStatus

from .models import (
    COMPLAINT_TRANSITIONS,
    Channel,
    Complaint,
    ComplaintStatus,
    Consultation,
    ConsultationStatus,
    QueueStatus,
    QueueTicket,
    Recommendation,
    RecommendationStatus,
    SatisfactionSurvey,
)
from .standards import ServiceTime, service_times, walk_in_minutes  # noqa: F401

#: The layanan desk's staff: officers (Petugas PST) and the head of office.
STAFF_ROLES = (roles.OFFICER, roles.HEAD_OF_OFFICE)


def is_staff_member(user) -> bool:
    return roles.has_role(user, *STAFF_ROLES)


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
    return {
        "open_complaints": complaints_for_staff().count(),
        "waiting_consultations": Consultation.objects.filter(
            status=ConsultationStatus.WAITING
        ).count(),
        "open_recommendations": Recommendation.objects.exclude(
            status__in=[RecommendationStatus.ISSUED, RecommendationStatus.REJECTED]
        ).count(),
    }


# --- Consultation ----------------------------------------------------------------------------


def published_answers(*, query: str = "") -> QuerySet[Consultation]:
    """Answered questions the officers chose to publish, searched before a user asks."""
    qs = Consultation.objects.filter(published=True).order_by("-first_answered_at")
    for word in query.split()[:8]:
        qs = qs.filter(Q(public_question__icontains=word) | Q(public_answer__icontains=word))
    return qs


def consultation_is_late(consultation: Consultation, now: datetime | None = None) -> bool:
    """The first answer came (or is still missing) after the 3-working-day due moment."""
    if consultation.first_answered_at is not None:
        return consultation.first_answered_at > consultation.first_answer_due_at
    return (now or timezone.now()) > consultation.first_answer_due_at


def consultations_for_staff(*, status: str = "") -> QuerySet[Consultation]:
    """Waiting consultations first, the earliest due on top; ``is_late`` annotated."""
    now = timezone.now()
    qs = Consultation.objects.select_related("user", "guest").annotate(
        is_late=Case(
            When(first_answered_at__gt=F("first_answer_due_at"), then=Value(True)),
            When(first_answered_at__isnull=True, first_answer_due_at__lt=now, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    if status in ConsultationStatus.values:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status=ConsultationStatus.CLOSED)
    return qs.order_by(
        Case(When(status=ConsultationStatus.WAITING, then=0), default=1), "first_answer_due_at"
    )


def can_view_consultation(consultation: Consultation, user) -> bool:
    """Private thread: the user who opened it and the officers (and the head of office)."""
    if not user.is_authenticated:
        return False
    if consultation.user_id == user.pk:
        return True
    return is_staff_member(user)


def survey_done(subject_key: str) -> bool:
    return SatisfactionSurvey.objects.filter(subject_key=subject_key).exists()


# --- Satisfaction index (IKM) ----------------------------------------------------------------


def period_bounds(year: int, month: int | None = None) -> tuple[datetime, datetime]:
    """[start, end) of a year or a month, in the office's time zone (Asia/Jakarta)."""
    tz = timezone.get_current_timezone()
    if month is None:
        return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return datetime(year, month, 1, tzinfo=tz), end


def surveys(
    *,
    service: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    channel: str = "",
) -> QuerySet[SatisfactionSurvey]:
    qs = SatisfactionSurvey.objects.all()
    if service:
        qs = qs.filter(service=service)
    if channel:
        qs = qs.filter(channel=channel)
    if since:
        qs = qs.filter(created_at__gte=since)
    if until:
        qs = qs.filter(created_at__lt=until)
    return qs


def ikm_of(
    *,
    service: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    channel: str = "",
) -> ikm.IkmResult | None:
    """The IKM (PermenPANRB 14/2017, computed by ``pst.ikm``) of the questionnaires of one
    service (or all) answered in [since, until); None when nobody answered."""
    rows = surveys(service=service, since=since, until=until, channel=channel).values_list(
        *SatisfactionSurvey.ELEMENT_FIELDS
    )
    rows = list(rows)
    return ikm.compute_ikm(rows) if rows else None


@dataclass(frozen=True)
class IkmRow:
    service: str
    label: str
    result: ikm.IkmResult | None


def ikm_by_service(*, since: datetime, until: datetime) -> list[IkmRow]:
    """One row per service plus the office as a whole (``service == ""``)."""
    rows = [
        IkmRow(kind.value, kind.label, ikm_of(service=kind.value, since=since, until=until))
        for kind in ServiceKind
    ]
    rows.append(IkmRow("", _("All services"), ikm_of(since=since, until=until)))
    return rows


def ikm_by_month(*, year: int, service: str = "") -> list[tuple[int, ikm.IkmResult | None]]:
    return [
        (month, ikm_of(service=service, since=start, until=end))
        for month in range(1, 13)
        for start, end in [period_bounds(year, month)]
    ]


def head_of_office():
    """The head of office who signs the office's reports (first active member), or None."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.HEAD_OF_OFFICE)
        .order_by("pk")
        .first()
    )


def head_of_office_name() -> str:
    """The name printed under the head of office's signature."""
    head = head_of_office()
    return head.get_full_name() if head else ""


def head_of_office_nip() -> str:
    """The NIP printed under that name (issue #17: documents are signed with name and NIP)."""
    head = head_of_office()
    return head.nip if head else ""


# --- Recommendation --------------------------------------------------------------------------


def recommended_activities(*, query: str = "") -> QuerySet[Recommendation]:
    """Past recommended activities, searched before planning a new one (Romantik)."""
    qs = Recommendation.objects.filter(status=RecommendationStatus.ISSUED).order_by("-issued_at")
    for word in query.split()[:8]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(organiser__icontains=word)
            | Q(variables__icontains=word)
            | Q(population__icontains=word)
        )
    return qs


def recommendations_for_staff(*, status: str = "") -> QuerySet[Recommendation]:
    qs = Recommendation.objects.select_related("user")
    if status in RecommendationStatus.values:
        return qs.filter(status=status).order_by("submitted_at")
    return qs.exclude(
        status__in=[RecommendationStatus.ISSUED, RecommendationStatus.REJECTED]
    ).order_by("submitted_at")


def can_view_recommendation(recommendation: Recommendation, user) -> bool:
    if not user.is_authenticated:
        return False
    if recommendation.user_id == user.pk:
        return True
    return is_staff_member(user)


# --- Walk-in desk ----------------------------------------------------------------------------


def queue_today() -> dict:
    """What the counter display shows: the numbers being served and how many wait."""
    today = office_today()
    tickets = QueueTicket.objects.filter(day=today)
    return {
        "called": list(tickets.filter(status=QueueStatus.CALLED).order_by("-called_at")[:6]),
        "waiting": list(tickets.filter(status=QueueStatus.WAITING).order_by("number")),
        "last_issued": tickets.order_by("-number").first(),
    }


def ticket_waits(tickets) -> list[tuple[QueueTicket, float]]:
    """(ticket, minutes waited) for called tickets: from the later of taking the number and
    the call of the previous number that day, to this ticket's call (the walk-in standard is
    "within N minutes of the previous queue number", DOMAIN.md)."""
    by_day: dict = {}
    for ticket in tickets:
        by_day.setdefault(ticket.day, []).append(ticket)
    waits = []
    for day, day_tickets in by_day.items():
        previous_calls = dict(
            QueueTicket.objects.filter(day=day, called_at__isnull=False).values_list(
                "number", "called_at"
            )
        )
        for ticket in day_tickets:
            if ticket.called_at is None:
                continue
            earlier = [at for number, at in previous_calls.items() if number < ticket.number]
            start = max([ticket.issued_at, *earlier])
            waits.append((ticket, max(0.0, (ticket.called_at - start).total_seconds() / 60)))
    return waits


# --- Performance report for the head of office -------------------------------------------


@dataclass(frozen=True)
class PerformanceRow:
    service: str
    label: str
    channel: str
    requests: int
    completed: int
    within_standard: int
    late: int
    average: Decimal | None  # working days online, minutes walk-in
    unit: str
    ikm: ikm.IkmResult | None
    complaints: int
    #: requests per channel, ``(("online", 5), ("walk_in", 2))``, on an all-channel row
    breakdown: tuple[tuple[str, int], ...] = ()
    #: the walk-in queue's waiting time (minutes since the previous number), not a record
    queue: bool = False

    @property
    def breakdown_labels(self) -> list[tuple[str, int]]:
        return [(Channel(channel).label, count) for channel, count in self.breakdown]


ALL_CHANNELS = "all"


def _breakdown(records, channel: str) -> tuple[tuple[str, int], ...]:
    if channel != ALL_CHANNELS:
        return ()
    return tuple(
        (choice.value, sum(r.channel == choice.value for r in records)) for choice in Channel
    )


def _average(values: list[float]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def performance(*, year: int, month: int, channel: str = "") -> list[PerformanceRow]:
    """Per service for one month (issue #10): requests received, completed within the standard
    time, late (completed late or still open past the due moment), the average time (working
    days on the office calendar), the IKM of the month and the complaints filed about the
    service. Sales are the shop's orders placed in the month, counted from the moment the
    officer found the request complete to delivery against the order's own due moment (which
    already moves while the order waits for the buyer, shop/order); cancelled and rejected
    orders are requests but never late.

    Consultations and recommendations taken at the counter are the same records as online
    ones ("walk-in and online work land in the same records and the same service-time
    reports"), so one row counts both doors, with the requests per channel in ``breakdown``;
    ``channel`` ("online" or "walk_in") narrows every row to one door. The walk-in queue adds
    one row per service (``queue``) for the counter's own standard: minutes of waiting since
    the previous number was called."""
    if channel not in Channel.values:
        channel = ALL_CHANNELS
    since, until = period_bounds(year, month)
    now = timezone.now()
    calendar = office_calendar()
    rows: list[PerformanceRow] = []

    def common(service, channel):
        complaints = Complaint.objects.filter(
            service=service, created_at__gte=since, created_at__lt=until
        )
        if channel != ALL_CHANNELS:
            complaints = complaints.filter(channel=channel)
        return {
            "ikm": ikm_of(
                service=service,
                since=since,
                until=until,
                channel="" if channel == ALL_CHANNELS else channel,
            ),
            "complaints": complaints.count(),
        }

    def of_channel(qs):
        return qs if channel == ALL_CHANNELS else qs.filter(channel=channel)

    consultations = list(
        of_channel(Consultation.objects.filter(opened_at__gte=since, opened_at__lt=until))
    )
    answered = [c for c in consultations if c.first_answered_at]
    rows.append(
        PerformanceRow(
            ServiceKind.CONSULTATION,
            ServiceKind.CONSULTATION.label,
            channel,
            len(consultations),
            len(answered),
            sum(c.first_answered_at <= c.first_answer_due_at for c in answered),
            sum(consultation_is_late(c, now) for c in consultations),
            _average(
                [working_days_between(c.opened_at, c.first_answered_at, calendar) for c in answered]
            ),
            "hari kerja",
            **common(ServiceKind.CONSULTATION, channel),
            breakdown=_breakdown(consultations, channel),
        )
    )
    recommendations = list(
        of_channel(Recommendation.objects.filter(submitted_at__gte=since, submitted_at__lt=until))
    )
    issued = [r for r in recommendations if r.issued_at and r.completed_at]
    rows.append(
        PerformanceRow(
            ServiceKind.RECOMMENDATION,
            ServiceKind.RECOMMENDATION.label,
            channel,
            len(recommendations),
            len(issued),
            sum(r.issued_at <= r.due_at for r in issued),
            sum(
                bool(r.due_at) and ((r.issued_at or now) > r.due_at)
                for r in recommendations
                if r.status != RecommendationStatus.REJECTED
            ),
            _average([working_days_between(r.completed_at, r.issued_at, calendar) for r in issued]),
            "hari kerja",
            **common(ServiceKind.RECOMMENDATION, channel),
            breakdown=_breakdown(recommendations, channel),
        )
    )
    if channel != Channel.WALK_IN:  # the shop has no counter sales
        rows.append(_sales_row(since, until, now, calendar, common(ServiceKind.SALES, "online")))
    if channel == Channel.ONLINE:
        return rows
    tickets = QueueTicket.objects.filter(day__gte=since.date(), day__lt=until.date()).order_by(
        "day", "number"
    )
    for kind in ServiceKind:
        if kind == ServiceKind.COMPLAINT:
            continue
        service_tickets = [t for t in tickets if t.service == kind]
        waits = [minutes for _t, minutes in ticket_waits(service_tickets)]
        limit = walk_in_minutes(kind)
        rows.append(
            PerformanceRow(
                kind,
                kind.label,
                "walk_in",
                len(service_tickets),
                len(waits),
                sum(w <= limit for w in waits),
                sum(w > limit for w in waits),
                _average(waits),
                "menit",
                **common(kind, "walk_in"),
                queue=True,
            )
        )
    return rows


def _sales_row(since, until, now, calendar, common: dict) -> PerformanceRow:
    orders = list(
        Order.objects.filter(date_placed__gte=since, date_placed__lt=until).only(
            "status", "request_completed_at", "service_due_at", "delivered_at"
        )
    )
    closed = {OrderStatus.CANCELLED, OrderStatus.REJECTED}
    delivered = [o for o in orders if o.delivered_at and o.request_completed_at]
    return PerformanceRow(
        ServiceKind.SALES,
        ServiceKind.SALES.label,
        "online",
        len(orders),
        len(delivered),
        sum(bool(o.service_due_at) and o.delivered_at <= o.service_due_at for o in delivered),
        sum(
            bool(o.service_due_at) and (o.delivered_at or now) > o.service_due_at
            for o in orders
            if o.status not in closed
        ),
        _average(
            [
                working_days_between(o.request_completed_at, o.delivered_at, calendar)
                for o in delivered
            ]
        ),
        "hari kerja",
        **common,
    )
