"""Where the pure modules and the Django side name the same thing, they must agree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from oscar.templatetags.currency_filters import currency

from pst.models import UserSegment
from pst.money import format_rupiah
from shop.pricing.tariffs import Segment


def test_profile_segments_are_the_tariff_segments():
    """The Rp0 rules (shop.pricing.tariffs) read the segment stored on the profile."""
    assert set(UserSegment.values) == {segment.value for segment in Segment}


@pytest.mark.parametrize("amount", ["0", "20", "50000", "1250000", "36000000"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_oscar_prices_and_our_pages_show_money_alike(amount, language):
    """Oscar's basket and dashboard use its ``currency`` filter; our pages use
    ``pst.formats.format_money``. Both follow the page's language (``Rp 1.250.000`` on an
    Indonesian page, ``Rp 1,250,000`` on an English one: docs/glossary.md), while invoices and
    receipts (``format_rupiah``) stay Indonesian whatever the page."""
    from django.utils import translation

    from pst.formats import format_money

    with translation.override(language):
        assert currency(Decimal(amount), "IDR") == format_money(Decimal(amount))
        assert format_rupiah(Decimal(amount)) == format_money(Decimal(amount), language="id")
    if language == "en" and Decimal(amount) >= 1000:
        with translation.override("en"):
            assert "," in currency(Decimal(amount), "IDR")
        assert "." in format_rupiah(Decimal(amount))
