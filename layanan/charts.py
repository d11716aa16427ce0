"""Small inline SVG bar charts for the staff pages: no JavaScript, no CDN, printable.

Values are escaped and the SVG is built from numbers only, so it is safe to mark as safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from pst.formats import format_number

BAR_COLOUR = "#1f5fa8"
LATE_COLOUR = "#c0392b"


def bar_chart(
    bars: Sequence[tuple[str, Decimal | float | int | None]],
    *,
    maximum: float,
    title: str,
    width: int = 640,
    bar_height: int = 22,
    decimals: int = 2,
) -> str:
    """Horizontal bars, one per (label, value); a missing value draws an empty row. Values are
    written like every number on the page (``pst.formats``: ``90,28``, English ``90.28``)."""
    label_width, gap = 230, 6
    height = len(bars) * (bar_height + gap) + 30
    plot = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="pst-chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(bars):
        y = 24 + index * (bar_height + gap)
        parts.append(
            f'<text x="0" y="{y + bar_height * 0.7:.1f}" font-size="12">{escape(str(label))}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{label_width}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
                'fill="#888">–</text>'
            )
            continue
        length = max(0.0, min(1.0, float(value) / maximum)) * plot
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height * 0.7:.1f}" '
            f'font-size="12">{escape(format_number(value, decimals))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
