from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """The kode billing of an invoice through the SIMPONI adapter (and its simulator), and
    SIMPONI's signed notifications (issue #8). Payments and kuitansi are the treasury's, the
    bought files the delivery's (issue #19)."""

    name = "shop.billing"
    label = "billing"
    verbose_name = _("Billing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment check)
