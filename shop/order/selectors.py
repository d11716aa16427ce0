"""Reads of orders: who may see an order, its page data, the officer's queue and clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.selectors import undeliverable_lines
from pst import roles
from pst.calendar import office_calendar, service_due_for
from pst.clock import local_date
from pst.ratings import rating_for
from pst.workdays import working_days_between
from shop.pricing.tariffs import Quote

from .models import BUYER_DOCUMENT_KINDS, DocumentKind, Order, OrderDocument
from .services import (
    SERVICE,
    actor_kinds,
    allowed_transitions,
    current_documents,
    delivery_blockers,
    required_document_kinds,
)
from .workflow import (
    BUYER_WAIT_STATUSES,
    REVIEW_STATUSES,
    TERMINAL_STATUSES,
    Actor,
    OrderStatus,
)

#: Staff roles that may read every order (the dashboard, documents); only officers act on them.
ORDER_READER_ROLES = (roles.OFFICER, roles.TREASURER, roles.HEAD_OF_OFFICE, roles.ADMINISTRATOR)


#: Staff roles that may open what a buyer uploaded (identity, NPWP, SPPD...): the officer who
#: checks it, nobody else of the office (least privilege, docs/permissions.md).
BUYER_DOCUMENT_READER_ROLES = (roles.OFFICER,)


def user_is_order_staff(user) -> bool:
    return any(roles.user_has_role(user, role) for role in ORDER_READER_ROLES)


def user_can_view_order(user, order: Order) -> bool:
    """The buyer and the office's staff; nobody else, whatever id they guess."""
    if not getattr(user, "is_authenticated", False):
        return False
    return order.user_id == user.pk or user_is_order_staff(user)


def orders_of_buyer(user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).order_by("-date_placed")


@dataclass(frozen=True)
class Clock:
    """The service-time clock of an order as the officer sees it.

    ``state``: "provisional" (still under review: the due date if the documents are accepted),
    "running", "paused" (waiting for the buyer), "stopped" (delivered or closed), with
    ``flag`` "late" / "soon" / "" for the queue."""

    due_at: datetime | None
    state: str
    flag: str
    working_days_left: int | None

    @property
    def state_label(self) -> str:
        """The state as the officer reads it (the code "provisional" showed on the page)."""
        return str(CLOCK_STATE_LABELS[self.state])

    @property
    def working_days_overdue(self) -> int:
        """Working days past the due date (0 when not late): a late order read "sisa -2 hari
        kerja" on the officer's page."""
        left = self.working_days_left
        return -left if left is not None and left < 0 else 0


CLOCK_STATE_LABELS = {
    "provisional": _("provisional"),
    "running": _("running"),
    "paused": _("paused"),
    "stopped": _("stopped"),
}


def order_clock(order: Order, *, now: datetime | None = None, calendar=None) -> Clock:
    now = now or timezone.now()
    if order.status in TERMINAL_STATUSES or order.delivered_at is not None:
        return Clock(order.service_due_at, "stopped", "", None)
    calendar = calendar or office_calendar()
    if order.service_due_at is None:
        if order.status not in REVIEW_STATUSES or order.documents_submitted_at is None:
            return Clock(None, "paused", "", None)
        due, state = service_due_for(SERVICE, order.documents_submitted_at, calendar), "provisional"
    else:
        due = order.service_due_at
        state = "paused" if order.status in BUYER_WAIT_STATUSES else "running"
    today, due_day = local_date(now), local_date(due)
    if due <= now:
        left = -working_days_between(due_day, today, calendar)
    else:
        left = working_days_between(today, due_day, calendar)
    flag = ""
    if state != "paused":
        if due <= now:
            flag = "late"
        elif left <= settings.PST_ORDER_DUE_SOON_WORKING_DAYS:
            flag = "soon"
    return Clock(due, state, flag, left)


def officer_queue(*, status: str = "", now: datetime | None = None) -> list[tuple[Order, Clock]]:
    """Open orders (or those in ``status``), oldest first, each with its clock."""
    orders = Order.objects.select_related("user").order_by("date_placed")
    if status:
        orders = orders.filter(status=status)
    else:
        orders = orders.exclude(status__in=[str(s) for s in TERMINAL_STATUSES])
    calendar = office_calendar()
    return [(order, order_clock(order, now=now, calendar=calendar)) for order in orders]


