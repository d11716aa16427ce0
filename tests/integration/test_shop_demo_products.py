"""seed_demo's shop products: demo microdata get their real codebook and regions, WKS maps a
watermarked preview and a private master, and a second run changes nothing (issue #6, #8;
STYLE.md habit 12)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from oscar.core.loading import get_model

from catalogue.models import MicrodataDataset
from catalogue.selectors import dataset_master, microdata_selection
from demo import shop_data
from demo.seed import seed_products
from shop.pricing import quotes

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 20)


def test_demo_products_carry_codebooks_and_previews_and_seeding_is_idempotent():
    first = seed_products(publications=[], on=ON)
    second = seed_products(publications=[], on=ON)
    Product = get_model("catalogue", "Product")
    assert first == second == Product.objects.count()

    demo = next(d for d in shop_data.demo_microdata() if d.acronym == "Podes")
    dataset = MicrodataDataset.objects.get(product__upc=f"DM-{demo.slug}")
    assert list(dataset.variables.values_list("name", flat=True)) == list(demo.variable_names)
    assert dataset.record_count == demo.record_count
    assert dataset.regions.count() == len(demo.region_records)
    quote = quotes.quote_for_product(product=dataset.product, options={}, user=None, on=ON)
    assert f"{shop_data.selection_bytes(demo):,} byte".replace(",", ".") in quote.lines[0].detail

    # Podes has a generated master that agrees with its codebook: a cut has the quoted size.
    selection = microdata_selection(dataset=dataset, variables=["R104N", "R303"], regions=["7371"])
    delivered = b"".join(dataset_master(dataset).chunks(selection))
    assert dataset.master and len(delivered) == selection.size_bytes == 153 * (25 + 8)

    maps = Product.objects.filter(product_class__slug="peta-wks")
    assert maps.count() == len(shop_data.demo_wks_maps())
    assert all(product.images.count() == 1 for product in maps)
    # Each map also has its private master, a larger drawing than the public preview.
    from PIL import Image

    from catalogue.selectors import wks_map_master

    preview = maps[0].images.first().original
    with Image.open(io.BytesIO(wks_map_master(maps[0]))) as master, Image.open(preview) as shown:
        assert master.width > shown.width and master.height > shown.height
    assert all(product.wks_master for product in maps)
    assert Product.objects.get(upc=maps[0].upc).search_document()["price_class"] == "berbayar"
    search = dataset.product.search_document()
    assert search["survey"] == demo.survey and search["year"] == demo.year
    assert any(v.startswith("R104N ") for v in search["variables"])
