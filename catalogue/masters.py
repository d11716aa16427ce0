"""Master versions: the files a product is delivered from, uploaded, replaced and withdrawn by
the Petugas PST (issue #20; the role in docs/permissions.md).

- Every stored master is a :class:`~catalogue.models.MasterVersion` (file, size, sha256, who,
  when); ``MicrodataDataset.master`` / ``Product.wks_master`` name the current one's file, the
  field delivery reads.
- An order line records the version it was priced on (``quote_snapshot["master_version"]``,
  set by ``shop.order.utils.OrderCreator`` through :func:`current_master_version`), so a
  replacement never changes what an open order gets: the replaced file stays while a line
  points at it (:func:`master_version_for_line`), and is removed once none does.
- A microdata upload (CSV, SPSS, Stata) is converted in a background task
  (``catalogue.tasks.microdata_master_convert``) by :func:`microdata_upload_convert`; the page
  reads its :class:`~catalogue.models.MasterUpload` for the state and the progress.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import tempfile
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files.base import File
from django.db import models, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue import master_import, signals
from catalogue.models import MasterUpload, MasterVersion, MicrodataDataset, MicrodataVariable
from library.models import Region
from pst.storage import private_storage

logger = logging.getLogger(__name__)

#: Largest microdata upload accepted (``PST_MICRODATA_MASTER_MAX_BYTES``): a Susenas Kor
#: province file is about 300 MB as CSV; the stored layout is of the same order.
DEFAULT_MICRODATA_MAX_BYTES = 1024 * 1024 * 1024
#: Most records in one master (``PST_MICRODATA_MASTER_MAX_RECORDS``): a national Susenas Kor
#: holds about 1.2 million individuals.
DEFAULT_MICRODATA_MAX_RECORDS = 5_000_000
#: A codebook file is small text: name, label, type, width (and block) per variable.
CODEBOOK_MAX_BYTES = 2 * 1024 * 1024


def microdata_max_bytes() -> int:
    return int(getattr(settings, "PST_MICRODATA_MASTER_MAX_BYTES", DEFAULT_MICRODATA_MAX_BYTES))


def microdata_max_records() -> int:
    return int(getattr(settings, "PST_MICRODATA_MASTER_MAX_RECORDS", DEFAULT_MICRODATA_MAX_RECORDS))


# --- reads ------------------------------------------------------------------------------------


def current_master_version(product) -> MasterVersion | None:
    if product is None:
        return None
    return MasterVersion.objects.filter(product=product, is_current=True).first()


def master_version_for_line(line) -> MasterVersion | None:
    """The version an order line was priced on while it delivers (current, or replaced by a
    newer upload with its file kept), else the current one. A withdrawn version (found
    faulty) delivers nothing: the line waits for a new master, or becomes a refund case."""
    number = (line.quote_snapshot or {}).get("master_version")
    if number:
        version = MasterVersion.objects.filter(pk=number, product_id=line.product_id).first()
        if version is not None and version.file and (version.is_current or version.replaced):
            return version
    return current_master_version(line.product)


def version_in_use(version: MasterVersion) -> bool:
    """Whether an order line (of an order not cancelled or rejected) was priced on it."""
    Line = get_model("order", "Line")
    return (
        Line.objects.filter(quote_snapshot__master_version=version.pk)
        .exclude(order__status__in=("cancelled", "rejected"))
        .exists()
    )


def last_withdrawal(product):
    """When the product's last master was withdrawn (or replaced by nothing), or None."""
    return (
        MasterVersion.objects.filter(product=product, withdrawn_at__isnull=False)
        .aggregate(at=models.Max("withdrawn_at"))
        .get("at")
    )


# --- writes -----------------------------------------------------------------------------------


def codebook_layout(product) -> dict:
    """The dataset's codebook and covered regions as a version stores them (``layout``): a
    replaced master is cut by the codebook it was stored with, not by its successor's, so an
    order priced on it gets the bytes its quote counted (issue #20)."""
    dataset = MicrodataDataset.objects.filter(product=product).first()
    return dataset_layout(dataset) if dataset is not None else {}


def dataset_layout(dataset: MicrodataDataset) -> dict:
    """``{"variables": [{block, name, label, type, width, categories}, ...], "regions":
    {code: records}}`` of the dataset's codebook today."""
    return {
        "variables": [
            {
                "block": v.block,
                "name": v.name,
                "label": v.label,
                "type": v.type,
                "width": v.width,
                "categories": v.categories,
            }
            for v in dataset.variables.order_by("position")
        ],
        "regions": dict(dataset.regions.values_list("code", "record_count")),
    }


