"""Where the mark goes on a page: pure functions over boxes, rotations and text widths.

A page is seen by the reader through its *visible box* (the CropBox clipped to the MediaBox) turned
clockwise by its /Rotate. The mark is laid out in *display space*, the upright rectangle the reader
sees, with its origin at the lower-left corner the reader sees; `display_to_user` gives the matrix
that takes display space into the page's own coordinates, whatever the box origin and rotation.

The text of the mark is only known per download, but the per-page layout is fixed at ingest. The
two are decoupled by reference frames: the diagonal text is drawn (per download) at most
`DIAGONAL_REF_WIDTH` wide and `DIAGONAL_MAX_FONT` high around the origin, and each page scales that
frame (fixed at ingest) so that it fits well inside its visible area. The footer works the same way.

Matrices are PDF matrices ``(a, b, c, d, e, f)``: ``x' = a*x + c*y + e``, ``y' = b*x + d*y + f``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# Reference frame of the diagonal line: the text is at most this wide and at most this font size,
# centred on the origin. Half its height bounds the glyphs (accented capitals and descenders).
DIAGONAL_REF_WIDTH = 1000.0
DIAGONAL_MAX_FONT = 48.0
DIAGONAL_HALF_HEIGHT = 0.7 * DIAGONAL_MAX_FONT
# The diagonal's bounding box covers at most this share of the page's width and of its height, so
# the line never runs edge to edge and the corners of tables stay free.
DIAGONAL_MAX_SHARE = 0.8

# Reference frame of the footer line: baseline on the origin, centred, at most this wide.
FOOTER_REF_WIDTH = 450.0
FOOTER_MAX_FONT = 8.0
FOOTER_MAX_SHARE = 0.8
FOOTER_MARGIN = 14.0

# Helvetica's vertical metrics, in thousandths of the font size (Adobe Core 14 AFM).
HELVETICA_ASCENT = 718
HELVETICA_DESCENT = -207
# Centre the diagonal text vertically: baseline this many font sizes below the origin.
DIAGONAL_BASELINE_SHIFT = (HELVETICA_ASCENT + HELVETICA_DESCENT) / 2000

# Helvetica advance widths (thousandths of the font size) for WinAnsiEncoding codes 32..255, from
# Adobe's Core 14 AFM files (as shipped with pypdf). Codes WinAnsi leaves undefined are 0; the
# mark never emits them.
_HELVETICA_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # 32
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 48
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # 64
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # 80
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # 96
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,  # 112
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,  # 128
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,  # 144
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,  # 160
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,  # 176
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,  # 192
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,  # 208
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,  # 224
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,  # 240
)  # fmt: skip


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in page coordinates, normalised so that x0 <= x1 and y0 <= y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def from_sequence(cls, values: Sequence[float]) -> Box:
        """Build a box from a PDF rectangle ``[llx lly urx ury]``, whichever corners it names."""
        if len(values) != 4:
            raise ValueError(f"a rectangle has four numbers, not {len(values)}")
        a, b, c, d = (float(v) for v in values)
        if not all(math.isfinite(v) for v in (a, b, c, d)):
            raise ValueError("a rectangle needs finite numbers")
        return cls(min(a, c), min(b, d), max(a, c), max(b, d))

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def is_empty(self) -> bool:
        return self.width <= 0 or self.height <= 0

    def intersect(self, other: Box) -> Box | None:
        box = Box(
            max(self.x0, other.x0),
            max(self.y0, other.y0),
            min(self.x1, other.x1),
            min(self.y1, other.y1),
        )
        return None if box.is_empty else box

    def contains(self, x: float, y: float, tolerance: float = 1e-6) -> bool:
        return (
            self.x0 - tolerance <= x <= self.x1 + tolerance
            and self.y0 - tolerance <= y <= self.y1 + tolerance
        )

    def as_list(self) -> list[float]:
        return [self.x0, self.y0, self.x1, self.y1]


@dataclass(frozen=True)
class Placement:
    """Where a reference frame goes in display space: centre point, angle (radians), scale."""

    x: float
    y: float
    angle: float
    scale: float

    def matrix(self) -> Matrix:
        cos = math.cos(self.angle) * self.scale
        sin = math.sin(self.angle) * self.scale
        return (cos, sin, -sin, cos, self.x, self.y)


def visible_box(mediabox: Box, cropbox: Box | None) -> Box:
    """The area a viewer shows: the CropBox clipped to the MediaBox (PDF 32000-1, 14.11.2).

    A CropBox that misses the MediaBox entirely is ignored, as viewers do.
    """
    if cropbox is None:
        return mediabox
    return mediabox.intersect(cropbox) or mediabox


def normalize_rotation(value: object) -> int:
    """/Rotate as one of 0, 90, 180, 270; 360 is 0, -90 is 270; a value that is not a multiple
    of 90 is invalid and, like viewers do, ignored."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    if not math.isfinite(number) or number % 90:
        return 0
    return int(number) % 360


