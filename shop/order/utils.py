"""Oscar's order creator, keeping the quote each line was placed with (issue #6/#7).

The invoice, the dashboard and the buyer's order page show what the buyer confirmed: the quote
(``shop.pricing.quotes``, recomputed on the server, never read from the basket), its price
class and the reason for it. Oscar loads this class through ``get_class("order.utils", ...)``.
"""

from oscar.apps.order import utils as oscar_utils

from catalogue.masters import current_master_version
from shop.pricing import quotes


def priced_on_master(snapshot: dict, product) -> dict:
    """The quote snapshot with the master version it was priced on (issue #20): a master
    replaced later keeps its file for this line (``catalogue.masters``)."""
    version = current_master_version(product)
    return {**snapshot, "master_version": version.pk} if version is not None else snapshot


class OrderCreator(oscar_utils.OrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        quote = quotes.quote_for_basket_line(basket_line, user=order.user)
        fields = dict(extra_line_fields or {})
        fields.update(
            quote_snapshot=priced_on_master(quote.to_dict(), basket_line.product),
            price_class=str(quote.price_class),
            price_class_reason=quote.reason,
        )
        return super().create_line_models(order, basket_line, extra_line_fields=fields)


OrderNumberGenerator = oscar_utils.OrderNumberGenerator
