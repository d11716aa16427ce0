"""The reporting half of the load benchmark (benchmarks/load.py, issue #23) on recorded tool
output: the benchmark itself brings up the site for minutes and is not part of the suite."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "bench_load", Path(__file__).resolve().parents[2] / "benchmarks" / "load.py"
)
load = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = load  # dataclasses look their module up there
_SPEC.loader.exec_module(load)

#: What wrk prints with ``load.WRK_DONE`` (after its own human-readable summary).
WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8013/pustaka/
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
WRK-RESULT 1500 5000000 30000000 0 0 3 0 3120.0 4800.5 9100.0 3300.2
"""

#: The head of locust's ``*_stats.csv`` (2.x), shortened to the columns the report reads.
LOCUST_CSV = """Type,Name,Request Count,Failure Count,Median Response Time,Requests/s,50%,95%,99%
GET,home,120,0,12,4.0,12,40,80
POST,stamped download,60,2,30,2.0,30,120,260
,Aggregated,180,2,18,6.0,18,95,240
"""


def test_wrk_line_gives_percentiles_in_ms_errors_and_throughput():
    result = load.parse_wrk("library listing", 1, WRK_OUTPUT)
    assert (result.requests, result.errors) == (1500, 3)
    assert (result.p50, result.p95, result.p99) == pytest.approx((3.12, 4.8005, 9.1))
    assert result.per_second == pytest.approx(300)
    assert result.mb_per_second == pytest.approx(6.0)


def test_wrk_output_without_the_line_is_an_error():
    with pytest.raises(ValueError, match="WRK-RESULT"):
        load.parse_wrk("home", 1, "Running 5s test\n")


def test_locust_rows_per_page_and_the_aggregate():
    results = load.parse_locust(50, LOCUST_CSV)
    assert [r.name for r in results] == ["home", "stamped download", "all pages"]
    download = results[1]
    assert (download.clients, download.requests, download.errors) == (50, 60, 2)
    assert (download.p50, download.p95, download.p99) == (30, 120, 260)


def test_table_states_each_page_against_the_baseline():
    static = load.Result("static file", 1, 9000, 0, 0.4, 0.6, 1.0, per_second=2000)
    page = load.Result("home", 1, 600, 0, 8.0, 11.0, 14.0, per_second=120)
    text = load.table([static, page], baseline=static)
    assert text.splitlines()[0].startswith("| page | clients |")
    assert "| home | 1 | 600 | 0 | 8.0 | 11.0 | 14.0 | 120.0 | 20× |" in text


def test_verdicts_name_each_target_met_or_gap():
    single = [
        load.Result("home", 1, 600, 0, 8.0, 11.0, 14.0),
        load.Result("library listing", 1, 300, 0, 21.0, 30.0, 40.0),
    ]
    journeys = load.parse_locust(50, LOCUST_CSV)
    media = load.Result("file", 16, 1, 0, 2.0, 3.0, 4.0, mb_per_second=150.0)
    download = load.Result("stamped", 16, 1, 0, 10.0, 20.0, 30.0, mb_per_second=50.0)
    lines = load.verdicts(single=single, journeys=journeys, download=download, media=media)
    assert "home at one client: p50 8.0 ms (< 15): met" in lines
    assert "library listing at one client: p50 21.0 ms (< 15): GAP" in lines
    assert "journeys: 2 errors (0): GAP" in lines
    assert "journeys at 50 users: p95 95 ms (< 300): met" in lines
    assert any(line.endswith("3.0x (< 2): GAP") and "MB/s" in line for line in lines)
    assert any(line.endswith("5.0x (< 2): GAP") and "latency" in line for line in lines)
