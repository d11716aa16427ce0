"""The watermark library's refusals in the page's language (issue #17, "one voice").

``watermark`` is a plain library without Django: each error carries one Indonesian
``default_message`` (watermark/errors.py). A librarian working in English read "Berkas ini bukan
PDF yang dapat dibaca …" in the Wagtail form; the site shows the same sentence from its own
catalogue instead, so the English page gets English and the Indonesian page the text it had.
A message raised with its own wording (e.g. the size limit, already translated where it is
raised) is shown as given.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

import watermark

#: The error class's name → the site's wording of its ``default_message``.
MESSAGES = {
    "WatermarkError": _("The file cannot be prepared for watermarking."),
    "PasswordRequired": _(
        "This PDF is protected with a user password; upload a version without a password "
        "or enter its password."
    ),
    "UnreadablePdf": _(
        "This file is not a readable PDF (damaged structure or no pages); check the original "
        "file and upload it again."
    ),
    "UnreadableImage": _("This image cannot be read; use PNG or JPEG."),
    "InvalidIdentity": _("The downloader's details cannot go into a watermark."),
    "MasterCorrupt": _(
        "The prepared master for watermarking is damaged or missing; prepare it again from "
        "the original file."
    ),
    "PdfTooLarge": _("The PDF file is too large."),
}


def refusal_text(error: watermark.WatermarkError) -> str:
    """What a person reads for ``error``: the site's wording of a default message, or the
    message the code raised it with."""
    for cls in type(error).__mro__:
        default = getattr(cls, "default_message", None)
        if cls.__name__ in MESSAGES and error.message == default:
            return str(MESSAGES[cls.__name__])
    return error.message
