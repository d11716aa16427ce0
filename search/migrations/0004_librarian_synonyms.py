"""Librarians edit the synonym list (issue #5): the Pustakawan role gets the snippet's
permissions (pst.roles: later apps grant their own permissions to the role groups)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from pst.roles import LIBRARIAN

CODENAMES = ("add_synonym", "change_synonym", "delete_synonym", "view_synonym")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=LIBRARIAN)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=LIBRARIAN).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms"), ("pst", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
