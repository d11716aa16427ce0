"""The refund cases on the officer's order page (issue #20): which paid lines were not delivered
and may become a refund case, and which already are.

The order desk stands above the whole money path, so it may read both the treasury (the
kuitansi, the cases) and the delivery (the files handed over), which the treasury itself may
not (docs/architecture.md). The delivery answers the treasury's ``refund_case_check`` (a line
whose file was handed over gets no refund case: ``shop/delivery/receivers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pst import roles
from shop.delivery.models import DeliveryItem
from shop.treasury import selectors as treasury_selectors
from shop.treasury import services as treasury_services
from shop.treasury.models import Receipt, RefundCase


@dataclass(frozen=True)
class RefundRow:
    line: object
    amount: Decimal | None
    case: RefundCase | None
    delivered: bool
    can_open: bool


@dataclass(frozen=True)
class RefundPanel:
    rows: list[RefundRow]
    receipt: Receipt | None


def _delivered_line_ids(order) -> set[int]:
    return set(
        DeliveryItem.objects.filter(order=order, line__isnull=False).values_list(
            "line_id", flat=True
        )
    )


def refund_panel(order, user) -> RefundPanel | None:
    """The lines of a paid order with their case, or the button that opens one (for a Petugas
    PST or the bendahara, on a line charged more than Rp0 with no file delivered). None when
    there is nothing to show: no kuitansi and no case, or every line delivered."""
    cases = treasury_selectors.refund_cases_for(order)
    receipt = treasury_services.current_receipt(order)
    if receipt is None and not cases:
        return None
    delivered = _delivered_line_ids(order)
    may_open = roles.has_role(user, roles.OFFICER, roles.TREASURER)
    invoice = receipt.payment.invoice if receipt is not None else None
    rows = []
    for line in order.lines.all():
        case = cases.get(line.pk)
        if case is not None:
            amount = case.amount
        elif invoice is not None:
            amount = treasury_services.invoiced_line_amount(invoice, line)
        else:
            amount = None
        rows.append(
            RefundRow(
                line=line,
                amount=amount,
                case=case,
                delivered=line.pk in delivered,
                can_open=bool(
                    may_open
                    and case is None
                    and invoice is not None
                    and line.pk not in delivered
                    and amount
                    and amount > 0
                ),
            )
        )
    if not any(row.case or row.can_open for row in rows):
        return None
    return RefundPanel(rows=rows, receipt=receipt)
