"""The shared pieces of issue #19 against the database: the role guard with real groups and
the 403 page, the gap-free sequence service, the append-only base on a real row, and e-mail
sent only after the transaction commits."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import RequestFactory

from pst import roles
from pst.appendonly import AppendOnlyError
from pst.clock import office_timezone
from pst.errors import Refused
from pst.models import DocumentSequence
from pst.notify import mail_after_commit, send_after_commit
from pst.sequences import next_number
from shop.treasury.models import Account, CashBookEntry, EntryKind
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


# --- role guard ---------------------------------------------------------------------------------


def test_require_role_passes_a_member_and_refuses_anyone_else():
    treasurer = user_with_role(roles.TREASURER)
    roles.require_role(treasurer, roles.TREASURER)
    roles.require_role(treasurer, roles.OFFICER, roles.TREASURER)
    with pytest.raises(Refused) as refusal:
        roles.require_role(treasurer, roles.LIBRARIAN)
    assert refusal.value.code == "role"
    assert (
        str(refusal.value.message) == "Anda tidak memiliki peran yang diperlukan untuk langkah ini."
    )
    with pytest.raises(Refused, match="Hanya Pustakawan"):
        roles.require_role(UserFactory(), roles.LIBRARIAN, message="Hanya Pustakawan.")


class _Page:
    def dispatch(self, request, *args, **kwargs):
        return "the page"


class _TreasurerPage(roles.RoleRequiredMixin, _Page):
    allowed_roles = (roles.TREASURER,)
    refused_message = "Hanya Bendahara yang dapat membuka halaman ini."


def _request(user):
    request = RequestFactory().get("/bendahara/")
    request.user = user
    return request


def test_the_decorator_and_the_mixin_let_members_in_and_refuse_others_with_the_message():
    @roles.role_required(roles.TREASURER, message="Hanya Bendahara yang dapat membuka halaman ini.")
    def view(request):
        return "the page"

    treasurer, officer = user_with_role(roles.TREASURER), user_with_role(roles.OFFICER)
    assert view(_request(treasurer)) == "the page"
    assert _TreasurerPage().dispatch(_request(treasurer)) == "the page"
    for guarded in (view, _TreasurerPage().dispatch):
        with pytest.raises(PermissionDenied, match="Hanya Bendahara"):
            guarded(_request(officer))
    assert _TreasurerPage().dispatch(_request(AnonymousUser())).status_code == 302


def test_a_refused_page_is_the_sites_403_page(client):
    """The guard on a real page (the officer desk of layanan): a signed-in buyer gets the site's
    403 page, not a bare error."""
    client.force_login(UserFactory())
    response = client.get("/layanan/petugas/")
    assert response.status_code == 403
    assert "403" in response.content.decode()
    assert any(t.name == "403.html" for t in response.templates)


@pytest.mark.parametrize(
    ("role", "test", "expected"),
    [
        (roles.TREASURER, "Bendahara", "yes"),
        (roles.OFFICER, "Bendahara", "no"),
        (roles.OFFICER, "Petugas PST,Kepala Kantor", "yes"),
        (roles.TREASURER, "", "no"),
    ],
)
def test_the_template_filter_reads_the_groups(role, test, expected):
    html = Template(
        '{% load pst_roles %}{% if user|has_role:"' + test + '" %}yes{% else %}no{% endif %}'
    )
    assert html.render(Context({"user": user_with_role(role)})) == expected


# --- sequence service ---------------------------------------------------------------------------


def test_numbers_are_consecutive_per_scheme_office_and_year():
    with transaction.atomic():
        drawn = [next_number("kuitansi", 2026, office="3500") for _ in range(3)]
        other_office = next_number("kuitansi", 2026, office="3501")
        next_year = next_number("kuitansi", 2027, office="3500")
        other_scheme = next_number("rekomendasi", 2026)
    assert drawn == [1, 2, 3]
    assert (other_office, next_year, other_scheme) == (1, 1, 1)
    assert DocumentSequence.objects.get(scheme="kuitansi", office="3500", year=2026).last == 3


def test_a_rolled_back_document_gives_its_number_back():
    with transaction.atomic():
        assert next_number("rekomendasi", 2026) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        assert next_number("rekomendasi", 2026) == 2
        raise IntegrityError("the document's own unique constraint refused it")
    with transaction.atomic():
        assert next_number("rekomendasi", 2026) == 2


def test_drawing_outside_a_transaction_is_a_programming_error():
    # pytest-django wraps the test in a transaction, so a bare draw passes here; the check reads
    # the connection's flag, which is set aside for the second draw.
    assert next_number("antrian-1204", 2026) == 1
    connection = transaction.get_connection()
    in_block, connection.in_atomic_block = connection.in_atomic_block, False
    try:
        with pytest.raises(RuntimeError, match="inside the document's transaction"):
            next_number("antrian-1204", 2026)
    finally:
        connection.in_atomic_block = in_block


def test_the_sequence_is_once_per_scheme_office_and_year_in_the_database():
    DocumentSequence.objects.create(scheme="kuitansi", office="3500", year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentSequence.objects.create(scheme="kuitansi", office="3500", year=2026)


# --- append-only --------------------------------------------------------------------------------


def test_an_append_only_row_is_written_once():
    entry = CashBookEntry.objects.create(
        account=Account.CASH,
        kind=EntryKind.RECEIPT,
        occurred_at=datetime(2026, 12, 4, 9, tzinfo=office_timezone()),
        debit=1000,
        description="Setoran",
        source_key="test:1",
    )
    assert CashBookEntry.objects.filter(pk=entry.pk).exists()
    entry.description = "ditulis ulang"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        CashBookEntry.objects.filter(pk=entry.pk).update(description="ditulis ulang")
    assert CashBookEntry.objects.get(pk=entry.pk).description == "Setoran"


# --- notifications after commit -----------------------------------------------------------------


def _mail():
    mail_after_commit(subject="Permohonan diterima", message="Isi", recipients=["a@example.id"])


def test_mail_leaves_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _mail()
        assert mail.outbox == []  # not yet: the change may still roll back
    assert [m.subject for m in mail.outbox] == ["Permohonan diterima"]
    assert mail.outbox[0].to == ["a@example.id"]


def test_no_mail_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Refused),
        transaction.atomic(),
    ):
        _mail()
        send_after_commit(
            mail.send_mail,
            subject="x",
            message="y",
            from_email=None,
            recipient_list=["b@example.id"],
        )
        raise Refused("Ditolak.")
    assert callbacks == []
    assert mail.outbox == []


def test_no_recipients_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail_after_commit(subject="x", message="y", recipients=[])
    assert callbacks == []
    assert mail.outbox == []
