"""Typed errors with a message a librarian can act on.

Every error carries ``message`` in Indonesian (shown in the upload form or the admin) and, when
useful, a technical ``detail`` in English for the log.
"""

from __future__ import annotations


class WatermarkError(Exception):
    """Base class: anything the watermark library refuses or cannot do."""

    default_message = "Berkas tidak dapat diproses untuk tanda air."

    def __init__(self, message: str | None = None, *, detail: str | None = None) -> None:
        self.message = message or self.default_message
        self.detail = detail
        super().__init__(self.message if detail is None else f"{self.message} ({detail})")


class PasswordRequired(WatermarkError):
    """The PDF needs a user password to open: we cannot read it, so we cannot stamp it."""

    default_message = (
        "Berkas PDF ini dilindungi kata sandi pengguna; unggah versi tanpa kata sandi "
        "atau masukkan kata sandinya."
    )


class UnreadablePdf(WatermarkError):
    """The file is not a PDF we can read, even after repair, or it has no readable pages."""

    default_message = (
        "Berkas ini bukan PDF yang dapat dibaca (struktur rusak atau tidak ada halaman); "
        "periksa berkas aslinya lalu unggah ulang."
    )


class UnreadableImage(WatermarkError):
    """The image is not a PNG or JPEG that Pillow can open."""

    default_message = "Berkas gambar ini tidak dapat dibaca; gunakan PNG atau JPEG."


class InvalidIdentity(WatermarkError, ValueError):
    """The downloader's identity cannot go into a mark (e.g. a download id with odd characters)."""

    default_message = "Data pengunduh tidak valid untuk tanda air."


class MasterCorrupt(WatermarkError):
    """The prepared master on disk is missing, from another version, or was changed after ingest."""

    default_message = (
        "Master berkas untuk tanda air rusak atau hilang; siapkan ulang dari berkas asli."
    )
