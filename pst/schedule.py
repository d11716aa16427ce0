"""The periodic work of the site, declared in code (issue #22): which task runs how often, and
the small runner that enqueues each one when its slot comes.

Why not cron lines in the docs or a scheduler library: five entries, each an idempotent command,
need no more than "every N, at offset M of the office's day". The runner lives in the task
worker (``manage.py pst_worker``); several workers may run it at once, because each slot is
claimed with ``cache.add`` in the shared cache (Redis in production), which only one process
wins. A slot missed while no worker ran is made up at the next start (the current slot is
unclaimed then), like systemd's ``Persistent=true``; every entry is safe to run twice.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils.module_loading import import_string

from .clock import office_timezone

__all__ = ["Every", "SCHEDULE", "schedule_slot", "schedule_tick"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Every:
    """Run ``task`` (a dotted path to a django-tasks ``Task``) once per ``period``, the slots
    starting ``at`` after the office's local midnight (``at`` below ``period``)."""

    task: str
    period: timedelta
    at: timedelta = timedelta(0)

    @property
    def name(self) -> str:
        return self.task.rsplit(".", 1)[1]


#: The office's periodic work. Daily ones run after midnight WIB (the times the old cron lines in
#: docs/operations.md used); scheduled pages are published every minute (a release is public
#: at its minute), late notices hourly.
SCHEDULE: tuple[Every, ...] = (
    Every("pst.tasks.publish_scheduled", timedelta(minutes=1)),
    Every("pst.tasks.orders_check_service_time", timedelta(hours=1), timedelta(minutes=5)),
    Every("pst.tasks.layanan_late_services", timedelta(hours=1), timedelta(minutes=10)),
    Every("pst.tasks.expire_invoices", timedelta(days=1), timedelta(minutes=15)),
    Every("pst.tasks.orders_autoclose", timedelta(days=1), timedelta(minutes=30)),
    Every("pst.tasks.consultation_autoclose", timedelta(days=1), timedelta(minutes=45)),
)


def schedule_slot(entry: Every, moment: datetime) -> int:
    """The number of ``entry``'s slot that ``moment`` (aware) falls in, counted in the office's
    local time: the slot changes at ``at``, ``at + period``, … after local midnight."""
    local = moment.astimezone(office_timezone())
    # Seconds since a local-midnight epoch: naive local wall time minus 1970-01-01 00:00.
    seconds = (local.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds()
    return math.floor((seconds - entry.at.total_seconds()) / entry.period.total_seconds())


def schedule_tick(moment: datetime, *, schedule: tuple[Every, ...] = SCHEDULE) -> list[str]:
    """Enqueue every entry whose current slot no process has claimed yet; the names enqueued."""
    enqueued = []
    for entry in schedule:
        slot = schedule_slot(entry, moment)
        key = f"pst:schedule:{entry.name}:{slot}"
        # Kept two periods: long enough that no process claims the slot again.
        if cache.add(key, moment.isoformat(), timeout=int(entry.period.total_seconds() * 2)):
            try:
                import_string(entry.task).enqueue()
            except Exception:
                cache.delete(key)  # unclaimed again: the next tick tries once more
                raise
            enqueued.append(entry.name)
            logger.info("schedule: %s enqueued for slot %s", entry.name, slot)
    return enqueued