def _sha256_and_size(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return digest.hexdigest(), size


def _set_pointer(product, kind: str, name: str) -> None:
    if kind == MasterVersion.Kind.MAP:
        type(product).objects.filter(pk=product.pk).update(wks_master=name)
        product.wks_master.name = name
    else:
        MicrodataDataset.objects.filter(product=product).update(master=name)


def _retire(version: MasterVersion, *, reason: str, now, replaced: bool = False) -> None:
    """No longer current; the file goes unless an order line was priced on it. ``replaced``
    (a newer upload) keeps it delivering those lines; a withdrawal does not."""
    version.is_current = False
    version.replaced = replaced
    version.withdrawn_at = version.withdrawn_at or now
    version.withdrawn_reason = version.withdrawn_reason or reason[:300]
    fields = ["is_current", "replaced", "withdrawn_at", "withdrawn_reason"]
    if version.file and not version_in_use(version):
        version.file.delete(save=False)
        fields.append("file")
    version.save(update_fields=fields)


def _next_number(product) -> int:
    top = MasterVersion.objects.filter(product=product).aggregate(n=models.Max("number"))["n"]
    return (top or 0) + 1


@transaction.atomic
def master_version_create(
    *,
    product,
    kind: str,
    handle,
    filename: str,
    source_format: str,
    record_count: int | None = None,
    original_name: str = "",
    by=None,
) -> MasterVersion:
    """Store ``handle`` (an open binary file) as the product's new current master version.

    The version it replaces is retired (:func:`_retire`): its file stays for the order lines
    priced on it. Called with the content already checked (``catalogue.services`` for the
    stored layout and maps, :func:`microdata_upload_convert` for uploads).
    """
    type(product).objects.select_for_update().filter(pk=product.pk).first()
    now = timezone.now()
    previous = MasterVersion.objects.filter(product=product, is_current=True).first()
    if previous is not None:
        _retire(previous, reason="diganti versi baru", now=now, replaced=True)
    sha256, size = _sha256_and_size(handle)
    number = _next_number(product)
    version = MasterVersion(
        layout=codebook_layout(product) if kind == MasterVersion.Kind.MICRODATA else {},
        product=product,
        kind=kind,
        number=number,
        original_name=(original_name or filename)[:255],
        source_format=source_format,
        size=size,
        sha256=sha256,
        record_count=record_count,
        uploaded_by=by,
        uploaded_at=now,
        is_current=True,
    )
    stem = PurePath(filename).name[:120] or "master"
    version.file.save(stem, File(handle), save=False)
    version.save()
    _set_pointer(product, kind, version.file.name)
    # After the commit, so that a listener reads the stored master (and a rollback tells none).
    transaction.on_commit(
        partial(
            signals.master_published.send_robust,
            sender=MasterVersion,
            product=product,
            version=version,
        )
    )
    return version


@transaction.atomic
def master_withdraw(*, product, by=None, reason: str) -> MasterVersion | None:
    """Take the current master out of sale (found faulty, or its codebook changed): the
    product becomes not sellable from now (``catalogue.selectors.deliverability``) and an open
    order holding it is stopped before its invoice."""
    version = current_master_version(product)
    if version is not None:
        _retire(version, reason=reason, now=timezone.now())
    kind = MasterVersion.Kind.MAP if product.wks_master else MasterVersion.Kind.MICRODATA
    _set_pointer(product, kind, "")
    if version is None:
        # a master stored before versions existed: record its withdrawal all the same
        MasterVersion.objects.create(
            product=product,
            kind=kind,
            number=_next_number(product),
            size=0,
            sha256="",
            uploaded_by=by,
            withdrawn_at=timezone.now(),
            withdrawn_reason=reason[:300],
        )
    logger.info("master of product %s withdrawn by %s: %s", product.pk, by, reason)
    return version


# --- a microdata upload, converted in the background -------------------------------------------


def microdata_upload_start(*, product, upload, codebook=None, by) -> MasterUpload:
    """Keep the uploaded file(s) in the private store and record the upload; the caller
    enqueues the conversion (``catalogue.tasks``). Refuses at once what needs no reading:
    no codebook to check against, an empty or oversized file."""
    dataset = MicrodataDataset.objects.filter(product=product).first()
    if dataset is None:
        raise master_import.MasterImportError("Produk ini bukan data mikro.")
    if codebook is None and not dataset.variables.exists():
        raise master_import.MasterImportError("Unggah codebook bersama berkas induk pertama.")
    if upload.size == 0:
        raise master_import.MasterImportError("Berkas kosong.")
    if upload.size > microdata_max_bytes():
        raise master_import.MasterImportError(
            f"Berkas {upload.size} byte; paling besar {microdata_max_bytes()} byte."
        )
    if codebook is not None and not 0 < codebook.size <= CODEBOOK_MAX_BYTES:
        raise master_import.MasterImportError("Berkas codebook kosong atau terlalu besar.")
    storage = private_storage()
    folder = f"master-uploads/{uuid.uuid4().hex}"
    source = storage.save(f"{folder}/data", upload)
    codebook_path = storage.save(f"{folder}/codebook.csv", codebook) if codebook else ""
    return MasterUpload.objects.create(
        product=product,
        source_path=source,
        codebook_path=codebook_path,
        original_name=PurePath(upload.name or "berkas").name[:255],
        uploaded_by=by,
    )


def _read_codebook(path: Path) -> list[dict]:
    """A codebook CSV: one variable a line, columns name, label, type, width and optionally
    block (header required; ``,`` or ``;``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise master_import.MasterImportError("Codebook harus berkas CSV UTF-8.") from None
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    need = {"name", "label", "type", "width"}
    if not rows or not need <= {k.strip().lower() for k in rows[0] if k}:
        raise master_import.MasterImportError(
            "Codebook harus berisi kolom name, label, type, width (dan boleh block)."
        )
    variables, seen = [], set()
    types = set(MicrodataVariable.Type.values)
    for number, raw in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        name, kind = row["name"], row["type"].lower()
        try:
            width = int(row["width"])
        except ValueError:
            width = 0
        if not name or name.lower() in seen or kind not in types or not 1 <= width <= 4000:
            raise master_import.MasterImportError(
                f"Codebook baris {number} tidak sah (nama kosong atau ganda, tipe bukan "
                f"numeric/categorical/string, atau lebar bukan 1-4000)."
            )
        seen.add(name.lower())
        variables.append(
            {
                "name": name,
                "label": row["label"] or name,
                "type": kind,
                "width": width,
                "block": row.get("block") or "",
            }
        )
    return variables


def microdata_upload_convert(
    upload: MasterUpload, *, progress: Callable[[int, int | None], None] = lambda d, t: None
) -> MasterUpload:
    """Convert and check an upload; on success store it as the new current version, set the
    codebook's covered regions (and variables, with a codebook file) from it. On any refusal
    nothing is stored and the upload records the message. The uploaded files are removed."""
    storage = private_storage()
    dataset = MicrodataDataset.objects.get(product=upload.product)
    MasterUpload.objects.filter(pk=upload.pk).update(status=MasterUpload.Status.RUNNING)
    try:
        if upload.codebook_path:
            variables = _read_codebook(Path(storage.path(upload.codebook_path)))
        else:
            variables = list(
                dataset.variables.order_by("position").values("name", "label", "type", "width")
            )
        names = {v["name"] for v in variables}
        if dataset.region_variable not in names:
            raise master_import.MasterImportError(
                f"Codebook tidak memuat variabel wilayah {dataset.region_variable}."
            )
        columns = [
            master_import.CodebookColumn(v["name"], v["type"], v["width"]) for v in variables
        ]

        def known(codes: set[str]) -> set[str]:
            return set(Region.objects.filter(code__in=codes).values_list("code", flat=True))

        def counted(done: int, total: int | None) -> None:
            MasterUpload.objects.filter(pk=upload.pk).update(done_rows=done, total_rows=total)
            progress(done, total)

        with tempfile.TemporaryFile() as out:
            converted = master_import.convert_master(
                Path(storage.path(upload.source_path)),
                codebook=columns,
                region_variable=dataset.region_variable,
                known_regions=known,
                out=out,
                max_records=microdata_max_records(),
                progress=counted,
            )
            with transaction.atomic():
                _codebook_apply(dataset, variables if upload.codebook_path else None, converted)
                version = master_version_create(
                    product=upload.product,
                    kind=MasterVersion.Kind.MICRODATA,
                    handle=out,
                    filename=f"{PurePath(upload.original_name).stem[:60] or 'induk'}.txt",
                    source_format=converted.source_format,
                    record_count=converted.records,
                    original_name=upload.original_name,
                    by=upload.uploaded_by,
                )
        upload.status, upload.version = MasterUpload.Status.DONE, version
        upload.message = (
            f"{converted.records} record dari berkas "
            f"{master_import.FORMAT_LABELS[converted.source_format]} disimpan sebagai versi "
            f"{version.number} ({version.size} byte)."
        )
        upload.done_rows = upload.total_rows = converted.records
    except master_import.MasterImportError as refused:
        upload.status, upload.message = MasterUpload.Status.FAILED, refused.message
    except Exception:  # never leave the officer with a page stuck on "converting"
        logger.exception("master upload %s failed", upload.pk)
        upload.status = MasterUpload.Status.FAILED
        upload.message = "Berkas tidak dapat diolah karena kesalahan sistem; hubungi admin."
    for name in (upload.source_path, upload.codebook_path):
        if name:
            storage.delete(name)
    upload.source_path = upload.codebook_path = ""
    upload.save()
    return upload


def _codebook_apply(dataset: MicrodataDataset, variables: list[dict] | None, converted) -> None:
    """The covered regions (and, with a codebook file, the variables) of the converted master:
    the quote is computed from them, so it prices what the new master delivers. Quotes and
    orders already given keep their snapshot (``Quote.to_dict``)."""

    if variables is not None:
        dataset.variables.all().delete()
        MicrodataVariable.objects.bulk_create(
            MicrodataVariable(
                dataset=dataset,
                position=position,
                block=v["block"] or "-",
                name=v["name"],
                label=v["label"],
                type=v["type"],
                width=v["width"],
            )
            for position, v in enumerate(variables, start=1)
        )
    names = dict(Region.objects.filter(code__in=list(converted.counts)).values_list("code", "name"))
    dataset.regions.all().delete()
    dataset.regions.bulk_create(
        dataset.regions.model(dataset=dataset, code=code, name=names[code], record_count=count)
        for code, count in sorted(converted.counts.items())
    )
