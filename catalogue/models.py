"""Oscar's catalogue with one addition: a Publikasi product points at its library page.

The page owns the bibliographic record; the product only sells it (STYLE.md, layout).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    publication_page = models.ForeignKey(
        "library.PublicationPage",
        verbose_name=_("library publication"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
        help_text=_("For Publikasi products: the e-library page whose softcopy is sold."),
    )


from oscar.apps.catalogue.models import *  # noqa: E402,F403
