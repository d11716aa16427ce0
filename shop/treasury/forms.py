"""Forms of the bendahara's pages: input checks only; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Account, ColumnMapping, ResolutionAction

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
