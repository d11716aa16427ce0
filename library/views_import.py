"""The librarian's bulk import in the browser (issue #22): upload a catalogue export, the import
runs as a background task (``library.tasks.import_publications``), and a status page shows how
far it has come and then the report. Same rules and report as ``manage.py import_publications``
(docs/library-import.md); PDFs are not uploaded here (attach them on each page, or use the
command's ``--pdf-dir``)."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from django import forms
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pst import roles
from pst.storage import private_storage
from pst.tasks import task_enqueue_tracked, task_state

from . import importer
from .tasks import import_publications
from .views_staff import TRACE_ROLES, role_required

IMPORT_ROLES = TRACE_ROLES  # the Pustakawan (and superusers)
MAX_IMPORT_BYTES = 50 * 1024 * 1024


def user_may_import(user) -> bool:
    return any(roles.user_has_role(user, role) for role in IMPORT_ROLES)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Catalogue file"),
        help_text=gettext_lazy("A CSV, JSON or JSON Lines export of the catalogue."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest catalogue file is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_IMPORT_BYTES)}
            )
        try:
            importer.file_format(Path(upload.name))
        except importer.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


@role_required(*IMPORT_ROLES)
def import_start(request):
    form = ImportUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        storage = private_storage()
        name = storage.save(
            f"imports/{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}",
            ContentFile(upload.read()),
        )
        # A file that cannot be read at all is refused here, before anything is queued.
        try:
            importer.read_rows(Path(storage.path(name)))
        except importer.ImportFileError as error:
            storage.delete(name)
            form.add_error("file", str(error))
        else:
            result_id = task_enqueue_tracked(
                import_publications, storage.path(name), user_id=request.user.pk
            )
            return redirect("library:import-status", result_id=result_id)
    return render(
        request,
        "library/staff/import_start.html",
        {"form": form, "page_title": _("Import publications")},
    )


@role_required(*IMPORT_ROLES)
def import_status(request, result_id: str):
    # A task result id: a UUID (database backend) or a short random string (the embedded one).
    if not re.fullmatch(r"[\w-]{1,64}", result_id):
        raise Http404
    state = task_state(import_publications, result_id)
    if state is None:
        raise Http404
    progress = state["progress"] or {}
    percent = 0
    if progress.get("total"):
        percent = int(100 * progress["done"] / progress["total"])
    return render(
        request,
        "library/staff/import_status.html",
        {
            "state": state,
            "report": state["value"],
            "progress": progress,
            "percent": percent,
            "finished": state["status"] in ("SUCCESSFUL", "FAILED"),
            "page_title": _("Import publications"),
        },
    )
