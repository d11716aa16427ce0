"""Changes to the catalogue's own records: codebooks, map previews and masters, a priced basket
selection."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

import watermark
from catalogue.masters import master_version_create, master_withdraw
from catalogue.microdata import MicrodataLayoutError, parse_master_line
from catalogue.models import MasterVersion, MicrodataDataset, MicrodataRegion, MicrodataVariable
from catalogue.product_classes import PETA_WKS
from catalogue.selectors import not_deliverable_message, sale_blocker
from pst.uploads import UploadRejected, validate_upload
from shop.pricing import quotes, tariffs

PREVIEW_MARK = "PRATINJAU - BUKAN UNTUK DIGUNAKAN"

#: Largest WKS map master accepted (a deployment may set ``PST_WKS_MAP_MAX_BYTES``): the master
#: is read whole and stamped in memory at each download (``watermark.stamp_image``).
DEFAULT_WKS_MAP_MAX_BYTES = 50 * 1024 * 1024
#: A WKS map PDF is one sheet or a small atlas of sheets.
WKS_MAP_MAX_PAGES = 200


@transaction.atomic
def microdata_codebook_set(
    *,
    product,
    survey: str,
    year: int,
    reference_period: str,
    region_level: str,
    record_unit: str,
    variables: Iterable,
    regions: Iterable[tuple[str, str, int]],
    region_variable: str = "region_code",
) -> MicrodataDataset:
    """Create or replace a Data Mikro product's codebook (variables in order, covered regions).

    ``variables`` are objects with ``block``, ``name``, ``label``, ``type``, ``width`` and
    optionally ``categories`` ((code, label) pairs), e.g. the demo's ``CodebookVariable``;
    ``regions`` are (code, name, record count).

    Replacing is safe for quotes already given: an order keeps its quote snapshot
    (``Quote.to_dict``), never a reference to codebook rows.
    """
    dataset, _ = MicrodataDataset.objects.update_or_create(
        product=product,
        defaults={
            "survey": survey,
            "year": year,
            "reference_period": reference_period,
            "region_level": region_level,
            "record_unit": record_unit,
            "region_variable": region_variable,
        },
    )
    before = _codebook_signature(dataset)
    dataset.variables.all().delete()
    dataset.regions.all().delete()
    MicrodataVariable.objects.bulk_create(
        MicrodataVariable(
            dataset=dataset,
            position=position,
            block=spec.block,
            name=spec.name,
            label=spec.label,
            type=spec.type,
            width=spec.width,
            categories=[list(c) for c in getattr(spec, "categories", ())],
        )
        for position, spec in enumerate(variables, start=1)
    )
    MicrodataRegion.objects.bulk_create(
        MicrodataRegion(dataset=dataset, code=code, name=name, record_count=count)
        for code, name, count in regions
    )
    if not dataset.variables.filter(name=region_variable).exists():
        raise ValueError(f"the codebook has no region variable {region_variable!r}")
    if dataset.master and _codebook_signature(dataset) != before:
        # The master was checked against the old codebook; it must be attached again.
        master_withdraw(product=product, reason="codebook diganti")
        dataset.refresh_from_db()
    return dataset


def _codebook_signature(dataset: MicrodataDataset) -> tuple:
    return (
        tuple(dataset.variables.order_by("position").values_list("name", "width")),
        tuple(dataset.regions.order_by("code").values_list("code", "record_count")),
        dataset.region_variable,
    )


def wks_preview_attach(*, product, png: bytes, filename: str):
    """Store the public preview of a WKS map, stamped so it cannot stand in for the map.

    The preview is public (the product page shows it), so it carries the tiled mark of
    ``watermark.stamp_image`` with a preview identity rather than a buyer's (issue #6).
    Idempotent: a product that already has a preview keeps it.
    """
    ProductImage = get_model("catalogue", "ProductImage")
    existing = product.images.first()
    if existing is not None:
        return existing
    identity = watermark.Identity(
        name=PREVIEW_MARK,
        email="",
        download_id=f"PRATINJAU-{product.pk}",
        site_name=settings.PST_SITE_NAME,
    )
    stamped = watermark.stamp_image(png, identity)
    image = ProductImage(product=product, caption=product.get_title(), display_order=0)
    image.original.save(filename, ContentFile(stamped), save=False)
    image.save()
    return image


class WksMapMasterRejected(ValueError):
    """A WKS map master that is not accepted; ``message`` is shown to the officer as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def wks_map_max_bytes() -> int:
    return int(getattr(settings, "PST_WKS_MAP_MAX_BYTES", DEFAULT_WKS_MAP_MAX_BYTES))