def display_size(box: Box, rotation: int) -> tuple[float, float]:
    """Width and height of the page as the reader sees it."""
    if rotation in (90, 270):
        return box.height, box.width
    return box.width, box.height


def display_to_user(box: Box, rotation: int) -> Matrix:
    """The matrix from display space (upright, origin at the lower-left corner the reader sees)
    into the page's user space. The viewer turns the page clockwise by /Rotate, so display
    "right" is user "up" on a page rotated by 90."""
    if rotation == 90:
        return (0.0, 1.0, -1.0, 0.0, box.x1, box.y0)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, box.x1, box.y1)
    if rotation == 270:
        return (0.0, -1.0, 1.0, 0.0, box.x0, box.y1)
    return (1.0, 0.0, 0.0, 1.0, box.x0, box.y0)


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies ``first`` and then ``then`` (PDF's ``first x then``)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def diagonal_placement(width: float, height: float) -> Placement:
    """Centre the diagonal reference frame on the page, along the page's diagonal, scaled so that
    its rotated bounding box covers at most `DIAGONAL_MAX_SHARE` of each side."""
    angle = math.atan2(height, width)
    half_w = DIAGONAL_REF_WIDTH / 2
    extent_x = half_w * abs(math.cos(angle)) + DIAGONAL_HALF_HEIGHT * abs(math.sin(angle))
    extent_y = half_w * abs(math.sin(angle)) + DIAGONAL_HALF_HEIGHT * abs(math.cos(angle))
    scale = min(
        DIAGONAL_MAX_SHARE * width / 2 / extent_x,
        DIAGONAL_MAX_SHARE * height / 2 / extent_y,
    )
    return Placement(width / 2, height / 2, angle, scale)


def footer_placement(width: float, height: float) -> Placement:
    """Centre the footer frame near the bottom edge the reader sees; full size on ordinary pages,
    shrunk on narrow or very low pages so it stays inside."""
    scale = min(
        1.0,
        FOOTER_MAX_SHARE * width / FOOTER_REF_WIDTH,
        0.06 * height / FOOTER_MAX_FONT,
    )
    descent = -HELVETICA_DESCENT / 1000 * FOOTER_MAX_FONT * scale
    baseline = min(FOOTER_MARGIN, 0.04 * height) + descent
    return Placement(width / 2, baseline, 0.0, scale)


def diagonal_bbox() -> tuple[float, float, float, float]:
    """The reference frame of the diagonal line as a Form XObject /BBox."""
    half_w = DIAGONAL_REF_WIDTH / 2
    return (-half_w, -DIAGONAL_HALF_HEIGHT, half_w, DIAGONAL_HALF_HEIGHT)


def footer_bbox() -> tuple[float, float, float, float]:
    """The reference frame of the footer line as a Form XObject /BBox."""
    half_w = FOOTER_REF_WIDTH / 2
    return (
        -half_w,
        HELVETICA_DESCENT / 1000 * FOOTER_MAX_FONT,
        half_w,
        0.95 * FOOTER_MAX_FONT,
    )


def placed_corners(placement: Placement, bbox: tuple[float, float, float, float]):
    """The four corners of a reference frame's bbox after placement, in display space."""
    x0, y0, x1, y1 = bbox
    matrix = placement.matrix()
    return [apply(matrix, x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]


_WIDTH_BY_CODE = (0,) * 32 + _HELVETICA_WIDTHS


def text_width(encoded: bytes, font_size: float = 1.0) -> float:
    """Width of WinAnsi-encoded text set in Helvetica at ``font_size``."""
    return sum(map(_WIDTH_BY_CODE.__getitem__, encoded)) * font_size / 1000


def fit_font_size(unit_width: float, ref_width: float, max_font: float) -> float:
    """The largest font size, up to ``max_font``, at which text ``unit_width`` wide at size 1
    is at most ``ref_width`` wide."""
    if unit_width <= 0:
        return max_font
    return min(max_font, ref_width / unit_width)
