"""Payments and kuitansi (issue #8), kept by the bendahara: the money the office received for an
invoice, the deposits it could not accept, transfer proofs from abroad and the receipts.

Moved from ``shop.billing`` by issue #19 (the treasury is the bendahara's one app); the tables
keep their names (``billing_payment``, …), so no row moved. docs/treasury.md is their map.

Money records are append-only (STYLE.md habit 4): a :class:`Payment` or :class:`Receipt` is never
edited or deleted; a wrong receipt is corrected by a new one that ``replaces`` it. Uniqueness is
the database's job (habit 5): NTPNs, one payment per invoice and per billing, receipt numbers per
office and year, one current receipt per payment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst.appendonly import AppendOnlyModel
from pst.storage import private_storage
from shop.billing.models import Billing

__all__ = [
    "Payment",
    "PaymentException",
    "PaymentExceptionKind",
    "PaymentExceptionResolution",
    "PaymentMethod",
    "PaymentSource",
    "Receipt",
    "ReceiptCounter",
    "TransferProof",
    "TransferProofStatus",
]

#: Whole rupiah, as the billing it pays (``shop.billing.models.MONEY``).
MONEY = {"max_digits": 14, "decimal_places": 0}


# --- Payments and their exceptions ---------------------------------------------------------------


class PaymentMethod(models.TextChoices):
    BILLING = "kode_billing", _("kode billing (bank, ATM, internet banking)")
    TRANSFER = "transfer", _("transfer from abroad")
    CASH = "tunai", _("cash at the counter")


class PaymentSource(models.TextChoices):
    NOTIFICATION = "notification", _("SIMPONI notification")
    BPN = "bpn", _("BPN entered by the bendahara")
    TRANSFER_PROOF = "transfer_proof", _("verified transfer proof")
    CASH_COUNTER = "cash_counter", _("cash counter")


class Payment(AppendOnlyModel):
    """Money received for one invoice. Append-only (:class:`pst.appendonly.AppendOnlyModel`
    refuses edits and deletions); one per invoice and per billing; an NTPN is recorded once (the
    constraint that makes confirmation idempotent)."""

    invoice = models.ForeignKey(
        "order.Invoice",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("invoice"),
    )
    billing = models.ForeignKey(
        Billing, on_delete=models.PROTECT, null=True, blank=True, related_name="payments"
    )
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    source = models.CharField(_("source"), max_length=20, choices=PaymentSource.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    ntpn = models.CharField("NTPN", max_length=16, blank=True)
    ntb = models.CharField("NTB", max_length=32, blank=True)
    bank_code = models.CharField(_("bank code"), max_length=10, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=64,
        blank=True,
        help_text=_("Bank statement reference of a transfer from abroad."),
    )
    paid_at = models.DateTimeField(_("paid at"))
    deposit_due_at = models.DateTimeField(
        _("deposit due"),
        null=True,
        blank=True,
        help_text=_("Cash only: deposit to the state treasury by this time (PMK 3/PMK.02/2013)."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "billing_payment"  # kept from shop.billing (issue #19)
        ordering = ["-paid_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["ntpn"], condition=~Q(ntpn=""), name="payment_ntpn"),
            models.UniqueConstraint(fields=["invoice"], name="payment_one_per_invoice"),
            models.UniqueConstraint(
                fields=["billing"],
                condition=Q(billing__isnull=False),
                name="payment_one_per_billing",
            ),
            models.UniqueConstraint(
                fields=["method", "reference"],
                condition=~Q(reference=""),
                name="payment_reference",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=~Q(method="kode_billing") | (Q(billing__isnull=False) & ~Q(ntpn="")),
                name="payment_billing_has_ntpn",
            ),
        ]

    def __str__(self) -> str:
        return self.ntpn or self.reference or f"{self.get_method_display()} #{self.pk}"


class PaymentExceptionKind(models.TextChoices):
    UNKNOWN_CODE = "unknown_code", _("unknown kode billing")
    AMOUNT_MISMATCH = "amount_mismatch", _("amount differs from the billing")
    EXPIRED_CODE = "expired_code", _("paid on an expired or void code")
    ALREADY_PAID = "already_paid", _("invoice already paid")
    ORDER_CLOSED = "order_closed", _("order cancelled or rejected")


class PaymentException(AppendOnlyModel):
    """A reported deposit the shop could not accept as a payment, for the bendahara to resolve
    (issue #8: never silently accepted). One per NTPN, so a repeated report adds nothing.

    A transfer from abroad has no NTPN and no kode billing: when the bendahara finds on the
    statement a transfer for an order that was cancelled or rejected meanwhile, the exception
    carries the statement ``reference`` and the ``transfer_proof`` instead (one per reference
    and per proof). Every exception is identified by one or the other (a constraint).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=PaymentExceptionKind.choices)
    source = models.CharField(_("source"), max_length=20, choices=PaymentSource.choices)
    billing_code = models.CharField(_("kode billing"), max_length=32, blank=True)
    billing = models.ForeignKey(
        Billing, on_delete=models.PROTECT, null=True, blank=True, related_name="exceptions"
    )
    ntpn = models.CharField("NTPN", max_length=16, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=64,
        blank=True,
        help_text=_("Bank statement reference of a transfer from abroad."),
    )
    transfer_proof = models.OneToOneField(
        "TransferProof",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exception",
        verbose_name=_("transfer proof"),
    )
    ntb = models.CharField("NTB", max_length=32, blank=True)
    bank_code = models.CharField(_("bank code"), max_length=10, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    expected_amount = models.DecimalField(_("billed amount"), null=True, blank=True, **MONEY)
    paid_at = models.DateTimeField(_("paid at"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "billing_paymentexception"  # kept from shop.billing (issue #19)
        ordering = ["-recorded_at"]
        verbose_name = _("payment exception")
        verbose_name_plural = _("payment exceptions")
        constraints = [
            models.UniqueConstraint(
                fields=["ntpn"], condition=~Q(ntpn=""), name="payment_exception_ntpn"
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="payment_exception_reference",
            ),
            models.CheckConstraint(
                condition=~Q(ntpn="") | ~Q(reference=""),
                name="payment_exception_identified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.billing_code} {self.ntpn or self.reference}"

    @property
    def is_resolved(self) -> bool:
        return hasattr(self, "resolved")


class PaymentExceptionResolution(AppendOnlyModel):
    """How the bendahara closed a :class:`PaymentException` (refund, new billing, …): a row of
    its own, so the exception itself is never edited (STYLE.md habit 4, issue #19). One per
    exception (a constraint); before issue #19 these were fields of the exception, and treasury
    migration 0005 carried them over."""

    exception = models.OneToOneField(
        PaymentException, on_delete=models.PROTECT, related_name="resolved"
    )
    resolved_at = models.DateTimeField(_("resolved at"), default=timezone.now)
    resolved_by = models.ForeignKey(  # null only on a resolution carried over without a name
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("resolution"))

    class Meta:
        ordering = ["-resolved_at", "-pk"]
        verbose_name = _("payment exception resolution")
        verbose_name_plural = _("payment exception resolutions")

    def __str__(self) -> str:
        return f"{self.exception}: {self.note[:60]}"


# --- Transfer from abroad ----------------------------------------------------------------------


class TransferProofStatus(models.TextChoices):
    PENDING = "pending", _("waiting for verification")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("rejected")
    REFUND = "refund", _("received for a closed order: to be refunded")


def _proof_path(proof, filename):
    return f"billing/transfer-proofs/{proof.invoice_id}/{filename}"


class TransferProof(models.Model):
    """A buyer abroad's proof of transfer to the treasurer's account (DOMAIN.md step 6), kept in
    the private store; the bendahara verifies it against the bank statement or rejects it. A
    transfer found on the statement for an order cancelled or rejected meanwhile is not a
    payment: the proof ends ``refund`` with a :class:`PaymentException` (``exception``)."""

    invoice = models.ForeignKey(
        "order.Invoice", on_delete=models.PROTECT, related_name="transfer_proofs"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="transfer_proofs"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    file = models.FileField(_("proof"), storage=private_storage, upload_to=_proof_path)
    content_type = models.CharField(max_length=40)
    sender_name = models.CharField(_("sender name"), max_length=200)
    sender_bank = models.CharField(_("sending bank"), max_length=200)
    transfer_date = models.DateField(_("transfer date"))
    amount = models.DecimalField(_("amount transferred"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    status = models.CharField(
        max_length=10, choices=TransferProofStatus.choices, default=TransferProofStatus.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="transfer_proof"
    )

    class Meta:
        db_table = "billing_transferproof"  # kept from shop.billing (issue #19)
        ordering = ["-submitted_at"]
        verbose_name = _("transfer proof")
        verbose_name_plural = _("transfer proofs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="transfer_proof_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} {self.sender_name} {self.get_status_display()}"


# --- Receipts (kuitansi) -------------------------------------------------------------------------


class ReceiptCounter(models.Model):
    """The last kuitansi number per office and year, as it stood when numbers moved to the one
    sequence service (``pst.sequences``, issue #19): treasury migration 0004 copied each row into
    :class:`pst.models.DocumentSequence` (scheme ``"kuitansi"``), and nothing writes here any
    more. Kept so the history of the numbering stays readable and the move can be reversed."""

    office_code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "billing_receiptcounter"  # kept from shop.billing (issue #19)
        constraints = [
            models.UniqueConstraint(fields=["office_code", "year"], name="receipt_counter_office")
        ]

    def __str__(self) -> str:
        return f"{self.office_code}/{self.year}: {self.last_sequence}"


def _receipt_path(receipt, filename):
    return f"billing/receipts/{receipt.year}/{filename}"


class Receipt(AppendOnlyModel):
    """A kuitansi issued by the bendahara for one confirmed payment (DOMAIN.md step 8).

    ``number`` is ``<sequence>/KW/<office>/<year>``, gap-free per office and year. What the PDF
    prints is stored as a snapshot. A correction is a new receipt whose ``replaces`` points at the
    wrong one; the one nobody replaces is current (one original per payment, by a constraint).
    """

    number = models.CharField(_("number"), max_length=40, unique=True)
    office_code = models.CharField(_("office code"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="receipts")
    invoice = models.ForeignKey("order.Invoice", on_delete=models.PROTECT, related_name="receipts")
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    correction_reason = models.TextField(_("reason for correction"), blank=True)
    buyer_name = models.CharField(_("received from"), max_length=200)
    buyer_institution = models.CharField(_("institution"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    items = models.JSONField(_("items"), default=list)
    billing_code = models.CharField(_("kode billing"), max_length=15, blank=True)
    ntpn = models.CharField("NTPN", max_length=16, blank=True)
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    paid_at = models.DateTimeField(_("paid at"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    treasurer_name = models.CharField(_("bendahara"), max_length=200)
    treasurer_nip = models.CharField(_("NIP of the bendahara"), max_length=18, blank=True)
    verification_token = models.CharField(max_length=32, unique=True)
    pdf = models.FileField(storage=private_storage, upload_to=_receipt_path, blank=True)

    class Meta:
        db_table = "billing_receipt"  # kept from shop.billing (issue #19)
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("kuitansi")
        verbose_name_plural = _("kuitansi")
        constraints = [
            models.UniqueConstraint(
                fields=["office_code", "year", "sequence"], name="receipt_sequence_per_office_year"
            ),
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(replaces__isnull=True),
                name="receipt_one_original_per_payment",
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="receipt_sequence_positive"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_void(self) -> bool:
        return hasattr(self, "replaced_by")

    @property
    def pdf_filename(self) -> str:
        return "kuitansi-" + self.number.replace("/", "-") + ".pdf"
