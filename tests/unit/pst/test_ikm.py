"""Satisfaction index per PermenPANRB 14/2017 (DOMAIN.md "Satisfaction index")."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pst.ikm import Element, Grade, InvalidResponse, compute_ikm, grade_for


def survey_with_total(respondents: int, total: int) -> list[list[int]]:
    """Questionnaires of ``respondents`` people whose nine scores add up to ``total``."""
    cells = [1] * (respondents * 9)
    extra = total - len(cells)
    for i in range(len(cells)):
        step = min(3, extra)
        cells[i] += step
        extra -= step
    assert extra == 0
    return [cells[i : i + 9] for i in range(0, len(cells), 9)]


def test_nrr_per_element_and_ikm_by_hand():
    result = compute_ikm(
        [
            [4, 4, 4, 4, 4, 4, 4, 4, 4],
            [3, 3, 3, 3, 3, 3, 3, 3, 3],
            [2, 3, 4, 1, 2, 3, 4, 1, 2],
            [4, 3, 2, 1, 4, 3, 2, 1, 4],
        ]
    )
    # NRR = element total / 4 respondents: seven elements 13/4, cost and complaints 9/4.
    assert result.nrr_of(Element.PERSYARATAN) == Decimal("3.250")
    assert result.nrr_of(Element.BIAYA_TARIF) == Decimal("2.250")
    assert result.nrr_of(Element.PENANGANAN_PENGADUAN) == Decimal("2.250")
    assert result.respondents == 4
    # IKM = (7 x 3,25 + 2 x 2,25) x 1/9 = 27,25 / 9 = 3,0277...; x 25 = 75,694...
    assert result.ikm == Decimal("3.028")
    assert result.converted == Decimal("75.69")
    assert result.grade is Grade.C


@pytest.mark.parametrize(
    ("respondents", "total", "converted", "grade"),
    [
        pytest.param(1, 36, "100.00", Grade.A, id="all 4: 100 (weight exactly 1/9, not 0,111)"),
        pytest.param(1, 9, "25.00", Grade.D, id="all 1: 25, the floor"),
        pytest.param(2, 54, "75.00", Grade.C, id="all 3: 75 (kurang baik)"),
        pytest.param(43, 1367, "88.31", Grade.A, id="88,3075 rounds to 88,31: A"),
        pytest.param(19, 604, "88.30", Grade.B, id="88,304 rounds to 88,30: B"),
        pytest.param(19, 524, "76.61", Grade.B, id="76,608 rounds to 76,61: B"),
        pytest.param(113, 2644, "65.00", Grade.C, id="64,995 rounds to 65,00: C"),
    ],
)
def test_converted_value_and_grade(respondents, total, converted, grade):
    result = compute_ikm(survey_with_total(respondents, total))
    assert result.converted == Decimal(converted)
    assert result.grade is grade


@pytest.mark.parametrize(
    ("converted", "grade"),
    [
        pytest.param("100", Grade.A, id="A top"),
        pytest.param("88.31", Grade.A, id="A bottom 88,31"),
        pytest.param("88.30", Grade.B, id="B top 88,30"),
        pytest.param("88.305", Grade.A, id="88,305 rounds half-up into A"),
        pytest.param("88.3049", Grade.B, id="88,3049 stays B"),
        pytest.param("76.61", Grade.B, id="B bottom 76,61"),
        pytest.param("76.60", Grade.C, id="C top 76,60"),
        pytest.param("65.00", Grade.C, id="C bottom 65,00"),
        pytest.param("64.99", Grade.D, id="D top 64,99"),
        pytest.param("25.00", Grade.D, id="D bottom 25,00"),
    ],
)
def test_grade_thresholds(converted, grade):
    assert grade_for(Decimal(converted)) is grade


@pytest.mark.parametrize("converted", ["24.99", "100.01", "0"])
def test_grade_outside_the_scale_is_refused(converted):
    with pytest.raises(ValueError):
        grade_for(Decimal(converted))


def test_grade_labels():
    assert [(g.letter, g.label) for g in Grade] == [
        ("A", "Sangat Baik"),
        ("B", "Baik"),
        ("C", "Kurang Baik"),
        ("D", "Tidak Baik"),
    ]


def test_nine_elements_in_regulation_order():
    assert len(Element) == 9
    assert Element(1).label == "Persyaratan"
    assert Element(9).label == "Sarana dan prasarana"


@pytest.mark.parametrize(
    "responses",
    [
        pytest.param([], id="no questionnaire"),
        pytest.param([[4] * 8], id="eight answers"),
        pytest.param([[4] * 10], id="ten answers"),
        pytest.param([[4] * 8 + [5]], id="score 5"),
        pytest.param([[4] * 8 + [0]], id="score 0"),
        pytest.param([[4] * 8 + [3.5]], id="half score"),
        pytest.param([[4] * 8 + [None]], id="unanswered element"),
        pytest.param([[4] * 8 + [True]], id="bool score"),
        pytest.param(["444444444"], id="text"),
    ],
)
def test_invalid_surveys_are_refused(responses):
    with pytest.raises(InvalidResponse):
        compute_ikm(responses)


@given(
    st.lists(
        st.lists(st.integers(min_value=1, max_value=4), min_size=9, max_size=9),
        min_size=1,
        max_size=50,
    )
)
def test_ikm_always_on_the_scale(responses):
    result = compute_ikm(responses)
    assert Decimal(25) <= result.converted <= Decimal(100)
    assert Decimal(1) <= result.ikm <= Decimal(4)
    assert result.grade is grade_for(result.converted)
    assert abs(result.ikm * 25 - result.converted) <= Decimal("0.0125") + Decimal("0.005")
