"""Records of the bendahara (issue #9): statement files and their lines, reconciliation runs,
their exceptions and how each was resolved, and the Buku Kas Umum.

Money and audit records are append-only (STYLE.md habit 4): statement lines, reconciliation
results, exceptions, resolutions and cash book entries are never edited or deleted; a
resolution that turns out wrong is followed by a new one ("reopened"), a wrong cash book entry
by a reversing entry. :class:`AppendOnlyModel` refuses ``save()`` of an existing row and every
``delete()``/``update()`` through the ORM. Uniqueness is the database's job (habit 5): a
statement line is stored once per bank, an exception once per finding, a cash book movement
once per source.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst.appendonly import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet  # noqa: F401
from pst.storage import private_storage

from .. import statements
from ..matching import MatchKind

MONEY = {"max_digits": 16, "decimal_places": 2}


# --- Statements --------------------------------------------------------------------------------


class ColumnMapping(models.Model):
    """A bank's statement layout, saved by the bank's name (issue #9: "header row names
    configurable per bank through a column mapping saved by name")."""

    name = models.CharField(_("bank / source name"), max_length=100, unique=True)
    billing_code_column = models.CharField(_("kode billing column"), max_length=100)
    ntpn_column = models.CharField(_("NTPN column"), max_length=100)
    amount_column = models.CharField(_("amount column"), max_length=100)
    paid_at_column = models.CharField(_("payment date column"), max_length=100)
    ntb_column = models.CharField(_("NTB column"), max_length=100, blank=True)
    time_column = models.CharField(
        _("payment time column"),
        max_length=100,
        blank=True,
        help_text=_("Only when the time of day is in a column of its own."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("statement column mapping")
        verbose_name_plural = _("statement column mappings")

    def __str__(self) -> str:
        return self.name

    def as_mapping(self) -> statements.ColumnMapping:
        return statements.ColumnMapping(
            name=self.name,
            billing_code_column=self.billing_code_column,
            ntpn_column=self.ntpn_column,
            amount_column=self.amount_column,
            paid_at_column=self.paid_at_column,
            ntb_column=self.ntb_column,
            time_column=self.time_column,
        )


def _statement_path(instance, filename: str) -> str:
    return f"treasury/statements/{timezone.now():%Y/%m}/{instance.sha256[:16]}-{filename}"


class StatementFile(models.Model):
    """One uploaded statement file, kept as uploaded in the private store (issue #9: "keeps the
    original file"). Each upload is recorded, also a repeated one: the lines it adds (perhaps
    none) are what makes a re-upload safe."""

    bank = models.CharField(_("bank / source"), max_length=100)
    mapping = models.ForeignKey(
        ColumnMapping, on_delete=models.PROTECT, related_name="files", verbose_name=_("mapping")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=_statement_path)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    lines_read = models.PositiveIntegerField(_("lines read"), default=0)
    lines_imported = models.PositiveIntegerField(_("lines imported"), default=0)
    first_paid_on = models.DateField(_("first payment date"), null=True, blank=True)
    last_paid_on = models.DateField(_("last payment date"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("statement file")
        verbose_name_plural = _("statement files")

    def __str__(self) -> str:
        return f"{self.bank}: {self.original_name}"


class StatementLine(AppendOnlyModel):
    """One payment as a bank or MPN reports it. The unique constraint is what makes a repeated
    upload (or the same statement as CSV and as XLSX) add nothing."""

    statement_file = models.ForeignKey(
        StatementFile, on_delete=models.PROTECT, related_name="lines"
    )
    bank = models.CharField(_("bank / source"), max_length=100)
    line_number = models.PositiveIntegerField(_("line"))
    billing_code = models.CharField(_("kode billing"), max_length=15, db_index=True)
    ntpn = models.CharField("NTPN", max_length=16, db_index=True)
    ntb = models.CharField("NTB", max_length=32, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_at = models.DateTimeField(_("paid at"), db_index=True)

    class Meta:
        ordering = ["paid_at", "pk"]
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "billing_code", "ntpn", "amount", "paid_at"],
                name="treasury_statement_line_once",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="treasury_line_amount_pos"),
        ]

    def __str__(self) -> str:
        return f"{self.billing_code} {self.ntpn}"


# --- Reconciliation ----------------------------------------------------------------------------


class ExceptionKind(models.TextChoices):
    AMOUNT_DIFFERS = MatchKind.AMOUNT_DIFFERS.value, _("amount differs")
    UNKNOWN_CODE = MatchKind.UNKNOWN_CODE.value, _("unknown kode billing")
    PAID_AFTER_EXPIRY = MatchKind.PAID_AFTER_EXPIRY.value, _("paid after expiry")
    DUPLICATE_PAYMENT = MatchKind.DUPLICATE_PAYMENT.value, _("duplicate payment")
    PAID_WITHOUT_STATEMENT = (
        MatchKind.PAID_WITHOUT_STATEMENT.value,
        _("billing marked paid, no statement line"),
    )
    RECEIPT_WITHOUT_PAYMENT = MatchKind.RECEIPT_WITHOUT_PAYMENT.value, _("receipt without payment")
    PAID_NOT_RECORDED = MatchKind.PAID_NOT_RECORDED.value, _("paid at the bank, not recorded")


class ReconciliationResult(AppendOnlyModel):
    """One run of the matching over the statement lines of a period: who ran it, when, and how
    many lines fell in each result. Running it again gives the same counts for the same data
    (issue #9: "matching is repeatable and gives the same answer")."""

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    run_at = models.DateTimeField(_("run at"), default=timezone.now)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    statement_file = models.ForeignKey(
        StatementFile, on_delete=models.PROTECT, null=True, blank=True, related_name="runs"
    )
    lines_matched = models.PositiveIntegerField(_("lines matched"), default=0)
    amount_matched = models.DecimalField(_("amount matched"), default=0, **MONEY)
    counts = models.JSONField(_("count per result"), default=dict)
    exceptions = models.ManyToManyField(
        "ReconciliationException", related_name="found_in", blank=True
    )

    class Meta:
        ordering = ["-run_at", "-pk"]
        verbose_name = _("reconciliation result")
        verbose_name_plural = _("reconciliation results")

    def __str__(self) -> str:
        return f"{self.period_start} – {self.period_end}"


class ReconciliationException(AppendOnlyModel):
    """A difference for the bendahara to resolve. Identified by its kind and subject (``key``:
    the statement line, the billing or the receipt), so a repeated run finds the same exception
    again instead of a new one, and its resolution stays with it."""

    kind = models.CharField(_("kind"), max_length=30, choices=ExceptionKind.choices)
    key = models.CharField(max_length=80)
    statement_line = models.ForeignKey(
        StatementLine, on_delete=models.PROTECT, null=True, blank=True, related_name="exceptions"
    )
    billing_code = models.CharField(_("kode billing"), max_length=15, blank=True)
    ntpn = models.CharField("NTPN", max_length=16, blank=True)
    receipt_number = models.CharField(_("kuitansi"), max_length=40, blank=True)
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    expected_amount = models.DecimalField(_("billed amount"), null=True, blank=True, **MONEY)
    occurred_at = models.DateTimeField(_("paid / issued at"), null=True, blank=True)
    found_at = models.DateTimeField(_("first found"), default=timezone.now)

    class Meta:
        ordering = ["-found_at", "-pk"]
        verbose_name = _("reconciliation exception")
        verbose_name_plural = _("reconciliation exceptions")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="treasury_exception_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.billing_code or self.receipt_number}"


class ResolutionAction(models.TextChoices):
    PAYMENT_CONFIRMED = "payment_confirmed", _("payment confirmed by hand")
    REFUND = "refund", _("refund to the payer started")
    NEW_BILLING = "new_billing", _("new kode billing issued")
    STATEMENT_CORRECTED = "statement_corrected", _("bank corrected its statement")
    ACCEPTED = "accepted", _("accepted, explained in the note")
    REOPENED = "reopened", _("reopened")


class ExceptionResolution(AppendOnlyModel):
    """What the bendahara did about an exception, with a note (issue #9: "kept, never
    deleted"). The latest resolution counts; "reopened" makes the exception open again."""

    exception = models.ForeignKey(
        ReconciliationException, on_delete=models.PROTECT, related_name="resolutions"
    )
    action = models.CharField(_("action"), max_length=30, choices=ResolutionAction.choices)
    note = models.TextField(_("note"))
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), default=timezone.now)

    class Meta:
        ordering = ["resolved_at", "pk"]
        verbose_name = _("exception resolution")
        verbose_name_plural = _("exception resolutions")
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="treasury_resolution_has_note"),
        ]

    def __str__(self) -> str:
        return self.get_action_display()


