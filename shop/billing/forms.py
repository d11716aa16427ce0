"""Forms of the payment pages. They check the shape of what is typed; every rule about money
lives in ``services.py`` (STYLE.md: no business logic in forms)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst.clock import office_today
from pst.money import MAX_AMOUNT, amount_within_bounds, format_rupiah

from .identifiers import is_valid_billing_code, is_valid_ntpn


def _digits(value: str) -> str:
    return "".join((value or "").split())


def validate_amount_bounds(value) -> None:
    """The one bound on money every form shares (``money.MAX_AMOUNT``, issue #15 finding 2)."""
    if value is not None and not amount_within_bounds(value):
        raise forms.ValidationError(
            _("The amount must be above zero and at most %(limit)s."),
            code="amount_bounds",
            params={"limit": format_rupiah(MAX_AMOUNT)},
        )


class BillingCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Kode billing"))
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def clean(self, value):
        value = _digits(super().clean(value))
        if not is_valid_billing_code(value):
            raise forms.ValidationError(
                _("A kode billing has 15 digits and starts with 7, 8 or 9.")
            )
        return value


class AmountField(forms.DecimalField):
    """Whole rupiah, typed with or without thousands dots ("1.250.000")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Amount (Rp)"))
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("max_digits", 14)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("Rp", "").replace(".", "").replace(" ", "").strip()
        return super().to_python(value)

    def validate(self, value):
        # Before the digit-count validators: one message naming the bound, in rupiah.
        super().validate(value)
        validate_amount_bounds(value)


class TellerForm(forms.Form):
    code = BillingCodeField()


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
        ntpn = _digits(self.cleaned_data["ntpn"]).upper()
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


class SppdForm(forms.Form):
    sppd = forms.FileField(
        label=_("Signed SPPD (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
