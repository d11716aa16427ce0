"""Issue #19: layanan's e-mails leave after the transaction commits (``pst.notify``). A step
taken inside a larger transaction that then rolls back (a command, the order workflow filing a
late-service complaint) tells nobody; the same step committed tells the complainant and the
officers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from layanan import services
from layanan.models import Complaint

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def _file_complaint(user):
    return services.complaint_create(service="perpustakaan", what="Ruang baca tutup", user=user)


def test_a_rolled_back_complaint_sends_no_mail(user, officer, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(_Undo),
        transaction.atomic(),
    ):
        _file_complaint(user)
        assert mail.outbox == []  # still inside the transaction
        raise _Undo
    assert not Complaint.objects.exists()
    assert callbacks == []
    assert mail.outbox == []


def test_a_committed_complaint_tells_the_complainant_and_the_officers(
    user, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _file_complaint(user)
        assert mail.outbox == []
    assert {tuple(m.to) for m in mail.outbox} == {(user.email,), (officer.email,)}
