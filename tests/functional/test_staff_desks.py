"""Each role finds its own work pages in the header, and a reader sees none of them."""

from __future__ import annotations

import pytest

from pst.roles import HEAD_OF_OFFICE, LIBRARIAN, OFFICER, TREASURER

pytestmark = pytest.mark.django_db


def _desk_links(client, user) -> str:
    client.force_login(user)
    html = client.get("/layanan/").content.decode()
    start = html.find('id="nav-staff-desks"')
    return html[start : html.find("</ul>", start)] if start >= 0 else ""


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (
            TREASURER,
            ["/bendahara/pembayaran/", "/bendahara/"],
            ["/cms/", "/toko/dashboard/orders/"],
        ),
        (OFFICER, ["/toko/dashboard/orders/", "/layanan/petugas/"], ["/bendahara/"]),
        (HEAD_OF_OFFICE, ["/layanan/petugas/", "/pustaka/staf/laporan-unduhan/"], ["/bayar/"]),
        (LIBRARIAN, ["/cms/"], ["/bendahara/", "/layanan/petugas/"]),
    ],
)
def test_each_role_sees_its_desks(client, make_staff, role, present, absent):
    links = _desk_links(client, make_staff(role))
    for url in present:
        assert f'href="{url}"' in links, url
    for url in absent:
        assert f'href="{url}"' not in links, url


def test_a_reader_sees_no_desk(client, user):
    assert _desk_links(client, user) == ""
