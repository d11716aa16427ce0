"""The mark's text and bytes: identity rules, transliteration, safe strings, placeholder sizes."""

from __future__ import annotations

import datetime

import pytest

from watermark import Identity, InvalidIdentity, marks
from watermark.master import KINDS, render


@pytest.mark.parametrize(
    ("download_id", "valid"),
    [
        ("DL-2026-000123", True),
        ("3f2b9c1e5d7a4b8c9e0f1a2b3c4d5e6f", True),  # uuid4 hex
        ("dl_7", True),
        ("A" * 64, True),
        ("A" * 65, False),  # too long for the placeholders
        ("ab", False),  # too short to be findable in text
        ("-DL-1", False),  # must start with a letter or digit
        ("DL 1", False),
        ("DL/1", False),
        ("DL-1)", False),  # anything PDF or regexes treat specially is out
        ("ÄL-123", False),
        ("", False),
    ],
)
def test_download_id_charset(download_id, valid):
    def make():
        return Identity("Nama", "a@b.c", download_id, "2026-11-20")

    if valid:
        assert make().download_id == download_id
    else:
        with pytest.raises(InvalidIdentity):
            make()


def test_identity_cleans_and_defaults():
    identity = Identity("  Siti\n\tNurhaliza\u200b ", "siti@example.org", "DL-1234")
    assert identity.name == "Siti Nurhaliza"
    assert identity.date == datetime.date.today()  # clock-ok: the library's own default
    assert identity.site_name == "PST Online"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " \n "}, "Nama"),
        ({"date": "20-11-2026"}, "Tanggal"),
        ({"name": 7}, "tidak valid"),
    ],
)
def test_identity_refusals_carry_an_indonesian_message(kwargs, message):
    values = {"name": "Nama", "email": "a@b.c", "download_id": "DL-1234", **kwargs}
    with pytest.raises(InvalidIdentity) as caught:
        Identity(**values)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("José Müller", "José Müller"),  # in WinAnsi
        ("Đặng Thị Ngọc Ánh", "Dang Thi Ngoc Ánh"),  # accents WinAnsi lacks are dropped
        ("Şükrü Łukasz", "Sükrü Lukasz"),
        ("ﬁle", "file"),  # compatibility ligature spelt out
        ("Ǆemal", "DŽemal"),
        # Other scripts are spelt in Latin, not '?' (issue #15, finding 12; the metadata keeps
        # the original): Cyrillic, Han, Arabic, Greek; symbols without a spelling stay '?'.
        ("Дмитрий Иванов", "Dmitriy Ivanov"),
        ("王小明", "WangXiaoMing"),
        ("محمد", "mhmd"),
        ("Ελένη", "Eleni"),
        ("\U0001f600 Budi", "? Budi"),
        ("“quoted” – €5", '"quoted" – €5'),
    ],
)
def test_winansi_transliteration(text, shown):
    assert marks.winansi(text).decode("cp1252") == shown


def test_strings_are_hex_so_nothing_can_close_them():
    assert marks.hex_string(b"a) Tj /F1 99 Tf (") == b"<612920546A202F46312039392054662028>"
    assert marks.text_string("Ä)") == b"<FEFF00C40029>"
    assert marks.text_string("\U0001f600") == b"<FEFFD83DDE00>"  # surrogate pair


def test_visible_line_is_shortened_but_keeps_date_and_id():
    identity = Identity("N" * 500, "e" * 300 + "@example.org", "DL-2026-000123", "2026-11-20")
    line = marks.diagonal_line(identity).decode("cp1252")
    assert line.startswith("Diunduh oleh " + "N" * 59 + "…")
    assert line.endswith(" · 2026-11-20 · DL-2026-000123")
    assert len(line) <= 13 + 60 + 2 + 80 + 1 + 3 + 10 + 3 + 64


def test_footer_line():
    identity = Identity("Nama", "a@b.c", "DL-2026-000123", "2026-11-20", site_name="PST Jatim")
    assert marks.footer_line(identity) == b"PST Jatim \xb7 ID unduhan: DL-2026-000123"


def test_line_without_email():
    identity = Identity("Pengunjung Layanan", "", "DL-2026-000124", "2026-11-20")
    assert marks.diagonal_line(identity) == (
        b"Diunduh oleh Pengunjung Layanan \xb7 2026-11-20 \xb7 DL-2026-000124"
    )


EXTREMES = [
    Identity("W" * 5000, "W" * 5000, "W" * 64, "2026-11-20", site_name="W" * 500),
    Identity("\U0001f600" * 5000, "\U0001f600" * 5000, "a" * 64, "2026-11-20"),
    Identity("\ufdfa" * 5000, "\ufdfa" * 5000, "a" * 64, "2026-11-20", site_name="\ufdfa" * 90),
    Identity(")" * 5000, "\\" * 5000, "Z" * 64, "9999-12-31"),
]


@pytest.mark.parametrize("identity", EXTREMES, ids=["wide", "astral", "expanding", "delims"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_placeholder_fits_the_largest_identity(kind, identity):
    """Capacities are fixed at ingest: the widest glyphs, characters that need surrogate pairs,
    characters that transliterate to many letters (U+FDFA) and delimiters all fit."""
    rendered = render(KINDS[kind], identity)
    assert len(rendered) == KINDS[kind].capacity


def test_metadata_keeps_full_unicode_up_to_its_limit():
    identity = Identity("Đặng 名前 😀", "x@例え.jp", "DL-2026-000123", "2026-11-20")
    rendered = render(KINDS["info_name"], identity)
    hex_digits = rendered[1:-1].replace(b" ", b"")
    assert bytes.fromhex(hex_digits.decode()).decode("utf-16") == "Đặng 名前 😀"


def test_page_stamp_content_is_fixed_by_geometry_only():
    content = marks.page_stamp_content((0, 1, -1, 0, 612, 0), 792, 612, b"/PSTWmD", b"/PSTWmF")
    assert content.startswith(b"q 0 1 -1 0 612 0 cm\n")
    assert content.count(b" Do Q") == 2 and content.endswith(b"Q\n")
    assert content.count(b"q") == content.count(b"Q")
