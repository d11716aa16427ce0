"""Oscar's order creator, keeping the quote each line was placed with (issue #6/#7).

The invoice, the dashboard and the buyer's order page show what the buyer confirmed: the quote
(``shop.pricing.quotes``, recomputed on the server, never read from the basket), its price
class and the reason for it. Oscar loads this class through ``get_class("order.utils", ...)``.
"""

from oscar.apps.order import utils as oscar_utils

from shop.pricing import quotes


class OrderCreator(oscar_utils.OrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        quote = quotes.quote_for_basket_line(basket_line, user=order.user)
        fields = dict(extra_line_fields or {})
        fields.update(
            quote_snapshot=quote.to_dict(),
            price_class=str(quote.price_class),
            price_class_reason=quote.reason,
        )
        return super().create_line_models(order, basket_line, extra_line_fields=fields)


OrderNumberGenerator = oscar_utils.OrderNumberGenerator
