"""The bytes of one mark: the text lines, their content streams and the metadata strings.

Everything here is a pure function of an `Identity`. Strings from the identity only ever reach a
PDF as hexadecimal strings (``<48656C6C6F>``), so no name can close a string or inject an
operator, whatever characters it holds.
"""

from __future__ import annotations

import binascii
import unicodedata

from anyascii import anyascii

from . import geometry
from .identity import Identity

# The visible mark uses the standard Helvetica with WinAnsiEncoding (no font to embed, known
# widths); characters outside WinAnsi are transliterated. Decided for names in non-Latin scripts
# (issue #15, finding 12): transliterate (Дмитрий -> Dmitriy, 王小明 -> WangXiaoMing) with
# anyascii rather than embed a font that covers every script (Noto CJK alone is ~20 MB per copy,
# and the stamp would no longer cost under a millisecond); the invisible metadata keeps the name
# exactly as written, so the trace still reads the original.
FONT_NAME = b"/PSTF"
GSTATE_NAME = b"/PSTGS"
DIAGONAL_GRAY = 0.45
DIAGONAL_ALPHA = 0.3
FOOTER_GRAY = 0.3
FOOTER_ALPHA = 0.75

NAME_VISIBLE_MAX = 60
EMAIL_VISIBLE_MAX = 80
SITE_VISIBLE_MAX = 60
ELLIPSIS = "\u2026".encode("cp1252")
SEPARATOR = " \u00b7 ".encode("cp1252")

# Letters NFKD does not decompose but that have an obvious Latin spelling.
_TRANSLITERATIONS = str.maketrans(
    {
        "\u0110": "D", "\u0111": "d", "\u0141": "L", "\u0142": "l", "\u0131": "i",
        "\u0127": "h", "\u0126": "H", "\u0138": "k", "\u014b": "ng", "\u014a": "NG",
        "\u0167": "t", "\u0166": "T", "\u0180": "b", "\u01b6": "z", "\u0250": "a",
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2212": "-",
    }
)  # fmt: skip


_NO_CONTROLS = bytes(0x3F if code < 32 else code for code in range(256))


def winansi(text: str) -> bytes:
    """Encode text for Helvetica/WinAnsiEncoding, transliterating what it cannot show.

    Characters WinAnsi has are kept (é, ß, Ø, €); compatibility forms are spelt out (ǅ -> Dž,
    ﬁ -> fi); accents WinAnsi lacks are dropped (ắ -> a, ş -> s); letters of other scripts are
    spelt in Latin (Дмитрий -> Dmitriy); only what has no Latin spelling becomes '?'.
    """
    text = unicodedata.normalize("NFKC", text.translate(_TRANSLITERATIONS))
    try:
        out = bytearray(text.encode("cp1252"))  # the usual case: nothing to transliterate
    except UnicodeEncodeError:
        out = _transliterate(text)
    # Controls never reach here (Identity cleans them), but the font has no glyph for them.
    return bytes(out.translate(_NO_CONTROLS))


def _transliterate(text: str) -> bytearray:
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
            continue
        except UnicodeEncodeError:
            pass
        # Drop the accents WinAnsi lacks (ắ -> a); a letter of another script is spelt whole
        # (й -> y, not и without its breve -> i).
        parts = unicodedata.normalize("NFKD", char)
        base = "".join(part for part in parts if not unicodedata.combining(part))
        try:
            out += base.encode("cp1252")
        except UnicodeEncodeError:
            out += _latin_spelling(char)
    return out


def _latin_spelling(char: str) -> bytes:
    """A letter or digit of another script in ASCII (anyascii's table); symbols and emoji, and
    letters it cannot spell, are '?' (anyascii would write ':grinning:' for an emoji)."""
    if unicodedata.category(char)[0] in "LN":
        spelt = anyascii(char)
        if spelt and spelt.isascii() and spelt.isprintable():
            return spelt.encode("ascii")
    return b"?"


