"""One task system (issue #22): the schedule declared in code, the tasks that wrap the commands,
e-mail through the queue, and a failed task shown to the administrator.

The embedded default (``ImmediateBackend``) runs a task at once; production queues it in the
database (django-tasks-db) for ``pst_worker``. Both are exercised here: the database backend
with the worker run in batch mode in this process."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus, task

from pst import schedule, tasks
from pst.clock import office_timezone
from pst.mail import TaskEmailBackend, mail_deliver, message_to_data
from tests.factories import UserFactory

WIB = office_timezone()
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """Production's backend: tasks wait in the database until a worker runs them. The worker
    closes stale connections between tasks, as a long-lived process must; here that would
    close the test's own transaction, so only that is switched off."""
    settings.TASKS = DATABASE_TASKS  # django-tasks resets its backends on setting_changed
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def run_worker() -> None:
    call_command("pst_worker", "--batch", "--no-startup-delay", verbosity=0)


# --- the schedule ---------------------------------------------------------------------------

DAILY_0015 = schedule.Every("pst.tasks.expire_invoices", timedelta(days=1), timedelta(minutes=15))
HOURLY = schedule.Every("pst.tasks.orders_check_service_time", timedelta(hours=1))


@pytest.mark.parametrize(
    ("entry", "earlier", "later", "same"),
    [
        # Daily at 00:15 WIB: 00:14 and 00:16 WIB are different slots, 00:16 and 23:59 one slot.
        (DAILY_0015, (0, 14), (0, 16), False),
        (DAILY_0015, (0, 16), (23, 59), True),
        # Hourly: 09:59 and 10:00 differ; 10:00 and 10:59 are one slot.
        (HOURLY, (9, 59), (10, 0), False),
        (HOURLY, (10, 0), (10, 59), True),
    ],
)
def test_slots_follow_the_office_clock(entry, earlier, later, same):
    a = datetime(2026, 3, 2, *earlier, tzinfo=WIB)
    b = datetime(2026, 3, 2, *later, tzinfo=WIB)
    assert (schedule.schedule_slot(entry, a) == schedule.schedule_slot(entry, b)) is same


def test_a_daily_slot_turns_at_local_midnight_not_utc():
    # 00:20 WIB on 2 March is 17:20 UTC on 1 March: already the 2 March slot.
    before = datetime(2026, 3, 1, 23, 50, tzinfo=WIB)
    after = datetime(2026, 3, 1, 17, 20, tzinfo=UTC)
    assert (
        schedule.schedule_slot(DAILY_0015, after) == schedule.schedule_slot(DAILY_0015, before) + 1
    )


def test_every_scheduled_task_exists_and_each_slot_is_enqueued_once(db, database_tasks):
    from django_tasks_db.models import DBTaskResult

    moment = datetime(2026, 3, 2, 10, 30, tzinfo=WIB)
    first = schedule.schedule_tick(moment)
    assert sorted(first) == sorted(entry.name for entry in schedule.SCHEDULE)
    # A second worker (or the next tick) in the same slots enqueues nothing more.
    assert schedule.schedule_tick(moment + timedelta(seconds=30)) == []
    # A minute on, only the every-minute entry has a new slot.
    assert schedule.schedule_tick(moment + timedelta(minutes=1)) == ["publish_scheduled"]
    assert DBTaskResult.objects.count() == len(schedule.SCHEDULE) + 1

    run_worker()
    results = DBTaskResult.objects.all()
    assert {r.status for r in results} == {TaskResultStatus.SUCCESSFUL}
    by_name = {r.task_path.rsplit(".", 1)[1]: r.return_value for r in results}
    assert "order(s) cancelled" in by_name["expire_invoices"]
    assert "late notice" in by_name["orders_check_service_time"]


def test_the_embedded_default_runs_a_task_at_once(db):
    result = tasks.orders_autoclose.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert "closed" in result.return_value


# --- e-mail through the queue ---------------------------------------------------------------


def _message():
    message = mail.EmailMultiAlternatives(
        "Kuitansi PST", "Terlampir kuitansi.", "pst@bps.example.go.id", ["rina@contoh.ac.id"]
    )
    message.attach_alternative("<p>Terlampir kuitansi.</p>", "text/html")
    message.attach("kuitansi.pdf", b"%PDF-1.7 kuitansi", "application/pdf")
    return message


def test_mail_is_queued_and_the_worker_delivers_it_whole(db, settings, database_tasks):
    settings.PST_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert TaskEmailBackend().send_messages([_message()]) == 1
    assert mail.outbox == []  # queued, not sent in the request
    run_worker()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Kuitansi PST" and sent.to == ["rina@contoh.ac.id"]
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments[0][0] == "kuitansi.pdf"
    assert sent.attachments[0][1] == b"%PDF-1.7 kuitansi"


def test_a_retried_mail_task_never_sends_twice(db, settings):
    settings.PST_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    data = message_to_data(_message())
    first = mail_deliver.enqueue(data)
    again = mail_deliver.enqueue(data)  # the same message, e.g. re-run from the admin
    assert first.return_value.startswith("sent:")
    assert again.return_value.startswith("already sent:")
    assert len(mail.outbox) == 1


# --- a failed task is visible to the administrator -----------------------------------------


@task()
def _always_fails() -> None:
    raise RuntimeError("SMTP server refused the message")


def test_a_failed_task_is_listed_with_its_error_for_the_administrator(db, client, database_tasks):
    result = _always_fails.enqueue()
    run_worker()
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status": "FAILED"}
    )
    assert listing.status_code == 200
    assert "_always_fails" in listing.content.decode()
    detail = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[row.pk])
    ).content.decode()
    assert "SMTP server refused the message" in detail


_ATTEMPTS: list[int] = []


@task()
def _fails_once() -> str:
    _ATTEMPTS.append(1)
    if len(_ATTEMPTS) == 1:
        raise ConnectionError("mail server away")
    return "sent"


def test_the_administrator_runs_a_failed_task_again_from_the_list(db, client, database_tasks):
    from django_tasks_db.models import DBTaskResult

    _ATTEMPTS.clear()
    failed = _fails_once.enqueue()
    run_worker()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
        {"action": "run_again", "_selected_action": [failed.id]},
        follow=True,
    )
    assert "1 tugas diantrekan ulang." in response.content.decode()
    run_worker()
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]
    assert len(_ATTEMPTS) == 2


def test_progress_is_kept_beside_the_result():
    class Context:
        class task_result:  # noqa: N801 (the shape of django-tasks' TaskContext)
            id = "8b6630e8-23ae-4247-bfd1-8eccc6ff8b6b"

    tasks.progress_set(Context, done=3, total=10)
    assert tasks.progress_get(Context.task_result.id) == {"done": 3, "total": 10}
    cache.clear()
    assert tasks.progress_get(Context.task_result.id) is None
