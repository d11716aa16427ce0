"""Moved to :mod:`pst.money` (issue #19: pst, the ground floor, may not import the shop). The
names stay importable from here until the shop imports them from pst."""

from pst.money import (  # noqa: F401
    MAX_AMOUNT,
    AmountOutOfBounds,
    amount_within_bounds,
    check_amount_bounds,
    format_rupiah,
    parse_rupiah,
    round_rupiah,
)
