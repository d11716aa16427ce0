"""Uploads are judged by their content (issue #7): real PDF or image, size, pages, readable,
not encrypted."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfWriter

from pst.uploads import UploadRejected, validate_upload


def _pdf(pages=1, password=None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, format=fmt)
    return out.getvalue()


def _check(content: bytes, name="f.pdf", max_bytes=1_000_000, max_pages=5):
    return validate_upload(
        content=content, original_name=name, max_bytes=max_bytes, max_pages=max_pages
    )


@pytest.mark.parametrize(
    ("content", "content_type", "pages"),
    [
        (_pdf(1), "application/pdf", 1),
        (_pdf(5), "application/pdf", 5),  # exactly the page limit
        (_image("PNG"), "image/png", None),
        (_image("JPEG"), "image/jpeg", None),
    ],
)
def test_accepted(content, content_type, pages):
    upload = _check(content)
    assert (upload.content_type, upload.pages, upload.size) == (content_type, pages, len(content))
    assert len(upload.sha256) == 64


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty file"),
        (b"hello, I am a text file named .pdf", "not a PDF or image"),
        (b"%PDF-1.7\n1 0 obj broken", "PDF that cannot be parsed"),
        (_pdf(6), "over the page limit"),
        (_pdf(1, password="rahasia"), "encrypted PDF"),
        (_pdf(1)[: len(_pdf(1)) // 3], "truncated PDF"),
        (_image("PNG")[:40], "truncated PNG"),
        (_image("GIF"), "GIF is not accepted"),
        (b"\xff\xd8\xff" + b"\x00" * 50, "JPEG header without an image"),
    ],
)
def test_refused_with_a_message(content, why):
    with pytest.raises(UploadRejected) as refused:
        _check(content)
    assert refused.value.message, why


def test_size_limit_is_checked_before_parsing():
    with pytest.raises(UploadRejected):
        _check(_pdf(1), max_bytes=100)