# --- Buku Kas Umum -----------------------------------------------------------------------------


class Account(models.TextChoices):
    """The subsidiary books: the cash box and the treasurer's bank account (DOMAIN.md)."""

    CASH = "cash", _("cash")
    BANK = "bank", _("bank")


class EntryKind(models.TextChoices):
    RECEIPT = "receipt", _("receipt")
    DEPOSIT = "deposit", _("deposit to the state treasury")
    REVERSAL = "reversal", _("reversal")


class CashBookEntry(AppendOnlyModel):
    """One movement of the Buku Kas Umum: money received (debit) or deposited to the state
    treasury (credit), in the cash or bank book. A deposit carries its NTPN (revenue is
    recognised only with an NTPN, DOMAIN.md). ``source_key`` names where the movement came from
    (``payment:12``), so recording the same payment twice is refused by the database."""

    account = models.CharField(_("book"), max_length=10, choices=Account.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    occurred_at = models.DateTimeField(_("date"), db_index=True)
    debit = models.DecimalField(_("debit"), default=0, **MONEY)
    credit = models.DecimalField(_("credit"), default=0, **MONEY)
    description = models.CharField(_("description"), max_length=255)
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    ntpn = models.CharField("NTPN", max_length=16, blank=True)
    source_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("cash book entry")
        verbose_name_plural = _("cash book entries")
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0)),
                name="treasury_entry_one_side",
            ),
            models.CheckConstraint(
                condition=~Q(kind="deposit") | (~Q(ntpn="") & Q(credit__gt=0)),
                name="treasury_deposit_has_ntpn",
            ),
            models.CheckConstraint(
                condition=~Q(kind="receipt") | Q(debit__gt=0), name="treasury_receipt_is_debit"
            ),
            models.UniqueConstraint(
                fields=["account", "ntpn"],
                condition=Q(kind="deposit"),
                name="treasury_deposit_ntpn_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.description}"


class CashBookLine(AppendOnlyModel):
    """What a receipt was for, per product type and tariff item: the rows of the daily and
    monthly reports (issue #9). The lines of one receipt add up to its debit."""

    entry = models.ForeignKey(CashBookEntry, on_delete=models.PROTECT, related_name="lines")
    product_type = models.CharField(_("product type"), max_length=40)
    tariff_item = models.CharField(_("tariff item"), max_length=60)
    description = models.CharField(_("description"), max_length=255, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("cash book line")
        verbose_name_plural = _("cash book lines")

    def __str__(self) -> str:
        return f"{self.product_type} {self.tariff_item}"
