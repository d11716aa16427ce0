"""Least privilege (issue #15, finding 10; docs/permissions.md): Petugas PST, Bendahara and
Kepala Kantor no longer hold ``pst.view_user`` (the account list in the Django admin and in
Oscar's dashboard)."""

from django.db import migrations

from pst.roles import REVOKED_PERMISSIONS


def _permissions(apps, codes):
    Permission = apps.get_model("auth", "Permission")
    for code in codes:
        app_label, codename = code.split(".", 1)
        yield from Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, codes in REVOKED_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, codes))


def grant_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, codes in REVOKED_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, codes))


class Migration(migrations.Migration):
    dependencies = [("pst", "0005_login_audit")]

    operations = [migrations.RunPython(revoke, grant_back)]
