"""The site's background tasks (issue #22), one task system: django-tasks (Django's tasks
framework, installed with Wagtail 8). The embedded default runs each task at once in the
process that enqueues it (``ImmediateBackend``); production queues them in PostgreSQL
(django-tasks-db) for ``manage.py pst_worker``.

Each task is a thin wrapper: the work stays in the management command or service it always
lived in, called by name, so ``pst`` imports none of the apps above it and a command run by
hand does exactly what the worker does. Every task here is idempotent (its command is: a second
run changes nothing), so a retry (``pst.admin``'s "run again", or the next slot of the
schedule) is safe. A task that raises is recorded as FAILED with its traceback in the Django
admin ("Task results"); its command's output is the task's return value.
"""

from __future__ import annotations

import io

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tasks import TaskContext, TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

__all__ = [
    "consultation_autoclose",
    "expire_invoices",
    "layanan_late_services",
    "orders_autoclose",
    "orders_check_service_time",
    "progress_get",
    "progress_set",
    "publish_scheduled",
    "search_reindex",
    "task_enqueue_tracked",
    "task_state",
]


def _command(name: str, *args: str) -> str:
    """Run management command ``name``; its printed summary becomes the task's result."""
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=io.StringIO(), verbosity=1)
    return out.getvalue().strip()[-4000:]


@task()
def publish_scheduled() -> str:
    """Wagtail: publish pages whose go-live time has come, unpublish expired ones."""
    return _command("publish_scheduled")


@task()
def expire_invoices() -> str:
    """Cancel orders whose invoice lapsed unpaid and void their kode billing."""
    return _command("expire_invoices")


@task()
def orders_check_service_time() -> str:
    """Written notice for orders past their service time."""
    return _command("orders_check_service_time")


@task()
def orders_autoclose() -> str:
    """Close delivered orders after the correction period."""
    return _command("orders_autoclose")


@task()
def layanan_late_services() -> str:
    """Notice and priority for consultations and recommendations past their service time."""
    return _command("layanan_late_services")


@task()
def consultation_autoclose() -> str:
    """Close consultations whose user has not replied for 7 days."""
    return _command("consultation_autoclose")


@task()
def search_reindex() -> str:
    """Rebuild the site-wide search index (Elasticsearch: new index and an alias swap)."""
    return _command("search_reindex")


# --- progress of a long task, for the page that shows it ------------------------------------
# A task result says QUEUED, RUNNING, SUCCESSFUL or FAILED; how far a running import has come
# is kept beside it in the cache (shared by the web processes and the worker in production,
# the same process in the embedded default), keyed by the result's id.

PROGRESS_TIMEOUT = 7 * 24 * 3600


def _progress_key(result_id: str) -> str:
    return f"pst:task-progress:{result_id}"


def progress_set(context: TaskContext | None, *, done: int, total: int) -> None:
    """Record that the task of ``context`` has done ``done`` of ``total`` steps."""
    if context is not None:
        cache.set(
            _progress_key(str(context.task_result.id)),
            {"done": done, "total": total},
            PROGRESS_TIMEOUT,
        )


def progress_get(result_id: str) -> dict | None:
    """``{"done": n, "total": m}`` of the task result ``result_id``, or None before it starts."""
    return cache.get(_progress_key(str(result_id)))


def _final_key(result_id: str) -> str:
    return f"pst:task-final:{result_id}"


def task_enqueue_tracked(task_, *args, **kwargs) -> str:
    """Enqueue ``task_`` and return its result id for a status page. A backend that ran it
    already (the embedded default) keeps no results to look up, so the outcome is kept in the
    cache beside the progress."""
    result = task_.enqueue(*args, **kwargs)
    if result.is_finished:
        cache.set(_final_key(str(result.id)), _outcome(result), PROGRESS_TIMEOUT)
    return str(result.id)


def _outcome(result) -> dict:
    succeeded = result.status == TaskResultStatus.SUCCESSFUL
    error = ""
    if result.status == TaskResultStatus.FAILED and result.errors:
        lines = result.errors[-1].traceback.strip().splitlines()
        error = lines[-1] if lines else ""
    return {
        "status": str(result.status),
        "value": result.return_value if succeeded else None,
        "error": error,
    }


def task_state(task_, result_id: str) -> dict | None:
    """``{"status", "value", "error", "progress"}`` of a result of ``task_``, or None when no
    such result exists. ``status`` is one of django-tasks' ``TaskResultStatus`` values."""
    state = cache.get(_final_key(str(result_id)))
    if state is None:
        if not task_.get_backend().supports_get_result:
            return None
        try:
            result = task_.get_result(str(result_id))
        except (TaskResultDoesNotExist, ValueError, ValidationError):
            return None
        state = _outcome(result)
    return {**state, "progress": progress_get(result_id)}
