"""The dashboard's product table, with a checkbox column that cannot be sorted."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2 import Column, TemplateColumn
from oscar.apps.dashboard.catalogue.tables import ProductTable as OscarProductTable

from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PRODUCT_CLASS_LABELS
from catalogue.selectors import sale_blocker
from pst.formats import format_datetime


class ProductTable(OscarProductTable):
    """Oscar's table sorts every column unless told otherwise, so the bulk-selection
    checkbox got a header link ``?sort=checkbox`` that ordered by a field that does not exist
    (a FieldError, a 500). Not orderable, django-tables2 drops that sort as it drops any
    unknown one (issue #16). The product type and the date read in the page's language and the
    site's format (issue #17)."""

    checkbox = TemplateColumn(
        verbose_name="",
        template_name="oscar/dashboard/catalogue/product_row_checkbox.html",
        orderable=False,
    )

    def render_product_class(self, value):
        return PRODUCT_CLASS_LABELS.get(value.slug, value.name)

    def render_date_updated(self, value):
        """The site's one date format (issue #17), not Django's ``05-12-2026 1.56``."""
        return format_datetime(value)

    #: Whether the product can be sold now (issue #20): one without its master file is listed
    #: as not sellable, with the reason, so the officer sees what to upload.
    sellable = Column(verbose_name=_("Sale"), empty_values=(), orderable=False)

    def render_sellable(self, record):
        blocked = sale_blocker(record)
        if blocked is None:
            state = format_html('<span class="badge badge-success">{}</span>', _("sellable"))
        else:
            state = format_html(
                '<span class="badge badge-danger" data-not-sellable>{}</span> '
                '<span class="small">{}</span>',
                _("not sellable"),
                blocked.reason,
            )
        if getattr(record.product_class, "slug", "") in (DATA_MIKRO, PETA_WKS):
            url = reverse("catalogue:master", kwargs={"pk": record.pk})
            state += format_html(' <a class="small" href="{}">{}</a>', url, _("Master files"))
        return state
