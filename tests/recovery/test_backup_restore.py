"""Issue #23, "Recovery": ``manage.py backup`` of a seeded site, restored by ``manage.py
restore`` in another process onto an empty database and empty data folder, holds every row of
every table (orders, payments, kuitansi, downloads…) and every file of both stores (covers,
masters, PDFs, uploads) with the same sha256; the restored site still stamps a reader's
download; a restore onto a site that is not empty is refused unless ``--force``.

SQLite in the sqlite phase, PostgreSQL (pg_dump/pg_restore) in the postgres phase."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

import watermark
from library.models import Download
from pst import backup
from pst.models import User

from .conftest import table_counts, tree_hashes

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

#: Tables the check insists are not empty in the seeded demo, so "equal counts" proves
#: something for what the issue names: orders, payments, kuitansi, masters and PDFs.
MUST_HOLD = ("order_order", "billing_payment", "billing_receipt", "library_publicationpage")


def test_seeded_backup_restores_every_row_and_file_and_still_stamps(tmp_path, sites):
    call_command("seed_demo", count=6, verbosity=0)
    counts = table_counts()
    for table in MUST_HOLD:
        assert counts.get(table, 0) > 0, f"the demo has no {table}: the check would prove nothing"
    stores = {
        store: tree_hashes(Path(storages[alias].location)) for store, alias in backup.STORES.items()
    }
    assert any(name.startswith("masters/") for name in stores["private"])

    result = backup.backup_create(tmp_path / "backups")
    assert result.missing == []
    with tarfile.open(result.archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format"] == "pst-backup" and manifest["version"] == backup.VERSION
    listed = {m["path"]: m["sha256"] for m in manifest["members"]}
    for store, hashes in stores.items():
        for name, digest in hashes.items():
            assert listed[f"{store}/{name}"] == digest

    site = sites.empty("restored")
    restored = site.manage("restore", str(result.archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr

    assert site.table_counts() == counts
    assert tree_hashes(site.folder / "media") == stores["media"]
    assert tree_hashes(site.folder / "private") == stores["private"]

    # A second restore onto the now full site is refused, and says how to go on.
    again = site.manage("restore", str(result.archive))
    assert again.returncode != 0
    assert "tidak kosong" in again.stderr and "--force" in again.stderr
    assert site.table_counts() == counts

    # The restored site still stamps: the reader's download answers a PDF carrying the
    # reader's name and a download id that the restored log holds.
    reader = User.objects.get(email="pembaca@pst.demo")
    # The free title the demo reader already downloaded once (demo/activity.py).
    publication = Download.objects.filter(reader=reader).earliest("pk").publication
    body_file = tmp_path / "download.pdf"
    answer = site.result(
        "http",
        "POST",
        reverse("library:download", args=[publication.pk]),
        "--user",
        reader.email,
        PST_TEST_BODY_OUT=str(body_file),
    )
    assert (answer["status"], answer["content_type"]) == (200, "application/pdf"), answer
    body = body_file.read_bytes()
    traced = watermark.trace(body).download_id
    logged = site.eval(
        "from library.models import Download\n"
        f"emit(list(Download.objects.filter(download_id={traced!r}).values_list("
        "'reader__email', flat=True)))"
    )
    assert logged == [reader.email]
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())
    assert reader.full_name in text
    assert not Download.objects.filter(download_id=traced).exists()  # written there, not here


def test_force_replaces_a_site_that_is_not_empty(tmp_path, sites):
    User.objects.create_user(email="satu@example.com", password="x" * 12)
    first = backup.backup_create(tmp_path / "one")
    site = sites.copy("target")
    User.objects.create_user(email="dua@example.com", password="x" * 12)
    (site.folder / "media").mkdir(exist_ok=True)
    (site.folder / "media" / "stray.txt").write_text("left over")
    second = backup.backup_create(tmp_path / "two")
    refused = site.manage("restore", str(second.archive))
    assert refused.returncode != 0 and "--force" in refused.stderr
    forced = site.manage("restore", "--force", str(second.archive))
    assert forced.returncode == 0, forced.stderr
    emails = site.eval(
        "from pst.models import User\nemit(sorted(User.objects.values_list('email', flat=True)))"
    )
    assert emails == ["dua@example.com", "satu@example.com"]
    assert not (site.folder / "media" / "stray.txt").exists()
    assert first.archive != second.archive or first.archive.exists()


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path, sites):
    User.objects.create_user(email="satu@example.com", password="x" * 12)
    result = backup.backup_create(tmp_path / "backups")
    with tarfile.open(result.archive) as tar:
        offset = tar.getmember(
            "database.sqlite3" if "sqlite" in tar.getnames()[0] else "database.dump"
        ).offset_data
    data = bytearray(result.archive.read_bytes())
    data[offset + 100] ^= 0xFF  # inside the database copy
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(data))
    site = sites.empty("target")
    refused = site.manage("restore", str(damaged))
    assert refused.returncode != 0 and "rusak" in refused.stderr
    assert site.table_counts() == {}
