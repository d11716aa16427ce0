"""The upload probe's class of attack, on every door that takes a file from a user
(issue #15, findings 7 and 9).

Each door is called through the function its form or service calls: the order documents
(checkout and the officer's revision request), the transfer proof and the SPPD (billing), the
complaint evidence (anonymous and named) and the consultation / recommendation attachments.
Every hostile file is refused with a message (never a 500) or stored sanitised.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import uploads as bad

REPO = Path(__file__).resolve().parents[2]

# Pillow warns on every header over its guard; refusing those files is what these tests check.
pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


def _order_document(upload):
    from shop.order.forms import validated_upload

    return validated_upload(upload).content


def _billing_proof(upload):  # transfer proof and SPPD share this check
    from shop.billing.services import checked_upload as _checked_upload

    return _checked_upload(upload).content


def _complaint_anonymous(upload):
    from layanan.services import ANONYMOUS_TYPES, check_uploads

    return check_uploads([upload], allowed=ANONYMOUS_TYPES, strip_metadata=True)[0].content.read()


def _attachment(upload):  # named complaint, consultation, recommendation
    from layanan.services import check_uploads

    return check_uploads([upload])[0].content.read()


DOORS = {
    "order-document": _order_document,
    "transfer-proof-or-sppd": _billing_proof,
    "complaint-anonymous": _complaint_anonymous,
    "attachment": _attachment,
}


def _send(door, name: str, data: bytes):
    """(stored bytes, None) or (None, message)."""
    from pst.uploads import UploadRejected
    from shop.billing.services import BillingError

    try:
        return DOORS[door](SimpleUploadedFile(name, data)), None
    except UploadRejected as rejected:
        return None, rejected.message
    except BillingError as error:
        return None, str(error)


def _active(pdf: bytes) -> bool:
    from pypdf import PdfReader

    from pst.uploads import has_active_content

    return has_active_content(PdfReader(io.BytesIO(pdf)))


@pytest.fixture(autouse=True)
def _indonesian(settings):
    settings.LANGUAGE_CODE = "id"


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(
    ("case", "name", "make"),
    [
        ("html renamed .pdf", "surat.pdf", lambda: bad.HTML),
        ("html with %PDF- in its first KB", "surat.pdf", bad.html_with_pdf_marker),
        ("pdf after leading bytes", "surat.pdf", lambda: b" \r\n" + bad.plain_pdf()),
        ("oversized", "besar.pdf", lambda: bad.plain_pdf() + b"\n%" + b"0" * (6 * 1024 * 1024)),
        ("huge-dimension png", "foto.png", lambda: bad.png_of_size(6300, 6300)),
        ("truncated pdf", "laporan.pdf", bad.truncated_pdf),
    ],
)
def test_hostile_file_is_refused_with_a_message(door, case, name, make):
    stored, message = _send(door, name, make())
    assert stored is None, f"{case} accepted at {door}"
    assert message


@pytest.mark.parametrize("door", DOORS)
def test_pdf_with_javascript_is_stored_without_active_content(door):
    hostile = bad.pdf_with_javascript()
    assert _active(hostile)
    stored, message = _send(door, "surat.pdf", hostile)
    if stored is None:
        assert message
        return
    assert stored.startswith(b"%PDF-")
    assert not _active(stored)
    for marker in (b"/JavaScript", b"/OpenAction", b"/Launch", b"/EmbeddedFiles", b"app.alert"):
        assert marker not in stored


def test_office_file_with_macros_is_refused():
    """Only the named attachments take Office files at all; a VBA project is not one."""
    stored, message = _send("attachment", "laporan.docx", bad.docx_with_macros())
    assert stored is None
    assert "bukan berkas yang diterima" in message.lower()


@pytest.mark.parametrize("door", DOORS)
def test_remote_goto_link_is_removed(door):
    hostile = bad.pdf_with_remote_goto()
    stored, message = _send(door, "surat.pdf", hostile)
    assert message is None
    assert b"/GoToR" not in stored and not _active(stored)


def test_an_action_chain_that_loops_ends():
    """A ``/Next`` that points back at its own action is read once, not for ever."""
    stored, message = _send("order-document", "surat.pdf", bad.pdf_with_action_cycle())
    assert message is None and stored.startswith(b"%PDF-")


@pytest.mark.django_db
def test_wks_map_master_is_stored_without_active_content():
    """The officer's map master door stores what the check returns, not the bytes it got."""
    from catalogue import selectors, services
    from tests.factories.catalogue import wks_product

    product = wks_product()
    services.wks_map_master_attach(
        product=product, content=bad.pdf_with_javascript(), filename="peta.pdf"
    )
    stored = selectors.wks_map_master(product)
    assert stored.startswith(b"%PDF-") and not _active(stored)


@pytest.mark.django_db
def test_wks_map_master_refuses_html_with_a_pdf_inside():
    from catalogue import services
    from tests.factories.catalogue import wks_product

    with pytest.raises(services.WksMapMasterRejected):
        services.wks_map_master_attach(
            product=wks_product(), content=bad.html_with_pdf_marker(), filename="peta.pdf"
        )


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("sample", ["rotated_0_90.pdf", "sizes_3_different.pdf"])
def test_real_pdf_starting_at_offset_0_is_accepted(door, sample):
    data = (bad.SHARED_PDFS / sample).read_bytes()
    stored, message = _send(door, sample, data)
    assert message is None
    if door != "complaint-anonymous":  # only the anonymous path rewrites a clean PDF
        assert stored == data


