"""Fork of Oscar's order app: the PST sale workflow, invoices, documents (docs/forks.md)."""

import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"
