"""Forms of the buyer's order page and the officer's desk. They only collect input; the
services in ``shop/order/services.py`` decide (issue #7)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pst.uploads import UploadRejected, ValidatedUpload, validate_upload

from .models import BUYER_DOCUMENT_KINDS, DocumentKind


def validated_upload(upload) -> ValidatedUpload:
    """An uploaded file checked by content with the site's limits; raises UploadRejected."""
    return validate_upload(
        content=upload.read(settings.PST_ORDER_UPLOAD_MAX_BYTES + 1),
        original_name=upload.name,
        max_bytes=settings.PST_ORDER_UPLOAD_MAX_BYTES,
        max_pages=settings.PST_ORDER_UPLOAD_MAX_PAGES,
    )


class UploadForm(forms.Form):
    """One document, for a revision the officer asked for."""

    kind = forms.ChoiceField(
        label=_("Document"), choices=[(str(k), DocumentKind(k).label) for k in BUYER_DOCUMENT_KINDS]
    )
    upload = forms.FileField(label=_("File (PDF, JPEG or PNG)"))

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            return validated_upload(upload)
        except UploadRejected as rejected:
            raise forms.ValidationError(rejected.message) from None


class ReasonForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DropLineForm(forms.Form):
    """The officer drops one line before the invoice (``shop.order.line_drops``)."""

    line = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why is this product dropped?"), max_length=300)


class OptionalNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VerifyForm(forms.Form):
    approve_nol_rupiah = forms.BooleanField(
        label=_("Approve the Rp0 tariff on the cover letter"), required=False
    )


class CorrectionAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Answer to the buyer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    reissue = forms.BooleanField(
        label=_("Re-issue the invoice (the current one becomes void)"), required=False
    )
