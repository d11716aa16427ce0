"""``python manage.py reconcile FILE --bank NAME``: the same import and matching as the
bendahara's upload page, from the command line, with a progress bar and a summary (issue #9)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from pst import roles
from shop.treasury import services
from shop.treasury.matching import MatchKind
from shop.treasury.statements import StatementError


def _treasurer(email: str | None):
    """The account the import is recorded under: ``--user``, else the only Bendahara (or the
    first superuser when no Bendahara exists). Records always name a person."""
    users = get_user_model().objects.filter(is_active=True)
    if email:
        user = users.filter(email__iexact=email).first()
        if user is None or not roles.user_has_role(user, roles.TREASURER):
            raise CommandError(f"{email} bukan akun Bendahara.")
        return user
    treasurers = list(users.filter(Q(groups__name=roles.TREASURER)).distinct()[:2])
    if len(treasurers) == 1:
        return treasurers[0]
    if len(treasurers) > 1:
        raise CommandError("Ada lebih dari satu Bendahara: sebutkan --user EMAIL.")
    superuser = users.filter(is_superuser=True).order_by("pk").first()
    if superuser is None:
        raise CommandError("Tidak ada akun Bendahara: sebutkan --user EMAIL.")
    return superuser


class Command(BaseCommand):
    help = "Impor berkas mutasi bank/MPN (CSV/XLSX) lalu rekonsiliasi hari-hari yang dicakupnya."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--bank", required=True, help="nama pemetaan kolom yang tersimpan")
        parser.add_argument("--user", help="e-mail Bendahara yang mencatat impor ini")
        parser.add_argument("--dry-run", action="store_true", help="baca dan periksa saja")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file: Path, bank: str, user, dry_run, no_progress, **options):
        if not file.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        treasurer = _treasurer(user)
        bar = tqdm(
            total=None,
            unit=" baris",
            disable=no_progress,
            file=self.stderr._out,
            desc="impor",
        )

        def progress(lines_read: int) -> None:
            bar.update(lines_read - bar.n)

        try:
            with file.open("rb") as handle:
                result = services.statement_import(
                    file=handle,
                    bank=bank,
                    user=treasurer,
                    dry_run=dry_run,
                    filename=file.name,
                    progress=progress,
                )
        except StatementError as error:
            raise CommandError(f"Berkas ditolak, tidak ada yang diimpor: {error}") from error
        except services.TreasuryError as error:
            raise CommandError(error.message) from error
        finally:
            bar.close()
        out = self.stdout
        out.write(
            f"Dibaca {result.lines_read} baris: {result.lines_new} baru, "
            f"{result.lines_known} sudah pernah diimpor."
        )
        if dry_run:
            out.write("Uji coba: tidak ada yang disimpan.")
            return
        run = services.reconcile_run(user=treasurer, statement_file=result.statement_file)
        out.write(f"Rekonsiliasi {run.period_start} s.d. {run.period_end}:")
        for kind in MatchKind:
            out.write(f"  {kind.value:<26} {run.counts.get(kind.value, 0):>8}")
        out.write(
            f"Hasil rekonsiliasi #{run.pk}; pengecualian terbuka dapat dilihat di /bendahara/."
        )
