"""The dashboard's product list on the forked table (docs/forks.md)."""

from oscar.apps.dashboard.catalogue import views as oscar_views

from .tables import ProductTable


class ProductListView(oscar_views.ProductListView):
    table_class = ProductTable
