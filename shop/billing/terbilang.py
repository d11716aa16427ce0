"""Moved to :mod:`pst.terbilang` (issue #19: pst, the ground floor, may not import the shop).
The names stay importable from here until the shop imports them from pst."""

from pst.terbilang import MAX_AMOUNT, terbilang  # noqa: F401
