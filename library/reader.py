"""Read online: page images rendered from the watermark master on demand (issue #4, "Readers").

A page image is rendered once per master, page and width with poppler's ``pdftoppm`` (Debian
``poppler-utils``, installed by ``make install``) and kept in a private cache folder beside the
masters (``cache/pages/<master>/<page>-<width>.png`` in the private store, so under DATA_DIR in
production, never under MEDIA_ROOT). The cached image is the *unmarked* page; every response is
stamped for the reader who asks with ``watermark.stamp_image``, the same mark as a download, so a
screenshot or a saved image still names its reader. A new upload gets a new master folder, hence
a new cache key: no stale page is ever served.

Who may read is decided in ``library.selectors.publication_readable_by`` (the download rules).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import watermark
import watermark.geometry
from pst.stamping import stamped_image
from pst.storage import private_storage

#: Widths a reader may ask for (CSS pixels × device ratio). A fixed list keeps the cache bounded.
PAGE_WIDTHS = (800, 1200, 1600)
DEFAULT_WIDTH = 1200
COVER_WIDTH = 600
#: Page images per screen of the online reader (each screen is one page of navigation).
PAGES_PER_SCREEN = 10
RENDER_TIMEOUT_SECONDS = 60


class PageRenderError(Exception):
    """``pdftoppm`` could not render the page (missing binary, broken page, timeout)."""


def render_pdf_page(pdf_path: str | os.PathLike, page_number: int, width: int) -> bytes:
    """PNG bytes of one page (1-based), scaled to ``width`` pixels wide, via ``pdftoppm``.

    ``-scale-to-x`` with ``-scale-to-y -1`` keeps the aspect ratio of the page as the reader sees
    it (pdftoppm honours /Rotate and the crop box).
    """
    with tempfile.TemporaryDirectory(prefix="pst-render-") as tmp:
        out_base = Path(tmp) / "page"
        command = [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-f",
            str(page_number),
            "-l",
            str(page_number),
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(pdf_path),
            str(out_base),
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed argument list, no shell
                command, check=True, capture_output=True, timeout=RENDER_TIMEOUT_SECONDS
            )
            return out_base.with_suffix(".png").read_bytes()
        except (OSError, subprocess.SubprocessError) as exc:
            raise PageRenderError(f"pdftoppm failed on page {page_number}: {exc!r}") from exc


def page_heights(master_dir: str, width: int) -> dict[int, int]:
    """Height in pixels of each page rendered ``width`` wide, as the reader sees it (from the
    master's manifest). The reader's ``<img>`` tags carry it, so the browser reserves the space
    and lazy loading fetches only the pages near the viewport."""
    master = watermark.PreparedMaster.load(private_storage().path(master_dir))
    heights = {}
    for number, page in enumerate(master.pages, start=1):
        shown_width, shown_height = watermark.geometry.display_size(page.box, page.rotation)
        heights[number] = (
            max(1, round(width * shown_height / shown_width)) if shown_width else width
        )
    return heights


def master_pdf_path(master_dir: str) -> Path:
    return Path(private_storage().path(master_dir)) / watermark.master.MASTER_FILENAME


def cached_page_png(*, master_dir: str, page_number: int, width: int) -> bytes:
    """The unmarked page image, from the cache or rendered now and cached (atomic rename, so
    two readers rendering the same page at once never see half a file)."""
    key = Path(master_dir).name
    cache_file = Path(private_storage().path(f"cache/pages/{key}/{page_number}-{width}.png"))
    if cache_file.is_file():
        return cache_file.read_bytes()
    png = render_pdf_page(master_pdf_path(master_dir), page_number, width)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=cache_file.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(png)
    os.replace(tmp_name, cache_file)
    return png


def reading_mark_id(user) -> str:
    """The id on a page image names the account (``BACA-<pk>``), so a screenshot leads back to
    the reader like a download does (there is no log row per image)."""
    return f"BACA-{user.pk}"


def stamped_page_png(*, master_dir: str, page_number: int, width: int, user, on: date) -> bytes:
    """The page image as one reader receives it: the cached render with their mark
    (``pst.stamping``, the mark of a download), dated ``on`` (the office's local day)."""
    return stamped_image(
        user=user,
        image=cached_page_png(master_dir=master_dir, page_number=page_number, width=width),
        download_id=reading_mark_id(user),
        on=on,
    )
