"""Names, not codes, wherever a person reads (issue #17): a line's variables and regions on
the order and officer pages, and the regions of the search facets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalogue.selectors import SHOWN_VARIABLES, readable_line_options
from demo import catalogue_data
from demo.seed import seed_regions
from pst import roles
from search.labels import facet_labels
from tests.factories import user_with_role
from tests.factories.catalogue import microdata_product
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db

SELECTION = {"variables": "B4K4,B7R12", "regions": "7371", "with_processing": "0"}


def test_the_order_and_the_desk_show_variable_labels_and_region_names(client):
    order = submitted_order(products=[microdata_product()], options=SELECTION)
    (line,) = order.lines.all()
    rows = {row.label: row.value for row in readable_line_options(line)}
    assert rows == {"Variabel": "Jenis kelamin, Upah sebulan", "Wilayah": "Kota Makassar"}
    client.force_login(order.user)
    mine = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    client.force_login(user_with_role(roles.OFFICER))
    desk = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    for page in (mine, desk):
        body = page.content.decode()
        assert "Jenis kelamin, Upah sebulan" in body and "Kota Makassar" in body
        assert "B4K4,B7R12" not in body and "'7371'" not in body


def test_a_long_selection_names_the_first_variables_and_counts_the_rest():
    codebook = [(f"V{i}", "Blok I", f"Variabel ke-{i}", "numeric", 1) for i in range(30)]
    product = microdata_product(codebook=codebook)
    order = submitted_order(
        products=[product], options={"variables": ",".join(n for n, *_ in codebook)}
    )
    (row,) = [r for r in readable_line_options(order.lines.get()) if r.label == "Variabel"]
    assert row.value.startswith("Variabel ke-0, Variabel ke-1")
    assert row.value.endswith(f"dan {30 - SHOWN_VARIABLES} lainnya")


def test_every_province_a_kabupaten_counts_under_has_a_name_in_the_facets():
    """A kabupaten's publication also counts under its province; the demo seeds every region
    it knows, so no province facet reads as its code ("1200, 1400 … 9700")."""
    seed_regions()
    provinces = [c for c, r in catalogue_data.REGIONS.items() if r.level == "provinsi"]
    labels = facet_labels("region", provinces)
    assert labels["1200"] == "Provinsi Sumatera Utara (1200)"
    assert labels["9700"] == "Provinsi Papua Pegunungan (9700)"
    assert all(label != code for code, label in labels.items())
