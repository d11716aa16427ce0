"""Browser smoke tests: pages really render in chromium, and a visitor can register, activate
the account from the e-mail, log in and see the profile (issue #2)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core import mail

from pst.models import User

ACTIVATION_LINK = re.compile(r"https?://[^\s\"'<>]+/toko/accounts/aktivasi/[^\s\"'<>/]+/")


def test_django_admin_login_page_renders(page, tmp_path):
    page.goto("/django-admin/login/")
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[name=password]").is_visible()
    shot = tmp_path / "django-admin-login.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 2_000  # a blank page compresses to a few hundred bytes


def _submit(page, button_name: str) -> None:
    with page.expect_navigation():
        page.click(f"[name={button_name}]")


def test_register_activate_login_and_see_profile(page):
    email = "sari.wulandari@contoh.ac.id"
    password = "Sensus-Ekonomi-2026"
    full_name = "Sari Wulandari"

    page.goto("/toko/accounts/register/")
    page.fill("[name=email]", email)
    page.fill("[name=full_name]", full_name)
    page.fill("[name=phone]", "081234567890")
    page.fill("[name=institution]", "Universitas Contoh")
    page.select_option("[name=residence]", "dalam_negeri")
    page.fill("[name=country]", "Indonesia")
    page.select_option("[name=segment]", "mahasiswa")
    page.select_option("[name=identity_document_type]", "ktp")
    page.fill("[name=identity_document_number]", "3171010101010001")
    page.fill("[name=password1]", password)
    page.fill("[name=password2]", password)
    _submit(page, "registration_submit")

    user = User.objects.filter(email=email).first()
    assert user is not None, f"registration refused: {page.locator('form').first.inner_text()}"
    assert user.full_name == full_name
    assert user.email_verified_at is None

    messages = [m for m in mail.outbox if email in m.to]
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    link = ACTIVATION_LINK.search(messages[0].body)
    assert link, messages[0].body

    # The link is opened later, from the mail client: a browser without the session cookie.
    page.context.clear_cookies()
    page.goto(urlsplit(link.group(0)).path)
    user.refresh_from_db()
    assert user.email_verified_at is not None

    page.goto("/toko/accounts/login/")
    page.fill("[name=login-username]", email)
    page.fill("[name=login-password]", password)
    _submit(page, "login_submit")

    page.goto("/toko/accounts/profile/")
    assert urlsplit(page.url).path == "/toko/accounts/profile/"
    assert full_name in page.locator("#profile-table").inner_text()
    assert page.locator("#email-status").is_visible()
    assert page.locator("#unverified-notice").count() == 0
