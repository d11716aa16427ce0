from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PstConfig(AppConfig):
    name = "pst"
    label = "pst"
    verbose_name = _("Portal PST")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from PIL import Image

        from .uploads import MAX_IMAGE_PIXELS

        # One pixel bound for every image path (issue #15, finding 7): Pillow's own bomb guard
        # (warns above it, refuses above twice it) is the upload bound, so no Image.open on the
        # site decodes more than an upload may carry.
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
