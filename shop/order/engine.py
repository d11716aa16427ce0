"""The order's transition engine (issue #7; cut from ``services`` by issue #19): who may act on
an order, the one path every status change takes (lock, check against ``workflow.TRANSITIONS``,
move the service clock, move Oscar's status, record the event) and the buyer's e-mail after the
commit. ``shop.order.services`` holds one service per transition and calls only this.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pst import roles
from pst.calendar import office_calendar
from pst.clock import local_date
from pst.errors import Refused
from pst.links import absolute_url
from pst.notify import mail_after_commit
from pst.workdays import add_working_days, working_days_between

from . import signals
from .models import Order, OrderEvent, OrderEventKind
from .workflow import (
    BUYER_WAIT_STATUSES,
    OFFICE_CLOCK_STATUSES,
    Actor,
    OrderStatus,
    Transition,
    transition_for,
    transitions_from,
)


class OrderActionError(Refused):
    """An action that is not allowed now or not by this user; ``message`` is shown as it is."""


# --- who may act -----------------------------------------------------------------------------


def actor_kinds(order: Order, user) -> frozenset[Actor]:
    """Every workflow role ``user`` holds on ``order`` (an officer may also be its buyer)."""
    if user is None:
        return frozenset({Actor.SYSTEM})
    kinds = set()
    if order.user_id is not None and order.user_id == user.pk:
        kinds.add(Actor.BUYER)
    if roles.user_has_role(user, roles.OFFICER):
        kinds.add(Actor.OFFICER)
    if roles.user_has_role(user, roles.TREASURER):
        kinds.add(Actor.TREASURER)
    return frozenset(kinds)


def allowed_transitions(order: Order, user) -> list[Transition]:
    """The moves ``user`` may make on ``order`` now: the buttons the pages show."""
    mine = actor_kinds(order, user)
    return [
        t
        for t in transitions_from(order.status)
        if t.actors & mine and (t.service != "order_mark_delivered" or _may_deliver(order))
    ]


def _may_deliver(order: Order) -> bool:
    """Delivery follows the kuitansi, except for an invoice of Rp 0 (nol rupiah or gratis),
    which has nothing to pay and no kuitansi; and every line must be handed over
    (:func:`delivery_blockers`)."""
    if order.status in (OrderStatus.INVOICED, OrderStatus.REINVOICED):
        invoice = order.current_invoice
        if invoice is None or invoice.total != 0:
            return False
    return not delivery_blockers(order, strict=False)


def delivery_blockers(order: Order, *, strict: bool = True) -> list[str]:
    """Why ``order`` cannot be marked delivered yet: the reasons the delivery answers to
    :data:`~.signals.delivery_check` (a line held for the signed SPPD, a file not prepared;
    not ``strict``: only what preparing the files cannot mend, for showing the button).
    ``send``, not ``send_robust``: a failing check must refuse, not let the order through."""
    reasons: list[str] = []
    answers = signals.delivery_check.send(sender=Order, order=order, strict=strict)
    for _receiver, answer in answers:
        reasons.extend(answer or [])
    return reasons


def _status_label(status: str) -> str:
    try:
        return str(OrderStatus(status).label)
    except ValueError:
        return status


# --- e-mail ----------------------------------------------------------------------------------


def _site_url(path: str) -> str:
    return absolute_url(path)


def _email_buyer(order: Order, event: OrderEvent, *, template: str = "status") -> None:
    """Tell the buyer what happened, in Indonesian (the portal's language), after the commit."""
    if not order.user_id or not order.user.email:
        return
    context = {
        "order": order,
        "event": event,
        "status_label": _status_label(order.status),
        "order_url": _site_url(reverse("customer:order", kwargs={"order_number": order.number})),
        "office_name": settings.PST_OFFICE_NAME,
        "autoclose_days": settings.PST_ORDER_AUTOCLOSE_DAYS,
    }
    with translation.override("id"):
        subject = _("Order %(number)s: %(status)s") % {
            "number": order.number,
            "status": context["status_label"],
        }
        if template == "late_notice":
            subject = _("Order %(number)s: notice of late service") % {"number": order.number}
        elif template == "line_dropped":
            subject = _("Order %(number)s: a product was removed") % {"number": order.number}
        body = render_to_string(f"orders/email/{template}.txt", context)
    mail_after_commit(subject=subject, message=body, recipients=[order.user.email])


# --- the transition engine -------------------------------------------------------------------


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update(of=("self",)).select_related("user").get(pk=order.pk)


def _record(
    order: Order,
    *,
    kind: str,
    actor,
    note: str = "",
    from_status: str = "",
    to_status: str = "",
    at: datetime | None = None,
) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        kind=kind,
        actor=actor,
        note=note,
        from_status=from_status,
        to_status=to_status,
        created_at=at or timezone.now(),
    )


def _check(order: Order, service: str, actor, note: str) -> Transition:
    transition = transition_for(service, order.status)
    if transition is None:
        raise OrderActionError(
            _("This action is not open for an order that is “%(status)s”.")
            % {"status": _status_label(order.status)}
        )
    if not transition.actors & actor_kinds(order, actor):
        raise OrderActionError(_("You may not perform this action on this order."))
    if transition.note_required and not (note or "").strip():
        raise OrderActionError(_("Write the reason; the buyer reads it."))
    return transition


def _move_clock(order: Order, transition: Transition, now: datetime) -> None:
    """Pause the service-time clock while the order waits for the buyer, resume it (moving the
    due date by the working days waited) when the office holds it again, stop it at delivery."""
    if order.service_due_at is None:
        return
    if transition.target in BUYER_WAIT_STATUSES and order.clock_paused_at is None:
        order.clock_paused_at = now
    elif transition.target in OFFICE_CLOCK_STATUSES and order.clock_paused_at is not None:
        cal = office_calendar()
        waited = working_days_between(local_date(order.clock_paused_at), local_date(now), cal)
        if waited > 0:
            due = timezone.localtime(order.service_due_at)
            new_day = add_working_days(due.date(), waited, cal)
            order.service_due_at = due.replace(
                year=new_day.year, month=new_day.month, day=new_day.day
            )
        order.clock_paused_at = None


def _transition(
    order: Order,
    service: str,
    *,
    actor,
    note: str = "",
    changes: Mapping[str, object] | None = None,
    before=None,
) -> Order:
    """Lock, check, apply ``changes``, move Oscar's status, record the event, e-mail the buyer.

    ``before(locked_order)`` runs after the checks and before the status moves, inside the
    same transaction (e.g. to create the invoice); its errors roll everything back.
    """
    note = (note or "").strip()
    with transaction.atomic():
        locked = _lock(order)
        transition = _check(locked, service, actor, note)
        now = timezone.now()
        if before is not None:
            before(locked)
        for field, value in (changes or {}).items():
            setattr(locked, field, value)
        _move_clock(locked, transition, now)
        locked.set_status(str(transition.target))  # saves; records OrderStatusChange
        event = _record(
            locked,
            kind=OrderEventKind.STATUS,
            actor=actor,
            note=note,
            from_status=str(transition.source),
            to_status=str(transition.target),
            at=now,
        )
        _email_buyer(locked, event)
    return locked
