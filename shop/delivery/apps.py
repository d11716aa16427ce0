from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """The end of the money path (issue #19): the signed SPPD, the bought files (stamped
    publications and maps, microdata cuts) and their download links and log (issue #8)."""

    name = "shop.delivery"
    label = "delivery"
    verbose_name = _("Delivery")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: Django connects receivers once the app registry is
        # ready (the models they import need it).
        from . import receivers  # noqa: F401
