"""Stamp a PNG or JPEG (map previews, covers) with a tiled, semi-transparent mark.

The visible text is the same line as on PDF pages, repeated diagonally over the whole picture so
that no crop removes it, plus the footer line. The identity is also written invisibly: as an iTXt
chunk in PNG, as a comment segment in JPEG, where `trace` reads it back.
"""

from __future__ import annotations

import io
import json
import math
import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError
from PIL.PngImagePlugin import PngInfo

from . import marks
from .errors import UnreadableImage
from .identity import Identity

IMAGE_MARK_KEY = "PST-Download"
_JPEG_COMMENT_PREFIX = b"PST-Download:"
_FORMATS = {"PNG", "JPEG"}


def _too_many_pixels(picture: Image.Image) -> bool:
    """Over Pillow's bomb guard, read from the header before any pixel is decoded. The site sets
    the guard to its one image bound (``pst.apps``); Pillow itself only refuses at twice it."""
    return picture.width * picture.height > (Image.MAX_IMAGE_PIXELS or math.inf)


def stamp_image(
    image: bytes | str | os.PathLike,
    identity: Identity,
    *,
    opacity: float = 0.22,
    angle: float = 30.0,
    jpeg_quality: int = 90,
) -> bytes:
    """Return the image (PNG or JPEG, same format as given) with the downloader's mark.

    ``opacity`` is the strength of the tiled text (0..1); the footer line is drawn stronger.
    The picture is turned upright first if its EXIF says so, so the mark reads upright as shown.
    """
    data = image if isinstance(image, bytes) else Path(image).read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as opened:
            source_format = opened.format
            if source_format not in _FORMATS:
                raise UnreadableImage(detail=f"format {source_format}")
            if _too_many_pixels(opened):
                raise UnreadableImage(detail=f"{opened.width}x{opened.height} pixels")
            picture = ImageOps.exif_transpose(opened)
            picture.load()
            icc_profile = opened.info.get("icc_profile")
            dpi = opened.info.get("dpi")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise UnreadableImage(detail=repr(exc)) from exc

    picture = _editable(picture, source_format)
    _draw_tiles(picture, identity, opacity, angle)
    _draw_footer(picture, identity)
    return _save(picture, source_format, identity, icc_profile, dpi, jpeg_quality)


def _editable(picture: Image.Image, source_format: str) -> Image.Image:
    """A mode we can draw on in place: RGB, or RGBA when the PNG has transparency."""
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    )
    if source_format == "PNG" and has_alpha:
        return picture.convert("RGBA") if picture.mode != "RGBA" else picture
    return picture.convert("RGB") if picture.mode != "RGB" else picture


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _mark_color(picture: Image.Image, gray: int) -> tuple[int, ...]:
    return (gray, gray, gray, 255) if picture.mode == "RGBA" else (gray, gray, gray)


def _text_mask(text: str, size: int, alpha: int) -> Image.Image:
    """The text as an alpha mask with a margin of one font size around it."""
    font = _font(size)
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (right - left + 2 * size, bottom - top + 2 * size), 0)
    ImageDraw.Draw(mask).text((size - left, size - top), text, fill=alpha, font=font)
    return mask


def _draw_tiles(picture: Image.Image, identity: Identity, opacity: float, angle: float) -> None:
    """Repeat the line along parallel diagonals covering the picture, copies end to end."""
    width, height = picture.size
    size = max(10, round(min(width, height) / 40))
    text = marks.diagonal_line(identity).decode("cp1252")
    mask = _text_mask(text, size, round(255 * max(0.0, min(1.0, opacity))))
    tile = mask.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    advance = mask.width  # the mask already holds a gap of two font sizes
    spacing = size * 7 / max(cos, 0.2)  # vertical distance between diagonals
    color = _mark_color(picture, 90)
    rise = width * sin / max(cos, 0.2)
    for line, base_y in enumerate(_frange(-spacing, height + rise + spacing, spacing)):
        start = -advance * (1 + (line % 2) / 2)
        for along in _frange(start, width / max(cos, 0.2) + advance, advance):
            cx, cy = along * cos, base_y - along * sin
            x, y = round(cx - tile.width / 2), round(cy - tile.height / 2)
            if x < width and y < height and x + tile.width > 0 and y + tile.height > 0:
                picture.paste(color, (x, y, x + tile.width, y + tile.height), tile)


def _frange(start: float, stop: float, step: float):
    value = start
    while value < stop:
        yield value
        value += step


def _draw_footer(picture: Image.Image, identity: Identity) -> None:
    width, height = picture.size
    size = max(9, round(min(width, height) / 60))
    text = marks.footer_line(identity).decode("cp1252")
    font = _font(size)
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, fill=200, font=font)
    x = max(0, (width - mask.width) // 2)
    y = max(0, height - mask.height - size)
    picture.paste(_mark_color(picture, 60), (x, y, x + mask.width, y + mask.height), mask)


def image_mark_payload(identity: Identity) -> str:
    return json.dumps(
        {
            "download_id": identity.download_id,
            "name": identity.name,
            "email": identity.email,
            "date": identity.date.isoformat(),
            "site": identity.site_name,
        },
        ensure_ascii=False,
    )


def _save(picture, source_format, identity, icc_profile, dpi, jpeg_quality) -> bytes:
    out = io.BytesIO()
    options: dict = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if dpi:
        options["dpi"] = dpi
    payload = image_mark_payload(identity)
    if source_format == "PNG":
        info = PngInfo()
        info.add_itxt(IMAGE_MARK_KEY, payload)
        picture.save(out, "PNG", pnginfo=info, optimize=False, **options)
    else:
        picture.save(
            out,
            "JPEG",
            quality=jpeg_quality,
            comment=_JPEG_COMMENT_PREFIX + payload.encode("utf-8"),
            **options,
        )
    return out.getvalue()


def read_image_mark(data: bytes) -> dict | None:
    """The identity `stamp_image` wrote into a PNG or JPEG, or None."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if _too_many_pixels(picture):
                return None  # reading PNG text chunks may decode the pixels
            if picture.format == "PNG":
                raw = getattr(picture, "text", {}).get(IMAGE_MARK_KEY)
            else:
                comment = picture.info.get("comment", b"")
                raw = (
                    comment[len(_JPEG_COMMENT_PREFIX) :].decode("utf-8", "replace")
                    if comment.startswith(_JPEG_COMMENT_PREFIX)
                    else None
                )
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    if not raw:
        return None
    try:
        mark = json.loads(raw)
    except ValueError:
        return None
    return mark if isinstance(mark, dict) else None
