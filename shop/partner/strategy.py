"""Oscar pricing strategy: every price is the PNBP quote, recomputed on the server (issue #6).

Oscar asks its strategy for each product's and each basket line's price; answering with
``shop.pricing.quotes`` makes the basket, the checkout, the order (its line prices are copied
from the basket) and the dashboard show the same tariff amounts. The stock record only names
the partner (Oscar needs one per line); its ``price`` is never charged.

No tax: PNBP is non-tax state revenue (DOMAIN.md "PNBP tariffs"), so tax is a known zero and
incl. tax equals excl. tax. Digital products have no stock: a publication or dataset is bought
once per line, maps up to ``MAX_MAP_COUNT`` per line (priced per map).
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, prices
from oscar.apps.partner import strategy as oscar_strategy

from catalogue.selectors import sale_blocker
from shop.pricing import quotes, tariffs
from shop.pricing.selectors import tariff_schedules


class DigitalProduct(availability.Base):
    """Always available to download; quantity 1, or up to ``maximum`` for maps."""

    code = "available"
    message = _("Available (digital delivery)")

    def __init__(self, maximum: int = 1):
        self.maximum = maximum

    def is_purchase_permitted(self, quantity):
        if quantity < 1:
            return False, _("The quantity must be at least 1.")
        if quantity > self.maximum:
            if self.maximum == 1:
                return False, _("A digital product is bought once per order line.")
            return False, _("At most %(max)d maps per order line.") % {"max": self.maximum}
        return True, ""


class QuoteUnavailable(availability.Unavailable):
    """A line whose options cannot be priced (tampered or stale): it cannot be checked out."""

    def __init__(self, reason: str):
        self.message = reason


class NotDeliverable(availability.Unavailable):
    """A product whose file the office cannot hand over yet (issue #20): Oscar's add-to-basket
    form and checkout refuse it with this message."""

    code = "not-deliverable"

    def __init__(self, reason: str):
        self.reason = reason
        self.message = _("Not available yet: %(reason)s.") % {"reason": reason}

    def is_purchase_permitted(self, quantity):
        return False, self.message


class PnbpPrice(prices.FixedPrice):
    """A tariff price with the quote behind it, for templates that show the quote's lines."""

    def __init__(self, quote: tariffs.Quote, *, quantity: int = 1):
        unit = quote.total / quantity if quantity > 1 else quote.total
        super().__init__(currency="IDR", excl_tax=unit, tax=Decimal(0))
        self.quote = quote


class PnbpStrategy(
    oscar_strategy.UseFirstStockRecord,
    oscar_strategy.StockRequired,
    oscar_strategy.NoTax,
    oscar_strategy.Structured,
):
    """PNBP products (Publikasi, Data Mikro, Peta WKS) at their quote; any other product class
    (none is sold today) keeps Oscar's default: its stock record price, no tax."""

    def __init__(self, request=None, user=None):
        super().__init__(request)
        if user is not None:
            self.user = user
        self._schedules = None

    @property
    def schedules(self):
        if self._schedules is None:
            self._schedules = tariff_schedules()
        return self._schedules

    @staticmethod
    def _is_pnbp(product) -> bool:
        try:
            quotes.product_kind(product)
        except tariffs.InvalidRequest:
            return False
        return True

    def pricing_policy(self, product, stockrecord):
        if not stockrecord:
            return prices.Unavailable()
        if not self._is_pnbp(product):
            return super().pricing_policy(product, stockrecord)
        try:
            quote = quotes.quote_for_product(
                product=product, options=None, user=self.user, schedules=self.schedules
            )
        except (tariffs.InvalidRequest, tariffs.NoTariffInForce):
            return prices.Unavailable()
        return PnbpPrice(quote)

    def availability_policy(self, product, stockrecord):
        if not stockrecord:
            return availability.Unavailable()
        if not self._is_pnbp(product):
            return super().availability_policy(product, stockrecord)
        blocked = sale_blocker(product)
        if blocked is not None:
            return NotDeliverable(blocked.reason)
        kind = quotes.product_kind(product)
        return DigitalProduct(tariffs.MAX_MAP_COUNT if kind is tariffs.ProductKind.PETA_WKS else 1)

    def fetch_for_line(self, line, stockrecord=None):
        """The line's own quote: its options (variables, regions, processing) and quantity."""
        stockrecord = stockrecord or line.stockrecord or self.select_stockrecord(line.product)
        info = self.fetch_for_product(line.product, stockrecord)
        if not line.pk or not info.price.exists or not self._is_pnbp(line.product):
            return info
        try:
            quote = quotes.quote_for_basket_line(line, user=self.user, schedules=self.schedules)
        except (tariffs.InvalidRequest, tariffs.NoTariffInForce) as refused:
            reason = getattr(refused, "message", str(refused))
            return oscar_strategy.PurchaseInfo(
                price=info.price, availability=QuoteUnavailable(reason), stockrecord=stockrecord
            )
        return oscar_strategy.PurchaseInfo(
            price=PnbpPrice(quote, quantity=max(1, line.quantity)),
            availability=info.availability,
            stockrecord=stockrecord,
        )


class Selector:
    """One strategy for everyone: the buyer's segment decides the price class inside it."""

    def strategy(self, request=None, user=None, **kwargs):
        return PnbpStrategy(request, user=user)
