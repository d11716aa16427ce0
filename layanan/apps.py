from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LayananConfig(AppConfig):
    """The PST services besides the library and the shop (issue #10): consultation,
    recommendation of statistical activities, complaints, the satisfaction survey, service
    standards, the walk-in desk and the head of office's performance report."""

    name = "layanan"
    label = "layanan"
    verbose_name = _("PST services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: Django connects receivers once the app registry is
        # ready (the models they import need it).
        from . import receivers  # noqa: F401
