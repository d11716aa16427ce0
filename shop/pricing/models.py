"""PNBP tariff schedules as database rows that staff maintain (issue #6).

The pure model is ``shop.pricing.tariffs.TariffSchedule``; these rows are its editable store.
Rule (DOMAIN.md Decision, issue #6): a schedule is versioned data with an effective date; an
order is priced by the schedule in force on its date, so a schedule already in force is never
edited (old quotes must stay reproducible) but superseded by a new one with a later date. The
guards live in ``shop/pricing/services.py``; the admin only calls them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pst.formats import format_date
from shop.pricing.tariffs import TariffCode


class TariffSchedule(models.Model):
    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("The regulation, e.g. PP 13/2024.")
    )
    effective_from = models.DateField(_("in force from"), unique=True)
    source = models.TextField(
        _("legal source"),
        blank=True,
        help_text=_("Shown on the public tariff page: the regulation and its annex (Lampiran)."),
    )
    assumptions = models.TextField(
        _("to be confirmed by the office"),
        blank=True,
        help_text=_(
            "Admin-only note, never shown to the public: one per line, every number or date "
            "not yet checked against the regulation."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("tariff schedule")
        verbose_name_plural = _("tariff schedules")

    def __str__(self):
        return f"{self.name} ({format_date(self.effective_from)})"


class TariffScheduleItem(models.Model):
    schedule = models.ForeignKey(TariffSchedule, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("tariff line"), max_length=40, choices=[(c, c) for c in TariffCode])
    price = models.DecimalField(_("price (Rp)"), max_digits=14, decimal_places=0)

    class Meta:
        ordering = ["schedule", "id"]
        verbose_name = _("tariff line")
        verbose_name_plural = _("tariff lines")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "code"], name="tariff_item_code_once"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="tariff_price_not_neg"),
        ]

    def __str__(self):
        return f"{self.code}: {self.price}"
