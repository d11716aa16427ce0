"""Tariff wording in the page's language (``shop.pricing.tariff_wording``); Indonesian pages
show the stored schedule, detail and reason unchanged."""

from django import template

from shop.pricing import tariff_wording

register = template.Library()

register.filter("tariff_line", tariff_wording.line_description)
register.filter("tariff_unit", tariff_wording.line_unit)
register.filter("tariff_detail", tariff_wording.line_detail)
register.filter("tariff_reason", tariff_wording.quote_reason)
