"""Load benchmark of the production-shaped run (issue #23): gunicorn, PostgreSQL, Redis and the
task worker (scripts/serve.sh) seeded with the demo, driven by wrk for fixed addresses and by
locust (headless) for the journeys of benchmarks/loadmix/journeys.py.

    .venv/bin/python benchmarks/load.py [--quick] [--users 10,50,200] [--keep-up]
    make bench-load

Phases, each against a static file served by the same gunicorn (whitenoise) in the same run:

1. one client (wrk -c1): p50/p95/p99 of the static file, home, /pustaka/ and a publication
   page; target under 15 ms for the three pages;
2. fixed addresses at 10 and 50 connections (wrk), the pages of the mix one at a time;
3. the stamped download (POST, signed-in readers spread over 200 benchmark accounts so that
   the per-account limit is not what is measured) against the same master PDF served as a
   static file, at 16 connections: throughput and latency (wrk's latency is time to the last
   byte; for a file of ~80 KB on loopback that is the time to first byte plus well under a
   millisecond); target within 2x;
4. the journeys (locust) at 10 and 50 users, 200 as a measurement: p50/p95/p99 and errors per
   page; targets: no errors, p95 under 300 ms at 50 users.

The site runs in ``--serve-dir`` (default var/bench-load/, kept between runs: the first run
migrates and seeds the full demo, a few minutes) on its own ports. The load generators share
the machine with the site, so every figure is this machine's, at its load at the time (printed).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = ROOT / ".venv" / "bin" / "python"
LOCUST = ROOT / ".venv" / "bin" / "locust"
MEDIA_COPY = "bench-load/master.pdf"  # under STATIC_ROOT: the master served as a plain file

#: wrk's report, one machine-readable line: requests, duration µs, bytes, errors (connect,
#: read+write, non-2xx/3xx status, timeout), latency percentiles and mean in µs.
WRK_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK-RESULT %d %d %d %d %d %d %d %.1f %.1f %.1f %.1f\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read + e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean))
end
"""

#: POST of the stamped download, each request with the next reader's session.
WRK_DOWNLOAD = r"""
local sessions = {%(sessions)s}
local n = 0
local csrf = "%(csrf)s"
init = function(args) n = math.random(#sessions) end
request = function()
  n = n %% #sessions + 1
  return wrk.format("POST", "%(path)s", {
    ["Cookie"] = "sessionid=" .. sessions[n] .. "; csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "")
end
"""


@dataclass(frozen=True)
class Result:
    """One page at one concurrency: latencies in ms, errors as requests that failed."""

    name: str
    clients: int
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    per_second: float = 0.0
    mb_per_second: float = 0.0


def parse_wrk(name: str, clients: int, output: str) -> Result:
    """The ``WRK-RESULT`` line that ``WRK_DONE`` prints."""
    for line in output.splitlines():
        if line.startswith("WRK-RESULT "):
            fields = line.split()[1:]
            requests, duration, size, *errors = (int(value) for value in fields[:7])
            p50, p95, p99 = (float(value) / 1000 for value in fields[7:10])
            seconds = duration / 1e6 or 1.0
            return Result(
                name, clients, requests, sum(errors), p50, p95, p99,
                per_second=requests / seconds, mb_per_second=size / seconds / 1e6,
            )  # fmt: skip
    raise ValueError(f"no WRK-RESULT line in wrk's output:\n{output}")


def parse_locust(clients: int, stats_csv: str) -> list[Result]:
    """Locust's ``*_stats.csv``: one row per request name, plus the "Aggregated" row."""
    results = []
    for row in csv.DictReader(stats_csv.splitlines()):
        if not row.get("Name"):
            continue
        results.append(
            Result(
                name="all pages" if row["Name"] == "Aggregated" else row["Name"],
                clients=clients,
                requests=int(row["Request Count"]),
                errors=int(row["Failure Count"]),
                p50=float(row["50%"]),
                p95=float(row["95%"]),
                p99=float(row["99%"]),
                per_second=float(row["Requests/s"]),
            )
        )
    return results


def table(results: list[Result], *, baseline: Result | None = None) -> str:
    """A Markdown table; with a baseline, each p50 also as a multiple of the baseline's."""
    head = "| page | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s |"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|"
    if baseline:
        head += " p50 ÷ static |"
        rule += "---:|"
    lines = [head, rule]
    for r in results:
        line = (
            f"| {r.name} | {r.clients} | {r.requests} | {r.errors} | {r.p50:.1f} | "
            f"{r.p95:.1f} | {r.p99:.1f} | {r.per_second:.1f} |"
        )
        if baseline:
            line += f" {r.p50 / baseline.p50:.0f}× |" if baseline.p50 else " – |"
        lines.append(line)
    return "\n".join(lines)


