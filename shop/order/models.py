"""Fork of Oscar's order app (label ``order``): the PST sale procedure on top of Oscar's order.

Oscar keeps the order, its lines, prices and ``OrderStatusChange``; we add (issue #7):

- on ``Order``: the purpose of use, the Rp0 (nol rupiah) request and its approval, and the
  service-time clock (DOMAIN.md: 10 working days after the request is complete);
- on ``Line``: the quote snapshot (``shop.pricing.quotes``) taken at placement, with its price
  class and the reason for it, so the invoice shows what the buyer confirmed;
- :class:`Invoice`: numbered by a unique constraint, valid one month, PDF in the private store,
  voided (never deleted) when a correction re-issues it;
- :class:`OrderEvent`: the append-only timeline (who, when, from, to, note);
- :class:`OrderDocument`: the buyer's uploads and the office's issued files (sample,
  agreement), versioned, in the private store.

State changes go through ``shop/order/services.py`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from pst.appendonly import AppendOnlyModel
from pst.storage import private_storage

from .workflow import OrderStatus


class Order(AbstractOrder):
    purpose = models.TextField(_("Purpose of use"), blank=True)
    nol_rupiah_requested = models.BooleanField(_("Rp0 tariff requested"), default=False)
    nol_rupiah_approved = models.BooleanField(_("Rp0 tariff approved"), default=False)
    documents_submitted_at = models.DateTimeField(null=True, blank=True)
    request_completed_at = models.DateTimeField(
        _("Request complete at"),
        null=True,
        blank=True,
        help_text=_("When the officer found the request clear and complete; the clock starts."),
    )
    service_due_at = models.DateTimeField(_("Service due at"), null=True, blank=True)
    clock_paused_at = models.DateTimeField(null=True, blank=True)
    late_notice_sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    @property
    def status_label(self) -> str:
        try:
            return OrderStatus(self.status).label
        except ValueError:
            return self.status

    @property
    def current_invoice(self) -> Invoice | None:
        """The invoice in force (not void), the one shop/billing bills against."""
        return self.invoices.filter(voided_at__isnull=True).first()

    @property
    def kept_lines(self):
        """The lines still sold: all but those the officer dropped before the invoice (issue
        #20, ``shop.order.line_drops``). Pricing, documents and delivery read these."""
        return self.lines.filter(dropped_at__isnull=True)


class Line(AbstractLine):
    quote_snapshot = models.JSONField(
        _("Quote at placement"),
        default=dict,
        blank=True,
        help_text=_("shop.pricing.quotes Quote.to_dict() as the buyer confirmed it."),
    )
    price_class = models.CharField(_("Price class"), max_length=20, blank=True)
    price_class_reason = models.TextField(_("Reason for the price class"), blank=True)
    # A line the officer dropped before the invoice (issue #20: its product cannot be delivered
    # and the buyer wants the rest): kept, never deleted, left out of the invoice, the order's
    # totals and delivery (``shop.order.line_drops``).
    dropped_at = models.DateTimeField(_("Dropped at"), null=True, blank=True)
    dropped_reason = models.CharField(_("Why dropped"), max_length=300, blank=True)
    dropped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Dropped by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    @property
    def is_dropped(self) -> bool:
        return self.dropped_at is not None


class Invoice(models.Model):
    """An invoice the officer issues (step 3). Never edited: a correction voids it and points
    at the new one (``superseded_by``); the database allows one invoice in force per order."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("Order")
    )
    number = models.CharField(_("Invoice number"), max_length=40)
    total = models.DecimalField(_("Total"), max_digits=16, decimal_places=0)
    quote = models.JSONField(_("Quote"), default=dict)
    schedule_name = models.CharField(_("Tariff schedule"), max_length=120, blank=True)
    issued_at = models.DateTimeField(_("Issued at"), default=timezone.now)
    valid_until = models.DateField(_("Valid until"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="orders/invoices/")
    voided_at = models.DateTimeField(_("Void since"), null=True, blank=True)
    void_reason = models.TextField(_("Reason void"), blank=True)
    superseded_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("Invoice")
        verbose_name_plural = _("Invoices")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="order_invoice_number_unique"),
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(voided_at__isnull=True),
                name="order_invoice_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


#: The one append-only base lives in pst (issue #19); this name stays until the shop imports it.
AppendOnly = AppendOnlyModel


class OrderEventKind(models.TextChoices):
    STATUS = "status", _("Status change")
    DOCUMENT = "document", _("Document")
    LATE_NOTICE = "late_notice", _("Late service notice")
    INVOICE = "invoice", _("Invoice")
    LINE_DROPPED = "line_dropped", _("Line dropped")
    REFUND = "refund", _("Refund")


class OrderEvent(AppendOnly):
    """One line of the order's timeline, shown to the buyer and the officer."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=OrderEventKind.choices)
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the site itself acted (payment confirmation, auto-close)."),
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Order event")
        verbose_name_plural = _("Order events")

    def __str__(self) -> str:
        return f"{self.order_id} {self.kind} {self.from_status}->{self.to_status}"

    @property
    def to_status_label(self) -> str:
        try:
            return OrderStatus(self.to_status).label
        except ValueError:
            return ""


class DocumentKind(models.TextChoices):
    # uploaded by the buyer (DOMAIN.md, online requirements)
    ABSTRAKSI = "abstraksi", _("Abstract of data use")
    SPPD = "sppd", _("SPPD form")
    IDENTITY = "identity", _("Identity document")
    NPWP = "npwp", _("NPWP")
    COVER_LETTER = "cover_letter", _("Cover letter for the Rp0 tariff")
    # issued by the office with the invoice (step 3)
    SAMPLE = "sample", _("Microdata sample")
    AGREEMENT = "agreement", _("Data use agreement")
    # issue #20: the sample packed like the delivery (data, codebook, the buyer's note)
    SAMPLE_PACKAGE = "sample_package", _("Microdata sample (ZIP with codebook)")


BUYER_DOCUMENT_KINDS = (
    DocumentKind.ABSTRAKSI,
    DocumentKind.SPPD,
    DocumentKind.IDENTITY,
    DocumentKind.NPWP,
    DocumentKind.COVER_LETTER,
)
OFFICE_DOCUMENT_KINDS = (DocumentKind.SAMPLE, DocumentKind.AGREEMENT, DocumentKind.SAMPLE_PACKAGE)


class OrderDocument(AppendOnly):
    """A file of the order. A revision is a new version of the same kind; old versions stay
    for the record. Stored privately; streamed only to the buyer and staff."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("Document"), max_length=20, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(default=1)
    file = models.FileField(storage=private_storage, upload_to="orders/documents/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    pages = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("Order document")
        verbose_name_plural = _("Order documents")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "kind", "version"], name="order_document_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


from oscar.apps.order.models import *  # noqa: E402, F403  (Oscar's fork pattern: ours first)
