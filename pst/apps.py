from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PstConfig(AppConfig):
    name = "pst"
    label = "pst"
    verbose_name = _("Portal PST")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .links import site_sync

        # After every migrate the Sites record names PST_BASE_URL (issue #15, finding 5).
        post_migrate.connect(site_sync, sender=self, dispatch_uid="pst.site_sync")
