"""``python manage.py restore ARCHIVE [--force]``: put a ``backup`` archive back onto an empty
database and empty file stores (pst/backup.py; docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pst import backup


class Command(BaseCommand):
    help = "Pulihkan arsip cadangan ke basis data dan folder data yang kosong."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="hapus isi basis data dan penyimpanan tujuan lebih dulu",
        )
        parser.add_argument(
            "--verify-only", action="store_true", help="periksa arsip saja, tanpa memulihkan"
        )

    def handle(self, *args, archive: Path, force: bool, verify_only: bool, **options):
        if not archive.is_file():
            raise CommandError(f"Arsip {archive} tidak ada.")
        try:
            if verify_only:
                manifest = backup.archive_verify(archive)
                self.stdout.write(
                    f"Arsip utuh: {len(manifest['members'])} anggota cocok dengan manifest."
                )
                return
            manifest = backup.backup_restore(archive, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Dipulihkan dari {archive} (dibuat {manifest['created_at']}): basis data "
            f"{manifest['database']['vendor']} dan {len(manifest['members']) - 1} berkas. "
            "Jalankan `manage.py migrate` bila versi situs ini lebih baru dari cadangannya."
        )
