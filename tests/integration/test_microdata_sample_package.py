"""The microdata sample issued with the invoice, packed as the delivery is (issue #20, stage 3):
the first records of the buyer's own selection, the codebook of the chosen variables and the
buyer's identity note, in one ZIP the buyer downloads from the order before paying."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from shop.order import services
from shop.order.workflow import OrderStatus
from tests.factories.catalogue import deliverable_microdata_product
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db


def test_the_invoice_issues_the_sample_zip_of_the_buyers_selection(client, officer):
    product = deliverable_microdata_product(title="Sakernas Sampel 2025")
    order = submitted_order(
        products=[product], options={"variables": "region_code,B4K5", "regions": "7315"}
    )
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(order=order, officer=officer)
    order = services.order_issue_invoice(order=order, officer=officer)
    assert order.status == OrderStatus.INVOICED

    package = order.documents.get(kind="sample_package")
    assert package.content_type == "application/zip"
    with package.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = sorted(archive.namelist())
    assert names == [
        "1-sakernas-sampel-2025/codebook.csv",
        "1-sakernas-sampel-2025/sampel.csv",
        "TANDA.txt",
    ]
    sample = archive.read("1-sakernas-sampel-2025/sampel.csv").decode("ascii").splitlines()
    assert sample[0] == "region_code,B4K5"
    assert sample[1:] and all(row.startswith("7315,") for row in sample[1:])  # only Pinrang
    codebook = list(
        csv.reader(io.StringIO(archive.read("1-sakernas-sampel-2025/codebook.csv").decode()))
    )
    assert [row[2] for row in codebook] == ["nama", "region_code", "B4K5"]
    assert codebook[2][5] == "2"  # byte width of Umur
    note = archive.read("TANDA.txt").decode()
    assert order.number in note and order.user.email in note and "SAMPEL" in note

    # the buyer downloads it before paying
    client.force_login(order.user)
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    url = reverse("orders:document", kwargs={"number": order.number, "document_id": package.pk})
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None
