"""Fork of Oscar's orders dashboard: the Petugas PST queue and order desk (docs/forks.md)."""

import oscar.apps.dashboard.orders.apps as apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "shop.dashboard.orders"
