"""Forms of the bendahara's pages: input checks only; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst.clock import office_today
from shop.billing.forms import (
    AmountField,
    BillingCodeField,
    strip_spaces,
    validate_amount_bounds,
)
from shop.billing.identifiers import is_valid_ntpn

from .models import Account, ColumnMapping, RefundMethod, ResolutionAction

MAX_STATEMENT_BYTES = 50 * 1024 * 1024


class StatementUploadForm(forms.Form):
    bank = forms.ModelChoiceField(
        label=_("Bank / source (column mapping)"),
        queryset=ColumnMapping.objects.all(),
        to_field_name="name",
        empty_label=None,
    )
    file = forms.FileField(
        label=_("Statement file (CSV or XLSX)"),
        help_text=_("Semicolon or comma separated CSV, or an Excel workbook (first sheet)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class ColumnMappingForm(forms.ModelForm):
    class Meta:
        model = ColumnMapping
        fields = [
            "name",
            "billing_code_column",
            "ntpn_column",
            "amount_column",
            "paid_at_column",
            "ntb_column",
            "time_column",
        ]


class ResolveForm(forms.Form):
    """An open exception takes any action but "reopened"; a resolved one only "reopened" (the
    rule of ``services.exception_resolve``): the choices offer only what may be recorded."""

    action = forms.ChoiceField(label=_("Action"), choices=ResolutionAction.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )

    def __init__(self, *args, is_open: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            (value, label)
            for value, label in ResolutionAction.choices
            if (value == ResolutionAction.REOPENED) != is_open
        ]


class DepositForm(forms.Form):
    account = forms.ChoiceField(label=_("Book"), choices=Account.choices)
    amount = forms.DecimalField(
        label=_("Amount (Rp)"), min_value=1, decimal_places=0, max_digits=14
    )
    deposited_at = forms.DateTimeField(
        label=_("Deposited at"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ntpn = forms.CharField(label="NTPN", max_length=16, min_length=16)
    reference = forms.CharField(label=_("Reference"), max_length=64, required=False)


class ReconcileForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))


# --- the payment desk and the buyer's transfer proof (issue #8) ------------------------------


class BpnForm(forms.Form):
    """The bendahara copies a Bukti Penerimaan Negara: date, NTPN, NTB, amount, bank."""

    billing_code = BillingCodeField()
    ntpn = forms.CharField(label="NTPN", max_length=32)
    ntb = forms.CharField(label="NTB/NTP", max_length=32)
    amount = AmountField()
    paid_at = forms.DateTimeField(
        label=_("Paid at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    bank_code = forms.CharField(label=_("Bank code"), max_length=10)

    def clean_ntpn(self):
        ntpn = strip_spaces(self.cleaned_data["ntpn"]).upper()
        if not is_valid_ntpn(ntpn):
            raise forms.ValidationError(_("An NTPN has 16 letters and digits."))
        return ntpn

    def clean_paid_at(self):
        paid_at = self.cleaned_data["paid_at"]
        if paid_at > timezone.now():
            raise forms.ValidationError(_("The payment date cannot be in the future."))
        return paid_at


class CashForm(forms.Form):
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=40)
    amount = AmountField(label=_("Cash received (Rp)"))


class TransferProofForm(forms.Form):
    proof = forms.FileField(
        label=_("Transfer proof (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    sender_name = forms.CharField(label=_("Name of the sender"), max_length=200)
    sender_bank = forms.CharField(label=_("Sending bank"), max_length=200)
    transfer_date = forms.DateField(
        label=_("Transfer date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.DecimalField(
        label=_("Amount transferred"), max_digits=16, decimal_places=2, min_value=0.01
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[("IDR", "IDR"), ("USD", "USD"), ("EUR", "EUR"), ("SGD", "SGD"), ("AUD", "AUD")],
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        validate_amount_bounds(amount)
        return amount

    def clean_transfer_date(self):
        day = self.cleaned_data["transfer_date"]
        if day > office_today():
            raise forms.ValidationError(_("The transfer date cannot be in the future."))
        return day


class TransferVerifyForm(forms.Form):
    bank_reference = forms.CharField(label=_("Reference on the bank statement"), max_length=64)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReceiptCorrectionForm(forms.Form):
    buyer_name = forms.CharField(
        label=_("Received from (corrected name)"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("Reason for correction"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveExceptionForm(forms.Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))


# --- refund cases (issue #20) ------------------------------------------------------------------


class RefundOpenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the product cannot be delivered"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RefundSettleForm(forms.Form):
    """The bendahara records the refund paid: the date (the office's day), how, and the
    reference of a transfer (the SP2D number or the bank's reference)."""

    paid_on = forms.DateField(
        label=_("Refunded on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    method = forms.ChoiceField(label=_("Method"), choices=RefundMethod.choices)
    reference = forms.CharField(
        label=_("SP2D or transfer reference"),
        max_length=64,
        required=False,
        help_text=_("Required for a transfer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = office_today()
        self.fields["method"].initial = RefundMethod.TRANSFER
