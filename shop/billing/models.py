"""Records of PNBP payment, receipts and delivery (issue #8). docs/billing.md is their map.

Money records are append-only (STYLE.md habit 4): a :class:`Payment` or :class:`Receipt` is never
edited or deleted; a wrong receipt is corrected by a new one that ``replaces`` it; a billing that
expired unpaid is re-issued as a new :class:`Billing` that ``replaces`` the void one. Uniqueness
is the database's job (habit 5): billing codes, NTPNs, one payment per invoice and per billing,
receipt numbers per office and year, one current receipt per payment, notification nonces.

The treasury (issue #9) reads these models for reconciliation: a statement line matches a
:class:`Billing` by ``code``, a :class:`Payment` by ``ntpn`` and ``amount``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst.storage import private_storage

MONEY = {"max_digits": 14, "decimal_places": 0}


# --- Billing codes -----------------------------------------------------------------------------


class BillingStatus(models.TextChoices):
    UNPAID = "unpaid", _("unpaid")
    PAID = "paid", _("paid")
    VOID = "void", _("void")


class Billing(models.Model):
    """A kode billing issued through the SIMPONI adapter for one invoice (DOMAIN.md).

    ``status`` is the shop's view: unpaid until a payment is confirmed, void when an expired
    code was re-issued (the new billing ``replaces`` it), when cash paid the invoice instead, or
    when the invoice lapsed unpaid (``services.invoices_expire``). "Expired" is not stored: it is an
    unpaid billing past ``expires_at`` (:attr:`is_expired`), because time, not a write, makes it
    so. At most one billing per invoice is not void (a constraint).
    """

    invoice = models.ForeignKey(
        "order.Invoice",
        on_delete=models.PROTECT,
        related_name="billings",
        verbose_name=_("invoice"),
    )
    code = models.CharField(_("kode billing"), max_length=15, unique=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    payer_name = models.CharField(_("payer name"), max_length=200)
    account_code = models.CharField(_("kode akun"), max_length=6)
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    status = models.CharField(
        _("status"), max_length=10, choices=BillingStatus.choices, default=BillingStatus.UNPAID
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("billing")
        verbose_name_plural = _("billings")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice"],
                condition=~Q(status="void"),
                name="billing_one_live_per_invoice",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_expired(self) -> bool:
        return self.status == BillingStatus.UNPAID and self.expires_at <= timezone.now()

    @property
    def display_status(self) -> str:
        return str(_("expired")) if self.is_expired else self.get_status_display()


class SimulatedBilling(models.Model):
    """SIMPONI's own side, as the local simulator keeps it (``simponi/simulator.py``).

    Separate from :class:`Billing` on purpose: with a production adapter this table stays empty
    and SIMPONI holds these facts. Codes are unique here too, as SIMPONI guarantees.
    """

    code = models.CharField(_("kode billing"), max_length=15, unique=True)
    reference = models.CharField(_("reference"), max_length=64)
    payer_name = models.CharField(_("payer name"), max_length=200)
    description = models.CharField(_("description"), max_length=255)
    account_code = models.CharField(_("kode akun"), max_length=6)
    amount = models.DecimalField(_("amount"), **MONEY)
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    ntpn = models.CharField("NTPN", max_length=16, null=True, blank=True, unique=True)
    ntb = models.CharField("NTB", max_length=32, blank=True)
    bank_code = models.CharField(_("bank code"), max_length=10, blank=True)
    # Set when an expired code is replaced for the same reference (a reissue): the open row of
    # a reference is the one a retry of create_billing returns (interface contract).
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=Q(superseded_at__isnull=True),
                name="simulated_billing_one_open_code_per_reference",
            ),
        ]
        verbose_name = _("simulated SIMPONI billing")
        verbose_name_plural = _("simulated SIMPONI billings")

    def __str__(self) -> str:
        return self.code


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


class Payment(models.Model):
    """Money received for one invoice. Append-only; one per invoice and per billing; an NTPN is
    recorded once (the constraint that makes confirmation idempotent)."""

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


class ExceptionKind(models.TextChoices):
    UNKNOWN_CODE = "unknown_code", _("unknown kode billing")
    AMOUNT_MISMATCH = "amount_mismatch", _("amount differs from the billing")
    EXPIRED_CODE = "expired_code", _("paid on an expired or void code")
    ALREADY_PAID = "already_paid", _("invoice already paid")
    ORDER_CLOSED = "order_closed", _("order cancelled or rejected")


class PaymentException(models.Model):
    """A reported deposit the shop could not accept as a payment, for the bendahara to resolve
    (issue #8: never silently accepted). One per NTPN, so a repeated report adds nothing.

    A transfer from abroad has no NTPN and no kode billing: when the bendahara finds on the
    statement a transfer for an order that was cancelled or rejected meanwhile, the exception
    carries the statement ``reference`` and the ``transfer_proof`` instead (one per reference
    and per proof). Every exception is identified by one or the other (a constraint).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ExceptionKind.choices)
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
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        ordering = ["resolved_at", "-recorded_at"]
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


