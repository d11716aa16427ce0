"""Tariff schedules as data (issue #6): a schedule in force cannot be edited, only superseded by
a new one with a later date; the admin shows it read-only."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pst.clock import office_today
from shop.pricing import tariffs
from shop.pricing.models import TariffSchedule
from shop.pricing.selectors import tariff_schedule_in_force, tariff_schedules
from shop.pricing.services import tariff_schedule_check_change, tariff_schedule_create

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


def test_the_migration_loads_both_regulations_with_the_domain_prices():
    stored = {s.name: s for s in tariff_schedules()}
    assert stored["PP 13/2024"] == tariffs.PP_13_2024
    assert [i.price for i in stored["PP 7/2015"].items] == [
        i.price for i in tariffs.PP_7_2015.items
    ]


@pytest.mark.parametrize(
    ("effective_from", "code"),
    [
        pytest.param(TODAY - timedelta(days=1), "past", id="retroactive"),
        pytest.param(date(2024, 3, 1), "past", id="same day as the schedule in force"),
    ],
)
def test_a_new_schedule_cannot_reach_back(effective_from, code):
    with pytest.raises(ValidationError) as refused:
        tariff_schedule_create(
            name="PP Baru", effective_from=effective_from, prices={"EPUB_FIRST_50": 1}, today=TODAY
        )
    assert refused.value.code == code


def test_new_schedule_supersedes_from_its_date_and_is_editable_until_then():
    later = TODAY + timedelta(days=10)
    new = tariff_schedule_create(
        name="PP Baru",
        effective_from=later,
        prices={"EPUB_FIRST_50": Decimal(70_000), "EPUB_NEXT_50": Decimal(20_000)},
        today=TODAY,
    )
    assert tariff_schedule_in_force(later - timedelta(days=1)).name == "PP 13/2024"
    assert tariff_schedule_in_force(later).name == "PP Baru"
    # Not in force yet: it may still be corrected (moved one day on).
    tariff_schedule_check_change(
        schedule=new, effective_from=later + timedelta(days=1), today=TODAY
    )
    # Once in force it is locked.
    with pytest.raises(ValidationError):
        tariff_schedule_check_change(
            schedule=new, effective_from=later + timedelta(days=5), today=later
        )
    with pytest.raises(ValidationError) as same_day:
        tariff_schedule_create(
            name="PP Lain", effective_from=later, prices={"EPUB_FIRST_50": 1}, today=TODAY
        )
    assert same_day.value.code == "same_day"


@pytest.mark.parametrize(
    "prices",
    [
        pytest.param({}, id="no lines"),
        pytest.param({"EPUB_FIRST_5O": 1}, id="unknown code"),
        pytest.param({"EPUB_FIRST_50": Decimal("-1")}, id="negative"),
        pytest.param({"EPUB_FIRST_50": Decimal("10.5")}, id="cents"),
    ],
)
def test_bad_prices_are_refused(prices):
    with pytest.raises(ValidationError):
        tariff_schedule_create(
            name="PP X", effective_from=TODAY + timedelta(days=3), prices=prices, today=TODAY
        )
    assert not TariffSchedule.objects.filter(name="PP X").exists()


def test_admin_shows_a_schedule_in_force_read_only(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="root@pst.test", password="x-123456789"
    )
    client.force_login(admin)
    in_force = TariffSchedule.objects.get(name="PP 13/2024")
    url = reverse("admin:pricing_tariffschedule_change", args=[in_force.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="effective_from"' not in page.content  # view only
    response = client.post(url, {"name": "Diubah", "effective_from": "2024-03-01"})
    assert response.status_code == 403
    delete = client.post(reverse("admin:pricing_tariffschedule_delete", args=[in_force.pk]))
    assert delete.status_code == 403
    in_force.refresh_from_db()
    assert in_force.name == "PP 13/2024"
    assert office_today() >= in_force.effective_from
