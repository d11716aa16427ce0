"""Daily: the written notice and priority for consultations and recommendations past their
service time (DOMAIN.md); the shop files its own for orders."""

from django.core.management.base import BaseCommand

from layanan.services import late_services_flag


class Command(BaseCommand):
    help = (
        "File late-service complaints (notice + priority) for late consultations/recommendations."
    )

    def handle(self, *args, **options):
        complaints = late_services_flag()
        self.stdout.write(self.style.SUCCESS(f"{len(complaints)} layanan terlambat tercatat."))