def verdicts(
    *, single: list[Result], journeys: list[Result], download: Result, media: Result
) -> list[str]:
    """Each target of issue #23, met or not, with the figure that decides it."""
    lines = []
    for r in single:
        if r.name in ("home", "library listing", "publication page"):
            met = r.p50 < 15
            lines.append(f"{r.name} at one client: p50 {r.p50:.1f} ms (< 15): {_met(met)}")
    errors = sum(r.errors for r in journeys if r.name == "all pages")
    lines.append(f"journeys: {errors} errors (0): {_met(errors == 0)}")
    for r in journeys:
        if r.name == "all pages" and r.clients == 50:
            lines.append(f"journeys at 50 users: p95 {r.p95:.0f} ms (< 300): {_met(r.p95 < 300)}")
    if media.mb_per_second and download.mb_per_second:
        ratio = media.mb_per_second / download.mb_per_second
        lines.append(
            f"stamped download at {download.clients} clients: {download.mb_per_second:.1f} MB/s "
            f"against {media.mb_per_second:.1f} for the file, {ratio:.1f}x (< 2): {_met(ratio < 2)}"
        )
    if media.p50 and download.p50:
        ratio = download.p50 / media.p50
        lines.append(
            f"stamped download latency p50 {download.p50:.1f} ms against {media.p50:.1f}, "
            f"{ratio:.1f}x (< 2): {_met(ratio < 2)}"
        )
    return lines


def _met(ok: bool) -> str:
    return "met" if ok else "GAP"


# --- Running it -------------------------------------------------------------------------------


def serve(args, command: str, *extra: str, capture: bool = False) -> str:
    env = {
        **os.environ,
        "PST_SERVE_DIR": str(args.serve_dir),
        "PST_SERVE_ADDR": args.addr,
        "PST_SERVE_PG_PORT": str(args.pg_port),
        "PST_SERVE_REDIS_PORT": str(args.redis_port),
        "PST_SERVE_WORKERS": str(args.workers),
    }
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "serve.sh"), command, *extra],
        env=env, check=True, text=True, capture_output=capture,
    )  # fmt: skip
    return done.stdout if capture else ""


def site_setup(args) -> dict:
    code = f'exec(open("{ROOT / "benchmarks" / "loadmix" / "setup_site.py"}").read())'
    output = serve(args, "manage", "shell", "-v", "0", "-c", code, capture=True)
    line = next(line for line in output.splitlines() if line.startswith("BENCH-SETUP "))
    return json.loads(line.removeprefix("BENCH-SETUP "))


def static_url(base: str) -> str:
    """The hashed address of the site's stylesheet, as the pages link it."""
    page = urllib.request.urlopen(base + "/", timeout=30).read().decode()
    start = page.index("/static/pst/css/pst.")
    return page[start : page.index('"', start)]


def wrk(base: str, name: str, path: str, *, clients: int, seconds: int, lua: str = "") -> Result:
    settle(base, "/static/" + MEDIA_COPY)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua + WRK_DONE)
    threads = max(1, min(2, clients))
    command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s"]
    try:
        output = subprocess.run(
            [*command, "-s", script.name, base + path],
            check=True, text=True, capture_output=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    return parse_wrk(name, clients, output)


def settle(base: str, path: str, *, limit: float = 180.0) -> None:
    """Wait until gunicorn has no backlog: a sync worker still answers the requests of a run
    whose client has gone (wrk closes its connections at the end, the queued requests stay), so
    the next run would measure the last one's queue. Idle means the static file answers within
    20 ms three times running."""
    deadline = time.monotonic() + limit
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(base + path, timeout=60).read()
        quick = quick + 1 if time.monotonic() - started < 0.02 else 0
        time.sleep(0.2)


def warm(base: str, paths: list[str]) -> None:
    """Every gunicorn worker's first requests load templates, translations and the site root."""
    for _ in range(2 * 8):
        for path in paths:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + path, timeout=30).read()


