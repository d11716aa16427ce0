"""Masters managed by the Petugas PST (issue #20, stage 2): CSV, SPSS and Stata uploads converted
to the stored layout (so the quote's size is the delivered size), checked by content, refused
with a message and nothing stored; map masters checked by content; a replaced master kept for
the orders priced on it.

The .sav and .dta files are written here by pyreadstat (with polars, a dev dependency), as an
office's statistics package writes them.
"""

from __future__ import annotations

import io
import re

import polars as pl
import pyreadstat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from PIL import Image

from catalogue import masters
from catalogue.microdata import record_bytes
from catalogue.models import MasterUpload, MasterVersion
from catalogue.selectors import (
    dataset_master,
    deliverability,
    microdata_selection,
    undeliverable_lines,
)
from catalogue.services import wks_map_master_attach
from pst import roles
from shop.order import services
from tests.factories import UserFactory
from tests.factories.catalogue import (
    CODEBOOK,
    deliverable_wks_product,
    microdata_product,
    wks_product,
)
from tests.factories.orders import pdf_bytes, submitted_order

pytestmark = pytest.mark.django_db

#: One record of the factory codebook: region_code(4) B4K4(1) B4K5(2) B7R12(9) WEIGHT(10).
ROWS = [
    {"region_code": "7371", "B4K4": 1, "B4K5": 35, "B7R12": 3500000, "WEIGHT": 12.5},
    {"region_code": "7371", "B4K4": 2, "B4K5": 7, "B7R12": None, "WEIGHT": 101.25},
    {"region_code": "7315", "B4K4": 1, "B4K5": 64, "B7R12": 1250000, "WEIGHT": 88.0},
]
WIDTHS = [width for *_, width in CODEBOOK]


