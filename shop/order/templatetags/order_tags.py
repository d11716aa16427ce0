"""Template helpers of the order pages: ``{% order_page order user as page %}`` (one read of
everything the page shows, ``shop.order.selectors.order_page``) and the quote snapshot as a
``Quote`` for the shared quote partial."""

from django import template

from shop.order import line_drops, selectors

register = template.Library()


@register.simple_tag
def order_page(order, user):
    return selectors.order_page(order, user)


@register.filter
def as_quote(snapshot):
    return selectors.snapshot_quote(snapshot)


@register.simple_tag
def order_clock(order):
    return selectors.order_clock(order)


@register.filter
def lines_may_be_dropped(order) -> bool:
    """Whether the officer may still drop a line of ``order``: before its invoice, and while
    another line would be left (else the order is cancelled)."""
    kept = order.kept_lines
    return line_drops.line_may_be_dropped(order) and kept.count() > 1