@pytest.mark.parametrize("door", DOORS)
def test_phone_photo_size_png_is_accepted(door):
    stored, message = _send(door, "ktp.png", bad.png_of_size(4032, 3024, rgba=False))
    assert message is None and stored.startswith(b"\x89PNG")


def test_refusal_of_a_bomb_is_in_indonesian():
    _stored, message = _send("attachment", "foto.png", bad.png_of_size(6300, 6300))
    assert "resolusi" in message.lower()


def test_one_pixel_bound_for_every_image_path(settings):
    """Uploads, Pillow's own guard (every Image.open: watermark, Wagtail renditions) and
    Wagtail's image upload all use one number."""
    from PIL import Image

    from pst.uploads import MAX_IMAGE_PIXELS

    assert Image.MAX_IMAGE_PIXELS == MAX_IMAGE_PIXELS <= 25_000_000
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == MAX_IMAGE_PIXELS


def test_watermark_refuses_an_image_over_the_bound_before_decoding():
    import watermark
    from watermark.image import read_image_mark, stamp_image

    identity = watermark.Identity(name="Ani", email="ani@example.id", download_id="DL-0001")
    with pytest.raises(watermark.WatermarkError):
        stamp_image(bad.png_of_size(6300, 6300), identity)
    assert read_image_mark(bad.png_of_size(6300, 6300)) is None


# --- Memory (finding 7) ------------------------------------------------------------------------
#
# A 6300x6300 RGBA PNG (about 150 KB compressed) took 606 MB on the complaint path before the
# fix. Two measures: tracemalloc for everything Python allocates (the old strip copied the
# pixels into a 159 MB bytes object), and, since tracemalloc does not see Pillow's image buffers
# (malloc in its C arena, not PyMem), Pillow's own count of images it created plus the growth of
# ru_maxrss in a fresh process.

#: Stated bound on what checking one refused bomb may allocate in Python (the file is ~150 KB,
#: the upload is read once, pypdf and Pillow headers are small).
BOMB_PYTHON_PEAK_MB = 8


@pytest.mark.parametrize("door", DOORS)
def test_bomb_png_peak_python_memory_is_below_the_bound(door):
    import tracemalloc

    from PIL import Image

    data = bad.png_of_size(6300, 6300)
    _send(door, "pemanasan.png", bad.png_of_size(16, 16))  # imports and caches outside the peak
    images_before = Image.core.get_stats()["new_count"]
    tracemalloc.start()
    try:
        stored, message = _send(door, "foto.png", data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored is None and message
    assert peak < BOMB_PYTHON_PEAK_MB * 1024 * 1024, f"peak {peak / 2**20:.1f} MB at {door}"
    assert Image.core.get_stats()["new_count"] == images_before, "pixels were decoded"


MEMORY_SCRIPT = textwrap.dedent(
    """
    import os, resource, sys
    sys.path.insert(0, {repo!r})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation
    from layanan.services import ANONYMOUS_TYPES, check_uploads
    from pst.uploads import UploadRejected
    from tests.factories.uploads import png_of_size
    translation.activate("id")
    data = png_of_size({width}, {height}, rgba={rgba})
    warm = png_of_size(16, 16)
    check_uploads([SimpleUploadedFile("w.png", warm)], allowed=ANONYMOUS_TYPES,
                  strip_metadata=True)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        check_uploads([SimpleUploadedFile("f.png", data)], allowed=ANONYMOUS_TYPES,
                      strip_metadata=True)
    except UploadRejected:
        pass
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) // 1024)
    """
)


def _peak_growth_mb(width: int, height: int, rgba: bool) -> int:
    script = MEMORY_SCRIPT.format(repo=str(REPO), width=width, height=height, rgba=rgba)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("width", "height", "rgba", "limit_mb"),
    [
        (6300, 6300, True, 20),  # the probe's bomb: refused from the header, nothing decoded
        (4032, 3024, False, 120),  # a 12 MP phone photo (36 MB decoded) stripped: decode + save
    ],
)
def test_peak_memory_of_an_image_upload_is_bounded(width, height, rgba, limit_mb):
    assert _peak_growth_mb(width, height, rgba) < limit_mb


# --- Through the page: a bad file is a message on the form, never a 500 -------------------------

COMPLAINT = {
    "service": "perpustakaan",
    "what": "Unduhan publikasi gagal terus.",
    "where": "Halaman e-pustaka",
    "occurred_on": "2026-11-02",
    "who": "-",
    "how": "Tombol unduh memberi galat.",
    "reference": "DL-123",
    "anonymous": "on",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("foto.png", lambda: bad.png_of_size(6300, 6300), "resolusi"),
        ("surat.pdf", bad.html_with_pdf_marker, "bukan berkas yang diterima"),
    ],
)
def test_complaint_page_answers_a_bad_file_with_an_indonesian_message(client, name, make, says):
    from layanan.models import Complaint

    evidence = SimpleUploadedFile(name, make())
    response = client.post("/layanan/pengaduan/baru/", {**COMPLAINT, "evidence": [evidence]})
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert says in " ".join(response.context["form"].non_field_errors()).lower()


@pytest.mark.django_db
def test_complaint_page_stores_a_scripted_pdf_without_its_scripts(client):
    from layanan.models import Complaint

    evidence = SimpleUploadedFile("surat.pdf", bad.pdf_with_javascript())
    response = client.post("/layanan/pengaduan/baru/", {**COMPLAINT, "evidence": [evidence]})
    assert response.status_code == 200  # the page with the tracking code
    stored = Complaint.objects.get().evidence.get().file.read()
    assert stored.startswith(b"%PDF-") and not _active(stored)
