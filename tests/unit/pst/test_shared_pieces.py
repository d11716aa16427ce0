"""The shared pieces of issue #19 that need no database: ``pst.errors.Refused``, the role guard
for anonymous visitors, and the append-only base refusing before it reaches the database."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from pst import roles
from pst.appendonly import AppendOnlyError, AppendOnlyModel
from pst.errors import Refused
from shop.order.models import AppendOnly, OrderEvent
from shop.treasury.models import AppendOnlyModel as TreasuryAppendOnlyModel
from shop.treasury.models import CashBookEntry


def test_refused_carries_its_message_and_code():
    refusal = Refused("Hanya Bendahara yang boleh melakukan ini.", code="role")
    assert refusal.message == "Hanya Bendahara yang boleh melakukan ini."
    assert str(refusal) == refusal.message
    assert refusal.code == "role"
    assert Refused("Tidak bisa.").code == ""


@pytest.mark.parametrize("user", [None, AnonymousUser()])
def test_nobody_signed_in_holds_no_role(user):
    assert not roles.has_role(user, roles.TREASURER)
    with pytest.raises(Refused) as refusal:
        roles.require_role(user, roles.TREASURER)
    assert refusal.value.code == "role"


def test_a_superuser_holds_every_role_without_a_group():
    boss = SimpleNamespace(is_authenticated=True, is_superuser=True)
    assert roles.has_role(boss, roles.TREASURER, roles.LIBRARIAN)
    roles.require_role(boss, roles.HEAD_OF_OFFICE)


def test_anonymous_visitors_are_sent_to_the_login_page():
    @roles.role_required(roles.TREASURER)
    def view(request):
        raise AssertionError("the view must not run")

    request = RequestFactory().get("/bendahara/?bulan=2026-12")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302
    assert "next=/bendahara/%3Fbulan%3D2026-12" in response["Location"]
    assert view.allowed_roles == (roles.TREASURER,)


def test_the_template_filter_says_no_for_an_anonymous_visitor():
    html = Template(
        '{% load pst_roles %}{% if user|has_role:"Bendahara" %}yes{% else %}no{% endif %}'
    )
    assert html.render(Context({"user": AnonymousUser()})) == "no"


def test_the_shop_names_are_the_one_pst_base():
    assert AppendOnly is AppendOnlyModel
    assert TreasuryAppendOnlyModel is AppendOnlyModel
    assert issubclass(AppendOnlyError, ValueError)  # the order's first base raised ValueError


@pytest.mark.parametrize("model", [OrderEvent, CashBookEntry])
def test_a_saved_row_is_never_changed_or_deleted(model):
    row = model()
    row._state.adding = False  # as if loaded from the database; nothing below reaches it
    with pytest.raises(AppendOnlyError, match="append-only"):
        row.save()
    with pytest.raises(AppendOnlyError, match="append-only"):
        row.delete()
    with pytest.raises(AppendOnlyError, match="append-only"):
        model.objects.filter(pk=1).update(note="rewritten")
    with pytest.raises(AppendOnlyError, match="append-only"):
        model.objects.all().delete()
