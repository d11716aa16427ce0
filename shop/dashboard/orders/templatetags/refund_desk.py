"""``{% refund_panel order request.user as refund %}`` for ``templates/treasury/_refund_open.html``
on the officer's order page (issue #20)."""

from django import template

from ..refunds import refund_panel as _refund_panel

register = template.Library()


@register.simple_tag
def refund_panel(order, user):
    return _refund_panel(order, user)
