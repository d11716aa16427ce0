"""Close delivered orders after PST_ORDER_AUTOCLOSE_DAYS without a correction request (step 10
of the sale procedure); the buyer is e-mailed and asked to rate. Run daily (cron/systemd)."""

from django.core.management.base import BaseCommand

from shop.order.services import orders_autoclose


class Command(BaseCommand):
    help = "Close delivered orders whose correction period has passed."

    def handle(self, *args, **options):
        closed = orders_autoclose()
        self.stdout.write(f"{closed} order(s) closed")
