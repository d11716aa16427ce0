"""``{% payment_panel order as panel %}`` for the order pages' payment panel."""

from django import template

from shop.delivery.selectors import payment_panel as _payment_panel

register = template.Library()


@register.simple_tag
def payment_panel(order):
    return _payment_panel(order)
