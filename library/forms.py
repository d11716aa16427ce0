"""Forms of the e-pustaka: the librarian's publication form in the Wagtail admin, and the
readers' softcopy request and service rating forms (issue #4)."""

from __future__ import annotations

import tempfile
import weakref
from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

import watermark


def _upload_path(upload: UploadedFile, workdir: Path) -> Path:
    """A path to read the upload from: Django's own temporary file for big uploads, else a copy
    of the in-memory upload."""
    if hasattr(upload, "temporary_file_path"):
        return Path(upload.temporary_file_path())
    path = workdir / "upload.pdf"
    with path.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return path


class PrivateFileInput(forms.ClearableFileInput):
    """The file input of a private file: shows the stored name, never a link (private files
    have no URL, ``pst.storage.PrivateStorage.url`` raises), and accepts only PDFs. Its
    template lives in the app (library/templates/), where Django's form renderer looks."""

    template_name = "library/widgets/private_file_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"accept": "application/pdf,.pdf", **(attrs or {})})

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


class PublicationPageForm(WagtailAdminPageForm):
    """The Wagtail page form of a publication, with ingest at upload (issue #4, "Librarians").

    ``clean()`` runs ``watermark.prepare`` on a newly uploaded PDF in a temporary folder: a file
    that cannot be prepared (user password, broken, not a PDF, too large) becomes an error on
    the PDF field, with the Indonesian reason the watermark library gives, and the view saves
    nothing (no page, no revision, no stored file). ``save()`` moves the prepared master into
    the private store and fills page count, size, outline and, if there is none, the cover.
    A prepared upload that is never saved is removed when the form is garbage-collected.
    """

    _prepared = None  # a services.PreparedPdf between clean() and save()

    accept_wrong_check_digit = forms.BooleanField(
        label=_("Save even though the check digit is wrong"),
        required=False,
        help_text=_("For an ISSN or ISBN printed with a wrong check digit on the publication."),
    )

    def clean(self):
        # services imports the models, which name this form as their base_form_class.
        from . import services
        from .identifiers import is_valid_isbn13, is_valid_issn

        cleaned_data = super().clean()
        if not cleaned_data.get("accept_wrong_check_digit"):
            for name, is_valid in (("issn", is_valid_issn), ("isbn", is_valid_isbn13)):
                value = cleaned_data.get(name)
                if value and name not in self.errors and not is_valid(value):
                    self.add_error(
                        name,
                        _("The check digit of %(value)s is wrong. If it is printed so on the "
                          "publication, tick “Save even though the check digit is wrong”.")
                        % {"value": value},
                    )  # fmt: skip
        self._discard_prepared()
        upload = cleaned_data.get("pdf")
        if isinstance(upload, UploadedFile) and "pdf" not in self.errors:
            with tempfile.TemporaryDirectory(prefix="pst-upload-") as tmp:
                try:
                    prepared = services.publication_pdf_prepare(
                        pdf_path=_upload_path(upload, Path(tmp)), filename=Path(upload.name).name
                    )
                except watermark.WatermarkError as refusal:
                    self.add_error("pdf", refusal.message)
                else:
                    self._prepared = prepared
                    weakref.finalize(self, services.publication_pdf_discard, prepared=prepared)
        return cleaned_data

    def _discard_prepared(self) -> None:
        from . import services

        if self._prepared is not None:
            services.publication_pdf_discard(prepared=self._prepared)
            self._prepared = None

    def save(self, commit=True):
        from . import services

        # The librarian has looked at the record: it leaves "Perlu diperiksa" (issue #21).
        self.instance.needs_review = False
        self.instance.review_reasons = ""
        if self._prepared is not None:
            services.publication_pdf_commit(page=self.instance, prepared=self._prepared)
            self._prepared = None
        elif self.cleaned_data.get("pdf") is False:
            services.publication_pdf_detach(page=self.instance)
        return super().save(commit=commit)


class SoftcopyRequestForm(forms.Form):
    """A reader asks for the softcopy of a publication listed without one."""

    note = forms.CharField(
        label=_("What do you need it for? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DownloadRatingForm(forms.Form):
    """1–5 and a comment after a download (pst.ratings, one rating per download)."""

    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
