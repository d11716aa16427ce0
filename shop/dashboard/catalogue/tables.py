"""The dashboard's product table, with a checkbox column that cannot be sorted."""

from django_tables2 import TemplateColumn
from oscar.apps.dashboard.catalogue.tables import ProductTable as OscarProductTable


class ProductTable(OscarProductTable):
    """Oscar's table sorts every column unless told otherwise, so the bulk-selection
    checkbox got a header link ``?sort=checkbox`` that ordered by a field that does not exist
    (a FieldError, a 500). Not orderable, django-tables2 drops that sort as it drops any
    unknown one (issue #16)."""

    checkbox = TemplateColumn(
        verbose_name="",
        template_name="oscar/dashboard/catalogue/product_row_checkbox.html",
        orderable=False,
    )
