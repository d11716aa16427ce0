"""Issue #10, complaints (pengaduan): filing (named, anonymous, without an account), evidence
checked by content, tracking code, the officer's verification/follow-up/closure, and the
automatic late-service complaint with its written notice and priority."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from layanan import services
from layanan.models import Complaint, ComplaintStatus, Consultation, SatisfactionSurvey
from tests.factories import UserFactory
from tests.factories.layanan import docx_upload, fake_pdf_upload, jpeg_upload, pdf_upload

# Mail leaves after commit (pst.notify); the fixture lets a service's block commit.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_at_the_service")]

CREATE = "/layanan/pengaduan/baru/"


def form_data(**overrides):
    data = {
        "service": "perpustakaan",
        "what": "Unduhan publikasi gagal terus.",
        "where": "Halaman e-pustaka",
        "occurred_on": "2026-11-02",
        "who": "-",
        "how": "Tombol unduh memberi galat.",
        "reference": "DL-123",
    }
    data.update(overrides)
    return data


def test_contract_url_name_and_path():
    assert reverse("layanan:complaint_create") == CREATE


def test_query_parameters_prefill_the_form(client):
    response = client.get(CREATE, {"layanan": "penjualan", "ref": "ORD-0042"})
    form = response.context["form"]
    assert form.initial == {"service": "penjualan", "reference": "ORD-0042"}
    assert client.get(CREATE, {"layanan": "nonsense"}).context["form"].initial == {}


def test_named_complaint_with_evidence(client, user, officer):
    client.force_login(user)
    mail.outbox.clear()
    response = client.post(CREATE, form_data(evidence=[pdf_upload("struk saya.pdf")]))
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert response.context["complaint"] == complaint
    assert complaint.tracking_code in response.content.decode()
    assert complaint.complainant == user and not complaint.anonymous
    evidence = complaint.evidence.get()
    assert evidence.original_name == "struk saya.pdf"
    assert "struk" not in evidence.file.name  # stored under a random name
    assert {tuple(m.to) for m in mail.outbox} == {(user.email,), (officer.email,)}
    receipt = next(m for m in mail.outbox if m.to == [user.email])
    assert complaint.tracking_code in receipt.subject + receipt.body

    # The evidence is for staff only.
    url = reverse("layanan:complaint_evidence", args=[evidence.pk])
    assert client.get(url).status_code == 403
    client.force_login(officer)
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Cache-Control"] == "private, no-store"


def test_anonymous_complaint_keeps_no_personal_data(client, user, officer):
    """Logged in or not, an anonymous complaint is not linked to the account, keeps no contact,
    renames the evidence and strips its metadata (EXIF artist, PDF author)."""
    client.force_login(user)
    mail.outbox.clear()
    response = client.post(
        CREATE,
        form_data(
            anonymous="on",
            evidence=[
                jpeg_upload("foto Budi Santoso.jpg", exif_artist="Budi Santoso"),
                pdf_upload("surat Budi.pdf", author="Budi Santoso"),
            ],
        ),
    )
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.anonymous
    assert complaint.complainant is None
    assert (complaint.contact_name, complaint.contact_email, complaint.contact_phone) == ("",) * 3
    names = sorted(e.original_name for e in complaint.evidence.all())
    assert names == ["bukti-1.jpg", "bukti-2.pdf"]
    for evidence in complaint.evidence.all():
        data = evidence.file.open("rb").read()
        assert b"Budi" not in data
        if evidence.content_type == "image/jpeg":
            assert not Image.open(io.BytesIO(data)).getexif()
        else:
            assert "/Author" not in (PdfReader(io.BytesIO(data)).metadata or {})
    # Nobody to write to: only the officers are told.
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert user.email not in "".join(m.body for m in mail.outbox)
    assert not Complaint.objects.filter(complainant=user).exists()
    assert 'id="anonymous-notice"' in response.content.decode()


def test_database_refuses_an_anonymous_complaint_with_personal_data(user):
    with pytest.raises(IntegrityError):
        Complaint.objects.create(service="perpustakaan", what="x", anonymous=True, complainant=user)


def test_anonymous_evidence_must_be_pdf_or_image(client):
    """Office files carry their author in docProps; an anonymous complaint refuses them."""
    response = client.post(CREATE, form_data(anonymous="on", evidence=[docx_upload()]))
    assert not Complaint.objects.exists()
    assert "laporan.docx" in response.context["form"].non_field_errors()[0]
    client.post(CREATE, form_data(contact_email="a@contoh.id", evidence=[docx_upload()]))
    assert Complaint.objects.get().evidence.get().content_type.endswith("document")


def test_evidence_checked_by_content(client, user):
    client.force_login(user)
    response = client.post(CREATE, form_data(evidence=[fake_pdf_upload()]))
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert "virus.pdf" in response.context["form"].non_field_errors()[0]


def test_visitor_without_account_needs_email_or_anonymity(client):
    response = client.post(CREATE, form_data())
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert response.context["form"].non_field_errors()
    response = client.post(
        CREATE, form_data(contact_name="Sari", contact_email="sari@contoh.id", contact_phone="08")
    )
    complaint = Complaint.objects.get()
    assert complaint.reply_email == "sari@contoh.id"
    assert any(m.to == ["sari@contoh.id"] for m in mail.outbox)


def test_officer_verifies_follows_up_and_closes(client, user, officer):
    complaint = services.complaint_create(service="konsultasi", what="Lama dijawab", user=user)
    detail = reverse("layanan:staff_complaint", args=[complaint.pk])
    client.force_login(officer)
    assert client.post(detail, {"action": "verify", "note": ""}).status_code == 302
    # A follow-up without a note is refused with a message.
    response = client.post(detail, {"action": "follow_up", "note": ""}, follow=True)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.VERIFIED
    shown = [str(m) for m in response.context["messages"]]
    assert any("catatan" in m.lower() or "note" in m.lower() for m in shown), shown
    client.post(detail, {"action": "follow_up", "note": "Petugas ditegur."})
    mail.outbox.clear()
    client.post(detail, {"action": "close", "note": "Konsultasi sudah dijawab."})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert complaint.resolution == "Konsultasi sudah dijawab."
    assert complaint.closed_at is not None
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Konsultasi sudah dijawab." in mail.outbox[0].body
    assert [e.status for e in complaint.events.all()] == [
        "diterima",
        "diverifikasi",
        "ditindaklanjuti",
        "selesai",
    ]
    # Closed is final.
    with pytest.raises(services.ServiceError):
        services.complaint_follow_up(complaint=complaint, officer=officer, note="lagi")
    # The complainant sees the notes by tracking code, without logging in.
    client.logout()
    page = client.get(reverse("layanan:complaint_track"), {"kode": complaint.tracking_code})
    assert "Petugas ditegur." in page.content.decode()


def test_only_staff_handle_complaints(client, user):
    complaint = services.complaint_create(service="konsultasi", what="x", user=user)
    client.force_login(UserFactory())
    assert client.get(reverse("layanan:staff_complaints")).status_code == 403
    assert client.get(reverse("layanan:staff_complaint", args=[complaint.pk])).status_code == 403
    with pytest.raises(services.ServiceError):
        services.complaint_verify(complaint=complaint, officer=user)
    client.logout()
    assert client.get(reverse("layanan:staff_complaints")).status_code == 302


def test_late_service_complaint_with_notice_and_priority(client, user, officer):
    """DOMAIN.md: service short of the standard -> written notice and priority service. The
    orders helper calls this when an order passes 10 working days; here the subject is any
    model instance. A second call (a re-run of the check) returns the same complaint."""
    subject = Consultation.objects.create(
        number="K-TEST-1",
        user=user,
        topic="data",
        subject="Data inflasi",
        first_answer_due_at=timezone.now() - timedelta(days=1),
    )
    older = services.complaint_create(service="perpustakaan", what="lama", user=user)
    mail.outbox.clear()
    due = timezone.now() - timedelta(hours=2)
    notice = "Mohon maaf, permintaan Anda melewati waktu layanan 10 hari kerja."
    complaint = services.complaint_create_for_late_service(
        service="penjualan", subject=subject, user=user, due_at=due, notice_text=notice
    )
    again = services.complaint_create_for_late_service(
        service="penjualan", subject=subject, user=user, due_at=due, notice_text=notice
    )
    assert again.pk == complaint.pk
    assert Complaint.objects.filter(automatic=True).count() == 1
    assert complaint.priority and complaint.automatic
    assert complaint.notice_text == notice and complaint.service_due_at == due
    notices = [m for m in mail.outbox if m.to == [user.email]]
    assert len(notices) == 1 and notice in notices[0].body
    client.force_login(officer)
    listing = client.get(reverse("layanan:staff_complaints"))
    assert list(listing.context["complaints"])[:2] == [complaint, older]


def test_complainant_rates_the_handling_of_a_closed_complaint(client, user, officer):
    complaint = services.complaint_create(service="penjualan", what="Invoice salah", user=user)
    services.complaint_verify(complaint=complaint, officer=officer)
    survey = reverse("layanan:survey", args=["pengaduan", complaint.pk])
    client.force_login(user)
    assert client.get(survey).status_code == 404  # still open
    services.complaint_close(complaint=complaint, officer=officer, note="Invoice diperbaiki.")
    page = client.get(reverse("layanan:complaint_track"), {"kode": complaint.tracking_code})
    assert survey in page.content.decode()
    client.post(survey, {f"u{i}": "2" for i in range(1, 10)})
    assert SatisfactionSurvey.objects.get().service == "pengaduan"
