"""``python manage.py search_reindex``: rebuild the whole search index, with a progress bar.

Extracts PDF text only for publications that lack it for their current file, then rebuilds the
configured backend (Elasticsearch: a new index and an atomic alias swap; database: one
transaction).
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import documents, services
from search.backends import get_backend


class Command(BaseCommand):
    help = "Rebuild the site-wide search index (publications, microdata, WKS maps)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="do not read PDFs that have no extracted text yet",
        )

    def handle(self, *args, no_extract: bool = False, **options):
        total = documents.count_documents()
        backend = get_backend()
        with tqdm(
            total=total,
            unit="dok",
            desc="Indeks pencarian",
            disable=options["verbosity"] == 0,
            file=self.stderr,
        ) as bar:
            count = services.search_reindex(progress=bar.update, extract=not no_extract)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indeks pencarian dibangun ulang: {count} dokumen ({type(backend).__name__})."
            )
        )
