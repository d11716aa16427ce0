"""``manage.py load_regions [--level master|kecamatan|desa]``: load or complete the region
master from the lists shipped in library/data/regions/ (issue #21, docs/regions.md).

Idempotent: a second run changes nothing; an existing region keeps its id and its name."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from library import regions
from library.models import Region


class Command(BaseCommand):
    help = "Load the region master (provinces, kabupaten/kota, kecamatan, desa)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--level",
            choices=("master", "kecamatan", "desa"),
            action="append",
            help="master: nation, provinces and kabupaten/kota (the migration loads these); "
            "kecamatan needs master, desa needs kecamatan. Repeatable; default master.",
        )

    def handle(self, *args, **options):
        for level in options["level"] or ["master"]:
            with transaction.atomic():
                result = regions.sync_regions(Region, regions.rows_for(level))
            self.stdout.write(
                _("%(level)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "level": level,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
