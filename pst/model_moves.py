"""Content types and permissions follow a model moved from one app to another (issue #19).

A model moved with ``migrations.SeparateDatabaseAndState`` keeps its table and its rows, but
Django keys its content type, and so its permissions, by ``(app_label, model)``. Without a step
of our own, ``post_migrate`` would create a second content type under the new label with fresh
permissions that no group holds, and the role groups would silently lose what they had.

:func:`move_content_types` is that step, for a ``RunPython`` placed in the migration that adds
the model to its new app (its reverse is the same call with the labels swapped):

- only the old content type exists: it is relabelled, so its permissions (and every group and
  user holding them) follow unchanged;
- both exist (``post_migrate`` ran with the new layout before this migration, e.g. after a
  ``migrate`` back and forth): each permission of the old one is merged into the new one of the
  same codename (its groups and users added) or moved over, then the old content type goes;
- only the new one exists (a fresh database): nothing to do.

It reads only the historical models it is handed (``apps``), so it works in any migration.
"""

from __future__ import annotations

from collections.abc import Iterable


def move_content_types(apps, *, from_label: str, to_label: str, models: Iterable[str]) -> None:
    """Move the content types of ``models`` (lower-case model names) to ``to_label``."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    for name in models:
        old = content_type_model.objects.filter(app_label=from_label, model=name).first()
        if old is None:
            continue
        new = content_type_model.objects.filter(app_label=to_label, model=name).first()
        if new is None:
            old.app_label = to_label
            old.save(update_fields=["app_label"])
            continue
        for permission in permission_model.objects.filter(content_type=old):
            twin = permission_model.objects.filter(
                content_type=new, codename=permission.codename
            ).first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())
            permission.delete()
        old.delete()


def content_types_mover(*, from_label: str, to_label: str, models: Iterable[str]):
    """``(forward, backward)`` functions for ``migrations.RunPython``."""
    names = tuple(models)

    def forward(apps, schema_editor):
        move_content_types(apps, from_label=from_label, to_label=to_label, models=names)

    def backward(apps, schema_editor):
        move_content_types(apps, from_label=to_label, to_label=from_label, models=names)

    return forward, backward
