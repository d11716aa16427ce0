"""Background tasks of the e-pustaka (issue #22, pst/tasks.py says how tasks run): the bulk
import of catalogue records, with its progress kept for the librarian's status page.

A thin wrapper: the rules stay in ``library.importer``, exactly as ``manage.py
import_publications`` uses them. A retry is safe: the importer matches each row to the page it
already made (Katalog + Nomor Publikasi, else title + release date) and reports it unchanged.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django_tasks import TaskContext, task

from pst.tasks import progress_set

from . import importer
from .models import LibraryIndexPage

#: How many rejected rows the result keeps to show (the rest are counted).
REJECTED_SHOWN = 100


@task(takes_context=True)
def import_publications(
    context: TaskContext, path: str, *, user_id: int | None = None, region: str = "0000"
) -> dict:
    """Import the records of ``path`` (CSV, JSON or JSON Lines in the private store) and return
    the report's counts and rejected rows; progress is recorded after every row."""
    library = LibraryIndexPage.objects.first()
    if library is None:
        raise importer.ImportFileError("There is no library index page yet.")
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    source = Path(path)
    rows = importer.read_rows(source)
    total = len(rows)
    progress_set(context, done=0, total=total)

    def counted(rows):
        for done, row in enumerate(rows, start=1):
            yield row
            progress_set(context, done=done, total=total)

    run = importer.PublicationImporter(
        library=library, pdf_dir=source.parent, user=user, default_region=region
    )
    report = run.run(rows, progress=counted)
    rejected = report.rejected
    return {
        "total": total,
        "created": report.count(importer.CREATED),
        "updated": report.count(importer.UPDATED),
        "unchanged": report.count(importer.UNCHANGED),
        "rejected": len(rejected),
        "without_softcopy": report.without_softcopy,
        "rejected_rows": [
            {"line": o.line, "title": o.title, "reason": str(o.reason)}
            for o in rejected[:REJECTED_SHOWN]
        ],
    }
