"""Deadlines typed as text (domain/deadline_text.py): the shapes the RTL form accepts."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BLORA
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.deadline_text import (
    DeadlineTextError,
    NoSuchDate,
    deadline_text,
    parse_deadline,
)
from workshop_tui.domain.deadlines import Deadline, Every, Times, Within, due_dates
from workshop_tui.storage.plan_file import load_plan

LAST_DAY = dt.date(2018, 2, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute dates
        ("2018-06-30", dt.date(2018, 6, 30)),
        ("30/6/2018", dt.date(2018, 6, 30)),
        ("30-06-2018", dt.date(2018, 6, 30)),
        ("paling lambat 30 Juni 2018", dt.date(2018, 6, 30)),
        ("by 30 June 2018", dt.date(2018, 6, 30)),
        ("1 Agt 2018", dt.date(2018, 8, 1)),
        ("29 Februari 2020", dt.date(2020, 2, 29)),  # a leap year
        # within a time after the last day
        ("1 bulan", Within(within_months=1)),
        ("1 month", Within(within_months=1)),
        ("within 1 month", Within(within_months=1)),
        ("maksimal 1 bulan setelah pelatihan", Within(within_months=1)),
        ("3 bulan", Within(within_months=3)),
        ("  3   BULAN ", Within(within_months=3)),
        ("tiga bulan", Within(within_months=3)),
        ("6 bulan", Within(within_months=6)),
        ("within 6 months", Within(within_months=6)),
        ("dalam 6 bulan kedepan", Within(within_months=6)),
        ("2 minggu", Within(within_days=14)),
        ("14 hari", Within(within_days=14)),
        ("10 days", Within(within_days=10)),
        ("1 bulan 14 hari", Within(within_months=1, within_days=14)),
        ("1 month and 2 weeks", Within(within_months=1, within_days=14)),
        ("setahun", Within(within_months=12)),
        ("1 tahun", Within(within_months=12)),
        ("a year", Within(within_months=12)),
        # series
        ("bulanan", Every(every_months=1)),
        ("monthly", Every(every_months=1)),
        ("setiap bulan", Every(every_months=1)),
        ("minimal satu bulan sekali", Every(every_months=1)),
        ("at least once a month", Every(every_months=1)),
        ("every 2 months", Every(every_months=2)),
        ("setiap 3 bulan", Every(every_months=3)),
        ("bulanan selama 6 bulan", Every(every_months=1, for_months=6)),
        ("monthly for 6 months", Every(every_months=1, for_months=6)),
        ("monthly for a year", Every(every_months=1, for_months=12)),
        # so many times within a window
        ("2x setahun", Times(times=2)),
        ("2 kali setahun", Times(times=2)),
        ("dua kali setahun", Times(times=2)),
        ("twice a year", Times(times=2)),
        ("2x", Times(times=2)),
        ("3 times within 6 months", Times(times=3, within_months=6)),
        ("2 kali dalam 6 bulan", Times(times=2, within_months=6)),
        ("2x sampai akhir tahun", Times(times=2, by_year_end=True)),
        ("at least twice within the year", Times(times=2, by_year_end=True)),
        ("minimal 2 kali dalam tahun yang bersangkutan", Times(times=2, by_year_end=True)),
        ("akhir tahun", Times(times=1, by_year_end=True)),
    ],
)
def test_accepted_texts(text: str, expected: Deadline) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_means_no_deadline(text: str) -> None:
    assert parse_deadline(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "besok",
        "soon",
        "1",
        "bulan",
        "2018-02-30",  # no such day
        "31/13/2018",
        "200 bulan",  # beyond the shapes' range
        "2x sebulan",  # twice a month is no deadline shape
        "every week",
        "1 bulan lagi x",
        "0 bulan",
    ],
)
def test_rejected_texts(text: str) -> None:
    with pytest.raises(DeadlineTextError):
        parse_deadline(text)


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("31 Februari 2018", 2018, 2, 31),
        ("2018-02-31", 2018, 2, 31),
        ("29 Februari 2018", 2018, 2, 29),  # not a leap year
        ("30/2/2018", 2018, 2, 30),
        ("31 April 2018", 2018, 4, 31),
        ("0/3/2018", 2018, 3, 0),
        ("2018-13-01", 2018, 13, 1),
        ("31/13/2018", 2018, 13, 31),
    ],
)
def test_a_date_the_calendar_does_not_have_says_why(
    text: str, year: int, month: int, day: int
) -> None:
    with pytest.raises(NoSuchDate) as raised:
        parse_deadline(text)
    problem = raised.value
    assert isinstance(problem, DeadlineTextError)
    assert (problem.year, problem.month, problem.day) == (year, month, day)
    if month == 2:
        assert problem.days_in_month == (29 if year % 4 == 0 else 28)
    elif month == 13:
        assert problem.days_in_month is None  # no such month


@pytest.mark.parametrize("text", ["besok", "soon", "1 bulan lagi x", "31 Febuary 2018"])
def test_text_not_understood_is_not_a_missing_date(text: str) -> None:
    with pytest.raises(DeadlineTextError) as raised:
        parse_deadline(text)
    assert not isinstance(raised.value, NoSuchDate)


def test_the_blora_templates_read_back_from_their_text() -> None:
    plan = load_plan(BLORA).plan
    for template in [*plan.rtl.a, *plan.rtl.b]:
        for language in ("id", "en"):
            text = deadline_text(template.deadline, language)
            assert parse_deadline(text) == template.deadline, (template.id, text)


def test_text_for_each_shape() -> None:
    assert deadline_text(None, "id") == ""
    assert deadline_text(dt.date(2018, 6, 30), "en") == "2018-06-30"
    assert deadline_text(Within(within_months=1), "id") == "1 bulan"
    assert deadline_text(Within(within_months=1), "en") == "1 month"
    assert deadline_text(Within(within_months=1, within_days=14), "en") == "1 month 14 days"
    assert deadline_text(Every(every_months=1), "id") == "bulanan"
    assert deadline_text(Every(every_months=2, for_months=6), "en") == "every 2 months for 6 months"
    assert deadline_text(Times(times=2), "id") == "2x setahun"
    assert deadline_text(Times(times=2, by_year_end=True), "en") == "2x by year end"
    assert deadline_text(Times(times=3, within_months=6), "id") == "3x dalam 6 bulan"


deadlines = st.one_of(
    st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
    st.builds(
        Within,
        within_months=st.integers(0, 120),
        within_days=st.integers(1, 3660),
    ),
    st.builds(Within, within_months=st.integers(1, 120)),
    st.builds(Every, every_months=st.integers(1, 24), for_months=st.integers(1, 120)),
    st.builds(Times, times=st.integers(1, 52), within_months=st.integers(1, 120)),
    st.builds(Times, times=st.integers(1, 52), by_year_end=st.just(True)),
)


@given(deadlines, st.sampled_from(["id", "en"]))
def test_every_deadline_round_trips_through_its_text(deadline: Deadline, language: str) -> None:
    parsed = parse_deadline(deadline_text(deadline, language))
    assert parsed == deadline
    assert parsed is not None
    assert due_dates(parsed, LAST_DAY) == due_dates(deadline, LAST_DAY)
