"""The dashboard's product list on the forked table (docs/forks.md)."""

from django.conf import settings
from django.utils.module_loading import import_string
from oscar.apps.dashboard.catalogue import views as oscar_views

from .tables import ProductTable

#: What the product list offers, by the dashboard URL each offer leads to.
_OFFERS = {
    "create": ("dashboard:catalogue-product-create", {}),
    "edit": ("dashboard:catalogue-product", {"pk": 0}),
    "delete": ("dashboard:catalogue-product-delete", {"pk": 0}),
    "bulk": ("dashboard:catalogue-product-bulk-action", {}),
}


def product_list_offers(user) -> dict[str, bool]:
    """Which of the list's actions ``user`` may take, by the same permission map that guards
    the pages they lead to: Oscar offered edit and delete to every officer, and both answered
    403 to the Petugas PST (issue #16)."""
    may_open = import_string(settings.OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION)
    return {
        offer: may_open(user, url_name, None, url_kwargs)
        for offer, (url_name, url_kwargs) in _OFFERS.items()
    }


class ProductListView(oscar_views.ProductListView):
    table_class = ProductTable

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["product_offers"] = product_list_offers(self.request.user)
        if not ctx["product_offers"]["bulk"]:
            ctx["actions"] = {}
        return ctx
