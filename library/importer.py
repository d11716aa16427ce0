"""Bulk import of catalogue records (issue #4, ``manage.py import_publications``): the writing
half. Reading and normalising, pure, are ``library.import_reading`` (issue #19); its names are
re-exported here for the command and the tests.

`PublicationImporter` finds the page each record updates (Katalog + Nomor Publikasi where both
are present, otherwise title + release date), attaches the PDF through
``library.ingest.publication_attach_pdf`` (the watermark master is prepared exactly as at
upload) and publishes a revision. Each row is its own transaction.

A real record is never lost for a fixable flaw (issue #21): a record whose reading found flaws,
whose region is unknown or that has no release date is imported all the same, with its raw
values (``import_raw``) and its reasons, and put on the "Perlu diperiksa" list of the admin
(``needs_review``). The columns are documented in docs/library-import.md.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

import watermark
from pst.clock import office_today
from pst.exports import csv_writer
from pst.storage import private_storage

from . import ingest
from .import_reading import (  # noqa: F401  (re-exported: the command and tests use them)
    FIELD_ALIASES,
    FORMATS,
    IGNORED_COLUMNS,
    RELEASE_TIME,
    ImportFileError,
    PublicationRecord,
    RowRejected,
    SourceRow,
    canonical_column,
    file_format,
    inferred_release_date,
    map_columns,
    normalise_row,
    parse_date,
    read_rows,
    title_key,
)
from .models import PublicationPage, Region, RegionLevel, Subject

# --- Writing ------------------------------------------------------------------------------------

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


@dataclass
class RowOutcome:
    line: int
    status: str
    title: str = ""
    page_id: int | None = None
    reason: str = ""
    has_softcopy: bool = False
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # why it is on "Perlu diperiksa"


@dataclass
class ImportReport:
    outcomes: list[RowOutcome] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def rejected(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == REJECTED]

    @property
    def to_check(self) -> list[RowOutcome]:
        """Imported records that are on the "Perlu diperiksa" list, with their reasons."""
        return [o for o in self.outcomes if o.status != REJECTED and o.warnings]

    @property
    def without_softcopy(self) -> int:
        return sum(1 for o in self.outcomes if o.status != REJECTED and not o.has_softcopy)

    def write_csv(self, stream) -> None:
        writer = csv_writer(stream)
        writer.writerow(
            ["line", "status", "title", "page_id", "softcopy", "reason", "notes", "to_check"]
        )
        for o in self.outcomes:
            writer.writerow(
                [o.line, o.status, o.title, o.page_id or "", "ya" if o.has_softcopy else "tidak",
                 o.reason, " | ".join(o.notes), " | ".join(o.warnings)]
            )  # fmt: skip


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class PublicationImporter:
    """Writes normalised records into the library (the database half of the import).

    One instance per run: it loads the keys of every existing publication once, so each row
    costs a dictionary look-up rather than a query, and remembers the keys it has seen so a
    record repeated in the same file is reported instead of imported twice.
    """

    def __init__(
        self,
        *,
        library,
        pdf_dir: Path | None,
        dry_run: bool = False,
        user=None,
        default_region: str = "0000",
        today: date | None = None,
    ) -> None:

        self.library = library
        self.pdf_dir = pdf_dir
        self.dry_run = dry_run
        self.user = user
        self.today = today or office_today()
        self.default_region = default_region
        self.regions_by_code = {r.code: r for r in Region.objects.all()}
        self.regions_by_name = {r.name.casefold(): r for r in self.regions_by_code.values()}
        self.regions_by_alias: dict[str, object] = {}
        for region in self.regions_by_code.values():
            for alias in region.alias_list:
                self.regions_by_alias.setdefault(alias, region)
                self.regions_by_name.setdefault(alias.casefold(), region)
        self.subjects = {s.name.casefold(): s for s in Subject.objects.all()}
        self.by_katalog: dict[tuple, int] = {}
        self.by_title: dict[tuple, list[int]] = {}
        for pk, katalog, nomor, title, released in PublicationPage.objects.values_list(
            "pk", "katalog", "nomor_publikasi", "title", "release_date"
        ):
            self._remember(pk, katalog, nomor, title, released)
        self.slugs = set(library.get_children().values_list("slug", flat=True))
        self.seen: dict[tuple, int] = {}

    def _remember(self, pk, katalog, nomor, title, released) -> None:
        if katalog and nomor:
            self.by_katalog[("katalog", katalog, nomor)] = pk
        self.by_title.setdefault(("title", title_key(title), released), []).append(pk)
        self.by_title.setdefault(("title", title_key(title), None), []).append(pk)

    # -- the run --

    def run(
        self, rows: Iterable[SourceRow], *, progress: Callable[[Iterable], Iterable] | None = None
    ) -> ImportReport:
        report = ImportReport(dry_run=self.dry_run)
        unknown: dict[str, None] = {}
        rows = list(rows)
        # Each page is saved three times on its way to published (add_child, revision,
        # publish); the reference index is brought up to date once per page instead
        # (Wagtail's own switch for bulk changes).
        with disable_reference_index_auto_update():
            for row in progress(rows) if progress else rows:
                if row.error is None:
                    for column in map_columns(row.data)[1]:
                        unknown.setdefault(column)
                outcome = self.import_row(row)
                report.outcomes.append(outcome)
                if not self.dry_run and outcome.status in (CREATED, UPDATED):
                    self._update_reference_index(outcome.page_id)
        report.unknown_columns = list(unknown)
        return report

    @staticmethod
    def _update_reference_index(page_id: int) -> None:

        ReferenceIndex.create_or_update_for_object(PublicationPage.objects.get(pk=page_id))

    def import_row(self, row: SourceRow) -> RowOutcome:
        """One row in its own transaction; a refusal of any kind becomes a reported reason."""

        title = str(map_columns(row.data)[0].get("title") or "")[:120]
        outcome = RowOutcome(line=row.line, status=REJECTED, title=title)
        try:
            if row.error:
                raise RowRejected(row.error)
            record = normalise_row(row.data)
            outcome.title = record.title
            self._write(record, outcome, row.line)
        except RowRejected as refusal:
            outcome.status, outcome.reason = REJECTED, refusal.reason
        except ValidationError as error:
            outcome.status, outcome.reason = REJECTED, "; ".join(error.messages)
        return outcome

    # -- one record --

    def _existing_page_id(self, record: PublicationRecord) -> int | None:
        key = record.key
        if key[0] == "katalog":
            found = self.by_katalog.get(key)
            if found is not None:
                return found
            # A page created from an earlier export without the numbers is found by its title.
            key = ("title", title_key(record.title), record.effective_release_date)
        candidates = self.by_title.get(key, [])
        if len(set(candidates)) > 1:
            raise RowRejected(
                _("%(count)s publications already have this title%(date)s; add Katalog and "
                  "Nomor Publikasi to say which one.")
                % {"count": len(set(candidates)),
                   "date": "" if key[2] is None else f" ({key[2]:%d-%m-%Y})"}
            )  # fmt: skip
        return candidates[0] if candidates else None

    def _resolve_region(self, record: PublicationRecord) -> tuple[object, str | None]:
        """The region of a record, and the reason to check it when it had to be guessed: a code
        or name unknown to the region master (docs/regions.md) falls back to the nearest region
        its code names (the kabupaten of a kecamatan, the province of a kabupaten), else the
        default region; the record is imported all the same (issue #21)."""

        if record.region_name:
            region = self.regions_by_name.get(record.region_name.casefold())
            if region is not None:
                return region, None
            reason = _("Unknown region %(name)s: imported under %(fallback)s")
            asked = record.region_name
            candidates = [self.default_region]
        else:
            code = record.region_code or self.default_region
            region = self.regions_by_code.get(code) or self.regions_by_alias.get(code)
            if region is not None:
                return region, None
            reason = _("Unknown region code %(name)s: imported under %(fallback)s")
            asked = code
            candidates = [code[:7], code[:4], code[:2] + "00", self.default_region]
        for candidate in candidates:
            region = self.regions_by_code.get(candidate)
            if region is not None:
                break
        if region is None and not self.dry_run:
            region, _created = Region.objects.get_or_create(
                code="0000", defaults={"name": "Indonesia", "level": RegionLevel.NATIONAL}
            )
            self.regions_by_code["0000"] = region
        fallback = region.name if region is not None else "Indonesia"
        return region, reason % {"name": asked, "fallback": fallback}

    def _pdf_path(
        self, record: PublicationRecord, notes: list[str], reasons: list[str], raw: dict
    ) -> Path | None:
        if not record.pdf:
            return None
        base = self.pdf_dir
        path = (base / record.pdf) if base else Path(record.pdf)
        # A catalogue cell never reaches outside the folder the librarian named.
        inside = not base or path.resolve().is_relative_to(base.resolve())
        if inside and path.is_file():
            return path
        if record.pdf_is_url and inside:
            notes.append(
                _("PDF %(name)s is not in the PDF folder: listed without softcopy")
                % {"name": record.pdf}
            )
            return None
        # Named but not there: the record goes in without softcopy, to be checked.
        reasons.append(
            _("PDF file not found: %(path)s; listed without softcopy")
            % {"path": record.pdf if not inside else path}
        )
        raw["pdf"] = record.pdf
        return None

    def _write(self, record: PublicationRecord, outcome: RowOutcome, line: int) -> None:

        key = record.key
        if key in self.seen:
            raise RowRejected(
                _("Same publication as line %(line)s (same Katalog and Nomor Publikasi, or "
                  "same title and release date).") % {"line": self.seen[key]}
            )  # fmt: skip
        page_id = self._existing_page_id(record)
        region, region_reason = self._resolve_region(record)
        reasons = list(record.warnings)
        raw = dict(record.raw)
        if region_reason:
            reasons.append(region_reason)
            raw["region"] = record.region_code or record.region_name
        pdf_path = self._pdf_path(record, outcome.notes, reasons, raw)
        values = record.page_values()
        if page_id is None:
            base = None
            values["region"] = region
            if record.effective_release_date is None:
                values["release_date"], note = inferred_release_date(record, today=self.today)
                reasons.append(note)
        else:
            # Edits build on the latest revision, as in the admin, so a draft is compared too.
            base = PublicationPage.objects.get(pk=page_id)
            if base.has_unpublished_changes:
                base = base.get_latest_revision_as_object()
            if record.region_code or record.region_name:
                values["region"] = region
        refused = (base.import_raw or {}).get("pdf_refused") if base is not None else None
        if pdf_path is not None and refused and refused.get("sha256") == _sha256(pdf_path):
            # This very file was refused before: not tried again, still to be checked.
            pdf_path = None
            reasons.append(refused["reason"])
            raw["pdf_refused"] = refused
        if raw:
            values["import_raw"] = raw
        if reasons:
            known = base.review_reasons.splitlines() if base is not None else []
            values["needs_review"] = True
            values["review_reasons"] = "\n".join(dict.fromkeys([*known, *reasons]))
        outcome.warnings = reasons
        pdf_changed = pdf_path is not None and (
            base is None or not base.pdf or not self._same_file(base, pdf_path)
        )
        self.seen[key] = line
        outcome.page_id = page_id
        if base is not None and not pdf_changed and not self._changed_fields(base, values, record):
            outcome.status, outcome.has_softcopy = UNCHANGED, bool(base.pdf)
            return
        outcome.status = UPDATED if base else CREATED
        if self.dry_run:
            if pdf_changed:
                try:
                    self._check_pdf(pdf_path)
                except RowRejected as refusal:
                    outcome.warnings.append(refusal.reason)
                    pdf_path = None
            outcome.has_softcopy = pdf_path is not None or bool(base and base.pdf)
            return
        with transaction.atomic():
            page = self._save(base, values, record, pdf_path if pdf_changed else None, outcome)
        outcome.page_id, outcome.has_softcopy = page.pk, bool(page.pdf)
        if base is None:
            self._remember(
                page.pk, page.katalog, page.nomor_publikasi, page.title, page.release_date
            )

    @staticmethod
    def _same_file(page, pdf_path: Path) -> bool:
        try:
            stored = Path(page.pdf.path)
            return stored.stat().st_size == pdf_path.stat().st_size and _sha256(stored) == _sha256(
                pdf_path
            )
        except (OSError, ValueError, NotImplementedError):
            return False

    def _changed_fields(self, page, values: dict, record: PublicationRecord) -> list[str]:
        if page is None:
            return list(values)
        changed = [name for name, value in values.items() if getattr(page, name) != value]
        if record.subjects is not None:
            have = {s.name.casefold() for s in page.subjects.all()}
            if have != {name.casefold() for name in record.subjects}:
                changed.append("subjects")
        return changed

    @staticmethod
    def _check_pdf(pdf_path: Path) -> None:
        """Dry run: prepare the upload in a scratch folder exactly as the import would (size
        limit, password, damage), so a PDF that would be refused is reported now; then throw
        it away: nothing reaches the private store."""

        try:
            prepared = ingest.publication_pdf_prepare(pdf_path=pdf_path, filename=pdf_path.name)
        except watermark.WatermarkError as error:
            raise RowRejected(
                _("PDF %(name)s refused: %(reason)s")
                % {"name": pdf_path.name, "reason": error.message}
            ) from error
        ingest.publication_pdf_discard(prepared=prepared)

    def _slug_for(self, record: PublicationRecord, release: date) -> str:

        base = slugify(record.title)[:180].strip("-") or "publikasi"
        slug = base
        if slug in self.slugs:
            slug = f"{base}-{release.year}"
        number = 2
        while slug in self.slugs:
            slug = f"{base}-{release.year}-{number}"
            number += 1
        self.slugs.add(slug)
        return slug

    def _save(
        self,
        page,
        values: dict,
        record: PublicationRecord,
        pdf_path: Path | None,
        outcome: RowOutcome,
    ):
        """Create or revise the page and publish it like a librarian would: a new record is
        published (scheduled when its release date is still ahead, the Advance Release
        Calendar); a live page without pending edits gets its revision published; a draft or a
        page with unpublished edits gets a draft revision, for a librarian to review."""

        is_new = page is None
        if is_new:
            page = PublicationPage(live=False, **values)
            page.slug = self._slug_for(record, page.release_date)
        else:
            for name, value in values.items():
                setattr(page, name, value)
        if pdf_path is not None:
            try:
                ingest.publication_attach_pdf(
                    page=page, pdf_path=pdf_path, filename=f"{record.katalog or page.slug}.pdf"
                )
            except watermark.WatermarkError as error:
                # The record goes in without softcopy; the same file is not tried again.
                reason = _("PDF %(name)s refused: %(reason)s") % {
                    "name": pdf_path.name,
                    "reason": error.message,
                }
                outcome.warnings.append(reason)
                page.needs_review = True
                page.review_reasons = "\n".join(outcome.warnings)
                page.import_raw = {
                    **(page.import_raw or {}),
                    "pdf_refused": {"name": pdf_path.name, "sha256": _sha256(pdf_path),
                                    "reason": reason},
                }  # fmt: skip
        try:
            publish = is_new or (page.live and not page.has_unpublished_changes)
            if is_new and page.release_date > self.today:
                page.go_live_at = timezone.make_aware(
                    datetime.combine(page.release_date, RELEASE_TIME)
                )
            if is_new:
                self.library.add_child(instance=page)
            if record.subjects is not None:
                page.subjects.set([self._subject(name) for name in record.subjects])
            # A new page was validated by add_child's save a moment ago.
            revision = page.save_revision(
                user=self.user,
                log_action="wagtail.create" if is_new else "wagtail.edit",
                clean=not is_new,
            )
            if publish:
                revision.publish(user=self.user)
            else:
                outcome.notes.append(_("saved as a draft revision: the page is not published"))
            page.refresh_from_db()
        except BaseException:
            if pdf_path is not None and page.master_dir:
                shutil.rmtree(private_storage().path(page.master_dir), ignore_errors=True)
                page.pdf.delete(save=False)
            raise
        return page

    def _subject(self, name: str):

        subject = self.subjects.get(name.casefold())
        if subject is None:
            subject, _created = Subject.objects.get_or_create(
                slug=slugify(name)[:100], defaults={"name": name}
            )
            self.subjects[name.casefold()] = subject
        return subject
