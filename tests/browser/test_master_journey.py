"""The Petugas PST gives a microdata product its master (issue #20): the product list says it
cannot be sold, the buyer's product page says it is not available yet, the officer uploads a
CSV on the master page, the conversion's page reports it stored, and the product is sellable."""

from __future__ import annotations

from pst import roles
from tests.browser.steps import click
from tests.factories import UserFactory, user_with_role
from tests.factories.catalogue import SMALL_REGIONS, microdata_product

CSV = (
    "\ufeffregion_code;B4K4;B4K5;B7R12;WEIGHT\r\n"
    "7371;1;35;3500000;12.5\r\n7371;2;7;;101.25\r\n7371;1;40;900000;9\r\n"
    "7315;2;64;1250000;88\r\n7315;1;19;;10\r\n"
)


def test_the_officer_uploads_a_master_and_the_product_becomes_sellable(sign_in, shots, tmp_path):
    product = microdata_product(
        title="Sakernas Induk Uji 2025", regions=SMALL_REGIONS, deliverable=False
    )

    buyer = sign_in(UserFactory())
    buyer.goto(product.get_absolute_url())
    assert buyer.locator("#not-deliverable").is_visible()
    shots(buyer, "buyer-not-available")

    officer = sign_in(user_with_role(roles.OFFICER))
    officer.goto("/toko/dashboard/catalogue/")
    assert officer.locator("[data-not-sellable]").count() == 1
    shots(officer, "product-list-not-sellable")
    click(officer, "a:has-text('Berkas induk')")
    shots(officer, "master-page")

    source = tmp_path / "sakernas.csv"
    source.write_text(CSV, encoding="utf-8")
    officer.set_input_files("#id_data", str(source))
    click(officer, "#master-upload button[type=submit]")
    assert officer.locator("#upload-status").get_attribute("data-status") == "done"
    shots(officer, "upload-stored")
    click(officer, "a:has-text('Kembali ke berkas induk')")
    assert officer.locator("#master-state").get_attribute("data-deliverable") == "1"
    shots(officer, "master-page-sellable")

    buyer.goto(product.get_absolute_url())
    assert buyer.locator("#not-deliverable").count() == 0
    shots(buyer, "buyer-sellable")
