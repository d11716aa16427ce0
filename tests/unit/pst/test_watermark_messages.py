"""The watermark library's refusals read in the page's language (issue #17)."""

from __future__ import annotations

import pytest
from django.utils import translation

import watermark
from library.ingest import PdfTooLarge
from pst.watermark_messages import MESSAGES, refusal_text

ERRORS = [
    watermark.WatermarkError,
    watermark.PasswordRequired,
    watermark.UnreadablePdf,
    watermark.UnreadableImage,
    watermark.InvalidIdentity,
    watermark.MasterCorrupt,
    PdfTooLarge,
]


@pytest.mark.parametrize("error_class", ERRORS, ids=lambda cls: cls.__name__)
def test_the_indonesian_page_reads_the_librarys_own_sentence(error_class):
    """The catalogue's Indonesian is the library's default message, word for word: the two
    cannot drift apart unnoticed."""
    assert error_class.__name__ in MESSAGES
    with translation.override("id"):
        assert refusal_text(error_class(detail="technical")) == error_class.default_message


@pytest.mark.parametrize("error_class", ERRORS, ids=lambda cls: cls.__name__)
def test_the_english_page_reads_english(error_class):
    with translation.override("en"):
        text = refusal_text(error_class())
        assert text == str(MESSAGES[error_class.__name__])
    assert text != error_class.default_message


def test_a_message_raised_with_its_own_words_is_kept():
    error = PdfTooLarge("The PDF is 60 MB; the largest accepted file is 50 MB.")
    with translation.override("en"):
        assert refusal_text(error) == error.message
