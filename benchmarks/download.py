"""The reader's download through the real view: time to first byte and throughput of a
watermarked copy of the 500-page report, against serving the same file unstamped.

Both go through the same Django stack (URL resolution, session and auth middleware, the page
lookup) and are consumed the way a WSGI server consumes them, chunk by chunk:

  stamped  POST /pustaka/unduh/<id>/: library.views.publication_download, i.e. the rate-limit
           check, the Download log row (one INSERT in a transaction) and
           watermark.iter_stamped streaming the copy
  plain    POST /bench/plain/<id>/: the same page lookup and login check, then Django's
           FileResponse of the uploaded PDF (what a site without watermarking would do): the
           baseline

  ttfb     from sending the request until the first body chunk is in hand
  total    until the last chunk; throughput = bytes / total

Two transports, both in one run: the Django test client (the view and middleware alone) and, with
--live, a real HTTP server on 127.0.0.1 (Django's threaded WSGI server, as ``runserver``) read
with http.client, which adds the socket and the WSGI layer. Medians over the repetitions; the
ratios are stamped/plain. The database is a SQLite file migrated once (``--db``, kept between
runs). Not part of the test suite.

    .venv/bin/python benchmarks/download.py [--quick] [--live] [--db PATH]
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from pst.clock import office_today

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import FileResponse  # noqa: E402
from django.shortcuts import get_object_or_404  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

CHUNK = 64 * 1024
#: The live requests pass Django's CSRF check like a browser: the same secret in the cookie
#: and the X-CSRFToken header.
CSRF = "b" * 32


def _bench_watermark_module():
    """benchmarks/watermark.py builds the 500-page report; load it by path (its name would
    shadow the watermark package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_watermark", REPO_ROOT / "benchmarks" / "watermark.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@csrf_exempt
@login_required
def plain_download(request, page_id: int):
    """The baseline: the same page lookup as the real view, then the file as it was uploaded."""
    from library.models import PublicationPage

    page = get_object_or_404(PublicationPage.objects.live().public(), pk=page_id)
    response = FileResponse(page.pdf.open("rb"), content_type="application/pdf")
    response.block_size = CHUNK
    response["Content-Disposition"] = f'attachment; filename="{page.download_filename}"'
    return response


def _urlpatterns():
    from config.urls import urlpatterns

    return [path("bench/plain/<int:page_id>/", plain_download), *urlpatterns]


urlpatterns = []  # filled in main(), once Django is set up


def setup_data(pdf: Path):
    """A verified reader and a free publication whose master was prepared from ``pdf``,
    through the same services as the site (publication_attach_pdf, site_ensure_structure)."""
    from library import ingest, services
    from library.models import PublicationPage, Region
    from pst.models import User

    structure = services.site_ensure_structure(
        home_title="PST Online", home_intro="", library_title="E-Pustaka", library_intro=""
    )
    region, _ = Region.objects.get_or_create(
        code="0000", defaults={"name": "Indonesia", "level": "nasional"}
    )
    reader = User.objects.filter(email="bench@contoh.go.id").first() or User.objects.create_user(
        email="bench@contoh.go.id",
        password="bench-2026",
        full_name="Pembaca Benchmark",
        email_verified_at=timezone.now(),
    )
    PublicationPage.objects.filter(slug="laporan-500-halaman").delete()
    page = PublicationPage(
        title="Laporan 500 Halaman",
        slug="laporan-500-halaman",
        katalog="1102001",
        release_date=office_today(),
        region=region,
        is_free=True,
        live=False,
    )
    started = time.perf_counter()
    ingest.publication_attach_pdf(page=page, pdf_path=pdf, filename="laporan-500.pdf")
    prepare_seconds = time.perf_counter() - started
    structure.library.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return reader, page, prepare_seconds


def timed_stream(start: float, chunks) -> tuple[float, float, int]:
    """(seconds to the first chunk, seconds to the last, bytes) of an iterator of chunks."""
    first = None
    size = 0
    for chunk in chunks:
        if first is None:
            first = time.perf_counter() - start
        size += len(chunk)
    return first or 0.0, time.perf_counter() - start, size


def client_download(client: Client, url: str) -> tuple[float, float, int]:
    start = time.perf_counter()
    response = client.post(url)
    assert response.status_code == 200, response.status_code
    return timed_stream(start, response.streaming_content)


class LiveServer:
    """Django's threaded WSGI server (as runserver) in a background thread."""

    def __init__(self) -> None:
        from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
        from django.core.wsgi import get_wsgi_application

        class QuietHandler(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        self.server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
        self.server.set_app(get_wsgi_application())
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def live_download(port: int, url: str, cookie: str) -> tuple[float, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    conn.request(
        "POST", url, headers={"Cookie": cookie, "X-CSRFToken": CSRF, "Content-Length": "0"}
    )
    response = conn.getresponse()
    assert response.status == 200, response.status

    def chunks():
        while True:
            data = response.read1(CHUNK)
            if not data:
                return
            yield data

    try:
        return timed_stream(start, chunks())
    finally:
        conn.close()


def measure(download, repeat: int) -> dict[str, float]:
    download()  # warm up: imports, page cache, first query plans
    samples = [download() for _ in range(repeat)]
    ttfb = statistics.median(s[0] for s in samples) * 1000
    total = statistics.median(s[1] for s in samples) * 1000
    size = samples[0][2]
    return {"ttfb": ttfb, "total": total, "mbps": size / 1e6 / (total / 1000), "bytes": size}


def report(title: str, stamped: dict, plain: dict) -> None:
    print(f"\n{title}")
    print(f"{'':10}{'ttfb ms':>10}{'total ms':>10}{'MB/s':>9}{'MB':>7}")
    for label, row in (("stamped", stamped), ("plain", plain)):
        print(
            f"{label:10}{row['ttfb']:>10.2f}{row['total']:>10.2f}"
            f"{row['mbps']:>9.0f}{row['bytes'] / 1e6:>7.2f}"
        )
    print(
        f"{'ratio':10}{stamped['ttfb'] / plain['ttfb']:>10.2f}"
        f"{stamped['total'] / plain['total']:>10.2f}{stamped['mbps'] / plain['mbps']:>9.2f}"
        "   (stamped / plain)"
    )


def run(args) -> None:
    global urlpatterns
    urlpatterns = _urlpatterns()
    repeat = 7 if args.quick else 31
    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = str(args.db)
    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    print(f"database ready in {time.perf_counter() - started:.1f} s ({args.db})")
    bench = _bench_watermark_module()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        pdf = bench.make_report(Path(tmp) / "report_500_pages.pdf")
        print(f"generated the 500-page report in {time.perf_counter() - started:.1f} s")
        reader, page, prepare_seconds = setup_data(pdf)
        print(f"prepared the watermark master in {prepare_seconds:.2f} s")
        stamped_url, plain_url = f"/pustaka/unduh/{page.pk}/", f"/bench/plain/{page.pk}/"
        client = Client()
        client.force_login(reader)
        report(
            f"test client (view + middleware), medians of {repeat}",
            measure(lambda: client_download(client, stamped_url), repeat),
            measure(lambda: client_download(client, plain_url), repeat),
        )
        if args.live:
            server = LiveServer()
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookie = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={CSRF}"
            try:
                report(
                    f"live HTTP server on 127.0.0.1 (threaded WSGI), medians of {repeat}",
                    measure(lambda: live_download(server.port, stamped_url, cookie), repeat),
                    measure(lambda: live_download(server.port, plain_url, cookie), repeat),
                )
            finally:
                server.stop()
    print(
        f"\nPython {sys.version.split()[0]}, Django {django.get_version()}, "
        f"SQLite {connection.Database.sqlite_version}; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="7 repetitions instead of 31")
    parser.add_argument("--live", action="store_true", help="also through a real HTTP server")
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(tempfile.gettempdir()) / "pst-bench-download.sqlite3",
        help="SQLite file, migrated on the first run and kept",
    )
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    limit = (10**9, 3600)  # the benchmark downloads the same copy many times
    with override_settings(
        ROOT_URLCONF=__name__, PST_DOWNLOAD_RATE_LIMIT=limit, ALLOWED_HOSTS=["*"]
    ):
        run(args)


if __name__ == "__main__":
    main()
