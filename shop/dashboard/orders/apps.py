"""Fork of Oscar's orders dashboard: the Petugas PST queue and order desk (docs/forks.md).

Oscar's order list and detail are replaced (same URL names, so Oscar's dashboard menu leads
here); everything the desk changes goes through ``shop/order/services.py`` (issue #7).
"""

import oscar.apps.dashboard.orders.apps as apps
from django.urls import path

_READ = ["is_staff", "order.view_order"]
_ACT = ["is_staff", "order.change_order"]


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "shop.dashboard.orders"

    def configure_permissions(self):
        self.permissions_map = {
            "order-list": _READ,
            "order-stats": _READ,
            "order-detail": _READ,
            "order-line-detail": _READ,
            "order-action": _ACT,
        }

    def ready(self):
        # Oscar's app-config seam: views import models, so they load once the registry is ready.
        from oscar.apps.dashboard.orders import views as oscar_views

        # The same seam: our views import models.
        from . import views

        self.order_stats_view = oscar_views.OrderStatsView
        self.line_detail_view = oscar_views.LineDetailView
        self.queue_view = views.OrderQueueView
        self.desk_view = views.OrderDeskView
        self.action_view = views.order_action
        self.configure_permissions()

    def get_urls(self):
        urls = [
            path("", self.queue_view.as_view(), name="order-list"),
            path("statistics/", self.order_stats_view.as_view(), name="order-stats"),
            path(
                "<str:number>/lines/<int:line_id>/",
                self.line_detail_view.as_view(),
                name="order-line-detail",
            ),
            path("<str:number>/", self.desk_view.as_view(), name="order-detail"),
            path("<str:number>/aksi/<slug:action>/", self.action_view, name="order-action"),
        ]
        return self.post_process_urls(urls)
