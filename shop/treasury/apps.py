from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreasuryConfig(AppConfig):
    """The bendahara's one app (issues #8, #9, #19): payments and their exceptions, transfer
    proofs, kuitansi, statement import and reconciliation, the Buku Kas Umum, reports. The
    parsing, matching and cash book rules beside it are pure modules."""

    name = "shop.treasury"
    label = "treasury"
    verbose_name = _("Treasury")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: Django connects receivers once the app registry is
        # ready (the models they import need it).
        from . import receivers  # noqa: F401
