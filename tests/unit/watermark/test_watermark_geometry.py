"""Watermark geometry: pure functions, checked against tables of the rules they implement."""

from __future__ import annotations

import math

import pytest

from watermark import geometry
from watermark.geometry import Box


@pytest.mark.parametrize(
    ("media", "crop", "expected", "rule"),
    [
        ((0, 0, 612, 792), None, (0, 0, 612, 792), "no CropBox: the MediaBox is visible"),
        ((0, 0, 612, 792), (10, 20, 300, 400), (10, 20, 300, 400), "CropBox inside MediaBox"),
        ((0, 0, 612, 792), (-50, -50, 300, 900), (0, 0, 300, 792), "CropBox clipped to MediaBox"),
        ((0, 0, 612, 792), (700, 800, 900, 900), (0, 0, 612, 792), "CropBox outside: ignored"),
        ((357, 490, 612, 631), None, (357, 490, 612, 631), "MediaBox with a non-zero origin"),
        ((612, 792, 0, 0), None, (0, 0, 612, 792), "corners given in the other order"),
    ],
)
def test_visible_box(media, crop, expected, rule):
    crop_box = Box.from_sequence(crop) if crop else None
    assert geometry.visible_box(Box.from_sequence(media), crop_box).as_list() == list(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (90, 90), (180, 180), (270, 270), (360, 0), (450, 90), (-90, 270), (45, 0),
     ("x", 0), (None, 0), (90.0, 90), (float("nan"), 0)],
)  # fmt: skip
def test_normalize_rotation(value, expected):
    """/Rotate must be a multiple of 90 (PDF 32000-1, table 30); viewers ignore other values."""
    assert geometry.normalize_rotation(value) == expected


BOX = Box(100, 200, 400, 600)  # 300 wide, 400 high, not at the origin


@pytest.mark.parametrize(
    ("rotation", "display_corner", "user_corner"),
    [
        # The reader's lower-left corner is this corner of the box in user space.
        (0, (0, 0), (100, 200)),
        (90, (0, 0), (400, 200)),
        (180, (0, 0), (400, 600)),
        (270, (0, 0), (100, 600)),
        # and the reader's upper-right corner:
        (0, (300, 400), (400, 600)),
        (90, (400, 300), (100, 600)),
        (180, (300, 400), (100, 200)),
        (270, (400, 300), (400, 200)),
    ],
)
def test_display_to_user_maps_the_reader_s_corners(rotation, display_corner, user_corner):
    matrix = geometry.display_to_user(BOX, rotation)
    assert geometry.apply(matrix, *display_corner) == pytest.approx(user_corner)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_display_right_is_user_direction_turned_by_rotate(rotation):
    """A page turned clockwise by /Rotate: the reader's "right" is user "right" turned
    counter-clockwise by the same angle."""
    a, b, _, _, _, _ = geometry.display_to_user(BOX, rotation)
    expected = (math.cos(math.radians(rotation)), math.sin(math.radians(rotation)))
    assert (a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (612, 792),  # Letter
        (842, 595),  # A4 landscape
        (649, 323),  # envelope (sizes_3_different)
        (255, 141),  # small crop (mediabox_nonzero_origin)
        (2000, 50),  # banner
        (50, 2000),  # strip
        (14400, 14400),  # the largest page PDF allows
        (3, 3),  # a stamp-sized page
    ],
)
def test_diagonal_stays_inside_and_off_the_edges(width, height):
    placement = geometry.diagonal_placement(width, height)
    corners = geometry.placed_corners(placement, geometry.diagonal_bbox())
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    assert min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height
    # never edge to edge: at most 80 % of each side
    assert max(xs) - min(xs) <= 0.8 * width + 1e-9
    assert max(ys) - min(ys) <= 0.8 * height + 1e-9
    # and along the page's diagonal
    assert placement.angle == pytest.approx(math.atan2(height, width))


@pytest.mark.parametrize(
    ("width", "height", "full_size"),
    [(612, 792, True), (595, 842, True), (842, 595, True), (255, 141, False), (612, 40, False)],
)
def test_footer_stays_inside_near_the_bottom(width, height, full_size):
    placement = geometry.footer_placement(width, height)
    corners = geometry.placed_corners(placement, geometry.footer_bbox())
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    assert min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height
    assert max(ys) <= 0.1 * height + 12
    assert (placement.scale == 1.0) is full_size


@pytest.mark.parametrize(
    ("text", "width_at_1pt"),
    [(b"", 0.0), (b" ", 0.278), (b"A", 0.667), (b"Diunduh", 3.724), (b"\xb7", 0.278)],
)
def test_helvetica_widths(text, width_at_1pt):
    """Widths from Adobe's Helvetica AFM (WinAnsi codes)."""
    assert geometry.text_width(text) == pytest.approx(width_at_1pt)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(b"A" * 10, 48.0), (b"A" * 1000, 1000 / 667)],
)
def test_fit_font_size_caps_size_and_width(text, expected):
    width = geometry.text_width(text)
    size = geometry.fit_font_size(width, geometry.DIAGONAL_REF_WIDTH, geometry.DIAGONAL_MAX_FONT)
    assert size == pytest.approx(expected)
    assert geometry.text_width(text, size) <= geometry.DIAGONAL_REF_WIDTH + 1e-9


def test_multiply_composes_in_pdf_order():
    scale = (2.0, 0.0, 0.0, 2.0, 0.0, 0.0)
    shift = (1.0, 0.0, 0.0, 1.0, 10.0, 0.0)
    # scale first, then shift: (1, 1) -> (2, 2) -> (12, 2)
    assert geometry.apply(geometry.multiply(scale, shift), 1, 1) == (12.0, 2.0)


@pytest.mark.parametrize("values", [(0, 0, 1), (0, 0, 1, "x"), (0, 0, 1, float("inf"))])
def test_box_rejects_bad_rectangles(values):
    with pytest.raises((ValueError, TypeError)):
        Box.from_sequence(values)
