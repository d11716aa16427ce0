"""Oscar's catalogue with the statistical products' own records.

- A Publikasi product points at its library page. The page owns the bibliographic record; the
  product only sells it (STYLE.md, layout).
- A Peta WKS product keeps its full map privately (``Product.wks_master``); the public
  preview is one of its images, stamped "PRATINJAU" (issue #6, delivered by issue #8).
- A Data Mikro product has a codebook (:class:`MicrodataDataset` with its variables and the
  regions it covers): the buyer's selection is priced from it (issue #6) and the delivered file
  is cut by it (``catalogue/microdata.py``), so both agree.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from catalogue.product_classes import DATA_MIKRO, PUBLIKASI
from pst.storage import private_storage


def _wks_master_path(product, filename):
    return f"wks/{product.pk}/{filename}"


class Product(AbstractProduct):
    publication_page = models.ForeignKey(
        "library.PublicationPage",
        verbose_name=_("library publication"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
        help_text=_("For Publikasi products: the e-library page whose softcopy is sold."),
    )
    wks_master = models.FileField(
        _("map master file"),
        storage=private_storage,
        upload_to=_wks_master_path,
        blank=True,
        help_text=_(
            "For Peta WKS products: the full map (PNG, JPEG or PDF) delivered to buyers, "
            "stamped with each buyer's name. Never public; the product page shows only the "
            "watermarked preview."
        ),
    )

    def search_document(self) -> dict:
        """What the search index needs of a product, without any PDF work (issue #5 and #6).

        ``price_class`` is "gratis" only for the softcopy of a free library item (the library
        service is free, DOMAIN.md); everything else is sold at PNBP tariffs ("berbayar"), the
        Rp0 class being decided per request, not per product.
        """
        slug = self.get_product_class().slug if self.get_product_class() else ""
        page = self.publication_page if slug == PUBLIKASI else None
        free = bool(page is not None and getattr(page, "is_free", False))
        document = {
            "description": self.description or "",
            "survey": "",
            "variables": [],
            "regions": [],
            "price_class": "gratis" if free else "berbayar",
            "year": None,
        }
        year = self.attribute_summary_value("year")
        if year is not None:
            document["year"] = int(year)
        if slug == DATA_MIKRO:
            dataset = MicrodataDataset.objects.filter(product=self).first()
            if dataset is not None:
                document["survey"] = dataset.survey
                document["year"] = dataset.year
                codebook = dataset.variables.values_list("name", "label")
                document["variables"] = [f"{name} {label}" for name, label in codebook]
                document["regions"] = list(dataset.regions.values_list("name", flat=True))
        elif page is not None and getattr(page, "release_date", None):
            document["year"] = document["year"] or page.release_date.year
        return document

    def attribute_summary_value(self, code: str):
        """The value of attribute ``code`` or None (Oscar raises for a missing one)."""
        value = self.attribute_values.filter(attribute__code=code).first()
        return None if value is None else value.value


def _master_path(dataset, filename):
    return f"microdata/{dataset.product_id}/{filename}"


class MicrodataDataset(models.Model):
    """The codebook of a Data Mikro product (DOMAIN.md, "Sale of statistical products").

    ``record_count`` is the sum of the covered regions' records, so a selection of regions is
    priced on the records it really holds.
    """

    class RegionLevel(models.TextChoices):
        PROVINSI = "provinsi", _("province")
        KABUPATEN = "kabupaten", _("regency/city")
        KECAMATAN = "kecamatan", _("district")
        DESA = "desa", _("village")

    product = models.OneToOneField(
        Product, on_delete=models.CASCADE, related_name="microdata", verbose_name=_("product")
    )
    survey = models.CharField(_("survey"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    reference_period = models.CharField(_("reference period"), max_length=100, blank=True)
    region_level = models.CharField(
        _("level of regions"), max_length=20, choices=RegionLevel.choices
    )
    record_unit = models.CharField(
        _("record unit"), max_length=100, blank=True, help_text=_("What one record is.")
    )
    region_variable = models.CharField(
        _("region variable"),
        max_length=40,
        default="region_code",
        help_text=_("The codebook variable that holds each record's region code."),
    )
    master = models.FileField(
        _("master file"),
        storage=private_storage,
        upload_to=_master_path,
        blank=True,
        help_text=_("Every variable of every record, in the delivery layout. Never public."),
    )

    class Meta:
        verbose_name = _("microdata dataset")
        verbose_name_plural = _("microdata datasets")

    def __str__(self):
        return f"{self.survey} {self.year}"

    @property
    def record_count(self) -> int:
        return self.regions.aggregate(total=models.Sum("record_count"))["total"] or 0


class MicrodataVariable(models.Model):
    """One codebook variable: name, label, type, byte width, questionnaire block."""

    class Type(models.TextChoices):
        NUMERIC = "numeric", _("numeric")
        CATEGORICAL = "categorical", _("categorical")
        STRING = "string", _("string")

    dataset = models.ForeignKey(
        MicrodataDataset, on_delete=models.CASCADE, related_name="variables"
    )
    position = models.PositiveIntegerField(_("position"))
    block = models.CharField(_("block"), max_length=120)
    name = models.CharField(_("name"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    width = models.PositiveSmallIntegerField(
        _("byte width"), validators=[MinValueValidator(1), MaxValueValidator(4000)]
    )
    categories = models.JSONField(
        _("value labels"), default=list, blank=True, help_text=_("[[code, label], ...]")
    )

    class Meta:
        ordering = ["dataset", "position"]
        verbose_name = _("codebook variable")
        verbose_name_plural = _("codebook variables")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "name"], name="microdata_variable_name"),
            models.UniqueConstraint(
                fields=["dataset", "position"], name="microdata_variable_position"
            ),
            models.CheckConstraint(condition=models.Q(width__gte=1), name="microdata_width_pos"),
        ]

    def __str__(self):
        return f"{self.name} {self.label}"


class MicrodataRegion(models.Model):
    """A region the dataset covers, with its number of records."""

    dataset = models.ForeignKey(MicrodataDataset, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(_("region code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    record_count = models.PositiveIntegerField(_("records"))

    class Meta:
        ordering = ["dataset", "code"]
        verbose_name = _("covered region")
        verbose_name_plural = _("covered regions")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "code"], name="microdata_region_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


def _version_path(version, filename):
    folder = "wks" if version.kind == MasterVersion.Kind.MAP else "microdata"
    return f"{folder}/{version.product_id}/v{version.number}/{filename}"


class MasterVersion(models.Model):
    """One uploaded master of a product (a microdata master in the stored layout, or a WKS map),
    kept so that an order priced on it is delivered from it after a replacement (issue #20).

    ``MicrodataDataset.master`` / ``Product.wks_master`` name the current version's file (delivery
    reads them); an order line records the version it was priced on
    (``quote_snapshot["master_version"]``). A replaced or withdrawn version keeps its file while
    an order line points at it; otherwise the file is removed and the record stays (size and
    sha256: what was sold, and when).
    """

    class Kind(models.TextChoices):
        MICRODATA = "microdata", _("microdata master")
        MAP = "map", _("map master")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="master_versions", verbose_name=_("product")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=_version_path, blank=True, max_length=255
    )
    original_name = models.CharField(_("uploaded file name"), max_length=255, blank=True)
    source_format = models.CharField(_("uploaded format"), max_length=20, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    record_count = models.PositiveIntegerField(_("records"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    is_current = models.BooleanField(_("current"), default=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("why withdrawn"), max_length=300, blank=True)
    layout = models.JSONField(
        _("codebook of this version"),
        default=dict,
        blank=True,
        help_text="microdata: the variables and covered regions the file was stored with",
    )

    class Meta:
        ordering = ["product", "-number"]
        verbose_name = _("master version")
        verbose_name_plural = _("master versions")
        constraints = [
            models.UniqueConstraint(fields=["product", "number"], name="master_version_number"),
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(is_current=True),
                name="master_version_one_current",
            ),
        ]

    def __str__(self):
        return f"{self.product_id} v{self.number}"


class MasterUpload(models.Model):
    """A microdata master upload being converted in the background (issue #20): the page
    shows its state; a failure keeps only the message (the uploaded file is removed)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("converting")
        DONE = "done", _("stored")
        FAILED = "failed", _("refused")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="master_uploads", verbose_name=_("product")
    )
    source_path = models.CharField(_("uploaded file"), max_length=255, blank=True)
    codebook_path = models.CharField(_("uploaded codebook"), max_length=255, blank=True)
    original_name = models.CharField(_("uploaded file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    message = models.TextField(_("message"), blank=True)
    done_rows = models.PositiveIntegerField(_("records converted"), default=0)
    total_rows = models.PositiveIntegerField(_("records in the file"), null=True, blank=True)
    version = models.ForeignKey(
        MasterVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("master upload")
        verbose_name_plural = _("master uploads")

    def __str__(self):
        return f"{self.original_name} ({self.status})"


from oscar.apps.catalogue.models import *  # noqa: E402,F403
