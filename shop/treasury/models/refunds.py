"""Refund cases (issue #20): a line the office took PNBP money for and cannot hand over.

"Nothing is sold that cannot be delivered": when it happens all the same (a master withdrawn as
faulty after payment), the line is not a silent gap but a :class:`RefundCase` for the bendahara,
recorded with the amount invoiced for the line, and closed by a :class:`RefundSettlement` when the
money is back with the buyer. Both are money records, so both are append-only (STYLE.md habit 4,
:class:`pst.appendonly.AppendOnlyModel`), like the payment exception and its resolution: the case
is never edited, its settlement is a row of its own; one case per order line and one settlement
per case are the database's constraints (habit 5).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst.appendonly import AppendOnlyModel

from .payments import MONEY, Payment

__all__ = ["RefundCase", "RefundMethod", "RefundSettlement"]


class RefundCase(AppendOnlyModel):
    """One order line that cannot be delivered after payment: the office owes the buyer
    ``amount`` (the line's total on the paid invoice) and a written apology. Opened by a
    Petugas PST or the bendahara; ``payment`` is the payment the money came with."""

    order = models.ForeignKey(
        "order.Order",
        on_delete=models.PROTECT,
        related_name="refund_cases",
        verbose_name=_("order"),
    )
    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        related_name="refund_cases",
        verbose_name=_("order line"),
    )
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        related_name="refund_cases",
        verbose_name=_("payment"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("refund case")
        verbose_name_plural = _("refund cases")
        constraints = [
            models.UniqueConstraint(fields=["line"], name="refund_case_one_per_line"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_case_amount_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="refund_case_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} · {self.line.title}"

    @property
    def settlement(self) -> RefundSettlement | None:
        """The settlement that closed the case, or None while the money is still owed."""
        try:
            return self.settled_by
        except RefundSettlement.DoesNotExist:
            return None

    @property
    def settled(self) -> bool:
        return self.settlement is not None


class RefundMethod(models.TextChoices):
    TRANSFER = "transfer", _("bank transfer")
    CASH = "tunai", _("cash at the counter")


class RefundSettlement(AppendOnlyModel):
    """The money of a :class:`RefundCase` is back with the buyer: paid on ``paid_on`` (the
    office's local date), by transfer (with its reference, e.g. the SP2D or the bank's
    transfer number) or in cash at the counter. One per case."""

    case = models.OneToOneField(
        RefundCase, on_delete=models.PROTECT, related_name="settled_by", verbose_name=_("case")
    )
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(_("method"), max_length=10, choices=RefundMethod.choices)
    reference = models.CharField(
        _("reference"),
        max_length=64,
        blank=True,
        help_text=_("SP2D number or the bank's transfer reference; required for a transfer."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("refund settlement")
        verbose_name_plural = _("refund settlements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="transfer") | ~Q(reference=""),
                name="refund_settlement_transfer_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_method_display()} {self.paid_on}"
