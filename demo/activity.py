"""The demo's money and service records: what the bendahara's and the officers' desks show on a
fresh start (``seed_demo``), built through the real services only (STYLE.md habit 12).

- **Payments** (``shop.billing``): orders of the demo buyer paid by kode billing through the
  SIMPONI simulator's bank teller (a signed notification, as in production), one paid in cash at
  the counter and deposited, one waiting for the bendahara to check a transfer proof from abroad,
  one BPN entered with the wrong amount (a payment exception to resolve); kuitansi issued and
  files delivered where the order desk would have got that far.
- **Treasury** (``shop.treasury``): the bank's MPN statement of those payments, generated in the
  bank's CSV layout with one line of a code the office never issued, imported and reconciled, so
  the reconciliation shows matched lines and one exception, and the Buku Kas Umum has entries.
- **E-pustaka**: the reader has downloaded one free publication (a stamped copy, logged), so
  their download history and the library's download report have a row.
- **Layanan**: consultations (answered, waiting, closed and published), a recommendation
  request under review, a drafted letter waiting for the kepala's signature, a complaint with
  its tracking code, guest-book visitors served at the counter, and SKM answers so the IKM
  page has numbers.

Idempotent: each part looks for what it made before (the buyer's payment records, the demo
bank's statement, a record's natural key) and makes nothing when it is there. Every moment is
"now" or relative to it, so service clocks and deposit deadlines look sensible whenever the
demo is started.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalogue.models import Product
from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI
from demo.orders import blank_pdf, invoiced_order, verified_order
from layanan import services as layanan
from layanan.models import Complaint, Consultation, GuestBookEntry, Recommendation
from layanan.selectors import survey_done
from library.models import Download, PublicationPage
from library.services import download_record
from pst.calendar import office_calendar
from pst.clock import local_date, office_today
from pst.models import ServiceKind, User
from pst.money import format_rupiah
from shop.billing import services as billing
from shop.billing.identifiers import generate_billing_code, generate_ntpn
from shop.billing.models import Billing, SimulatedBilling
from shop.billing.simponi.simulator import teller_pay
from shop.delivery import services as delivery
from shop.order import services as order_services
from shop.treasury import services as treasury
from shop.treasury.forms import ColumnMappingForm
from shop.treasury.models import Account, ColumnMapping, Payment, StatementFile, TransferProof

__all__ = [
    "DEMO_BANK",
    "seed_activity",
    "seed_downloads",
    "seed_layanan",
    "seed_payments",
    "seed_statement",
]

#: The column mapping (a bank's statement layout, saved by name) the demo statement uses.
DEMO_BANK = "Bank Persepsi MPN (demo)"
STATEMENT_HEADER = ("Tanggal Bayar", "Kode Billing", "NTPN", "NTB", "Nominal", "Kode Bank")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoPeople:
    buyer: User
    reader: User
    officer: User
    treasurer: User


def _people() -> DemoPeople:
    by_email = {u.email: u for u in User.objects.filter(email__endswith="@pst.demo")}
    return DemoPeople(
        buyer=by_email["pembeli@pst.demo"],
        reader=by_email["pembaca@pst.demo"],
        officer=by_email["petugas@pst.demo"],
        treasurer=by_email["bendahara@pst.demo"],
    )


def seed_activity(*, progress: Progress = lambda _m: None) -> dict[str, int]:
    """Payments, the reconciled statement and the layanan records (each part idempotent)."""
    people = _people()
    made = {"payments": seed_payments(people=people, progress=progress)}
    made["statement_lines"] = seed_statement(people=people, progress=progress)
    made["layanan"] = seed_layanan(people=people, progress=progress)
    made["downloads"] = seed_downloads(people=people, progress=progress)
    return made


# --- e-pustaka -----------------------------------------------------------------------------


def seed_downloads(*, people: DemoPeople, progress: Progress = lambda _m: None) -> int:
    """The reader's download of the first free publication, through the download service
    (the log row and the stamped copy, read to its end as the browser would)."""

    if Download.objects.filter(reader=people.reader).exists():
        return 0
    publication = next(
        (page for page in PublicationPage.objects.live().order_by("pk") if page.downloadable),
        None,
    )
    if publication is None:
        return 0
    stream = download_record(
        reader=people.reader, publication=publication, ip="127.0.0.1", user_agent="seed_demo"
    )
    for _chunk in stream.chunks:
        pass
    progress(f"unduhan pembaca: {publication.title}")
    return 1


# --- payments ------------------------------------------------------------------------------


def _priced_products() -> dict[str, list]:
    """Products the demo orders buy, by role: publications that are not free (a free library
    item is gratis and has nothing to pay), small WKS maps, microdata with its master, and
    microdata without one (not sellable, issue #20: its order stops before the invoice)."""

    public = Product.objects.filter(is_public=True).order_by("pk")
    return {
        "publication": list(
            public.filter(product_class__slug=PUBLIKASI, publication_page__is_free=False)[:4]
        ),
        "map": list(
            public.filter(
                product_class__slug=PETA_WKS,
                wks_master__gt="",
                stockrecords__price__lt=1_000_000,
            )[:2]
        ),
        "microdata_pending": list(
            public.filter(product_class__slug=DATA_MIKRO, microdata__master="")[:1]
        ),
        "microdata_ready": list(
            public.filter(product_class__slug=DATA_MIKRO).exclude(microdata__master="")[:1]
        ),
    }


def _pick(products: list, index: int):
    return products[index % len(products)]


def _invoiced(*, people: DemoPeople, product):
    """An order of the demo buyer as far as its invoice (steps 1-3, the order services)."""

    return invoiced_order(
        buyer=people.buyer,
        officer=people.officer,
        products=[product],
        purpose="Bahan kajian pasar dan perencanaan usaha PT Data Nusantara",
    )


def _paid_at_bank(*, people: DemoPeople, product):
    """Invoiced, kode billing issued by the buyer, paid at the simulator's bank teller; the
    simulator's signed notification confirms the payment (step 6)."""

    order = _invoiced(people=people, product=product)
    code = billing.billing_issue(invoice=order.current_invoice, by=people.buyer)
    _confirmation, result = teller_pay(code=code.code)
    return order, result.payment


def _issue_receipt_and_deliver(*, people: DemoPeople, payment):
    """What the bendahara's "issue kuitansi" button does: the receipt, then the delivery."""

    treasury.receipt_issue(payment=payment, by=people.treasurer)
    return delivery.delivery_prepare(
        order=payment.invoice.order, by=people.treasurer, announce=False
    )


def _counter_moment(now):
    """When the walk-in paid cash at the counter: mid-morning of the latest working day that
    is at least half an hour past (the counter is open on working days only), so the cash book
    shows it received and deposited the same working day (PMK 3/PMK.02/2013)."""

    calendar = office_calendar()
    day = local_date(now)
    for _ in range(31):
        if calendar.is_working_day(day):
            moment = calendar.at(day, calendar.opens_at) + timedelta(minutes=90)
            if moment <= now - timedelta(minutes=30):
                return moment
        day -= timedelta(days=1)
    return now - timedelta(hours=2)


def _has_payment_records(buyer) -> bool:

    mine = {"invoice__order__user": buyer}
    return (
        Billing.objects.filter(**mine).exists()
        or Payment.objects.filter(**mine).exists()
        or TransferProof.objects.filter(**mine).exists()
    )


def seed_payments(*, people: DemoPeople, progress: Progress = lambda _m: None) -> int:
    """Orders of the demo buyer past the invoice, each moved by the billing services:

    - paid by kode billing, kuitansi, delivered and completed by the buyer (who rates it and
      answers the SKM);
    - paid by kode billing, kuitansi, delivered (a WKS map);
    - microdata whose master is missing, verified but stopped before its invoice (issue #20);
    - microdata with its master, paid by kode billing, kuitansi issued, files not yet cut;
    - paid by kode billing, waiting for its kuitansi (the bendahara's first queue);
    - paid in cash at the counter, kuitansi, delivered, the cash deposited with its NTPN;
    - a transfer proof from abroad waiting for the bendahara's check;
    - a BPN entered with a wrong amount: a payment exception, the order still awaiting payment.

    Returns the number of orders made (0 when the buyer already has payment records).
    """

    if _has_payment_records(people.buyer):
        return 0
    products = _priced_products()
    publications, maps = products["publication"], products["map"]
    if not publications or not maps:
        return 0
    made = 0
    now = timezone.now()

    progress("pesanan dibayar, dikirim dan selesai")
    order, payment = _paid_at_bank(people=people, product=_pick(publications, 0))
    _issue_receipt_and_deliver(people=people, payment=payment)
    order = order_services.order_complete(order=order, actor=people.buyer)
    order_services.order_rate(
        order=order,
        buyer=people.buyer,
        score=5,
        comment="Proses cepat, kuitansi dan berkas langsung tersedia.",
    )
    _survey_once(
        subject=order,
        service=ServiceKind.SALES,
        respondent=people.buyer,
        scores=(4, 4, 3, 4, 4, 4, 4, 3, 4),
        suggestion="Mohon tambahkan pembayaran melalui QRIS.",
    )
    made += 1

    progress("peta WKS dibayar dan dikirim")
    _order, payment = _paid_at_bank(people=people, product=_pick(maps, 0))
    _issue_receipt_and_deliver(people=people, payment=payment)
    made += 1

    if products["microdata_pending"]:
        # Issue #20: no invoice for what cannot be delivered. The order (placed before its
        # master was withdrawn) stops at verification, where the officer and the buyer see why.
        progress("data mikro tanpa master: berhenti sebelum invoice")
        verified_order(
            buyer=people.buyer,
            officer=people.officer,
            products=[products["microdata_pending"][0]],
            purpose="Bahan kajian pasar dan perencanaan usaha PT Data Nusantara",
        )
        made += 1

    if products["microdata_ready"]:
        progress("data mikro dibayar, kuitansi terbit, berkas belum disiapkan")
        _order, payment = _paid_at_bank(people=people, product=products["microdata_ready"][0])
        treasury.receipt_issue(payment=payment, by=people.treasurer)
        made += 1

    progress("pesanan dibayar, menunggu kuitansi")
    _paid_at_bank(people=people, product=_pick(publications, 1))
    made += 1

    progress("pembayaran tunai di loket dan setorannya")
    order = _invoiced(people=people, product=_pick(maps, 1))
    received_at = _counter_moment(now)
    payment = treasury.cash_record(
        invoice=order.current_invoice,
        amount=order.current_invoice.total,
        by=people.treasurer,
        received_at=received_at,
    )
    _issue_receipt_and_deliver(people=people, payment=payment)
    treasury.cashbook_record_deposit(
        account=Account.CASH,
        amount=payment.amount,
        deposited_at=min(received_at + timedelta(hours=2), now),
        ntpn=generate_ntpn(),
        user=people.treasurer,
        reference=order.current_invoice.number,
        description=f"Setor tunai invoice {order.current_invoice.number} ke kas negara",
    )
    made += 1

    progress("bukti transfer dari luar negeri")
    order = _invoiced(people=people, product=_pick(publications, 2))
    invoice = order.current_invoice
    treasury.transfer_proof_submit(
        invoice=invoice,
        buyer=people.buyer,
        upload=SimpleUploadedFile("bukti-transfer.pdf", blank_pdf(), "application/pdf"),
        sender_name="PT Data Nusantara (Singapore) Pte. Ltd.",
        sender_bank="DBS Bank Ltd, Singapura",
        transfer_date=local_date(now - timedelta(days=1)),
        amount=invoice.total,
        currency="IDR",
    )
    made += 1

    progress("BPN dengan nominal salah (pengecualian)")
    order = _invoiced(people=people, product=_pick(publications, 3))
    code = billing.billing_issue(invoice=order.current_invoice, by=people.buyer)
    treasury.bpn_record(
        billing_code=code.code,
        ntpn=generate_ntpn(),
        ntb=f"{secrets.randbelow(10**12):012d}",
        amount=code.amount - Decimal(5000),
        paid_at=now - timedelta(hours=3),
        bank_code="BRI",
        by=people.treasurer,
    )
    made += 1
    return made


# --- the bank's statement --------------------------------------------------------------------


def _unknown_code(on) -> str:
    """A well-formed kode billing that neither the office nor the simulator ever issued."""

    while True:
        code = generate_billing_code(on, first_digit=8)
        if not (
            Billing.objects.filter(code=code).exists()
            or SimulatedBilling.objects.filter(code=code).exists()
        ):
            return code


def statement_rows(now) -> Iterator[tuple[str, ...]]:
    """The bank's lines for every payment made through the simulator (kode billing, NTPN, NTB,
    amount, time, bank), then one line of an unknown code, as ``STATEMENT_HEADER`` orders them."""

    paid = SimulatedBilling.objects.filter(paid_at__isnull=False).order_by("paid_at", "pk")
    for row in paid:
        moment = timezone.localtime(row.paid_at)
        yield (
            f"{moment:%d/%m/%Y %H:%M:%S}",  # format-ok: the bank statement's own format
            row.code,
            row.ntpn,
            row.ntb,
            format_rupiah(row.amount, with_cents=True, symbol=False),
            row.bank_code,
        )
    moment = timezone.localtime(now - timedelta(minutes=30))
    yield (
        f"{moment:%d/%m/%Y %H:%M:%S}",  # format-ok: the bank statement's own format
        _unknown_code(moment.date()),
        generate_ntpn(),
        f"{secrets.randbelow(10**12):012d}",
        format_rupiah(Decimal(150_000), with_cents=True, symbol=False),
        "BNI",
    )


def statement_csv(now) -> bytes:
    """The statement as the bank exports it: ``;`` separated, a UTF-8 BOM, CRLF lines."""
    lines = [";".join(STATEMENT_HEADER), *(";".join(row) for row in statement_rows(now))]
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode()


def _ensure_mapping() -> None:
    """The demo bank's column mapping, saved through the bendahara's form."""

    if ColumnMapping.objects.filter(name=DEMO_BANK).exists():
        return
    date_col, code_col, ntpn_col, ntb_col, amount_col, _bank = STATEMENT_HEADER
    form = ColumnMappingForm(
        {
            "name": DEMO_BANK,
            "billing_code_column": code_col,
            "ntpn_column": ntpn_col,
            "ntb_column": ntb_col,
            "amount_column": amount_col,
            "paid_at_column": date_col,
            "time_column": "",
        }
    )
    if not form.is_valid():
        raise ValueError(f"demo column mapping refused: {form.errors.as_text()}")
    form.save()


def seed_statement(*, people: DemoPeople, progress: Progress = lambda _m: None) -> int:
    """Import today's MPN statement of the demo bank and reconcile it (once: a statement of the
    demo bank already imported means this was done). Returns the lines imported."""

    if StatementFile.objects.filter(bank=DEMO_BANK).exists():
        return 0
    if not SimulatedBilling.objects.filter(paid_at__isnull=False).exists():
        return 0
    progress("rekening koran MPN: impor dan rekonsiliasi")
    _ensure_mapping()
    now = timezone.now()
    result = treasury.statement_import(
        file=io.BytesIO(statement_csv(now)),
        bank=DEMO_BANK,
        user=people.treasurer,
        filename=f"mutasi-mpn-{local_date(now):%Y%m%d}.csv",
    )
    treasury.reconcile_run(user=people.treasurer, statement_file=result.statement_file)
    return result.lines_new


# --- layanan ---------------------------------------------------------------------------------


def _survey_once(*, subject, service, respondent, scores, suggestion="", channel="online"):
    """One SKM questionnaire about ``subject`` (the database allows one per service given)."""

    key = layanan.subject_key_for(subject)
    if survey_done(key):
        return
    layanan.survey_submit(
        service=service,
        scores=scores,
        respondent=respondent,
        subject_key=key,
        suggestion=suggestion,
        channel=channel,
    )


@dataclass(frozen=True)
class DemoConsultation:
    """One thread: who asks (a :class:`DemoPeople` field), then the messages in order as
    ``(author field, body)``; ``published`` is the officer's rewritten question and answer
    for the public list, which closes the thread first."""

    asker: str
    topic: str
    subject: str
    messages: tuple[tuple[str, str], ...]
    published: tuple[str, str] | None = None
    survey: tuple[int, ...] | None = None


CONSULTATIONS = (
    DemoConsultation(
        asker="reader",
        topic="data",
        subject="Data IPM menurut kabupaten/kota 2020-2025",
        messages=(
            (
                "reader",
                "Saya memerlukan Indeks Pembangunan Manusia menurut kabupaten/kota di Sulawesi "
                "Selatan tahun 2020-2025 untuk skripsi. Di mana saya dapat memperoleh datanya?",
            ),
            (
                "officer",
                "IPM kabupaten/kota tersedia pada publikasi Indeks Pembangunan Manusia Provinsi "
                "Sulawesi Selatan dan pada tabel dinamis di situs web. Untuk 2020-2025 gunakan "
                "metode baru (UNDP 2010); angka 2025 masih sementara.",
            ),
        ),
    ),
    DemoConsultation(
        asker="buyer",
        topic="klasifikasi",
        subject="Kode KBLI untuk jasa konsultasi survei pasar",
        messages=(
            (
                "buyer",
                "Perusahaan kami menjalankan survei pasar dan jajak pendapat untuk klien. Kode "
                "KBLI 2020 mana yang tepat untuk kegiatan ini?",
            ),
        ),
    ),
    DemoConsultation(
        asker="reader",
        topic="metadata",
        subject="Definisi pengangguran terbuka pada Sakernas",
        messages=(
            (
                "reader",
                "Apakah penduduk yang sedang mempersiapkan usaha termasuk pengangguran terbuka "
                "dalam Sakernas?",
            ),
            (
                "officer",
                "Ya. Pengangguran terbuka mencakup penduduk yang mencari pekerjaan, yang "
                "mempersiapkan usaha, yang merasa tidak mungkin mendapat pekerjaan, dan yang "
                "sudah mendapat pekerjaan tetapi belum mulai bekerja (konsep ILO).",
            ),
            ("reader", "Terima kasih, sudah jelas."),
        ),
        published=(
            "Apakah penduduk yang sedang mempersiapkan usaha termasuk pengangguran terbuka "
            "dalam Sakernas?",
            "Ya. Menurut konsep ILO yang dipakai Sakernas, pengangguran terbuka adalah penduduk "
            "usia kerja yang mencari pekerjaan, mempersiapkan usaha, merasa tidak mungkin "
            "mendapat pekerjaan, atau sudah diterima bekerja tetapi belum mulai bekerja.",
        ),
        survey=(4, 4, 4, 4, 3, 4, 4, 3, 3),
    ),
)


def _seed_consultations(people: DemoPeople) -> int:
    """One consultation waiting for an officer, one answered, one closed and published in the
    public list of answered questions (whose asker then answered the SKM)."""

    made = 0
    for demo in CONSULTATIONS:
        asker = getattr(people, demo.asker)
        if Consultation.objects.filter(user=asker, subject=demo.subject).exists():
            continue
        (_author, question), *replies = demo.messages
        consultation = layanan.consultation_open(
            user=asker, topic=demo.topic, subject=demo.subject, body=question
        )
        for author, body in replies:
            layanan.consultation_reply(
                consultation=consultation, author=getattr(people, author), body=body
            )
        if demo.published is not None:
            consultation = layanan.consultation_close(consultation=consultation, by=people.officer)
            public_question, public_answer = demo.published
            layanan.consultation_publish(
                consultation=consultation,
                officer=people.officer,
                public_question=public_question,
                public_answer=public_answer,
            )
        if demo.survey is not None:
            _survey_once(
                subject=consultation,
                service=ServiceKind.CONSULTATION,
                respondent=asker,
                scores=demo.survey,
                suggestion="Jawaban jelas dan cepat.",
            )
        made += 1
    return made


def _seed_recommendation(people: DemoPeople) -> int:
    """A survey plan under the officer's review: submitted, asked to complete, resubmitted."""

    title = "Survei Kepuasan Pengguna Layanan Publik Kota Makassar 2027"
    if Recommendation.objects.filter(user=people.buyer, title=title).exists():
        return 0
    today = office_today()
    plan = {
        "title": title,
        "organiser": "Dinas Komunikasi dan Informatika Kota Makassar "
        "(pelaksana: PT Data Nusantara)",
        "purpose": "Mengukur kepuasan warga terhadap 12 layanan publik kota sebagai dasar "
        "perbaikan layanan tahun anggaran berikutnya.",
        "method": "Survei rumah tangga, wawancara tatap muka dengan CAPI.",
        "population": "Rumah tangga di 15 kecamatan Kota Makassar.",
        "sample": "1.200 rumah tangga",
        "variables": "Karakteristik responden; penggunaan layanan; sembilan unsur kepuasan.",
        "schedule_start": today + timedelta(days=60),
        "schedule_end": today + timedelta(days=120),
    }
    recommendation = layanan.recommendation_submit(user=people.buyer, plan=plan)
    layanan.recommendation_request_completion(
        recommendation=recommendation,
        officer=people.officer,
        note="Lengkapi rancangan sampel: kerangka sampel, metode penarikan, dan alokasi per "
        "kecamatan.",
    )
    plan["sample"] = (
        "1.200 rumah tangga, two-stage sampling: 60 blok sensus dipilih PPS dari kerangka "
        "SE2026, 20 rumah tangga per blok dipilih sistematik; alokasi proporsional per kecamatan."
    )
    layanan.recommendation_resubmit(
        recommendation=recommendation,
        user=people.buyer,
        plan=plan,
        note="Rancangan sampel sudah dilengkapi.",
    )
    return 1


def _seed_letter_to_sign(people: DemoPeople) -> int:
    """A plan the officer accepted and whose letter is drafted: it waits on the kepala's desk
    (``pst/landing.py``: letters to sign) for the signature that issues it."""

    title = "Survei Penggunaan Transportasi Umum Kota Makassar 2027"
    if Recommendation.objects.filter(user=people.reader, title=title).exists():
        return 0
    today = office_today()
    recommendation = layanan.recommendation_submit(
        user=people.reader,
        plan={
            "title": title,
            "organiser": "Fakultas Teknik Universitas Hasanuddin",
            "purpose": "Memetakan pola perjalanan harian warga sebagai bahan tesis dan masukan "
            "bagi rencana angkutan umum kota.",
            "method": "Survei individu, wawancara tatap muka di halte dan terminal.",
            "population": "Pengguna angkutan umum berusia 15 tahun ke atas di Kota Makassar.",
            "sample": "400 responden, kuota per terminal sebanding jumlah penumpang harian.",
            "variables": "Karakteristik responden; asal-tujuan perjalanan; moda; waktu tempuh.",
            "schedule_start": today + timedelta(days=45),
            "schedule_end": today + timedelta(days=75),
        },
    )
    recommendation = layanan.recommendation_accept(
        recommendation=recommendation, officer=people.officer
    )
    layanan.recommendation_draft_letter(
        recommendation=recommendation,
        officer=people.officer,
        letter_text=recommendation.letter_text,
    )
    return 1


def _seed_complaint(people: DemoPeople) -> int:

    what = "Tautan unduhan publikasi tidak bisa dibuka dari ponsel."
    if Complaint.objects.filter(complainant=people.reader, what=what).exists():
        return 0
    complaint = layanan.complaint_create(
        service=ServiceKind.LIBRARY,
        what=what,
        where="E-Pustaka, halaman publikasi",
        occurred_on=office_today() - timedelta(days=2),
        how="Setelah menekan tombol Unduh muncul halaman kosong di peramban ponsel.",
        user=people.reader,
    )
    layanan.complaint_verify(
        complaint=complaint,
        officer=people.officer,
        note="Diteruskan ke tim TI untuk diperiksa.",
    )
    return 1


GUESTS = (
    (
        "Ahmad Fauzi",
        "Universitas Negeri Makassar",
        ServiceKind.LIBRARY,
        "Membaca publikasi Sulawesi Selatan Dalam Angka edisi cetak.",
    ),
    (
        "Nurul Hidayah",
        "Bappeda Kabupaten Gowa",
        ServiceKind.CONSULTATION,
        "Konsultasi penyusunan indikator RPJMD.",
    ),
    ("Yusuf Rahman", "CV Maju Bersama", ServiceKind.SALES, "Membeli peta WKS kecamatan."),
)


def _seed_guests(people: DemoPeople) -> int:
    """Walk-in visitors: signed in the guest book, called and served at counter 1, and
    answering the SKM from their queue ticket."""

    made = 0
    for index, (name, institution, service, purpose) in enumerate(GUESTS):
        entry = GuestBookEntry.objects.filter(name=name, purpose=purpose).first()
        if entry is None:
            entry = layanan.guest_register(
                name=name, institution=institution, service=service, purpose=purpose
            )
            ticket = layanan.queue_call_next(officer=people.officer, counter="1")
            if ticket is not None:
                layanan.queue_finish(officer=people.officer, ticket=ticket)
            made += 1
        entry.ticket.refresh_from_db()
        if entry.ticket.status == "selesai":
            _survey_once(
                subject=entry.ticket,
                service=service,
                respondent=None,
                scores=(3 + index % 2, 4, 3, 4, 3, 4, 4, 3, 3 + (index + 1) % 2),
                channel="walk_in",
            )
    return made


def seed_layanan(*, people: DemoPeople, progress: Progress = lambda _m: None) -> int:
    progress("layanan: konsultasi, rekomendasi, pengaduan, buku tamu, SKM")
    return (
        _seed_consultations(people)
        + _seed_recommendation(people)
        + _seed_letter_to_sign(people)
        + _seed_complaint(people)
        + _seed_guests(people)
    )
