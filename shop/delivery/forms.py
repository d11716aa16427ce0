"""The delivery's form: input checks only; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SppdForm(forms.Form):
    sppd = forms.FileField(
        label=_("Signed SPPD (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
