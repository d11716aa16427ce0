"""``python manage.py pst_worker``: the task worker of production (issue #22).

django-tasks-db's ``db_worker`` (same options) runs the queued tasks; beside it a thread runs
the schedule declared in ``pst.schedule`` every ``--schedule-interval`` seconds, so the periodic
work needs no cron line. ``--no-schedule`` for extra workers that should only run tasks (the
schedule is safe to run in several, each slot is claimed once in the shared cache).
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from pst.schedule import schedule_tick

logger = logging.getLogger("pst.schedule")


def _run_schedule(stop: threading.Event, interval: float) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            schedule_tick(timezone.now())
        except Exception:  # a failing tick must not end the worker; the next one retries
            logger.exception("schedule tick failed")
        finally:
            close_old_connections()
        stop.wait(interval)


class Command(DbWorkerCommand):
    help = "Run queued tasks (django-tasks-db worker) and the site's schedule (pst.schedule)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--no-schedule", action="store_true", help="run tasks only")
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=30.0,
            help="seconds between two looks at the schedule (default: 30)",
        )

    def handle(self, *args, no_schedule: bool, schedule_interval: float, **options):
        if not no_schedule and not options.get("batch"):
            logging.getLogger("pst.schedule").setLevel(logging.INFO)
            stop = threading.Event()
            thread = threading.Thread(
                target=_run_schedule, args=(stop, schedule_interval), daemon=True
            )
            thread.start()
        return super().handle(*args, **options)
