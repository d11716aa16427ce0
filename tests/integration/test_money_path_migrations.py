"""Issue #19: payments, exceptions, transfer proofs and kuitansi moved from ``shop.billing`` to
``shop.treasury`` (billing 0006, treasury 0003), and the delivery's records to ``shop.delivery``,
with ``SeparateDatabaseAndState``: the tables keep their names, so no row may be lost, and the
content types move with the models, so every group keeps exactly the permissions it had.

Both tests migrate the moved apps back to before the moves and forward again with the real
``migrate`` command, which also runs ``post_migrate`` (it creates the content types and the
permissions of the models as they are now, the case where a second content type could appear).
They run on SQLite and on PostgreSQL (``PST_TEST_DB`` / the ``postgres`` settings).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from pst import roles
from shop.delivery.models import DeliveryItem
from shop.treasury.models import Payment, Receipt

#: The moves, newest last: (app the models left, app they joined, model names, its tables).
MOVES = [
    (
        "billing",
        "treasury",
        ["payment", "paymentexception", "transferproof", "receiptcounter", "receipt"],
    ),
    ("billing", "delivery", ["deliveryitem", "deliverydownload", "sppdupload"]),
]
MOVED_TABLES = [f"billing_{name}" for _from, _to, names in MOVES for name in names]

#: Kuitansi numbers come from pst.DocumentSequence since treasury 0004; going back, that
#: migration writes the sequences into ReceiptCounter again, so the table may gain rows there.
FILLED_ON_THE_WAY_BACK = {"billing_receiptcounter"}

#: Where the moved apps stood before issue #19 moved anything.
BEFORE_MOVES = [
    ("billing", "0005_receipt_treasurer_nip"),
    ("treasury", "0002_alter_reconciliationexception_kind"),
]

#: What groups held of the moved models before the move, granted by hand in the test
#: (pst/roles.py grants none of them: the bendahara's pages check the role, not permissions).
GRANTED_BEFORE = {
    (roles.TREASURER, "billing.view_payment"),
    (roles.TREASURER, "billing.change_receipt"),
    (roles.TREASURER, "billing.view_transferproof"),
    (roles.HEAD_OF_OFFICE, "billing.view_receipt"),
    (roles.OFFICER, "billing.view_sppdupload"),
    (roles.OFFICER, "billing.view_deliveryitem"),
}

# Migrations run outside a test transaction (SQLite rebuilds tables); serialized rollback puts
# back what the migrations created (the role groups) for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _new_label(model: str) -> str:
    return next(to for _from, to, names in MOVES if model in names)


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in MOVED_TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _migrate_back() -> None:
    for app, name in BEFORE_MOVES:
        call_command("migrate", app, name, verbosity=0)


def _migrate_forward() -> None:
    call_command("migrate", verbosity=0)


def _moved_permissions() -> set[tuple[str, str]]:
    """(group, app_label.codename) of every group permission on a moved model, whichever app
    its content type names."""
    models = {name for _from, _to, names in MOVES for name in names}
    rows = Permission.objects.filter(
        content_type__model__in=models, group__isnull=False
    ).values_list("group__name", "content_type__app_label", "codename")
    return {(group, f"{label}.{codename}") for group, label, codename in rows}


def test_no_row_of_a_moved_table_is_lost_back_and_forth():
    call_command("seed_demo", count=6, verbosity=0)
    seeded = _row_counts()
    assert seeded["billing_payment"] > 0 and seeded["billing_receipt"] > 0
    assert seeded["billing_deliveryitem"] > 0
    try:
        _migrate_back()
        back = _row_counts()
    finally:
        _migrate_forward()  # whatever happened, leave the schema as the other tests expect it
    for table in MOVED_TABLES:
        if table in FILLED_ON_THE_WAY_BACK:
            assert back[table] >= seeded[table], table
        else:
            assert back[table] == seeded[table], table
    assert _row_counts() == back
    assert Payment.objects.count() == seeded["billing_payment"]
    assert Receipt.objects.count() == seeded["billing_receipt"]
    assert DeliveryItem.objects.count() == seeded["billing_deliveryitem"]


def test_groups_keep_exactly_their_permissions_on_the_moved_models():
    try:
        _migrate_back()  # post_migrate has also made the moved models' new content types
        for group_name, permission in GRANTED_BEFORE:
            label, codename = permission.split(".")
            Group.objects.get(name=group_name).permissions.add(
                Permission.objects.get(content_type__app_label=label, codename=codename)
            )
        assert _moved_permissions() == GRANTED_BEFORE
    finally:
        _migrate_forward()
    expected = {
        (group, f"{_new_label(permission.split('_', 1)[1])}.{permission.split('.')[1]}")
        for group, permission in GRANTED_BEFORE
    }
    assert _moved_permissions() == expected
    for _from, to, names in MOVES:
        for name in names:
            assert ContentType.objects.filter(model=name).count() == 1, name
            assert ContentType.objects.get(model=name).app_label == to
