"""The office calendar: collective leave days from the database move every service clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pst.calendar import office_calendar, service_due_for, service_time_days
from pst.models import OfficeDay, OfficeDayKind, ServiceKind
from pst.workdays import JAKARTA

pytestmark = pytest.mark.django_db


def test_service_times_come_from_settings(settings):
    assert service_time_days(ServiceKind.SALES) == 10
    settings.PST_SERVICE_TIMES = {**settings.PST_SERVICE_TIMES, "konsultasi": 5}
    assert service_time_days("konsultasi") == 5


def test_cuti_bersama_pushes_the_due_date_and_extra_day_pulls_it_back():
    # Monday 2026-11-02 10:00, consultation 3 working days: due Thursday 2026-11-05 16:00.
    start = datetime(2026, 11, 2, 10, 0, tzinfo=JAKARTA)
    assert service_due_for(ServiceKind.CONSULTATION, start) == datetime(
        2026, 11, 5, 16, 0, tzinfo=JAKARTA
    )
    OfficeDay.objects.create(date=date(2026, 11, 4), kind=OfficeDayKind.CUTI_BERSAMA)
    assert service_due_for(ServiceKind.CONSULTATION, start).date() == date(2026, 11, 6)
    OfficeDay.objects.create(date=date(2026, 11, 7), kind=OfficeDayKind.EXTRA_WORKING_DAY)
    calendar = office_calendar()
    assert calendar.is_working_day(date(2026, 11, 7))  # a Saturday made a working day
    assert not calendar.is_working_day(date(2026, 11, 4))


def test_office_hours_come_from_settings(settings):
    settings.PST_OFFICE_HOURS = ("07:30", "15:30")
    calendar = office_calendar()
    assert (calendar.opens_at.hour, calendar.opens_at.minute) == (7, 30)
    assert calendar.closes_at.hour == 15
