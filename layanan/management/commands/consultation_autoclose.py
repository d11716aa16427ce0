"""Daily: close consultations whose user has not replied for 7 days (DOMAIN.md)."""

from django.core.management.base import BaseCommand

from layanan.services import AUTOCLOSE_DAYS, consultation_autoclose


class Command(BaseCommand):
    help = f"Close answered consultations without a reply from the user for {AUTOCLOSE_DAYS} days."

    def handle(self, *args, **options):
        closed = consultation_autoclose()
        for consultation in closed:
            self.stdout.write(f"{consultation.number} ditutup otomatis")
        self.stdout.write(self.style.SUCCESS(f"{len(closed)} konsultasi ditutup."))
