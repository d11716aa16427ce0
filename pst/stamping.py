"""One stamped copy for one person: the reader's free download, a page read online and the
buyer's delivered file all carry the same mark, built here (issue #19, "a stamped copy built
twice").

The mark names the account that receives the copy (its full name, or its e-mail when the
account has no name: ``watermark.Identity`` refuses an empty name), the id of this copy and the
office's local day, under the site's name. ``watermark.trace`` reads the same fields back out of
a leaked copy. The callers keep their own log rows (``library.Download``, the shop's delivery
downloads); they call this after choosing the copy's id and before they record it, so a master
that turns out to be broken is refused before anything is written.

Lives in ``pst`` (which may import ``watermark``, STYLE.md layout) so that the library and the
shop can both use it without either importing the other.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.conf import settings

import watermark

from .storage import private_storage


def new_download_id(on: date) -> str:
    """``DL`` + date + random part, e.g. ``DL20260115-3F9A0C21D7``: the id stamped into one copy
    (``watermark.DOWNLOAD_ID_PATTERN``), unique by its log table's constraint."""
    return f"DL{on:%Y%m%d}-{secrets.token_hex(5).upper()}"


def downloader_identity(*, user, download_id: str, on: date) -> watermark.Identity:
    """The mark for ``user``'s copy ``download_id``, dated ``on`` (the office's local day)."""
    return watermark.Identity(
        name=user.get_full_name() or user.email,
        email=user.email,
        download_id=download_id,
        date=on,
        site_name=settings.PST_SITE_NAME,
    )


@dataclass(frozen=True)
class StampedCopy:
    """A PDF master stamped for one downloader, ready to stream.

    ``identity`` is what the copy carries (log it as it is, so the log names the reader the way
    the copy does); ``size`` is the master's size, which every stamped copy has.
    """

    identity: watermark.Identity
    chunks: Iterator[bytes]
    size: int


def stamped_copy(*, user, master_dir: str, download_id: str, on: date) -> StampedCopy:
    """Stamp the prepared master in ``master_dir`` (a folder of the private store) for ``user``.

    The first chunk is produced here: ``watermark.iter_stamped`` checks the master before any
    byte, so a broken master raises ``watermark.MasterCorrupt`` now, inside the caller's
    transaction, instead of halfway through a response whose download is already logged.
    """
    identity = downloader_identity(user=user, download_id=download_id, on=on)
    master = watermark.PreparedMaster.load(private_storage().path(master_dir))
    chunks = watermark.iter_stamped(master, identity)
    first = next(chunks, b"")
    return StampedCopy(
        identity=identity, chunks=itertools.chain((first,), chunks), size=master.file_size
    )


def stamped_image(*, user, image: bytes, download_id: str, on: date) -> bytes:
    """A PNG or JPEG with ``user``'s mark (``watermark.stamp_image``: tiled visible mark, footer,
    and the identity in the image metadata that ``watermark.trace`` reads)."""
    identity = downloader_identity(user=user, download_id=download_id, on=on)
    return watermark.stamp_image(image, identity)
