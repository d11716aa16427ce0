"""The journeys of the load benchmark (benchmarks/load.py, issue #23), for locust (headless).

The mix, by weight of simulated users:

| users | weight | what each does, in a loop with 0.5–1.5 s between steps |
|---|---|---|
| anonymous | 5 | home, the e-pustaka listing and a facet, a publication, the release calendar, |
| | | search, the shop listing, a product |
| reader (signed in) | 3 | a publication page, its stamped download (POST), the download history |
| buyer | 1 | a product, add it to the basket (POST), the basket, the checkout's first step |
| officer | 1 | the order desk, an order |
| bendahara | 1 | the dashboard, the statement import page, a statement preview (POST, a dry run) |

Each request is named by the page it opens, so the report groups them per page. The sessions
and addresses come from ``BENCH_SETUP`` (a JSON file written by benchmarks/load.py from
benchmarks/loadmix/setup_site.py); every reader user takes its own benchmark account, so the
download limit of one account is never the bottleneck (as for real readers): each download
is made as the next of the 200 benchmark readers.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, between, task

SETUP = json.loads(Path(os.environ["BENCH_SETUP"]).read_text())
CSRF = SETUP["csrf"]
_readers = itertools.cycle(SETUP["readers"])


class _Signed(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    session_key = ""

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", self.session_key)
        self.client.cookies.set("csrftoken", CSRF)

    def post(self, url: str, name: str, **kwargs):
        return self.client.post(url, name=name, headers={"X-CSRFToken": CSRF}, **kwargs)


class Anonymous(HttpUser):
    weight = 5
    wait_time = between(0.5, 1.5)

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(3)
    def listing(self) -> None:
        self.client.get("/pustaka/", name="library listing")

    @task(1)
    def listing_facet(self) -> None:
        self.client.get("/pustaka/?frekuensi=tahunan", name="library listing, facet")

    @task(3)
    def publication(self) -> None:
        self.client.get(SETUP["publication_url"], name="publication page")

    @task(1)
    def calendar(self) -> None:
        self.client.get("/pustaka/jadwal-rilis/", name="release calendar")

    @task(2)
    def search(self) -> None:
        self.client.get("/cari/?q=penduduk", name="search results")

    @task(2)
    def shop(self) -> None:
        self.client.get("/toko/catalogue/", name="shop listing")

    @task(1)
    def product(self) -> None:
        self.client.get(SETUP["product_url"], name="product page")


class Reader(_Signed):
    weight = 3

    def on_start(self) -> None:
        self.session_key = next(_readers)
        super().on_start()

    @task(2)
    def publication(self) -> None:
        self.client.get(SETUP["publication_url"], name="publication page (signed in)")

    @task(2)
    def download(self) -> None:
        # Each download as the next benchmark reader: one simulated user downloads far more
        # often than a person does, and would meet the per-account limit (a 429) in a minute.
        self.client.cookies.set("sessionid", next(_readers))
        self.post(f"/pustaka/unduh/{SETUP['publication_id']}/", name="stamped download", data={})

    @task(1)
    def history(self) -> None:
        self.client.get("/pustaka/riwayat-unduhan/", name="download history")


class Buyer(_Signed):
    weight = 1

    def on_start(self) -> None:
        self.session_key = SETUP["staff"]["buyer"]
        super().on_start()

    @task
    def checkout(self) -> None:
        self.client.get(SETUP["product_url"], name="product page (buyer)")
        self.post(
            f"/toko/basket/add/{SETUP['product_id']}/",
            name="add to basket",
            data={"quantity": "1"},
        )
        self.client.get("/toko/basket/", name="basket")
        self.client.get("/toko/checkout/", name="checkout")


class Officer(_Signed):
    weight = 1

    def on_start(self) -> None:
        self.session_key = SETUP["staff"]["officer"]
        super().on_start()

    @task(2)
    def desk(self) -> None:
        self.client.get("/toko/dashboard/orders/", name="officer's order desk")

    @task(1)
    def order(self) -> None:
        if SETUP["order_number"]:
            self.client.get(
                f"/toko/dashboard/orders/{SETUP['order_number']}/", name="officer's order"
            )


class Treasurer(_Signed):
    weight = 1

    def on_start(self) -> None:
        self.session_key = SETUP["staff"]["treasurer"]
        super().on_start()

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/bendahara/", name="bendahara dashboard")

    @task(1)
    def statement_preview(self) -> None:
        self.client.get("/bendahara/impor/", name="statement import page")
        if SETUP["statement_path"]:
            with open(SETUP["statement_path"], "rb") as statement:
                self.post(
                    "/bendahara/impor/",
                    name="statement import preview",
                    data={"bank": SETUP["statement_bank"]},
                    files={"file": ("mutasi.csv", statement)},
                )
