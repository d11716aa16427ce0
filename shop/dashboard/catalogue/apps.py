"""Fork of Oscar's catalogue dashboard: the product list's table (docs/forks.md).

Only the product list view is replaced; every other catalogue dashboard page is Oscar's.
"""

import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "shop.dashboard.catalogue"

    def ready(self):
        super().ready()
        from . import views  # Oscar's get_urls seam: views import models, after the registry

        self.product_list_view = views.ProductListView
