"""``pst.stamping``: the one mark the library download, the online reader and the shop delivery
put on a copy (issue #19). A leaked copy names the account, the copy and the office's day."""

from __future__ import annotations

import datetime
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

import watermark
from pst import stamping
from pst.storage import private_storage
from tests.factories import UserFactory
from tests.factories.library import PublicationPageFactory

pytestmark = pytest.mark.django_db

#: The caller passes the office's local day (31 December, a year's last day); the copy carries
#: that day, whatever the server's clock says.
OFFICE_DAY = datetime.date(2026, 12, 31)


def test_a_stamped_copy_traces_back_to_the_account_and_the_copy(settings):
    settings.PST_SITE_NAME = "PST BPS Sulawesi Selatan"
    page = PublicationPageFactory()
    reader = UserFactory(full_name="Siti Nurhaliza", email="siti@example.id")
    download_id = stamping.new_download_id(OFFICE_DAY)

    copy = stamping.stamped_copy(
        user=reader, master_dir=page.master_dir, download_id=download_id, on=OFFICE_DAY
    )
    body = b"".join(copy.chunks)

    assert download_id.startswith("DL20261231-")
    assert len(body) == copy.size == page.file_size
    assert (copy.identity.name, copy.identity.email) == ("Siti Nurhaliza", "siti@example.id")
    assert copy.identity.site_name == "PST BPS Sulawesi Selatan"
    found = watermark.trace(body)
    assert found.download_id == download_id
    assert (found.name, found.email, found.date) == (
        "Siti Nurhaliza",
        "siti@example.id",
        "2026-12-31",
    )


def test_an_account_without_a_name_is_marked_with_its_email():
    """``watermark.Identity`` refuses an empty name; the e-mail stands in, as on the site."""
    reader = UserFactory(full_name="", email="tanpa.nama@example.id")
    identity = stamping.downloader_identity(user=reader, download_id="DL-TEST-1", on=OFFICE_DAY)
    assert identity.name == "tanpa.nama@example.id"


def test_a_broken_master_is_refused_before_the_first_byte(tmp_path: Path):
    page = PublicationPageFactory()
    broken = f"{page.master_dir}-rusak"
    shutil.copytree(private_storage().path(page.master_dir), private_storage().path(broken))
    master_pdf = Path(private_storage().path(broken)) / watermark.master.MASTER_FILENAME
    master_pdf.write_bytes(master_pdf.read_bytes()[:-4096])
    try:
        with pytest.raises(watermark.MasterCorrupt):
            stamping.stamped_copy(
                user=UserFactory(), master_dir=broken, download_id="DL-TEST-2", on=OFFICE_DAY
            )
    finally:  # the private store outlives the test: leave no broken master for the next ones
        shutil.rmtree(private_storage().path(broken))


def test_a_stamped_image_names_its_receiver():
    out = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(out, format="PNG")
    reader = UserFactory(full_name="Budi Santoso", email="budi@example.id")
    stamped = stamping.stamped_image(
        user=reader, image=out.getvalue(), download_id="BACA-42", on=OFFICE_DAY
    )
    found = watermark.trace(stamped)
    assert (found.download_id, found.name, found.date) == ("BACA-42", "Budi Santoso", "2026-12-31")
