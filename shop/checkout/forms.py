"""The one checkout form of an online sale: confirm the quote, state the purpose, upload the
required documents (DOMAIN.md step 1, issue #7).

Each file is checked by its content (``pst.uploads``); a wrong file gets its own message
under its own field and does not cost the buyer the rest of the form (the view keeps files
already accepted, see ``shop/checkout/views.py``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pst.uploads import UploadRejected, ValidatedUpload
from shop.order.forms import validated_upload
from shop.order.models import BUYER_DOCUMENT_KINDS, DocumentKind

HELP = {
    DocumentKind.ABSTRAKSI: _("What you will use the data for, how, and what you will publish."),
    DocumentKind.SPPD: _("Download the form, fill it in, sign it and upload it."),
    DocumentKind.IDENTITY: _("KTP, SIM or passport (scan or photo)."),
    DocumentKind.NPWP: _("Required for private-sector (swasta) buyers."),
    DocumentKind.COVER_LETTER: _(
        "Letter from your institution requesting the Rp0 tariff for non-commercial use."
    ),
}


class RequirementsForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose of use"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: thesis research on regional unemployment."),
    )
    nol_rupiah_requested = forms.BooleanField(
        label=_("I request the Rp0 tariff (with my institution's cover letter)"),
        required=False,
    )
    confirm_quote = forms.BooleanField(
        label=_("I have read the PNBP tariff terms and confirm the quote above"),
        error_messages={"required": _("Confirm the quote to continue.")},
    )

    def __init__(self, *args, kinds: list[str], staged: dict[str, str], **kwargs):
        """``kinds``: documents this order requires; ``staged``: kind -> name of files already
        accepted earlier in this checkout (then the field may stay empty)."""
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.staged = staged
        self.accepted: dict[str, ValidatedUpload] = {}
        # Only what this basket needs, plus the cover letter the Rp0 box may ask for (issue
        # #17): a publication-only checkout shows no SPPD or identity field.
        self.document_kinds = [
            str(k) for k in BUYER_DOCUMENT_KINDS if k in kinds or k == DocumentKind.COVER_LETTER
        ]
        for kind in self.document_kinds:
            self.fields[f"doc_{kind}"] = forms.FileField(
                label=DocumentKind(kind).label,
                required=False,
                help_text=HELP[kind],
                widget=forms.ClearableFileInput(
                    attrs={"accept": "application/pdf,image/jpeg,image/png"}
                ),
            )

    def clean(self):
        cleaned = super().clean()
        kinds = set(self.kinds)
        if cleaned.get("nol_rupiah_requested"):
            kinds.add(str(DocumentKind.COVER_LETTER))
        for kind in self.document_kinds:
            field = f"doc_{kind}"
            upload = cleaned.get(field)
            if upload:
                try:
                    self.accepted[kind] = validated_upload(upload)
                except UploadRejected as rejected:
                    self.add_error(field, rejected.message)
            elif kind in kinds and kind not in self.staged:
                self.add_error(field, _("This document is required."))
        self.required_kinds = [str(k) for k in BUYER_DOCUMENT_KINDS if k in kinds]
        return cleaned
