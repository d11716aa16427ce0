"""``manage.py import_publications FILE.csv|FILE.json|FILE.jsonl [--pdf-dir DIR] [--dry-run]``

Bulk import of catalogue records into the e-pustaka (issue #4). The rules live in
``library.importer``; this command reads the options, shows a progress bar and prints the report:
counts, every rejected row with its line and reason, and the notes (inferred dates, PDFs not
found). Columns: docs/library-import.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from library import importer
from library.models import LibraryIndexPage


class Command(BaseCommand):
    help = "Import publication records from a CSV, JSON or JSON Lines file (issue #4)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="catalogue export: .csv, .json or .jsonl")
        parser.add_argument(
            "--pdf-dir",
            type=Path,
            help="folder holding the PDFs named in the pdf column (default: the file's folder)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check every row (PDFs included) and report, writing nothing",
        )
        parser.add_argument(
            "--user", help="e-mail of the librarian the page revisions are recorded for"
        )
        parser.add_argument(
            "--region",
            default="0000",
            help="BPS domain code for rows without a region (default 0000, national)",
        )
        parser.add_argument("--report", type=Path, help="write every row's outcome to this CSV")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        pdf_dir: Path = options["pdf_dir"] or path.resolve().parent
        if not pdf_dir.is_dir():
            raise CommandError(_("PDF folder not found: %(path)s") % {"path": pdf_dir})
        library = LibraryIndexPage.objects.first()
        if library is None:
            raise CommandError(
                _("There is no library index page yet; run seed_demo or create it in the admin.")
            )
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(_("No user with e-mail %(email)s.") % {"email": options["user"]})
        try:
            rows = importer.read_rows(path)
        except importer.ImportFileError as error:
            raise CommandError(str(error)) from error
        run = importer.PublicationImporter(
            library=library,
            pdf_dir=pdf_dir,
            dry_run=options["dry_run"],
            user=user,
            default_region=options["region"],
        )
        report = run.run(rows, progress=self._progress(options, len(rows)))
        self._print(report)
        if options["report"]:
            with options["report"].open("w", newline="", encoding="utf-8") as stream:
                report.write_csv(stream)
            self.stdout.write(_("Row report written to %(path)s") % {"path": options["report"]})

    def _progress(self, options, total: int):
        if options["no_progress"] or options["verbosity"] == 0:
            return None

        def bar(rows):
            return tqdm(rows, total=total, unit=_("row"), file=sys.stderr, dynamic_ncols=True)

        return bar

    def _print(self, report: importer.ImportReport) -> None:
        if report.dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        if report.unknown_columns:
            self.stdout.write(
                self.style.WARNING(
                    _("Columns not imported: %(columns)s")
                    % {"columns": ", ".join(report.unknown_columns)}
                )
            )
        for outcome in report.outcomes:
            for note in outcome.notes:
                self.stdout.write(
                    _("line %(line)s: %(note)s") % {"line": outcome.line, "note": note}
                )
        to_check = report.to_check
        if to_check:
            self.stdout.write(
                self.style.WARNING(_("Imported, to check (Perlu diperiksa in the admin):"))
            )
            for outcome in to_check:
                self.stdout.write(
                    _("line %(line)s: %(title)s: %(reasons)s")
                    % {
                        "line": outcome.line,
                        "title": outcome.title,
                        "reasons": "; ".join(outcome.warnings),
                    }
                )
        rejected = report.rejected
        if rejected:
            self.stdout.write(self.style.ERROR(_("Rejected rows:")))
            for outcome in rejected:
                self.stdout.write(
                    _("line %(line)s: %(title)s: %(reason)s")
                    % {
                        "line": outcome.line,
                        "title": outcome.title or "-",
                        "reason": outcome.reason,
                    }
                )
        summary = _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s "
            "rejected; %(without)s listed without softcopy; %(to_check)s to check."
        ) % {
            "created": report.count(importer.CREATED),
            "updated": report.count(importer.UPDATED),
            "unchanged": report.count(importer.UNCHANGED),
            "rejected": len(rejected),
            "without": report.without_softcopy,
            "to_check": len(to_check),
        }
        style = self.style.WARNING if rejected else self.style.SUCCESS
        self.stdout.write(style(summary))
