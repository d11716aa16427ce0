"""Issue #19: the bendahara has one URL tree, ``/bendahara/``. The payment desk's pages were
under ``/bayar/bendahara/``; each old address answers 301 with the new one (its arguments and
query string kept), and the buyer's ``/bayar/`` addresses and SIMPONI's notification endpoint
keep their paths and names."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pst import roles
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

MOVED = [
    ("/bayar/bendahara/", "/bendahara/pembayaran/"),
    ("/bayar/bendahara/bpn/", "/bendahara/pembayaran/bpn/"),
    ("/bayar/bendahara/tunai/", "/bendahara/pembayaran/tunai/"),
    ("/bayar/bendahara/bukti-transfer/7/", "/bendahara/bukti-transfer/7/"),
    ("/bayar/bendahara/bukti-transfer/7/berkas/", "/bendahara/bukti-transfer/7/berkas/"),
    ("/bayar/bendahara/pembayaran/12/kuitansi/", "/bendahara/pembayaran/12/kuitansi/"),
    ("/bayar/bendahara/kuitansi/5/koreksi/", "/bendahara/kuitansi/5/koreksi/"),
    ("/bayar/bendahara/pengecualian/3/", "/bendahara/pengecualian-pembayaran/3/"),
]


@pytest.mark.parametrize(("old", "new"), MOVED)
def test_every_old_bendahara_address_redirects_permanently(client, old, new):
    client.force_login(user_with_role(roles.TREASURER))
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_query_string_follows_the_redirect(client):
    response = client.get("/bayar/bendahara/?halaman=2")
    assert response.status_code == 301
    assert response["Location"] == "/bendahara/pembayaran/?halaman=2"


def test_the_new_desk_is_the_bendaharas_and_answers(client):
    client.force_login(user_with_role(roles.TREASURER))
    assert client.get("/bendahara/pembayaran/").status_code == 200
    client.force_login(user_with_role(roles.OFFICER))
    assert client.get("/bendahara/pembayaran/").status_code == 403


@pytest.mark.parametrize(
    ("name", "args", "path"),
    [
        ("billing:pay", [], "/bayar/"),
        ("billing:simponi-notify", [], "/bayar/notifikasi/simponi/"),
        ("billing:teller", [], "/bayar/simulator/teller/"),
        ("billing:billing-create", ["PST-1"], "/bayar/pesanan/PST-1/kode-billing/"),
        ("billing:billing-reissue", [4], "/bayar/kode-billing/4/terbitkan-ulang/"),
        ("billing:transfer-proof-upload", ["PST-1"], "/bayar/pesanan/PST-1/bukti-transfer/"),
        ("billing:sppd-upload", ["PST-1"], "/bayar/pesanan/PST-1/sppd/"),
        ("billing:sppd-file", [2], "/bayar/sppd/2/berkas/"),
        ("billing:sppd-originals-received", [2], "/bayar/sppd/2/asli-diterima/"),
        ("billing:receipt-pdf", [9], "/bayar/kuitansi/9/pdf/"),
        ("billing:receipt-verify", ["abc"], "/bayar/kuitansi/verifikasi/abc/"),
        ("billing:delivery-download", ["tok"], "/bayar/unduh/tok/"),
    ],
)
def test_the_buyers_and_simponis_addresses_are_unchanged(name, args, path):
    assert reverse(name, args=args) == path
