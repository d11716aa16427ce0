"""Who reads the page or the e-mail (issue #17): the officer is not "Anda" on a buyer's order,
the buyer's own words are not a note from the office, and a plain-text e-mail shows the
buyer's text as typed (no ``&quot;``) while its HTML part stays escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from pst import roles
from pst.services import user_send_activation
from tests.factories import UserFactory
from tests.factories.accounts import user_with_role
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PURPOSE = 'Skripsi "Kemiskinan & Ketimpangan" <Bab 4>'


def test_the_order_e_mail_gives_the_buyers_purpose_as_typed_and_as_the_buyers_own(
    django_capture_on_commit_callbacks,
):
    buyer = UserFactory(full_name='Sari "Ani" O\'Neil')
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submitted_order(buyer=buyer, purpose=PURPOSE)
    (message,) = [m for m in mail.outbox if m.to == [buyer.email]]
    assert PURPOSE in message.body
    assert 'Sari "Ani" O\'Neil' in message.body
    assert (
        "&quot;" not in message.body
        and "&amp;" not in message.body
        and "&#x27;" not in message.body
    )
    assert "Yang Anda tulis:" in message.body
    assert "Catatan dari kantor:" not in message.body


def test_the_officer_reads_the_buyer_by_name_and_the_buyer_reads_anda(client):
    buyer = UserFactory(full_name="Sari Wulandari")
    order = submitted_order(buyer=buyer, purpose="Penelitian")
    client.force_login(user_with_role(roles.OFFICER))
    client.cookies["django_language"] = "id"
    officer_page = client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    ).content.decode()
    timeline = officer_page[officer_page.index('id="order-timeline"') :]
    assert "— pembeli (Sari Wulandari)" in " ".join(timeline.split())
    assert "— Anda" not in " ".join(timeline.split())
    clock = officer_page[officer_page.index('id="service-clock"') :][:400]
    assert "(sementara, sisa" in clock and "provisional" not in clock

    client.force_login(buyer)
    buyer_page = client.get(
        reverse("customer:order", kwargs={"order_number": order.number})
    ).content.decode()
    timeline = buyer_page[buyer_page.index('id="order-timeline"') :]
    assert "— Anda" in " ".join(timeline.split())


@pytest.mark.usefixtures("commits_at_the_service")  # the activation mail leaves after commit
def test_activation_e_mail_text_is_unescaped_and_its_html_part_escaped():
    user = UserFactory(full_name='Budi "Bud" <Santoso>')
    mail.outbox.clear()
    user_send_activation(user=user)
    (message,) = mail.outbox
    assert 'Budi "Bud" <Santoso>' in message.body
    html = message.alternatives[0][0]
    assert "&lt;Santoso&gt;" in html and "<Santoso>" not in html


def test_every_plain_text_template_turns_autoescape_off():
    """Django escapes every template for HTML; a ``.txt`` (e-mail, letter text) must say
    ``{% autoescape off %}`` or a buyer's quote arrives as ``&quot;``."""
    missing = [
        str(path.relative_to(TEMPLATES))
        for path in sorted(TEMPLATES.rglob("*.txt"))
        if "{% autoescape off %}" not in path.read_text(encoding="utf-8")
    ]
    assert missing == []
