"""Send the written notice for every order past its service time (DOMAIN.md: when service
falls short of the standard the user gets a written notice). Run every working hour."""

from django.core.management.base import BaseCommand

from shop.order.services import orders_check_service_time


class Command(BaseCommand):
    help = "Record and e-mail the late-service notice of orders past their service time."

    def handle(self, *args, **options):
        sent = orders_check_service_time()
        self.stdout.write(f"{sent} late notice(s) sent")
