"""The files the office issues for an order: invoice, data use agreement, microdata sample,
and the blank SPPD form buyers download at checkout (DOMAIN.md steps 1 and 3).

Official documents are written in Indonesian whatever the interface language, and every PDF
comes from ``pst.pdfdoc`` so they all carry the same letterhead.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from catalogue.models import MicrodataDataset
from catalogue.selectors import codebook_table, line_microdata_master
from pst.clock import office_today
from pst.formats import format_datetime
from pst.pdfdoc import (
    AmountInWords,
    Document,
    KeyValues,
    Note,
    Signature,
    TableBlock,
    Text,
    format_date_id,
    render_pdf,
)
from shop.pricing import quotes

__all__ = [
    "invoice_pdf",
    "microdata_sample",
    "microdata_sample_package",
    "office_documents",
    "sppd_form_pdf",
]

PRICE_CLASS_ID = {"berbayar": "Berbayar", "nol_rupiah": "Nol rupiah (Rp0)", "gratis": "Gratis"}


def _buyer_rows(order) -> list[tuple[str, str]]:
    user = order.user
    rows = [
        ("Nomor pesanan", order.number),
        ("Pembeli", getattr(user, "full_name", "") or user.get_full_name() or user.email),
        ("E-mail", user.email),
    ]
    if getattr(user, "institution", ""):
        rows.append(("Instansi", user.institution))
    if getattr(user, "npwp", ""):
        rows.append(("NPWP", user.npwp))
    return rows


def invoice_pdf(invoice) -> bytes:
    """Step 3's invoice: office header, number, buyer, one row per tariff item of every line,
    the total in figures and words, the schedule used, validity, and how to pay."""
    order = invoice.order
    rows: list[list[object]] = []
    number = itertools.count(1)
    price_classes = []
    for line in invoice.quote["lines"]:
        quote = line["quote"]
        price_classes.append(
            f"{line['title']}: {PRICE_CLASS_ID.get(quote.get('price_class'), '-')}"
            + (f" ({quote['reason']})" if quote.get("reason") else "")
        )
        for item in quote["lines"]:
            rows.append(
                [
                    next(number),
                    f"{line['title']} — {item['description']}"
                    + (f" ({item['detail']})" if item.get("detail") else ""),
                    item["units"],
                    Decimal(item["unit_price"]),
                    Decimal(item["amount"]),
                ]
            )
    issued = timezone.localtime(invoice.issued_at).date()
    blocks = [
        KeyValues(
            [
                *_buyer_rows(order),
                ("Tanggal invoice", format_date_id(issued)),
                ("Berlaku sampai", format_date_id(invoice.valid_until)),
                ("Tarif", invoice.schedule_name or "-"),
            ]
        ),
        Text("Rincian tagihan", bold=True),
        TableBlock(
            header=["No", "Uraian", "Banyaknya", "Tarif satuan", "Jumlah"],
            rows=rows,
            money_columns=frozenset({3, 4}),
            right_columns=frozenset({0, 2}),
            footer=[["", "Total", "", "", Decimal(invoice.total)]],
            widths=(0.06, 0.5, 0.12, 0.16, 0.16),
        ),
        AmountInWords(Decimal(invoice.total)),
        Note("Kelas tarif: " + "; ".join(price_classes)),
        Note(
            "Cara membayar: buka halaman pesanan di PST Online dan minta kode billing SIMPONI; "
            "bayar kode billing di teller bank, ATM, atau internet banking sebelum kode "
            "kedaluwarsa. Pembeli di luar negeri mentransfer ke rekening bendahara penerimaan "
            "dan mengunggah bukti transfer. Tarif belum termasuk biaya bank (PP 7/2015 Pasal 3)."
        ),
        Note(
            f"Invoice ini berlaku sampai {format_date_id(invoice.valid_until)}. Setelah itu "
            "minta invoice baru kepada petugas PST."
        ),
        Signature(
            role="Petugas PST",
            name=(invoice.issued_by.get_full_name() if invoice.issued_by else "")
            or settings.PST_SITE_NAME,
            nip=getattr(invoice.issued_by, "nip", ""),
            on=issued,
        ),
    ]
    return render_pdf(Document(title="Invoice", number=invoice.number, blocks=blocks))


def agreement_pdf(order) -> bytes:
    """The data use agreement (SPPD) filled with the order, to sign on meterai (step 7)."""
    kept = order.kept_lines  # a dropped line is not sold
    items = [[i, line.title, line.quantity] for i, line in enumerate(kept, 1)]
    blocks = [
        KeyValues(_buyer_rows(order)),
        Text("Data yang digunakan", bold=True),
        TableBlock(header=["No", "Produk", "Banyaknya"], rows=items, widths=(0.08, 0.74, 0.18)),
        Text("Tujuan penggunaan", bold=True),
        Text(order.purpose or "-"),
        *_sppd_clauses(),
        Note(
            "Tanda tangani dua rangkap di atas meterai Rp10.000 dan kirimkan kepada "
            f"{settings.PST_OFFICE_NAME}, {settings.PST_OFFICE_ADDRESS}."
        ),
        Signature(role="Pengguna data", name=_buyer_rows(order)[1][1], on=office_today()),
    ]
    return render_pdf(
        Document(title="Surat Perjanjian Penggunaan Data", number=order.number, blocks=blocks)
    )


def _sppd_clauses() -> list[object]:
    return [
        Text("Pengguna data menyatakan:", bold=True),
        Text(
            "1. Data hanya digunakan untuk tujuan yang dinyatakan di atas.\n"
            "2. Data tidak diberikan, dijual, atau disebarluaskan kepada pihak lain.\n"
            "3. Data tidak digunakan untuk mengenali responden perorangan.\n"
            "4. Setiap publikasi hasil olahan menyebutkan sumber data.\n"
            "5. Pelanggaran perjanjian ini dapat dikenai sanksi sesuai peraturan yang berlaku."
        ),
    ]


def sppd_form_pdf() -> bytes:
    """The blank SPPD form offered at checkout: the buyer fills, signs and uploads it."""
    blocks = [
        KeyValues(
            [
                ("Nama", "...................................................."),
                ("Instansi", "...................................................."),
                ("Nomor identitas", "...................................................."),
                ("E-mail / telepon", "...................................................."),
                ("Data yang diminta", "...................................................."),
                ("Tujuan penggunaan", "...................................................."),
            ]
        ),
        *_sppd_clauses(),
        Signature(role="Pengguna data", name="(" + "." * 33 + ")", on=office_today()),
    ]
    return render_pdf(Document(title="Surat Perjanjian Penggunaan Data", blocks=blocks))


def _names(value) -> list[str] | None:
    """A comma-separated option value as names; None (= all) when the option is absent."""
    if value is None:
        return None
    return [part.strip() for part in str(value).split(",") if part.strip()]


def microdata_sample(line, *, rows: int) -> bytes | None:
    """The first ``rows`` records of the buyer's selection of one microdata line, in the
    delivery layout (catalogue.microdata), or None when the line is not microdata or the
    dataset has no master file yet."""

    master = line_microdata_master(line)
    if master is None:
        return None
    options = quotes.line_options(line)
    selection = master.selection(
        variables=_names(options.get(quotes.OPTION_VARIABLES)),
        regions=_names(options.get(quotes.OPTION_REGIONS)),
    )
    header = ",".join(name for name, _width in selection.variables).encode("ascii") + b"\n"
    body = b"".join(itertools.islice(master.chunks(selection), rows))
    return header + body


def office_documents(order) -> dict[str, tuple[bytes, str, str]]:
    """What the officer issues with the invoice: the agreement, and a sample per microdata
    order (the sample of every microdata line in one CSV, each part under its title)."""
    files: dict[str, tuple[bytes, str, str]] = {
        "agreement": (agreement_pdf(order), "pdf", "application/pdf")
    }
    parts, samples = [], []
    for line in order.kept_lines.select_related("product"):
        sample = microdata_sample(line, rows=settings.PST_ORDER_SAMPLE_ROWS)
        if sample:
            parts.append(f"# {line.title}\n".encode() + sample)
            samples.append((line, sample))
    if parts:
        files["sample"] = (b"\n".join(parts), "csv", "text/csv")
        package = microdata_sample_package(order, samples=samples)
        files["sample_package"] = (package, "zip", "application/zip")
    return files


def microdata_sample_package(order, *, samples: list[tuple[object, bytes]]) -> bytes:
    """The sample packed as the delivery is (issue #20, like ``build_microdata_zip``): for each
    microdata line a folder with ``sampel.csv`` (the first records of the buyer's own
    selection, with a header) and ``codebook.csv`` of the selected variables, and ``TANDA.txt``
    naming the buyer and the order. The buyer downloads it from the order before paying."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, (line, sample) in enumerate(samples, start=1):
            folder = f"{number}-{re.sub(r'[^a-z0-9]+', '-', line.title.lower()).strip('-')[:40]}"
            archive.writestr(f"{folder}/sampel.csv", sample)
            variables = sample.split(b"\n", 1)[0].decode("ascii").split(",")
            dataset = MicrodataDataset.objects.get(product=line.product)
            table = io.StringIO()
            csv.writer(table).writerows(codebook_table(dataset, variables))
            archive.writestr(f"{folder}/codebook.csv", table.getvalue())
        archive.writestr("TANDA.txt", _sample_note(order, [line for line, _ in samples]))
    return out.getvalue()


def _sample_note(order, lines) -> str:
    buyer = order.user
    titles = "\n".join(f"  - {line.title}" for line in lines)
    return (
        f"{settings.PST_OFFICE_NAME} - {settings.PST_SITE_NAME}\n"
        f"SAMPEL DATA MIKRO untuk diperiksa sebelum pembayaran\n"
        f"Pembeli     : {buyer.get_full_name()} <{buyer.email}>\n"
        f"Instansi    : {getattr(buyer, 'institution', '') or '-'}\n"
        f"Pesanan     : {order.number}\n"
        f"Disiapkan   : {format_datetime(timezone.now(), language='id')}\n"
        f"Produk      :\n{titles}\n\n"
        "Sampel ini hanya untuk pembeli di atas, untuk memeriksa pilihan variabel dan wilayah.\n"
        "Dilarang menyebarluaskan atau menjual kembali data ini.\n"
    )
