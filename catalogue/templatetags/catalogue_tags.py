"""Catalogue display helpers for templates."""

from django import template

from catalogue.selectors import readable_line_options, undeliverable_lines

register = template.Library()


@register.simple_tag
def line_options(line):
    """``{% line_options line as options %}``: a basket or order line's options with names, not
    codes (variables by label, regions by name), as :class:`catalogue.selectors.OptionRow`."""
    return readable_line_options(line)


#: Order statuses before the invoice, the ones an undeliverable line stops (issue #20); the
#: values of ``shop.order.workflow.OrderStatus``.
BEFORE_INVOICE = frozenset(
    {"submitted", "under_review", "needs_revision", "resubmitted", "verified",
     "correction_requested"}
)  # fmt: skip


@register.simple_tag
def order_undeliverable_lines(order):
    """``{% order_undeliverable_lines order as blocked %}``: the lines that stop the invoice,
    for the notice on the officer's and the buyer's order page (empty once invoiced)."""
    if order.status not in BEFORE_INVOICE:
        return []
    return undeliverable_lines(order)
