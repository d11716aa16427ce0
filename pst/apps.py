from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PstConfig(AppConfig):
    name = "pst"
    label = "pst"
    verbose_name = _("Portal PST")
    default_auto_field = "django.db.models.BigAutoField"
