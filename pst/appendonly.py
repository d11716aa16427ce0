"""One append-only base for money and log tables (issue #19, STYLE.md habit 4).

A row of an :class:`AppendOnlyModel` is written once: ``save()`` of a saved row, ``delete()``
of a row, and ``update()``/``delete()`` on a queryset raise :class:`AppendOnlyError`. A
correction is a new row that points at the old one (a reversing cash book entry, a receipt that
``replaces`` another, a resolution that reopens an exception). Deleting the parent of such rows
in the database (a cascade, a test flush) is not the ORM editing history and is not refused.
"""

from __future__ import annotations

from django.db import models


class AppendOnlyError(ValueError):
    """An attempt to change or delete an append-only record. A ``ValueError`` because the
    order's first base raised that; code may catch either."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")


class AppendOnlyModel(models.Model):
    """Abstract base: subclass it and the rows are written once (see the module docstring)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only")
