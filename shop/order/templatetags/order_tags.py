"""Template helpers of the order pages: ``{% order_page order user as page %}`` (one read of
everything the page shows, ``shop.order.selectors.order_page``) and the quote snapshot as a
``Quote`` for the shared quote partial."""

from django import template

from shop.order import selectors

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
