"""Statement files the probe sent (issue #15, finding 12): a field longer than Python's csv
limit, and a line dated after the office's today.

The first used to reach the bendahara as Python's English "field larger than field limit
(131072)"; now the line is named with an Indonesian reason. The second used to be imported (a
payment dated years ahead); now the file is refused at that line. The clock is frozen at
00:30 WIB, when the UTC date is still the day before (docs/testing.md), so "tomorrow" in the
office is "today" in UTC; the instant lies in the future on purpose and never depends on the
day the suite runs.
"""

from __future__ import annotations

import io
from datetime import datetime

import pytest
import time_machine

from pst import roles
from pst.clock import office_today
from pst.workdays import JAKARTA
from shop.treasury import services as treasury_services
from shop.treasury.models import ColumnMapping, StatementLine
from shop.treasury.statements import StatementError
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

HEADER = "Kode Billing;NTPN;Jumlah;Tanggal\r\n"
GOOD = "820261116000001;0A1B2C3D4E5F6G7H;50.000,00;{day} 09:00\r\n"
MIDNIGHT_WIB = datetime(2027, 7, 1, 0, 30, tzinfo=JAKARTA)  # UTC: 30 June, 17:30


@pytest.fixture
def treasurer():
    ColumnMapping.objects.create(
        name="Bank Uji",
        billing_code_column="Kode Billing",
        ntpn_column="NTPN",
        amount_column="Jumlah",
        paid_at_column="Tanggal",
    )
    return user_with_role(roles.TREASURER)


def _import(data: str, treasurer):
    return treasury_services.statement_import(
        file=io.BytesIO(data.encode()), bank="Bank Uji", user=treasurer, filename="mutasi.csv"
    )


def test_an_over_long_field_is_refused_in_indonesian(treasurer):
    day = office_today().strftime("%d/%m/%Y")
    data = HEADER + GOOD.format(day=day) + f'820261116000002;"{"x" * 200_000}";1;{day}\r\n'
    with pytest.raises(StatementError) as caught:
        _import(data, treasurer)
    assert caught.value.line == 3
    assert "field larger" not in caught.value.reason
    assert "lebih panjang dari 131072 karakter" in caught.value.reason
    assert not StatementLine.objects.exists()


def test_an_unclosed_quote_in_the_header_is_refused_in_indonesian(treasurer):
    data = 'Kode Billing;"' + "y" * 200_000 + "\r\n"
    with pytest.raises(StatementError) as caught:
        _import(data, treasurer)
    assert caught.value.line == 1 and "field larger" not in caught.value.reason


@pytest.mark.parametrize(
    ("paid_on", "rule"),
    [
        ("02/07/2027", "tomorrow in the office (the day after UTC's today, too)"),
        ("01/07/2030", "years ahead, as the probe sent"),
    ],
)
def test_a_line_dated_after_the_office_s_today_is_refused_naming_the_line(treasurer, paid_on, rule):
    with time_machine.travel(MIDNIGHT_WIB, tick=False):
        data = (
            HEADER
            + GOOD.format(day="01/07/2027")
            + f"820261116000002;1A1B2C3D4E5F6G7H;75.000;{paid_on} 08:00\r\n"
        )
        with pytest.raises(StatementError) as caught:
            _import(data, treasurer)
    assert caught.value.line == 3, rule
    assert paid_on in caught.value.reason and "setelah hari ini" in caught.value.reason
    assert not StatementLine.objects.exists()


def test_a_line_paid_today_in_the_office_is_imported(treasurer):
    """00:15 on 1 July WIB is still 30 June in UTC: the office's day decides, not UTC's."""
    with time_machine.travel(MIDNIGHT_WIB, tick=False):
        result = _import(
            HEADER + GOOD.format(day="01/07/2027").replace("09:00", "00:15"), treasurer
        )
    assert result.lines_new == 1
