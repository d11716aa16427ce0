"""Forms of the payment pages. They check the shape of what is typed; every rule about money
lives in ``services.py`` (STYLE.md: no business logic in forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pst.money import MAX_AMOUNT, amount_within_bounds, format_rupiah

from .identifiers import is_valid_billing_code


def strip_spaces(value: str) -> str:
    """The value without any whitespace (codes typed with spaces, as printed on slips)."""
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
        value = strip_spaces(super().clean(value))
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
