"""Reads of the catalogue: a buyer's microdata selection resolved against the codebook, and the
private master of a WKS map."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max
from django.utils.translation import gettext as _

from catalogue.masters import dataset_layout, last_withdrawal, master_version_for_line
from catalogue.microdata import cut_microdata, parse_master_line, subset_size_bytes
from catalogue.models import MasterVersion, MicrodataDataset
from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI
from library.models import Region
from pst.formats import format_number
from shop.pricing.tariffs import InvalidRequest

MAX_SELECTION_ITEMS = 5_000
"""More names than any codebook holds: a longer list is abuse, refused before any lookup."""


@dataclass(frozen=True)
class MicrodataSelection:
    """A checked selection: what the quote prices and the delivery cuts (same numbers).

    ``variables`` are (name, width) in codebook order; ``regions`` the selected codes, or None
    for every covered region (the full set).
    """

    variables: tuple[tuple[str, int], ...]
    regions: tuple[str, ...] | None
    record_count: int
    full_set: bool

    @property
    def size_bytes(self) -> int:
        return subset_size_bytes(self.record_count, [width for _, width in self.variables])


def microdata_selection(
    *,
    dataset: MicrodataDataset,
    variables: Iterable[str] | None,
    regions: Iterable[str] | None,
) -> MicrodataSelection:
    """Resolve names and codes against the codebook; unknown ones are refused (issue #6).

    ``None`` means "all" (the full set); an explicitly empty list is an empty selection and is
    refused, as the tariff refuses to price 0 bytes. Errors are Indonesian, fit for the buyer.
    """
    return _select(
        codebook=_codebook(dataset),
        covered=_covered(dataset),
        variables=variables,
        regions=regions,
    )


def _select(
    *,
    codebook: list[tuple[str, int]],
    covered: dict[str, int],
    variables: Iterable[str] | None,
    regions: Iterable[str] | None,
) -> MicrodataSelection:
    if variables is None:
        chosen_variables = codebook
    else:
        wanted = _unique(variables, field="variables")
        known = {name for name, _ in codebook}
        unknown = [name for name in wanted if name not in known]
        if unknown:
            raise InvalidRequest(
                "Variabel tidak ada dalam codebook dataset ini: " + ", ".join(unknown[:10]),
                field="variables",
            )
        if not wanted:
            raise InvalidRequest("Pilih paling sedikit satu variabel.", field="variables")
        chosen_variables = [(name, width) for name, width in codebook if name in set(wanted)]
    if regions is None:
        chosen_regions = None
        record_count = sum(covered.values())
    else:
        wanted_regions = _unique(regions, field="regions")
        unknown = [code for code in wanted_regions if code not in covered]
        if unknown:
            raise InvalidRequest(
                "Wilayah tidak dicakup dataset ini: " + ", ".join(unknown[:10]), field="regions"
            )
        if not wanted_regions:
            raise InvalidRequest("Pilih paling sedikit satu wilayah.", field="regions")
        chosen_regions = tuple(sorted(wanted_regions))
        record_count = sum(covered[code] for code in chosen_regions)
    full = len(chosen_variables) == len(codebook) and (
        chosen_regions is None or len(chosen_regions) == len(covered)
    )
    return MicrodataSelection(
        variables=tuple(chosen_variables),
        regions=chosen_regions,
        record_count=record_count,
        full_set=full,
    )


def _prefetched(instance, name: str):
    """The objects ``prefetch_related`` loaded for ``instance.<name>``, or None."""
    return getattr(instance, "_prefetched_objects_cache", {}).get(name)


def _codebook(dataset: MicrodataDataset) -> list[tuple[str, int]]:
    variables = _prefetched(dataset, "variables")
    if variables is not None:
        return [(v.name, v.width) for v in sorted(variables, key=lambda v: v.position)]
    return list(dataset.variables.order_by("position").values_list("name", "width"))


def _covered(dataset: MicrodataDataset) -> dict[str, int]:
    regions = _prefetched(dataset, "regions")
    if regions is not None:
        return {r.code: r.record_count for r in regions}
    return dict(dataset.regions.values_list("code", "record_count"))


def product_dataset(product) -> MicrodataDataset | None:
    """The codebook of a Data Mikro product: the one :func:`products_prepare_for_listing`
    loaded, else read now (so that a product changed since it was loaded is read afresh)."""
    if hasattr(product, "_listing_dataset"):
        return product._listing_dataset
    return MicrodataDataset.objects.filter(product=product).first()


def products_prepare_for_listing(products) -> list:
    """Load at once what pricing and :func:`deliverability` read of each listed product (its
    codebook's variables and regions, when its last master was withdrawn), so that a listing's
    queries do not grow with the products it shows (issue #23). Returns the products as a
    list; the rest they read is the listing queryset's (``catalogue.views.CatalogueView``)."""
    products = list(products)
    withdrawn = dict(
        MasterVersion.objects.filter(
            product__in=[p.pk for p in products], withdrawn_at__isnull=False
        )
        .values("product")
        .annotate(at=Max("withdrawn_at"))
        .values_list("product", "at")
    )
    datasets = {
        dataset.product_id: dataset
        for dataset in MicrodataDataset.objects.filter(
            product__in=[p.pk for p in products]
        ).prefetch_related("variables", "regions")
    }
    for product in products:
        product._listing_dataset = datasets.get(product.pk)
        product._listing_last_withdrawal = withdrawn.get(product.pk)
    return products


def _unique(values: Iterable[str], *, field: str) -> list[str]:
    result: dict[str, None] = {}
    for value in values:
        if not isinstance(value, str):
            raise InvalidRequest("Pilihan tidak sah.", field=field)
        result[value.strip()] = None
        if len(result) > MAX_SELECTION_ITEMS:
            raise InvalidRequest("Pilihan terlalu banyak.", field=field)
    result.pop("", None)
    return list(result)


def _cut(
    master, layout: list[tuple[str, int]], selection: MicrodataSelection, region_field: str
) -> Iterator[bytes]:
    with master.open("rb") as handle:
        rows = (parse_master_line(line, layout) for line in handle)
        yield from cut_microdata(
            rows,
            variables=selection.variables,
            regions=selection.regions,
            region_field=region_field,
        )


@dataclass(frozen=True)
class CodebookVariable:
    """One codebook row as a master version stored it (``MasterVersion.layout``)."""

    block: str
    name: str
    label: str
    type: str
    width: int
    categories: list


@dataclass(frozen=True)
class LineMaster:
    """The microdata master an order line is delivered from: the version it was priced on
    (``catalogue.masters.master_version_for_line``), cut by the codebook that version was
    stored with, so a master replaced after the quote still gives the quoted bytes (issue
    #20). A version from before versions kept their codebook is cut by the dataset's."""

    dataset: MicrodataDataset
    file: object  # a FieldFile in the private store
    variables: tuple[CodebookVariable, ...]
    regions: dict[str, int]

    def selection(
        self, *, variables: Iterable[str] | None, regions: Iterable[str] | None
    ) -> MicrodataSelection:
        return _select(
            codebook=[(v.name, v.width) for v in self.variables],
            covered=self.regions,
            variables=variables,
            regions=regions,
        )

    def chunks(self, selection: MicrodataSelection) -> Iterator[bytes]:
        layout = [(v.name, v.width) for v in self.variables]
        yield from _cut(self.file, layout, selection, self.dataset.region_variable)


def _master(dataset: MicrodataDataset, file, layout: dict) -> LineMaster:
    variables = tuple(CodebookVariable(**row) for row in layout["variables"])
    regions = {code: int(count) for code, count in layout["regions"].items()}
    return LineMaster(dataset, file, variables, regions)


def dataset_master(dataset: MicrodataDataset) -> LineMaster | None:
    """The dataset's current master, cut by today's codebook (what a new quote prices), or
    None while it has none."""
    if not dataset.master:
        return None
    return _master(dataset, dataset.master, dataset_layout(dataset))


def line_microdata_master(line) -> LineMaster | None:
    """The master ``line`` is delivered from, or None while there is none (not microdata, or
    its master withdrawn with no version kept for the line)."""
    if line.product_id is None:
        return None
    dataset = MicrodataDataset.objects.filter(product_id=line.product_id).first()
    if dataset is None:
        return None
    version = master_version_for_line(line)
    if version is not None and version.file:
        return _master(dataset, version.file, version.layout or dataset_layout(dataset))
    return dataset_master(dataset)


def wks_map_master(product) -> bytes | None:
    """The full map a Peta WKS buyer receives (PNG, JPEG or PDF, checked at attach by
    ``catalogue.services.wks_map_master_attach``), or None while no master is attached.

    Read whole: delivery stamps it in memory for each download (``shop.billing.services``).
    """
    if not product.wks_master:
        return None
    with product.wks_master.open("rb") as handle:
        return handle.read()


def line_map_master(line) -> bytes | None:
    """The map ``line`` is delivered from: the version it was priced on while its file is
    kept, else the current master (``wks_map_master``); None while there is none."""
    version = master_version_for_line(line)
    if version is not None and version.file and version.kind == version.Kind.MAP:
        with version.file.open("rb") as handle:
            return handle.read()
    return wks_map_master(line.product) if line.product is not None else None


# --- a basket or order line's options, as a person reads them -----------------------------------

#: How many variable labels a line lists before "and N more" (a full codebook has hundreds).
SHOWN_VARIABLES = 12


@dataclass(frozen=True)
class OptionRow:
    label: str
    value: str


def readable_line_options(line) -> list[OptionRow]:
    """The options of a basket or order line with names, not codes (issue #17): the basket,
    order and officer pages showed ``Wilayah = '3200,7300', Variabel = 'region_code,R101,…'``.

    Variables by their codebook label, regions by the dataset's (else the region master's) name,
    the processing flag and purpose in words; a code nobody names stays as it is.
    """
    attributes = [a for a in line.attributes.all() if a.value not in (None, "")]
    options = {_option_code(a): str(a.value) for a in attributes}
    if not options:
        return []
    dataset = MicrodataDataset.objects.filter(product_id=line.product_id).first()
    rows: list[OptionRow] = []
    if options.get("variables"):
        names = [n for n in options["variables"].split(",") if n]
        labels = (
            dict(dataset.variables.filter(name__in=names).values_list("name", "label"))
            if dataset
            else {}
        )
        shown = [labels.get(n) or n for n in names[:SHOWN_VARIABLES]]
        text = ", ".join(shown)
        if len(names) > SHOWN_VARIABLES:
            text += " " + _("and %(count)s more") % {"count": len(names) - SHOWN_VARIABLES}
        rows.append(OptionRow(_("Variables"), text))
    if options.get("regions"):
        codes = [c for c in options["regions"].split(",") if c]
        names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
        if dataset:
            names.update(dataset.regions.filter(code__in=codes).values_list("code", "name"))
        rows.append(OptionRow(_("Regions"), ", ".join(names.get(c) or c for c in codes)))
    if options.get("with_processing") in ("1", "true", "True", "ya", "on"):
        rows.append(OptionRow(_("With processing (tabulation)"), _("yes")))
    if options.get("tables"):
        rows.append(OptionRow(_("Number of tables"), format_number(options["tables"])))
    purpose = options.get("purpose")
    if purpose:
        words = {"komersial": _("Commercial"), "nonkomersial": _("Non-commercial")}
        rows.append(OptionRow(_("Purpose of use"), words.get(purpose, purpose)))
    known = {"variables", "regions", "with_processing", "tables", "purpose"}
    for attribute in attributes:
        if _option_code(attribute) not in known:
            name = attribute.option.name if attribute.option else attribute.type
            rows.append(OptionRow(name, str(attribute.value)))
    return rows


def _option_code(attribute) -> str:
    """A basket line attribute has its option; an order line's keeps the code in ``type`` too
    (its option may have been deleted since)."""
    return attribute.option.code if attribute.option else attribute.type


# --- nothing is sold that cannot be delivered (issue #20) ---------------------------------------


@dataclass(frozen=True)
class Deliverability:
    """Whether a product's file can be handed over today, and if not why and since when.

    ``since`` is when the product last became undeliverable: the withdrawal of its last master,
    else the day it was listed (a product that never had one). None while deliverable.
    """

    deliverable: bool
    reason: str = ""
    since: datetime | None = None


DELIVERABLE = Deliverability(True)


def deliverability(product) -> Deliverability:
    """What delivery (``shop.billing.services._*_item``) needs of each product class, read here
    once so that the shop refuses to sell what delivery would refuse to hand over (issue #20):

    - Publikasi: its library page with a prepared watermark master (``master_dir``);
    - Data Mikro: its codebook (variables and covered regions) and its master file;
    - Peta WKS: its map master (``Product.wks_master``).

    Any other product class is not a PNBP product and is left to Oscar.
    """
    slug = getattr(product.get_product_class(), "slug", "")
    if slug == PUBLIKASI:
        page = product.publication_page
        if page is None:
            return _undeliverable(product, _("the publication has no e-library page"))
        if not page.master_dir:
            return _undeliverable(product, _("the publication's PDF has not been prepared"))
        return DELIVERABLE
    if slug == DATA_MIKRO:
        dataset = product_dataset(product)
        if dataset is None or not dataset.variables.exists() or not dataset.regions.exists():
            return _undeliverable(product, _("the microdata has no codebook"))
        if not _stored(dataset.master):
            return _undeliverable(product, _("the microdata master file has not been uploaded"))
        return DELIVERABLE
    if slug == PETA_WKS:
        if not _stored(product.wks_master):
            return _undeliverable(product, _("the map master file has not been uploaded"))
        return DELIVERABLE
    return DELIVERABLE


def _stored(field) -> bool:
    """The field names a file and the private store still has it (a master lost on disk would
    fail at delivery, after the payment)."""
    return bool(field) and field.storage.exists(field.name)


def _undeliverable(product, reason: str) -> Deliverability:
    return Deliverability(False, reason, _undeliverable_since(product))


def _undeliverable_since(product) -> datetime | None:
    if hasattr(product, "_listing_last_withdrawal"):
        return product._listing_last_withdrawal or product.date_created
    return last_withdrawal(product) or product.date_created


def not_deliverable_message(state: Deliverability) -> str:
    """What the buyer reads when a product cannot be bought yet."""
    return _("This product is not available yet: %(reason)s.") % {"reason": state.reason}


def sale_requires_delivery() -> bool:
    """``PST_SELL_ONLY_DELIVERABLE`` (on unless a deployment turns it off): the shop refuses a
    product :func:`deliverability` says cannot be delivered. On in the tests too: the test
    factories' products carry their masters (``deliverable=False`` makes one without)."""
    return bool(getattr(settings, "PST_SELL_ONLY_DELIVERABLE", True))


def sale_blocker(product) -> Deliverability | None:
    """Why ``product`` may not be sold now, or None: the one question the basket, the product
    page, the dashboard and the invoice guard ask."""
    if not sale_requires_delivery():
        return None
    state = deliverability(product)
    return None if state.deliverable else state


@dataclass(frozen=True)
class UndeliverableLine:
    line_id: int
    title: str
    reason: str
    since: datetime | None


def undeliverable_lines(order) -> list[UndeliverableLine]:
    """The lines of ``order`` whose product cannot be delivered now (a removed product too):
    an invoice for them would take PNBP money for something the office cannot hand over."""
    if not sale_requires_delivery():
        return []
    result = []
    kept = order.kept_lines  # the officer dropped the others
    for line in kept.select_related("product__product_class", "product__parent"):
        if line.product is None:
            result.append(
                UndeliverableLine(line.pk, line.title, _("the product was removed"), None)
            )
            continue
        state = deliverability(line.product)
        if not state.deliverable:
            result.append(UndeliverableLine(line.pk, line.title, state.reason, state.since))
    return result


CODEBOOK_HEADER = ("posisi", "blok", "nama", "label", "tipe", "lebar_byte", "kategori")


def codebook_table(dataset: MicrodataDataset, variables: Iterable[str]) -> list[tuple]:
    """The codebook of the chosen ``variables`` as the rows of ``codebook.csv`` (header first),
    in codebook order and numbered as the delivered columns are: what travels with a sample
    (issue #20) so that the buyer can read it."""
    chosen = set(variables)
    rows: list[tuple] = [CODEBOOK_HEADER]
    for variable in dataset.variables.order_by("position"):
        if variable.name in chosen:
            categories = "; ".join(f"{code}={label}" for code, label in variable.categories)
            rows.append(
                (len(rows), variable.block, variable.name, variable.label, variable.type,
                 variable.width, categories)
            )  # fmt: skip
    return rows
