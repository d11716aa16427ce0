"""Let invoices lapse one month after issue without payment (DOMAIN.md: "Invoices are valid
for one month"): cancel their orders and void their unpaid kode billing codes. Idempotent; run
daily after midnight (docs/operations.md, "Scheduled commands")."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from pst.clock import office_today
from shop.treasury import selectors
from shop.treasury.services import invoices_expire


class Command(BaseCommand):
    help = "Cancel orders whose invoice lapsed unpaid and void their kode billing codes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="today",
            help="Run as if today were this date (YYYY-MM-DD); default: today, office time.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the orders that would be cancelled; change nothing.",
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        today = self._parse(today) if today else office_today()
        if dry_run:
            orders = list(selectors.orders_with_lapsed_invoice(today=today))
            for order in orders:
                until = order.current_invoice.valid_until
                self.stdout.write(f"would cancel {order.number} (invoice valid until {until})")
            self.stdout.write(f"{len(orders)} order(s) would be cancelled (dry run)")
            return
        report = invoices_expire(today=today)
        for number in report.cancelled:
            self.stdout.write(f"cancelled {number}: invoice lapsed unpaid")
        for number, reason in report.skipped:
            self.stdout.write(f"skipped {number}: {reason}")
        self.stdout.write(
            f"{len(report.cancelled)} order(s) cancelled, {len(report.skipped)} skipped"
        )

    @staticmethod
    def _parse(value: str) -> datetime.date:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD") from None