def shorten(encoded: bytes, limit: int) -> bytes:
    """Cut WinAnsi text to at most ``limit`` characters, marking the cut with an ellipsis.

    Shortening happens after transliteration because transliteration can lengthen text.
    """
    if len(encoded) <= limit:
        return encoded
    return encoded[: limit - 1].rstrip() + ELLIPSIS


def diagonal_line(identity: Identity) -> bytes:
    """'Diunduh oleh NAME (EMAIL) · DATE · ID' in WinAnsi, short enough for its placeholder."""
    who = shorten(winansi(identity.name), NAME_VISIBLE_MAX)
    if identity.email:
        who += b" (" + shorten(winansi(identity.email), EMAIL_VISIBLE_MAX) + b")"
    date = identity.date.isoformat().encode("ascii")
    return b"Diunduh oleh " + who + SEPARATOR + date + SEPARATOR + identity.download_id.encode()


FOOTER_ID_LABEL = "ID unduhan:"


def footer_line(identity: Identity) -> bytes:
    """'SITE · ID unduhan: ID' in WinAnsi: what trace looks for in the text of a re-made copy."""
    site = shorten(winansi(identity.site_name), SITE_VISIBLE_MAX)
    return site + SEPARATOR + f"{FOOTER_ID_LABEL} {identity.download_id}".encode("ascii")


def _number(value: float) -> bytes:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return (text if text not in ("-0", "") else "0").encode("ascii")


def numbers(*values: float) -> bytes:
    return b" ".join(_number(v) for v in values)


def hex_string(data: bytes) -> bytes:
    return b"<" + binascii.hexlify(data).upper() + b">"


def text_string(text: str) -> bytes:
    """A PDF text string (UTF-16BE with byte order mark) as a hex string: any Unicode, safely."""
    return hex_string(b"\xfe\xff" + text.encode("utf-16-be", "surrogatepass"))


def diagonal_content(identity: Identity) -> bytes:
    """Content of the diagonal Form XObject: the line centred on the origin of its frame."""
    encoded = diagonal_line(identity)
    width = geometry.text_width(encoded)
    size = geometry.fit_font_size(width, geometry.DIAGONAL_REF_WIDTH, geometry.DIAGONAL_MAX_FONT)
    x = -width * size / 2
    y = -geometry.DIAGONAL_BASELINE_SHIFT * size
    return _text_block(encoded, size, x, y, DIAGONAL_GRAY)


def footer_content(identity: Identity) -> bytes:
    """Content of the footer Form XObject: the line centred, baseline on the origin."""
    encoded = footer_line(identity)
    width = geometry.text_width(encoded)
    size = geometry.fit_font_size(width, geometry.FOOTER_REF_WIDTH, geometry.FOOTER_MAX_FONT)
    x = -width * size / 2
    return _text_block(encoded, size, x, 0.0, FOOTER_GRAY)


def _text_block(encoded: bytes, size: float, x: float, y: float, gray: float) -> bytes:
    return b"".join(
        [
            b"q ",
            GSTATE_NAME,
            b" gs ",
            numbers(gray),
            b" g BT ",
            FONT_NAME,
            b" ",
            numbers(size),
            b" Tf ",
            numbers(x, y),
            b" Td ",
            hex_string(encoded),
            b" Tj ET Q\n",
        ]
    )


def page_stamp_content(
    matrix: geometry.Matrix,
    display_width: float,
    display_height: float,
    diagonal_name: bytes,
    footer_name: bytes,
) -> bytes:
    """Per-page stream drawing both mark forms, upright within the page's visible area.

    Fixed at ingest: it only depends on the page's geometry, never on who downloads.
    """
    diagonal = geometry.diagonal_placement(display_width, display_height).matrix()
    footer = geometry.footer_placement(display_width, display_height).matrix()
    return b"".join(
        [
            b"q ",
            numbers(*matrix),
            b" cm\nq ",
            numbers(*diagonal),
            b" cm ",
            diagonal_name,
            b" Do Q\nq ",
            numbers(*footer),
            b" cm ",
            footer_name,
            b" Do Q\nQ\n",
        ]
    )