@transaction.atomic
def wks_map_master_attach(*, product, content: bytes, filename: str, by=None):
    """Store the full map of a Peta WKS product, the file its buyers receive (issue #8, step 9).

    Checked by content, not by name (STYLE.md, uploads): a real PNG or JPEG (Pillow decodes it)
    or PDF (pypdf reads it, no password, at most ``WKS_MAP_MAX_PAGES`` pages) within
    ``PST_WKS_MAP_MAX_BYTES``; a PDF must also be one ``watermark.prepare`` can stamp, since
    delivery stamps every copy with the buyer. Stored in ``storages["private"]`` (never public;
    the product page shows only the "PRATINJAU" preview). Replaces an earlier master. Refused
    with ``WksMapMasterRejected`` (nothing stored).
    """
    product_class = product.get_product_class()
    if getattr(product_class, "slug", "") != PETA_WKS:
        raise WksMapMasterRejected(_("Only a WKS map product has a map master file."))
    try:
        upload = validate_upload(
            content=content,
            original_name=filename,
            max_bytes=wks_map_max_bytes(),
            max_pages=WKS_MAP_MAX_PAGES,
        )
    except UploadRejected as rejected:
        raise WksMapMasterRejected(
            _("The map master file was refused: %(reason)s") % {"reason": rejected.message}
        ) from None
    if upload.extension == "pdf":
        with tempfile.TemporaryDirectory() as scratch:
            try:
                watermark.prepare(upload.content, scratch)
            except watermark.WatermarkError:
                raise WksMapMasterRejected(
                    _(
                        "The map master file was refused: the PDF cannot be stamped with the "
                        "buyer's name. Save it again as a plain PDF and re-upload."
                    )
                ) from None
    stem = PurePath(filename or "peta").stem[:60] or "peta"
    # upload.content, not content: a PDF with active content comes back without it. The
    # replaced version keeps its file while an order line was priced on it (issue #20).
    master_version_create(
        product=product,
        kind=MasterVersion.Kind.MAP,
        handle=io.BytesIO(upload.content),
        filename=f"{stem}.{upload.extension}",
        source_format=upload.extension,
        original_name=filename,
        by=by,
    )
    return product


def product_options_ensure() -> dict[str, object]:
    """The Oscar options a basket line of a PNBP product may carry (``quotes.OPTION_CODES``).

    Not attached to any product class: only the catalogue's own selection view sets them, after
    the server has priced the selection.
    """
    Option = get_model("catalogue", "Option")
    names = {
        quotes.OPTION_VARIABLES: "Variabel",
        quotes.OPTION_REGIONS: "Wilayah",
        quotes.OPTION_WITH_PROCESSING: "Dengan pengolahan",
        quotes.OPTION_TABLES: "Jumlah tabel",
        quotes.OPTION_PURPOSE: "Tujuan penggunaan",
    }
    result = {}
    for code, name in names.items():
        option, _ = Option.objects.get_or_create(
            code=code, defaults={"name": name, "type": Option.TEXT, "required": False}
        )
        result[code] = option
    return result


def basket_add_selection(*, basket, product, options: Mapping[str, str], user):
    """Add a priced selection to the basket; raises ``tariffs.InvalidRequest`` if unpriceable.

    The server prices the selection before it enters the basket (a posted price is never read)
    and stores that price as the line's audit price, so Oscar does not warn of a change. A
    product that cannot be delivered is refused before it is priced (issue #20).
    """
    blocked = sale_blocker(product)
    if blocked is not None:
        raise tariffs.InvalidRequest(not_deliverable_message(blocked), field="product")
    quote = quotes.quote_for_product(product=product, options=options, user=user)
    clean = {code: value for code, value in options.items() if value not in (None, "")}
    by_code = product_options_ensure()
    line, created = basket.add_product(
        product,
        1,
        [{"option": by_code[code], "value": value} for code, value in sorted(clean.items())],
    )
    if not created:  # the same selection again: a softcopy is bought once
        line.quantity = 1
    line.price_excl_tax = line.price_incl_tax = quote.total
    line.save()
    return line, quote


@transaction.atomic
def microdata_master_attach(
    *, dataset: MicrodataDataset, chunks: Iterable[bytes], filename: str, by=None
):
    """Store the master file of a dataset after checking it against its codebook.

    Every line must have the codebook's layout, and the records per region must equal the
    codebook's counts: the quote is computed from those counts, so a master that disagrees
    would deliver a file of another size than the buyer paid for (issue #6). Refused with
    ``MicrodataLayoutError`` (nothing stored).
    """
    layout = list(dataset.variables.order_by("position").values_list("name", "width"))
    expected = dict(dataset.regions.values_list("code", "record_count"))
    counted: dict[str, int] = {}
    # Large masters spill to disk rather than memory.
    with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024) as spool:
        for line in _lines(chunks):
            row = parse_master_line(line, layout)
            code = row[dataset.region_variable].strip()
            counted[code] = counted.get(code, 0) + 1
            spool.write(line)
        if counted != expected:
            differing = sorted(
                code
                for code in set(counted) | set(expected)
                if counted.get(code) != expected.get(code)
            )
            raise MicrodataLayoutError(
                "Jumlah record per wilayah pada berkas induk tidak sama dengan codebook: "
                + ", ".join(differing[:10])
            )
        master_version_create(
            product=dataset.product,
            kind=MasterVersion.Kind.MICRODATA,
            handle=spool,
            filename=filename,
            source_format="tetap",
            record_count=sum(counted.values()),
            by=by,
        )
    dataset.refresh_from_db()
    return dataset


def _lines(chunks: Iterable[bytes]) -> Iterable[bytes]:
    pending = b""
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line + b"\n"
    if pending:
        raise MicrodataLayoutError("Baris terakhir berkas induk tidak diakhiri baris baru.")
