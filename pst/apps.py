from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .uploads import MAX_IMAGE_PIXELS


class PstConfig(AppConfig):
    name = "pst"
    label = "pst"
    verbose_name = _("Portal PST")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: apps.py loads before the app registry is ready, and
        # pst.links reads the Sites model.
        from .links import site_sync

        # After every migrate the Sites record names PST_BASE_URL (issue #15, finding 5).
        post_migrate.connect(site_sync, sender=self, dispatch_uid="pst.site_sync")

        # One pixel bound for every image path (issue #15, finding 7): Pillow's own bomb guard
        # (warns above it, refuses above twice it) is the upload bound, so no Image.open on the
        # site decodes more than an upload may carry.
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
