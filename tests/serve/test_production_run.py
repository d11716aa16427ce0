"""The production-shaped run (issue #22, "Done when"): ``scripts/serve.sh`` (what ``make serve``
runs) brings up PostgreSQL, Redis, the task worker and gunicorn with config.settings.production
on free 127.0.0.1 ports in a temporary folder; a buyer's journey goes through it over HTTP;
a rate limit is counted once across two gunicorn processes sharing the one Redis; ``down``
stops all four.

Marked ``serve``: ``scripts/test.sh`` runs it as its own phase (the other phases leave it out),
or by hand: ``pytest -m serve tests/serve``. It needs Debian's redis-server and PostgreSQL
(``make install``)."""

from __future__ import annotations

import html.parser
import http.cookiejar
import os
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.serve

ROOT = Path(__file__).resolve().parents[2]
SERVE = ["bash", str(ROOT / "scripts" / "serve.sh")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Served:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "PST_SERVE_DIR": str(folder),
            "PST_SERVE_ADDR": f"127.0.0.1:{self.port}",
            "PST_SERVE_PG_PORT": str(self.pg_port),
            "PST_SERVE_REDIS_PORT": str(self.redis_port),
            "PST_SERVE_WORKERS": "2",
            # Two titles: the demo accounts, catalogue and products, without the full demo.
            "PST_SERVE_SEED": "2",
            "PST_SERVE_THROWAWAY": "1",  # no fsync: the folder is deleted afterwards
        }
        self.base = f"http://127.0.0.1:{self.port}"

    def run(self, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*SERVE, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def production_environment(self) -> dict[str, str]:
        printed = self.run("env", timeout=60)
        assert printed.returncode == 0, printed.stderr
        return dict(shlex.split(line)[0].split("=", 1) for line in printed.stdout.splitlines())


@pytest.fixture(scope="module")
def served():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (make install installs Debian's package)")
    # Not under pytest's tmp_path: its folders are private to root, and PostgreSQL runs as
    # the postgres user, who must reach the data folder.
    folder = Path(tempfile.mkdtemp(prefix="pst-serve-"))
    folder.chmod(0o755)
    site = Served(folder)
    started = time.monotonic()
    up = site.run("up")
    assert up.returncode == 0, up.stdout + up.stderr
    site.startup_seconds = time.monotonic() - started
    try:
        yield site
    finally:
        site.run("down", timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


class Forms(html.parser.HTMLParser):
    """The forms of a page: id → (action, {name: value}) of its inputs with a value."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, tuple[str, dict[str, str]]] = {}
        self._current: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = attrs.get("id") or f"form-{len(self.forms)}"
            self.forms[self._current] = (attrs.get("action") or "", {})
        elif (
            tag == "input"
            and self._current
            and attrs.get("name")
            and attrs.get("type") not in ("checkbox", "radio", "submit")
        ):
            self.forms[self._current][1].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


class Browser:
    """A visitor with a cookie jar: what a person's browser keeps between requests."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path: str, data: dict | None = None, base: str | None = None):
        url = urllib.parse.urljoin(base or self.base, path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = self.opener.open(urllib.request.Request(url, data=body), timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        text = response.read().decode("utf-8", "replace")
        return response.status, response.geturl(), text

    def form(self, page: str, form_id: str) -> tuple[str, dict[str, str]]:
        parser = Forms()
        parser.feed(page)
        assert form_id in parser.forms, sorted(parser.forms)
        return parser.forms[form_id]

    def submit(self, path: str, form_id: str, values: dict, base: str | None = None):
        status, url, page = self.open(path, base=base)
        assert status == 200, (path, status)
        action, fields = self.form(page, form_id)
        return self.open(action or url, {**fields, **values}, base=url)

    def cookie(self, name: str):
        return next((c for c in self.jar if c.name == name), None)


REGISTRATION = {
    "email": "siti.rahma@contoh.ac.id",
    "full_name": "Siti Rahma",
    "phone": "081234567890",
    "institution": "Universitas Hasanuddin",
    "residence": "dalam_negeri",
    "country": "Indonesia",
    "segment": "mahasiswa",
    "npwp": "",
    "identity_document_type": "ktp",
    "identity_document_number": "7371010101010001",
    "password1": "Statistik-Makassar-2026",
    "password2": "Statistik-Makassar-2026",
    "registration_submit": "1",
}


def wait_for_mail(folder: Path, recipient: str, seconds: float = 60) -> str:
    """The text of the first mail file naming ``recipient``: the worker writes it, not the
    request (production's EMAIL_BACKEND queues every message)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in sorted(folder.glob("*.log")) if folder.is_dir() else []:
            text = path.read_text(errors="replace")
            if recipient in text:
                return text
        time.sleep(0.5)
    raise AssertionError(f"no mail to {recipient} in {folder} after {seconds}s")


def test_a_buyer_registers_activates_signs_in_and_fills_a_basket(served):
    buyer = Browser(served.base)
    status, _url, home = buyer.open("/")
    assert status == 200 and "PST" in home

    status, _url, page = buyer.submit("/toko/accounts/register/", "register_form", REGISTRATION)
    assert status == 200, page[-2000:]
    # Plain HTTP on loopback only: the session cookie is sent without Secure, HttpOnly still.
    session = buyer.cookie("sessionid")
    assert session is not None and not session.secure
    assert session.has_nonstandard_attr("HttpOnly")

    # The activation e-mail went through the queue; the worker delivered it.
    message = wait_for_mail(served.folder / "data" / "mail", REGISTRATION["email"])
    link = re.search(r"https?://[^/\s]+(/toko/accounts/aktivasi/[^/\s]+/)", message)
    assert link, message
    delivered = served.run(
        "manage",
        "shell",
        "-v",
        "0",
        "-c",
        "from django_tasks_db.models import DBTaskResult as R; print(R.objects.filter("
        "task_path='pst.mail.mail_deliver', status='SUCCESSFUL').count())",
        timeout=120,
    )
    assert delivered.returncode == 0, delivered.stderr
    assert int(delivered.stdout.split()[-1]) >= 1  # a mail_deliver task, run by the worker
    status, _url, page = buyer.open(link.group(1))
    assert status == 200 and "tidak valid" not in page

    # The catalogue, the first product that goes straight into the basket (a WKS map or a
    # publication; microdata asks for a selection first), the basket.
    status, _url, catalogue = buyer.open("/toko/catalogue/")
    assert status == 200
    products = re.findall(r'href="(/toko/catalogue/[\w-]+_\d+/)"', catalogue)
    product = next(
        (
            page
            for page in (buyer.open(p)[2] for p in dict.fromkeys(products))
            if 'id="add_to_basket_form"' in page
        ),
        None,
    )
    assert product, f"no product with an add-to-basket form among {products}"
    title = re.search(r"<h1[^>]*>(.*?)</h1>", product, re.S).group(1).strip()
    action, fields = buyer.form(product, "add_to_basket_form")
    status, _url, _page = buyer.open(action, fields)
    assert status == 200
    status, _url, basket = buyer.open("/toko/basket/")
    assert status == 200 and title in basket


def test_a_rate_limit_is_counted_once_across_two_gunicorn_processes(served, tmp_path):
    """Complaints: five per hour per client address (PST_FORM_RATE_LIMITS). Submissions go in
    turn to the site's gunicorn and to a second gunicorn process started here on another port
    with the same environment; the sixth is refused by the second process, which has itself
    seen only two. With a per-process cache it would have accepted it."""
    second_port = free_port()
    env = {**os.environ, **served.production_environment()}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    second = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{second_port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not port_open(second_port):
            assert second.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "second gunicorn did not start"
            time.sleep(0.3)
        # Fixed one-hour windows (pst/ratelimit.py): six submissions must fall in one window,
        # so a run that would straddle the hour waits for the next window first.
        into_window = time.time() % 3600
        if into_window > 3600 - 60:
            time.sleep(3600 - into_window + 1)
        visitor = Browser(served.base)
        bases = [served.base, f"http://127.0.0.1:{second_port}"]
        answers = []
        for n in range(6):
            status, _url, page = visitor.submit(
                "/layanan/pengaduan/baru/",
                "complaint-form",
                {"service": "perpustakaan", "what": f"Keluhan ke-{n}", "anonymous": "on"},
                base=bases[n % 2],
            )
            answers.append(status)
        assert answers == [200, 200, 200, 200, 200, 429], answers
        assert "Terlalu banyak pengiriman" in page
    finally:
        os.killpg(second.pid, 15)
        second.wait(timeout=30)


def test_down_stops_all_four_and_keeps_the_data(served):
    down = served.run("down", timeout=120)
    assert down.returncode == 0, down.stderr
    status = served.run("status", timeout=60)
    assert status.returncode != 0
    assert status.stdout.split() == [
        "gunicorn:",
        "stopped",
        "worker:",
        "stopped",
        "redis:",
        "stopped",
        "postgresql:",
        "stopped",
    ]
    for port in (served.port, served.pg_port, served.redis_port):
        assert not port_open(port), port
    assert (served.folder / "pg" / "data" / "PG_VERSION").is_file()  # the data stays