def _csv(rows=ROWS, *, delimiter=";", bom=True, columns=None) -> bytes:
    columns = columns or list(rows[0])
    lines = [delimiter.join(columns)]
    for row in rows:
        lines.append(delimiter.join("" if row.get(c) is None else str(row[c]) for c in columns))
    text = "\r\n".join(lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def _frame(rows=ROWS):
    return pl.DataFrame(
        {
            "region_code": [r["region_code"] for r in rows],
            "B4K4": [float(r["B4K4"]) for r in rows],
            "B4K5": [float(r["B4K5"]) for r in rows],
            "B7R12": [None if r["B7R12"] is None else float(r["B7R12"]) for r in rows],
            "WEIGHT": [r["WEIGHT"] for r in rows],
        }
    )


def _sav(tmp_path, rows=ROWS) -> bytes:
    path = tmp_path / "susenas.sav"
    pyreadstat.write_sav(_frame(rows), str(path), column_labels={"B4K4": "Jenis kelamin"})
    return path.read_bytes()


def _dta(tmp_path, rows=ROWS) -> bytes:
    path = tmp_path / "susenas.dta"
    pyreadstat.write_dta(_frame(rows), str(path))
    return path.read_bytes()


@pytest.fixture
def officer_client(client, make_staff):
    client.force_login(make_staff(roles.OFFICER))
    return client


def _upload(client, product, name: str, content: bytes, codebook: bytes | None = None):
    data = {"data": SimpleUploadedFile(name, content)}
    if codebook is not None:
        data["codebook"] = SimpleUploadedFile("codebook.csv", codebook)
    return client.post(reverse("catalogue:master", kwargs={"pk": product.pk}), data, follow=True)


def _stored_lines(product) -> list[bytes]:
    product.microdata.refresh_from_db()
    with product.microdata.master.open("rb") as handle:
        return handle.read().splitlines(keepends=True)


@pytest.mark.parametrize("kind", ["csv-bom-semicolon", "csv-comma", "sav", "dta"])
def test_an_office_file_is_converted_and_the_quote_equals_the_delivered_bytes(
    officer_client, tmp_path, kind
):
    content = {
        "csv-bom-semicolon": lambda: _csv(),
        "csv-comma": lambda: _csv(delimiter=",", bom=False),
        "sav": lambda: _sav(tmp_path),
        "dta": lambda: _dta(tmp_path),
    }[kind]()
    product = microdata_product(deliverable=False)
    assert not deliverability(product).deliverable
    response = _upload(officer_client, product, f"induk.{kind[:3]}", content)
    assert response.status_code == 200
    upload = MasterUpload.objects.get(product=product)
    assert upload.status == MasterUpload.Status.DONE, upload.message
    assert 'data-status="done"' in response.content.decode()

    lines = _stored_lines(product)
    assert lines[0] == b"7371,1,35,  3500000,      12.5\n"
    assert lines[1] == b"7371,2, 7,         ,    101.25\n"  # missing value: spaces
    assert deliverability(product).deliverable
    # the covered regions now count the master's records, so the quote prices them
    dataset = product.microdata
    assert dict(dataset.regions.values_list("code", "record_count")) == {"7371": 2, "7315": 1}
    assert dataset.regions.get(code="7315").name  # named from the region master
    selection = microdata_selection(dataset=dataset, variables=None, regions=["7371"])
    delivered = b"".join(dataset_master(dataset).chunks(selection))
    assert len(delivered) == selection.size_bytes == 2 * record_bytes(WIDTHS)

    version = MasterVersion.objects.get(product=product, is_current=True)
    assert version.size == 3 * record_bytes(WIDTHS) and len(version.sha256) == 64
    assert version.record_count == 3 and version.uploaded_by is not None


def test_a_codebook_file_replaces_the_variables(officer_client):
    product = microdata_product(deliverable=False)
    codebook = (
        b"name;label;type;width;block\n"
        b"region_code;Kode wilayah;categorical;4;Blok I\n"
        b"NAMA_KRT;Nama kepala rumah tangga;string;12;Blok II\n"
    )
    data = _csv(
        [{"region_code": "7371", "NAMA_KRT": "Andi"}, {"region_code": "7315", "NAMA_KRT": "Siti"}]
    )
    _upload(officer_client, product, "krt.csv", data, codebook=codebook)
    assert MasterUpload.objects.get(product=product).status == "done"
    assert list(product.microdata.variables.values_list("name", "width")) == [
        ("region_code", 4),
        ("NAMA_KRT", 12),
    ]
    assert _stored_lines(product)[0] == b"7371,Andi        \n"


@pytest.mark.parametrize(
    "make, said",
    [
        pytest.param(
            lambda tmp: _csv(columns=["region_code", "B4K4", "B4K5", "B7R12", "BOBOT"]),
            "tidak ada di codebook: BOBOT",
            id="wrong-column",
        ),
        pytest.param(
            lambda tmp: _csv([{**ROWS[0], "region_code": "9999"}]),
            "tidak ada dalam master wilayah: 9999",
            id="unknown-region",
        ),
        pytest.param(
            lambda tmp: _csv([{**ROWS[0], "B4K5": 123}]),
            "B4K5: nilai 123 lebih dari 2 byte",
            id="too-wide",
        ),
        pytest.param(lambda tmp: b"", "kosong", id="empty"),
        pytest.param(lambda tmp: _sav(tmp)[:-40], "terpotong", id="truncated-sav"),
        pytest.param(lambda tmp: _dta(tmp)[:300], "terpotong", id="truncated-dta"),
        pytest.param(lambda tmp: pdf_bytes(1), "bukan CSV", id="pdf-renamed-csv"),
        pytest.param(
            lambda tmp: "Nama;Ucup\n".encode("cp1252") + b"\xe9\xe9\xe9 x\n", "UTF-8", id="not-utf8"
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_stored(
    officer_client, tmp_path, make, said
):
    product = microdata_product(deliverable=False)
    response = _upload(officer_client, product, "induk.csv", make(tmp_path))
    assert response.status_code == 200
    body = response.content.decode()
    assert said in body, body[:3000]
    product.microdata.refresh_from_db()
    assert not product.microdata.master
    assert not MasterVersion.objects.filter(product=product).exists()
    assert dict(product.microdata.regions.values_list("code", "record_count")) == {
        "7371": 30_000,
        "7315": 10_000,
    }
    upload = MasterUpload.objects.filter(product=product).first()
    assert upload is None or (upload.status == "failed" and not upload.source_path)


@pytest.mark.parametrize(
    "content, said",
    [
        pytest.param(b"GIF89a not a map", "PDF, JPEG", id="gif"),
        pytest.param(b"%PDF-1.7\n1 0 obj broken", "tidak dapat dibaca", id="broken-pdf"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "tidak dapat dibaca", id="fake-png"),
    ],
)
def test_a_map_that_is_not_an_image_or_pdf_is_refused(officer_client, content, said):
    product = wks_product(deliverable=False)
    response = officer_client.post(
        reverse("catalogue:master", kwargs={"pk": product.pk}),
        {"map": SimpleUploadedFile("peta.png", content)},
        follow=True,
    )
    body = response.content.decode()
    assert response.status_code == 200 and said in body
    product.refresh_from_db()
    assert not product.wks_master and not MasterVersion.objects.filter(product=product)


def test_a_map_is_uploaded_through_the_page(officer_client):
    product = wks_product(deliverable=False)
    response = officer_client.post(
        reverse("catalogue:master", kwargs={"pk": product.pk}),
        {"map": SimpleUploadedFile("peta.pdf", pdf_bytes(1))},
        follow=True,
    )
    assert response.status_code == 200
    assert 'data-deliverable="1"' in response.content.decode()
    assert MasterVersion.objects.get(product=product, is_current=True).source_format == "pdf"


def test_a_replaced_master_is_kept_for_the_order_priced_on_it():
    product = deliverable_wks_product(title="Peta Versi")
    first = MasterVersion.objects.get(product=product, is_current=True)
    order = submitted_order(products=[product])
    (line,) = order.lines.all()
    assert line.quote_snapshot["master_version"] == first.pk

    buf = io.BytesIO()
    Image.new("RGB", (80, 50), "black").save(buf, format="PNG")
    wks_map_master_attach(product=product, content=buf.getvalue(), filename="baru.png")
    first.refresh_from_db()
    second = MasterVersion.objects.get(product=product, is_current=True)
    assert second.number == 2 and first.file and not first.is_current
    assert masters.master_version_for_line(line) == first  # the order keeps what it priced
    # an unreferenced version's file goes at the next replacement
    wks_map_master_attach(product=product, content=buf.getvalue(), filename="ketiga.png")
    second.refresh_from_db()
    assert not second.file and second.sha256


def test_a_withdrawn_master_stops_the_sale_and_the_invoice(officer_client, officer):
    product = deliverable_wks_product(title="Peta Ditarik")
    order = submitted_order(products=[product])
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(order=order, officer=officer)
    response = officer_client.post(
        reverse("catalogue:master-withdraw", kwargs={"pk": product.pk}),
        {"reason": "Batas wilayah salah"},
        follow=True,
    )
    assert response.status_code == 200
    product.refresh_from_db()
    state = deliverability(product)
    assert not state.deliverable
    version = MasterVersion.objects.get(product=product)
    assert state.since == version.withdrawn_at
    assert undeliverable_lines(order)
    # kept on record for the order priced on it, but not delivered: found faulty, not replaced
    assert version.file and not version.replaced
    assert masters.master_version_for_line(order.lines.get()) is None
    page = response.content.decode()
    assert "ditarik: disimpan sebagai arsip, tidak diserahkan kepada siapa pun" in page


def test_only_the_officer_opens_the_master_page(client, make_staff):
    product = microdata_product()
    url = reverse("catalogue:master", kwargs={"pk": product.pk})
    for user in (UserFactory(), make_staff(roles.TREASURER), make_staff(roles.LIBRARIAN)):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(make_staff(roles.OFFICER))
    assert client.get(url).status_code == 200


def test_the_upload_status_is_open_to_every_officer_and_to_no_one_else(client, make_staff):
    """The PST counter is a shared desk: the officer who did not upload follows the conversion
    too; a buyer (even of this product), a reader and the bendahara are refused."""
    product = microdata_product()
    uploader = make_staff(roles.OFFICER)
    upload = masters.microdata_upload_start(
        product=product,
        upload=SimpleUploadedFile("induk.csv", _csv()),
        by=uploader,
    )
    url = reverse("catalogue:master-upload", kwargs={"upload_id": upload.pk})
    buyer = submitted_order(products=[deliverable_wks_product()]).user
    for user in (buyer, UserFactory(), make_staff(roles.TREASURER)):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404), user
    for officer in (uploader, make_staff(roles.OFFICER)):
        client.force_login(officer)
        response = client.get(url)
        assert response.status_code == 200
        assert 'data-status="queued"' in response.content.decode()
    missing = reverse("catalogue:master-upload", kwargs={"upload_id": upload.pk + 1000})
    assert client.get(missing).status_code == 404


def test_the_master_page_writes_sizes_with_a_unit_and_labels_the_withdraw_reason(
    officer_client,
):
    product = deliverable_wks_product(title="Peta Ukuran")
    version = MasterVersion.objects.get(product=product, is_current=True)
    body = officer_client.get(reverse("catalogue:master", kwargs={"pk": product.pk})).content
    body = body.decode()
    row = body[body.index(f'data-version="{version.number}"') :]
    row = row[: row.index("</tr>")]
    assert filesizeformat(version.size) in row  # "1,2 MB", "155 bita", never a bare count
    assert re.search(r"\d\xa0(bita|KB|MB|GB)", row), row
    assert '<label for="withdraw_reason">' in body
    assert 'aria-describedby="withdraw_reason_helptext"' in body
    assert 'class="form-control-file"' in body
