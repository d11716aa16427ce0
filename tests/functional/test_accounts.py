"""Registration, activation, profile and the bad-input promises of issue #2."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from pst.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER_URL = "/toko/accounts/register/"


def registration_data(**overrides) -> dict:
    data = {
        "email": "siti.rahma@contoh.ac.id",
        "full_name": "Siti Rahma",
        "phone": "081234567890",
        "institution": "Universitas Hasanuddin",
        "residence": "dalam_negeri",
        "country": "Indonesia",
        "segment": "mahasiswa",
        "npwp": "",
        "identity_document_type": "ktp",
        "identity_document_number": "7371010101010001",
        "password1": "Statistik-Makassar-2026",
        "password2": "Statistik-Makassar-2026",
        "registration_submit": "1",
    }
    data.update(overrides)
    return data


def activation_link() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"https?://[^/\s]+(/toko/accounts/aktivasi/[^/\s]+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


@pytest.mark.usefixtures("commits_at_the_service")  # the activation mail leaves after commit
def test_registration_sends_activation_and_keeps_account_unverified(client):
    response = client.post(REGISTER_URL, registration_data(), follow=True)
    assert response.status_code == 200
    user = User.objects.get(email="siti.rahma@contoh.ac.id")
    assert user.full_name == "Siti Rahma"
    assert user.segment == "mahasiswa"
    assert not user.email_verified
    assert mail.outbox[0].to == ["siti.rahma@contoh.ac.id"]
    assert "Aktivasi" in mail.outbox[0].subject or "Activate" in mail.outbox[0].subject


@pytest.mark.usefixtures("commits_at_the_service")  # the activation mail leaves after commit
def test_activation_link_verifies_once_and_forged_link_is_refused(client):
    client.post(REGISTER_URL, registration_data())
    link = activation_link()
    response = client.get(link, follow=True)
    assert response.status_code == 200
    user = User.objects.get(email="siti.rahma@contoh.ac.id")
    assert user.email_verified
    verified_at = user.email_verified_at
    client.get(link)  # opening it again changes nothing
    user.refresh_from_db()
    assert user.email_verified_at == verified_at

    forged = link.rstrip("/")[:-3] + "xyz/"
    response = client.get(forged, follow=True)
    assert response.status_code == 200
    assert "tidak valid" in response.content.decode()


@pytest.mark.usefixtures("commits_at_the_service")  # the activation mail leaves after commit
def test_profile_shows_verification_state(client):
    user = UserFactory(unverified=True, full_name="Budi Santoso")
    client.force_login(user)
    page = client.get(reverse("customer:profile-view")).content.decode()
    assert "Budi Santoso" in page
    assert 'id="unverified-notice"' in page
    response = client.post(reverse("customer:resend-activation"), follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "bukan-email"}, "email", "alamat e-mail yang valid"),
        ({"segment": "swasta", "npwp": ""}, "npwp", "NPWP wajib"),
        ({"segment": "swasta", "npwp": "12.345"}, "npwp", "NPWP harus"),
        ({"password1": "12345678", "password2": "12345678"}, "password2", "terlalu"),
        ({"password2": "lain-sama-sekali-2026"}, "password2", "tidak sama"),
        ({"full_name": ""}, "full_name", "harus diisi"),
    ],
    ids=["invalid-email", "swasta-without-npwp", "swasta-bad-npwp", "weak-password",
         "password-mismatch", "missing-name"],
)
def test_bad_registration_gets_indonesian_message_not_error_page(client, overrides, field,
                                                                  message):
    response = client.post(REGISTER_URL, registration_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    assert not User.objects.filter(email=registration_data(**overrides)["email"]).exists()


def test_duplicate_email_is_refused_with_message(client):
    UserFactory(email="ada@contoh.go.id")
    response = client.post(REGISTER_URL, registration_data(email="ADA@contoh.go.id"))
    assert response.status_code == 200
    assert "sudah terdaftar" in " ".join(response.context["form"].errors["email"])
    assert User.objects.filter(email__iexact="ada@contoh.go.id").count() == 1


def test_swasta_with_valid_npwp_registers(client):
    client.post(REGISTER_URL, registration_data(segment="swasta", npwp="01.234.567.8-901.000"))
    user = User.objects.get(email="siti.rahma@contoh.ac.id")
    assert user.npwp == "012345678901000"


def test_profile_edit_validates_npwp(client):
    user = UserFactory()
    client.force_login(user)
    data = {f: getattr(user, f) for f in ("full_name", "phone", "institution", "residence",
                                           "country", "identity_document_type",
                                           "identity_document_number")}
    response = client.post(reverse("customer:profile-update"),
                           {**data, "segment": "swasta", "npwp": ""})
    assert response.status_code == 200
    assert "npwp" in response.context["form"].errors
    response = client.post(reverse("customer:profile-update"),
                           {**data, "segment": "swasta", "npwp": "012345678901000"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.segment == "swasta"
