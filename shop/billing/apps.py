from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """Payment of PNBP by kode billing (SIMPONI), transfer from abroad or cash; kuitansi; delivery
    of the bought files (issue #8). The tariff and pricing modules beside it stay pure."""

    name = "shop.billing"
    label = "billing"
    verbose_name = _("Billing and receipts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment check)
