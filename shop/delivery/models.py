"""The delivery's records (issue #8; moved from ``shop.billing`` by issue #19, their tables
keep their names, so no row moved): the files offered to a buyer after the kuitansi, every
download of them (an append-only log), and the buyer's signed SPPD scans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst.storage import private_storage


class DeliveryKind(models.TextChoices):
    PUBLICATION = "publikasi", _("publication (stamped PDF)")
    MICRODATA = "data_mikro", _("microdata (ZIP)")
    MAP = "peta_wks", _("WKS map (stamped)")


def _delivery_path(item, filename):
    return f"billing/deliveries/{item.order_id}/{filename}"


class DeliveryItem(models.Model):
    """One file offered to one buyer after the kuitansi: a download link that expires and is
    limited in count (issue #8). Publications and maps are stamped per download from their
    master; microdata is cut once into ``file`` (CSV, codebook and mark file, zipped)."""

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="deliveries")
    line = models.ForeignKey(
        "order.Line", on_delete=models.PROTECT, null=True, blank=True, related_name="deliveries"
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deliveries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DeliveryKind.choices)
    title = models.CharField(_("title"), max_length=255)
    token = models.CharField(max_length=43, unique=True)
    file = models.FileField(storage=private_storage, upload_to=_delivery_path, blank=True)
    source_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="PublicationPage or Product id stamped per download"
    )
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    max_downloads = models.PositiveSmallIntegerField(_("download limit"))
    notified_at = models.DateTimeField(
        _("buyer told it is ready"),
        null=True,
        blank=True,
        help_text=_("When the buyer was e-mailed that this file, held or waiting, is ready."),
    )

    class Meta:
        db_table = "billing_deliveryitem"  # kept from shop.billing (issue #19)
        ordering = ["order", "pk"]
        verbose_name = _("delivered file")
        verbose_name_plural = _("delivered files")

    def __str__(self) -> str:
        return self.title

    @property
    def downloads_used(self) -> int:
        return self.downloads.count()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class DeliveryDownload(models.Model):
    """Every download of a delivered file (append-only log)."""

    item = models.ForeignKey(DeliveryItem, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    download_id = models.CharField(max_length=40, unique=True)
    downloaded_at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    bytes = models.PositiveBigIntegerField(default=0)

    class Meta:
        db_table = "billing_deliverydownload"  # kept from shop.billing (issue #19)
        ordering = ["-downloaded_at"]
        verbose_name = _("delivered file download")
        verbose_name_plural = _("delivered file downloads")

    def __str__(self) -> str:
        return self.download_id


def _sppd_path(upload, filename):
    return f"billing/sppd/{upload.order_id}/{filename}"


class SppdUpload(models.Model):
    """The buyer's scan of the signed SPPD (data use agreement, DOMAIN.md step 7). With
    ``PST_HOLD_MICRODATA_UNTIL_SPPD`` microdata is not delivered before one exists."""

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="sppd_uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(storage=private_storage, upload_to=_sppd_path)
    content_type = models.CharField(max_length=40)
    originals_received_at = models.DateTimeField(
        _("signed originals received"), null=True, blank=True
    )

    class Meta:
        db_table = "billing_sppdupload"  # kept from shop.billing (issue #19)
        ordering = ["-uploaded_at"]
        verbose_name = _("signed SPPD")
        verbose_name_plural = _("signed SPPD")

    def __str__(self) -> str:
        return f"SPPD {self.order_id} {self.uploaded_at:%Y-%m-%d}"
