"""Map previews and covers: a tiled, semi-transparent mark and an invisible identity."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from watermark import Identity, UnreadableImage, stamp_image, trace


def _image(format_: str, size=(600, 400), mode="RGB", color=(240, 240, 240), **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format_, **save)
    return out.getvalue()


@pytest.mark.parametrize(
    ("format_", "mode", "color"),
    [
        ("PNG", "RGB", (240, 240, 240)),
        ("PNG", "RGBA", (240, 240, 240, 0)),
        ("PNG", "L", 240),
        ("PNG", "P", 3),
        ("JPEG", "RGB", (240, 240, 240)),
        ("JPEG", "L", 240),
    ],
)
def test_stamped_image_keeps_format_and_size_and_is_marked(format_, mode, color, identity):
    source = _image(format_, mode=mode, color=color)
    stamped = stamp_image(source, identity)
    with Image.open(io.BytesIO(stamped)) as picture:
        assert picture.format == format_
        assert picture.size == (600, 400)
        changed = _changed_share(source, stamped)
    # tiled over the picture, yet light: most pixels untouched
    assert 0.02 < changed < 0.5, changed
    assert trace(stamped).download_id == identity.download_id


def _changed_share(before: bytes, after: bytes) -> float:
    a = Image.open(io.BytesIO(before)).convert("RGBA")
    b = Image.open(io.BytesIO(after)).convert("RGBA")
    differing = sum(
        1
        for p, q in zip(a.getdata(), b.getdata(), strict=True)
        if max(abs(x - y) for x, y in zip(p, q, strict=True)) > 12
    )
    return differing / (a.width * a.height)


def test_mark_covers_every_region_of_the_picture(identity):
    """No crop of a quarter of the picture escapes the mark."""
    stamped = Image.open(io.BytesIO(stamp_image(_image("PNG", size=(800, 800)), identity)))
    for left in (0, 400):
        for top in (0, 400):
            quarter = stamped.crop((left, top, left + 400, top + 400)).convert("L")
            assert quarter.getextrema()[0] < 230, (left, top)


def test_trace_reads_the_full_identity_from_png_and_jpeg(identity):
    unicode_identity = Identity("Đặng 名前", "x@例え.jp", "DL-2026-000999", "2026-11-20")
    for format_ in ("PNG", "JPEG"):
        result = trace(stamp_image(_image(format_), unicode_identity))
        assert (result.download_id, result.name, result.email, result.date) == (
            "DL-2026-000999",
            "Đặng 名前",
            "x@例え.jp",
            "2026-11-20",
        )
        assert result.evidence == {"image_metadata": "DL-2026-000999"}


def test_exif_rotation_is_applied_so_the_mark_reads_upright(identity):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to display
    source = _image("JPEG", size=(600, 400), exif=exif.tobytes())
    with Image.open(io.BytesIO(stamp_image(source, identity))) as picture:
        assert picture.size == (400, 600)
        assert picture.getexif().get(0x0112) in (None, 1)


def test_path_input_and_icc_profile_are_kept(identity, tmp_path):
    path = tmp_path / "cover.png"
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path.write_bytes(_image("PNG", icc_profile=profile))
    with Image.open(io.BytesIO(stamp_image(path, identity))) as picture:
        assert picture.info.get("icc_profile") == profile


@pytest.mark.parametrize("data", [b"not an image", _image("GIF")])
def test_other_files_are_refused(data, identity):
    with pytest.raises(UnreadableImage):
        stamp_image(data, identity)


def test_unmarked_image_has_no_trace():
    assert trace(_image("PNG")) is None
