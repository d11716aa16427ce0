"""Background task of the catalogue (issue #22 says how tasks run, pst/tasks.py): converting an
uploaded microdata master (CSV, SPSS, Stata) to the stored layout, issue #20.

A thin wrapper over ``catalogue.masters.microdata_upload_convert``; the upload record keeps the
state and the progress for the officer's page. A retry of an upload already finished does
nothing (its files are gone and its state is final).
"""

from __future__ import annotations

from django_tasks import TaskContext, task

from pst.tasks import progress_set

from .masters import microdata_upload_convert
from .models import MasterUpload


@task(takes_context=True)
def microdata_master_convert(context: TaskContext, upload_id: int) -> str:
    upload = MasterUpload.objects.filter(pk=upload_id).first()
    if upload is None or upload.status in (MasterUpload.Status.DONE, MasterUpload.Status.FAILED):
        return "nothing to do"

    def progress(done: int, total: int | None) -> None:
        progress_set(context, done=done, total=total or done)

    upload = microdata_upload_convert(upload, progress=progress)
    return f"{upload.status}: {upload.message}"[:4000]
