from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreasuryConfig(AppConfig):
    """The bendahara (issue #9): statement import and reconciliation, the Buku Kas Umum, reports.
    The parsing, matching and cash book rules beside it are pure modules."""

    name = "shop.treasury"
    label = "treasury"
    verbose_name = _("Treasury")
    default_auto_field = "django.db.models.BigAutoField"
