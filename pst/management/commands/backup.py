"""``python manage.py backup FOLDER``: the database and both file stores in one verified archive
(pst/backup.py says what it holds and why it is consistent; docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from pst import backup


class Command(BaseCommand):
    help = "Cadangkan basis data, media publik dan penyimpanan privat ke satu arsip."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="folder tujuan arsip")

    def handle(self, *args, folder: Path, **options):
        try:
            result = backup.backup_create(folder)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Cadangan {result.archive}: basis data dan {result.files} berkas, "
            f"{filesizeformat(result.bytes)}."
        )
        for name in result.missing:
            self.stderr.write(f"PERINGATAN: {name} disebut basis data tetapi tidak ada berkasnya.")
        # The archive's path alone on the last line, for scripts.
        self.stdout.write(str(result.archive))