def queue_counts() -> dict[str, int]:

    counts = dict(Order.objects.values_list("status").annotate(n=Count("id")))
    return {str(status): counts.get(str(status), 0) for status in OrderStatus}


def snapshot_quote(data) -> Quote | None:
    try:
        return Quote.from_dict(data) if data else None
    except (KeyError, ValueError, TypeError):
        return None


def order_page(order: Order, user) -> dict:
    """What the buyer's and the officer's order pages show, in one read."""
    transitions = allowed_transitions(order, user)
    documents = list(order.documents.select_related("uploaded_by").order_by("kind", "-version"))
    for document in documents:
        document.openable = user_can_open_document(user, document)
    return {
        "events": list(order.events.select_related("actor")),
        "documents": documents,
        "current_documents": current_documents(order),
        "invoices": list(order.invoices.all()),
        "current_invoice": order.current_invoice,
        "lines": [
            {"line": line, "quote": snapshot_quote(line.quote_snapshot)}
            for line in order.lines.all()
        ],
        "services": _offered_services(order, transitions),
        "delivery_blockers": _delivery_blockers(order, user, transitions),
        "is_buyer": Actor.BUYER in actor_kinds(order, user),
        "is_officer": Actor.OFFICER in actor_kinds(order, user),
        "clock": order_clock(order),
        "upload_kinds": _upload_kinds(order, documents),
        "rating": rating_for(user=user, subject=order) if order.user_id == user.pk else None,
    }


def _offered_services(order: Order, transitions) -> set[str]:
    """The buttons to show: the allowed moves, less "issue the invoice" while a line cannot be
    delivered (issue #20; the page lists those lines with the drop form instead)."""
    services = {t.service for t in transitions}
    if "order_issue_invoice" in services and undeliverable_lines(order):
        services.discard("order_issue_invoice")
    return services


def _delivery_blockers(order: Order, user, transitions) -> list[str]:
    """Why the officer's "mark delivered" is not offered on a paid order (issue #20): the
    lines held for the signed SPPD or whose file is missing, as the delivery says them."""
    waiting = order.status in (OrderStatus.RECEIPT_ISSUED, OrderStatus.DELIVERY_CORRECTION)
    if not waiting or Actor.OFFICER not in actor_kinds(order, user):
        return []
    if any(t.service == "order_mark_delivered" for t in transitions):
        return []
    return delivery_blockers(order, strict=False)


def _upload_kinds(order: Order, documents: list[OrderDocument]) -> list[tuple[str, str]]:
    """What a revision may replace: the documents this order needs and those already uploaded
    (issue #17: the list offered an identity card no online order asks for); every buyer kind
    only when the order has neither, so the officer can still ask for one."""
    wanted = set(required_document_kinds(order)) | {d.kind for d in documents}
    kinds = [k for k in BUYER_DOCUMENT_KINDS if str(k) in wanted] or list(BUYER_DOCUMENT_KINDS)
    return [(str(k), DocumentKind(k).label) for k in kinds]


def user_can_open_document(user, document: OrderDocument) -> bool:
    """The buyer opens every document of the order; of the office, what the buyer uploaded
    (their identity and papers) only the Petugas PST who checks it, the rest (sample, data use
    agreement) every staff role that reads the order."""
    order = document.order
    if not getattr(user, "is_authenticated", False):
        return False
    if order.user_id == user.pk:
        return True
    if document.kind in BUYER_DOCUMENT_KINDS:
        return any(roles.user_has_role(user, role) for role in BUYER_DOCUMENT_READER_ROLES)
    return user_is_order_staff(user)


def document_for(user, *, order_number: str, document_id: int) -> OrderDocument | None:
    """The document if ``user`` may open it (``user_can_open_document``), else None."""
    document = (
        OrderDocument.objects.select_related("order")
        .filter(pk=document_id, order__number=order_number)
        .first()
    )
    if document is None or not user_can_open_document(user, document):
        return None
    return document
