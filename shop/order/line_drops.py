"""The officer drops one line of an order before its invoice (issue #20).

An order that holds a product the office cannot deliver (its master withdrawn, found faulty) is
stopped before the invoice (``services.refuse_undeliverable_lines``). The officer then waits
for the master, cancels the order, or drops that line so the rest can be invoiced: the line is
kept (Oscar's ``Line`` is the record of what the buyer asked for) and marked dropped, with when,
who and why; the invoice quote, the undeliverable check and delivery leave it out, the order's
totals the buyer reads no longer count it, the timeline records it and the buyer is e-mailed.

Refused: after the invoice (a correction voids and re-issues it instead), the last line left
(cancel the order instead), a line dropped already, a line of another order, no reason.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .engine import OrderActionError, _email_buyer, _lock, _record, actor_kinds
from .models import Line, Order, OrderEventKind
from .workflow import REVIEW_STATUSES, Actor, OrderStatus

__all__ = ["DROP_STATUSES", "line_may_be_dropped", "order_drop_line"]

#: Where an order has no invoice yet: the review, a revision, the verified request.
DROP_STATUSES = frozenset({*REVIEW_STATUSES, OrderStatus.NEEDS_REVISION, OrderStatus.VERIFIED})


def line_may_be_dropped(order: Order) -> bool:
    """Whether the order's status still lets the officer drop a line (the page's form)."""
    return order.status in DROP_STATUSES and order.current_invoice is None


def order_drop_line(*, order: Order, officer, line: int | Line, reason: str) -> Line:
    """Drop ``line`` (a line of ``order``, or its id) for ``reason``, which the buyer reads."""
    reason = (reason or "").strip()
    line_id = line.pk if isinstance(line, Line) else int(line)
    with transaction.atomic():
        locked = _lock(order)
        if Actor.OFFICER not in actor_kinds(locked, officer):
            raise OrderActionError(_("You may not perform this action on this order."))
        if not line_may_be_dropped(locked):
            raise OrderActionError(
                "Baris hanya dapat dihapus sebelum invoice diterbitkan; setelah invoice, "
                "ajukan koreksi invoice."
            )
        if not reason:
            raise OrderActionError(_("Write the reason; the buyer reads it."))
        target = Line.objects.select_for_update().filter(order=locked, pk=line_id).first()
        if target is None:
            raise OrderActionError("Baris itu tidak ada dalam pesanan ini.")
        if target.dropped_at is not None:
            raise OrderActionError("Baris itu sudah dihapus.")
        if not locked.kept_lines.exclude(pk=target.pk).exists():
            raise OrderActionError(
                "Baris terakhir pesanan tidak dapat dihapus; batalkan pesanan bila tidak ada "
                "produk yang dapat dikirim."
            )
        now = timezone.now()
        target.dropped_at, target.dropped_by, target.dropped_reason = now, officer, reason[:300]
        target.save(update_fields=["dropped_at", "dropped_by", "dropped_reason"])
        # The totals the buyer reads (the order list, Oscar's order page) leave it out too.
        locked.total_incl_tax -= target.line_price_incl_tax
        locked.total_excl_tax -= target.line_price_excl_tax
        locked.save(update_fields=["total_incl_tax", "total_excl_tax"])
        event = _record(
            locked,
            kind=OrderEventKind.LINE_DROPPED,
            actor=officer,
            note=f"{target.title}: {target.dropped_reason}",
            at=now,
        )
        _email_buyer(locked, event, template="line_dropped")
    return target
