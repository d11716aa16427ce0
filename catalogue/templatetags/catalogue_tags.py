"""Catalogue display helpers for templates."""

from django import template

from catalogue.selectors import readable_line_options

register = template.Library()


@register.simple_tag
def line_options(line):
    """``{% line_options line as options %}``: a basket or order line's options with names, not
    codes (variables by label, regions by name), as :class:`catalogue.selectors.OptionRow`."""
    return readable_line_options(line)
