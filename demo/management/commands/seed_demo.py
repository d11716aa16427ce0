"""``python manage.py seed_demo``: a believable demo site, built through the real code paths.

Idempotent (re-running changes nothing that exists); prints the demo accounts.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.seed import DEMO_PASSWORD, seed_all


class Command(BaseCommand):
    help = (
        "Build the demo PST site (publications, products, one user per role, orders, "
        "payments, treasury and layanan records). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=64, help="number of publications")

    def handle(self, *args, count: int, **options):
        def progress(message: str) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  + {message}")

        result = seed_all(count=count, progress=progress)
        # The demo's search works at once, also when an earlier seed predates the index.
        call_command("search_reindex", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo siap: {result['publications']} publikasi, {result['products']} produk."
            )
        )
        activity = result["activity"]
        if any(activity.values()):
            self.stdout.write(
                f"Aktivitas demo: {activity['payments']} pesanan dengan pembayaran, "
                f"{activity['statement_lines']} baris rekening koran direkonsiliasi, "
                f"{activity['layanan']} catatan layanan (konsultasi, rekomendasi, pengaduan, "
                "buku tamu)."
            )
        self.stdout.write(f"Akun demo (kata sandi semua akun: {DEMO_PASSWORD}):")
        for account in result["accounts"]:
            role = account.role or "pembaca/pembeli"
            self.stdout.write(f"  {account.email:<24} {role}")