class NotificationNonce(models.Model):
    """Every accepted notification's nonce: the constraint that makes a replay fail."""

    nonce = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notification nonce")
        verbose_name_plural = _("notification nonces")

    def __str__(self) -> str:
        return self.nonce


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
    """The last kuitansi number per office and year. Issuing locks this row
    (``select_for_update``) and increments it in the receipt's transaction, so numbers are
    gap-free and two treasurers cannot draw the same one."""

    office_code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office_code", "year"], name="receipt_counter_office")
        ]

    def __str__(self) -> str:
        return f"{self.office_code}/{self.year}: {self.last_sequence}"


def _receipt_path(receipt, filename):
    return f"billing/receipts/{receipt.year}/{filename}"


class Receipt(models.Model):
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


# --- Delivery ------------------------------------------------------------------------------------


class DeliveryKind(models.TextChoices):
    PUBLICATION = "publikasi", _("publication (stamped PDF)")
    MICRODATA = "data_mikro", _("microdata (ZIP)")
    MAP = "peta_wks", _("WKS map (stamped)")


def _delivery_path(item, filename):
    return f"billing/deliveries/{item.order_id}/{filename}"


class DeliveryItem(models.Model):
    """One file offered to one buyer after the kuitansi: a download link that expires and is
    limited in count (issue #8). Publications and maps are stamped per download from their
    master; microdata is cut once into ``file`` (CSV, codebook and mark file, zipped)."""

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="deliveries")
    line = models.ForeignKey(
        "order.Line", on_delete=models.PROTECT, null=True, blank=True, related_name="deliveries"
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deliveries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DeliveryKind.choices)
    title = models.CharField(_("title"), max_length=255)
    token = models.CharField(max_length=43, unique=True)
    file = models.FileField(storage=private_storage, upload_to=_delivery_path, blank=True)
    source_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="PublicationPage or Product id stamped per download"
    )
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    max_downloads = models.PositiveSmallIntegerField(_("download limit"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("delivered file")
        verbose_name_plural = _("delivered files")

    def __str__(self) -> str:
        return self.title

    @property
    def downloads_used(self) -> int:
        return self.downloads.count()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class DeliveryDownload(models.Model):
    """Every download of a delivered file (append-only log)."""

    item = models.ForeignKey(DeliveryItem, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    download_id = models.CharField(max_length=40, unique=True)
    downloaded_at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    bytes = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-downloaded_at"]
        verbose_name = _("delivered file download")
        verbose_name_plural = _("delivered file downloads")

    def __str__(self) -> str:
        return self.download_id


def _sppd_path(upload, filename):
    return f"billing/sppd/{upload.order_id}/{filename}"


class SppdUpload(models.Model):
    """The buyer's scan of the signed SPPD (data use agreement, DOMAIN.md step 7). With
    ``PST_HOLD_MICRODATA_UNTIL_SPPD`` microdata is not delivered before one exists."""

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="sppd_uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(storage=private_storage, upload_to=_sppd_path)
    content_type = models.CharField(max_length=40)
    originals_received_at = models.DateTimeField(
        _("signed originals received"), null=True, blank=True
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("signed SPPD")
        verbose_name_plural = _("signed SPPD")

    def __str__(self) -> str:
        return f"SPPD {self.order_id} {self.uploaded_at:%Y-%m-%d}"