def locust(base: str, users: int, seconds: int, setup_file: Path, out: Path) -> list[Result]:
    settle(base, "/static/" + MEDIA_COPY)
    prefix = out / f"locust-{users}"
    subprocess.run(
        [
            str(LOCUST), "-f", str(ROOT / "benchmarks" / "loadmix" / "journeys.py"),
            "--headless", "--only-summary", "-u", str(users), "-r", str(max(1, users // 5)),
            "-t", f"{seconds}s", "--host", base, "--csv", str(prefix), "--loglevel", "WARNING",
        ],
        env={**os.environ, "BENCH_SETUP": str(setup_file)},
        check=False, capture_output=True, text=True,
    )  # fmt: skip
    return parse_locust(users, Path(f"{prefix}_stats.csv").read_text())


def run(args) -> None:
    base = f"http://{args.addr}"
    seconds = 5 if args.quick else args.seconds
    out = Path(tempfile.mkdtemp(prefix="pst-bench-load-"))
    print(f"load average before: {os.getloadavg()[0]:.1f}; serve dir {args.serve_dir}")
    started = time.monotonic()
    serve(args, "up")
    print(f"site up in {time.monotonic() - started:.0f} s")
    try:
        setup = site_setup(args)
        # The master PDF served as a plain file by the same gunicorn (whitenoise reads
        # STATIC_ROOT when a worker starts, so the workers are restarted after the copy).
        media = ROOT / "staticfiles" / MEDIA_COPY
        media.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(setup["master_pdf"], media)
        gunicorn = int((args.serve_dir / "run" / "gunicorn.pid").read_text().split()[0])
        os.kill(gunicorn, signal.SIGHUP)
        time.sleep(5)
        static = static_url(base)
        fixed = {
            "static file": static,
            "home": "/",
            "library listing": "/pustaka/",
            "publication page": setup["publication_url"],
            "release calendar": "/pustaka/jadwal-rilis/",
            "search results": "/cari/?q=penduduk",
            "shop listing": "/toko/catalogue/",
            "product page": setup["product_url"],
        }
        warm(base, list(fixed.values()) + ["/static/" + MEDIA_COPY])
        print(f"\n{setup['publications']} publications; {args.workers} gunicorn workers\n")

        single = [
            wrk(base, name, fixed[name], clients=1, seconds=seconds)
            for name in ("static file", "home", "library listing", "publication page")
        ]
        print("## One client (wrk)\n")
        print(table(single, baseline=single[0]))

        print("\n## Fixed addresses (wrk)\n")
        for clients in (10, 50):
            level = [wrk(base, n, p, clients=clients, seconds=seconds) for n, p in fixed.items()]
            print(table(level, baseline=level[0]) + "\n")

        lua = WRK_DOWNLOAD % {
            "sessions": ",".join(f'"{key}"' for key in setup["readers"]),
            "csrf": setup["csrf"],
            "path": f"/pustaka/unduh/{setup['publication_id']}/",
        }
        media_result = wrk(base, "master PDF as a file", "/static/" + MEDIA_COPY,
                           clients=16, seconds=seconds)  # fmt: skip
        download = wrk(base, "stamped download", "/", clients=16, seconds=seconds, lua=lua)
        print("## Stamped download against the same file served plainly (wrk, 16 clients)\n")
        print(table([media_result, download], baseline=media_result))
        print(
            f"\nthroughput: file {media_result.mb_per_second:.1f} MB/s, stamped "
            f"{download.mb_per_second:.1f} MB/s"
        )

        setup_file = out / "setup.json"
        journeys = []
        for users in args.users:
            # The downloads of the run before are removed: a fresh limit for every reader.
            setup_file.write_text(json.dumps(site_setup(args)))
            level = locust(base, users, seconds * 6, setup_file, out)
            journeys += level
            print(f"\n## Journeys (locust), {users} users, {seconds * 6} s\n")
            print(table(level))
        print("\n## Targets\n")
        for line in verdicts(
            single=single, journeys=journeys, download=download, media=media_result
        ):
            print(f"- {line}")
        print(f"\nload average after: {os.getloadavg()[0]:.1f}; locust CSVs in {out}")
    finally:
        (ROOT / "staticfiles" / MEDIA_COPY).unlink(missing_ok=True)
        if not args.keep_up:
            serve(args, "down")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 s per wrk run, 30 s per level")
    parser.add_argument("--seconds", type=int, default=10, help="per wrk run (locust: ×6)")
    parser.add_argument(
        "--users", type=lambda v: [int(u) for u in v.split(",")], default=[10, 50, 200]
    )
    parser.add_argument("--serve-dir", type=Path, default=ROOT / "var" / "bench-load")
    parser.add_argument("--addr", default="127.0.0.1:8013")
    parser.add_argument("--pg-port", type=int, default=54333)
    parser.add_argument("--redis-port", type=int, default=6383)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (serve's 3)")
    parser.add_argument("--keep-up", action="store_true", help="leave the site running")
    args = parser.parse_args()
    args.serve_dir = args.serve_dir.resolve()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (make install: Debian package wrk)")
    sys.stdout.reconfigure(line_buffering=True)  # the tables as they come, also into a file
    run(args)


if __name__ == "__main__":
    main()
