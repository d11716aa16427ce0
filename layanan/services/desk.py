"""The walk-in desk: queue tickets, the guest book, calling and finishing a number."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pst import roles
from pst.clock import office_today
from pst.models import ServiceKind
from pst.sequences import next_number

from ..models import (
    GuestBookEntry,
    QueueStatus,
    QueueTicket,
)
from .common import ServiceError

# --- Walk-in desk ----------------------------------------------------------------------------


def queue_ticket_take(*, service: ServiceKind | str) -> QueueTicket:
    """The next queue number of the day (gap-free per day, counter row locked)."""
    with transaction.atomic():
        today = office_today()
        number = next_number(f"antrian-{today:%m%d}", today.year)
        return QueueTicket.objects.create(day=today, number=number, service=ServiceKind(service))


def guest_register(
    *,
    name: str,
    service: ServiceKind | str,
    purpose: str,
    institution: str = "",
    phone: str = "",
    email: str = "",
    user=None,
) -> GuestBookEntry:
    """Buku tamu: a visitor signs in at the counter and gets a queue number, so walk-in
    visits are counted in the same service-time reports as online requests."""
    name, purpose = (name or "").strip(), (purpose or "").strip()
    if not name or not purpose:
        raise ServiceError(_("Write your name and the purpose of your visit."))
    with transaction.atomic():
        ticket = queue_ticket_take(service=service)
        return GuestBookEntry.objects.create(
            name=name[:200],
            institution=institution.strip()[:200],
            phone=phone.strip()[:30],
            email=email.strip(),
            service=ServiceKind(service),
            purpose=purpose,
            user=user,
            ticket=ticket,
        )


def queue_call_next(*, officer, counter: str) -> QueueTicket | None:
    """Call the oldest waiting number of today at ``counter``; the visitor served before at
    that counter is marked served. Returns None when nobody waits."""
    roles.require_role(officer, roles.OFFICER)
    counter = (counter or "").strip()[:20] or "1"
    now = timezone.now()
    with transaction.atomic():
        today = office_today()
        QueueTicket.objects.select_for_update().filter(
            day=today, counter=counter, status=QueueStatus.CALLED
        ).update(status=QueueStatus.SERVED, served_at=now)
        ticket = (
            QueueTicket.objects.select_for_update(skip_locked=True)
            .filter(day=today, status=QueueStatus.WAITING)
            .order_by("number")
            .first()
        )
        if ticket is None:
            return None
        ticket.status = QueueStatus.CALLED
        ticket.called_at = now
        ticket.counter = counter
        ticket.save(update_fields=["status", "called_at", "counter"])
        return ticket


def queue_finish(*, officer, ticket: QueueTicket, served: bool = True) -> QueueTicket:
    """The visitor at the counter is done (or was not there when called)."""
    roles.require_role(officer, roles.OFFICER)
    with transaction.atomic():
        ticket = QueueTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.status not in (QueueStatus.WAITING, QueueStatus.CALLED):
            raise ServiceError(_("This queue number is already finished."))
        ticket.status = QueueStatus.SERVED if served else QueueStatus.LEFT
        ticket.served_at = timezone.now()
        ticket.save(update_fields=["status", "served_at"])
        return ticket
