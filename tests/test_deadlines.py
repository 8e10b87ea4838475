"""Deadline arithmetic: month ends, leap years, the Blora RTL, series, follow-up states."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from conftest import BLORA
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.deadlines import (
    Deadline,
    DueState,
    Every,
    OnDate,
    Times,
    Within,
    add_months,
    days_in_month,
    describe,
    due_dates,
    due_state,
    format_day,
    is_recurring,
    times_window_end,
)
from workshop_tui.domain.plan import ActionTemplate, Plan
from workshop_tui.domain.state import ActionStatus
from workshop_tui.storage.plan_file import load_plan

D = dt.date
LAST = D(2018, 2, 22)  # the Blora workshop's last day


@cache
def blora() -> Plan:
    return load_plan(BLORA).plan


def template(plan: Plan, template_id: str) -> ActionTemplate:
    return next(t for t in [*plan.rtl.a, *plan.rtl.b] if t.id == template_id)


# -- add_months --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2018, 1, 31), 1, D(2018, 2, 28)),
        (D(2020, 1, 31), 1, D(2020, 2, 29)),  # leap year
        (D(2018, 8, 31), 6, D(2019, 2, 28)),
        (D(2019, 8, 31), 6, D(2020, 2, 29)),
        (D(2018, 2, 22), 1, D(2018, 3, 22)),
        (D(2018, 2, 22), 3, D(2018, 5, 22)),
        (D(2018, 2, 22), 12, D(2019, 2, 22)),
        (D(2018, 11, 15), 2, D(2019, 1, 15)),  # across the year end
        (D(2018, 12, 31), 1, D(2019, 1, 31)),
        (D(2018, 3, 31), 1, D(2018, 4, 30)),
        (D(2018, 5, 31), 0, D(2018, 5, 31)),
        (D(2018, 3, 31), -1, D(2018, 2, 28)),
        (D(2018, 1, 15), -1, D(2017, 12, 15)),
        (D(2020, 2, 29), 12, D(2021, 2, 28)),  # leap day to a common year
        (D(2020, 2, 29), 48, D(2024, 2, 29)),  # leap day to a leap year
        (D(2020, 2, 29), 1, D(2020, 3, 29)),  # not snapped to the month end
        (D(2100, 1, 31), 1, D(2100, 2, 28)),  # 2100 is not a leap year
        (D(2000, 1, 31), 1, D(2000, 2, 29)),  # 2000 is
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_add_months_outside_the_calendar_raises_value_error() -> None:
    with pytest.raises(ValueError, match="outside"):
        add_months(D(9999, 12, 1), 1)
    with pytest.raises(ValueError, match="outside"):
        add_months(D(1, 1, 1), -1)


def test_days_in_month() -> None:
    assert [days_in_month(y, 2) for y in (2018, 2019, 2020, 2100, 2000)] == [28, 28, 29, 28, 29]
    assert days_in_month(2018, 4) == 30 and days_in_month(2018, 12) == 31


dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))
offsets = st.integers(min_value=-1200, max_value=1200)


@given(dates, offsets)
def test_add_months_moves_the_month_exactly_and_clamps_the_day(day: dt.date, n: int) -> None:
    result = add_months(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    assert result.day == min(day.day, days_in_month(result.year, result.month))
    assert result.day <= day.day


@given(dates, offsets, offsets)
def test_add_months_composes_for_days_every_month_has(day: dt.date, a: int, b: int) -> None:
    # Not true in general (Jan 31 +1 +1 is Mar 28, +2 is Mar 31), but for days 1..28 it is.
    early = day.replace(day=min(day.day, 28))
    assert add_months(add_months(early, a), b) == add_months(early, a + b)


@given(dates, st.integers(min_value=0, max_value=1200))
def test_add_months_is_monotone_and_never_goes_past_the_next_offset(day: dt.date, n: int) -> None:
    assert add_months(day, n) <= add_months(day, n + 1)
    assert add_months(day, n) >= day


def test_composition_is_not_general() -> None:
    # Why the property above limits the day: clamping loses the 31st.
    assert add_months(add_months(D(2018, 1, 31), 1), 1) == D(2018, 3, 28)
    assert add_months(D(2018, 1, 31), 2) == D(2018, 3, 31)


# -- due_dates: simple shapes ------------------------------------------------------------


def test_absolute_dates_ignore_the_last_day() -> None:
    assert due_dates(D(2018, 6, 30), LAST) == [D(2018, 6, 30)]
    assert due_dates(OnDate(on=D(2018, 6, 30)), LAST) == [D(2018, 6, 30)]
    assert due_dates(OnDate(on=D(2018, 6, 30)), D(2030, 1, 1)) == [D(2018, 6, 30)]


def test_within_months_days_and_both() -> None:
    assert due_dates(Within(within_months=1), D(2018, 1, 31)) == [D(2018, 2, 28)]
    assert due_dates(Within(within_days=14), LAST) == [D(2018, 3, 8)]
    assert due_dates(Within(within_days=7), D(2020, 2, 25)) == [D(2020, 3, 3)]  # via Feb 29
    # months first (clamped), then days
    assert due_dates(Within(within_months=1, within_days=1), D(2018, 1, 31)) == [D(2018, 3, 1)]


def test_every_month_from_a_month_end_does_not_drift() -> None:
    got = due_dates(Every(every_months=1, for_months=4), D(2018, 1, 31))
    assert got == [D(2018, 2, 28), D(2018, 3, 31), D(2018, 4, 30), D(2018, 5, 31)]


def test_every_with_uneven_and_too_short_windows() -> None:
    assert due_dates(Every(every_months=5, for_months=12), LAST) == [
        D(2018, 7, 22),
        D(2018, 12, 22),
    ]
    # Not one period fits: the single date is the end of the window.
    assert due_dates(Every(every_months=6, for_months=3), LAST) == [D(2018, 5, 22)]


def test_is_recurring() -> None:
    assert is_recurring(Every(every_months=1)) and is_recurring(Times(times=2))
    assert not is_recurring(Within(within_months=1)) and not is_recurring(D(2018, 1, 1))


# -- due_dates: the Blora RTL ------------------------------------------------------------


def test_blora_last_day() -> None:
    assert blora().last_day == LAST


@pytest.mark.parametrize(
    ("template_id", "expected"),
    [
        ("a1", [D(2018, 3, 22)]),
        ("a2", [D(2018, 5, 22)]),
        ("b2", [D(2018, 8, 22)]),
        ("b3", [D(2019, 2, 22)]),
    ],
)
def test_blora_single_deadlines(template_id: str, expected: list[dt.date]) -> None:
    plan = blora()
    assert due_dates(template(plan, template_id).deadline, plan.last_day) == expected


def test_blora_a3_twice_within_the_year() -> None:
    plan = blora()
    got = due_dates(template(plan, "a3").deadline, plan.last_day)
    assert len(got) == 2
    assert got[1] == D(2018, 12, 31)
    assert LAST < got[0] < got[1]
    # Window 22 Feb -> 31 Dec is 10 months and 9/31 of a month; half of it is 5 months
    # (22 Jul) and 9/62 of July-August's 31 days (4.5 days, rounded half up: 5).
    assert got[0] == D(2018, 7, 27)


def test_blora_b1_monthly_for_a_year() -> None:
    plan = blora()
    got = due_dates(template(plan, "b1").deadline, plan.last_day)
    assert len(got) == 12
    assert got[0] == D(2018, 3, 22) and got[-1] == D(2019, 2, 22)
    assert got == [add_months(LAST, k) for k in range(1, 13)]


# -- due_dates: Times ----------------------------------------------------------------------


def test_times_within_twelve_months_splits_by_calendar_months() -> None:
    assert due_dates(Times(times=2, within_months=12), LAST) == [D(2018, 8, 22), D(2019, 2, 22)]
    assert due_dates(Times(times=3), LAST) == [D(2018, 6, 22), D(2018, 10, 22), D(2019, 2, 22)]
    assert due_dates(Times(times=1, within_months=6), LAST) == [D(2018, 8, 22)]
    assert due_dates(Times(times=12), LAST) == due_dates(Every(every_months=1), LAST)


def test_times_fractional_months_round_half_up() -> None:
    # 12 months / 5 = 2.4 months: +2 months (22 Apr) and 0.4 of Apr 22 -> May 22 (30 days)
    # = 12 days -> 4 May.
    got = due_dates(Times(times=5), LAST)
    assert got[0] == D(2018, 5, 4)
    assert got[-1] == D(2019, 2, 22)
    assert got == sorted(got) and len(set(got)) == 5


def test_twice_within_the_year_on_a_leap_day_workshop() -> None:
    last = D(2020, 2, 29)
    assert due_dates(Times(times=2, within_months=12), last) == [D(2020, 8, 29), D(2021, 2, 28)]
    by_year_end = due_dates(Times(times=2, by_year_end=True), last)
    # 29 Feb -> 31 Dec 2020: 10 months (29 Dec) + 2/31; half: 5 months (29 Jul) + 1 day.
    assert by_year_end == [D(2020, 7, 30), D(2020, 12, 31)]


def test_twice_within_the_year_on_a_workshop_ending_28_february() -> None:
    last = D(2018, 2, 28)
    assert due_dates(Times(times=2, within_months=12), last) == [D(2018, 8, 28), D(2019, 2, 28)]
    by_year_end = due_dates(Times(times=2, by_year_end=True), last)
    # 28 Feb -> 31 Dec: 10 months (28 Dec) + 3/31; half: 5 months (28 Jul) + 1.5 -> 2 days.
    assert by_year_end == [D(2018, 7, 30), D(2018, 12, 31)]


def test_times_window_end() -> None:
    assert times_window_end(Times(times=2, by_year_end=True), LAST) == D(2018, 12, 31)
    assert times_window_end(Times(times=2, within_months=12), D(2020, 2, 29)) == D(2021, 2, 28)
    assert times_window_end(Times(times=2, within_months=1), D(2018, 1, 31)) == D(2018, 2, 28)


def test_times_by_year_end_on_a_workshop_ending_31_december() -> None:
    # An empty window: every checkpoint is the end.
    assert due_dates(Times(times=2, by_year_end=True), D(2018, 12, 31)) == [
        D(2018, 12, 31),
        D(2018, 12, 31),
    ]


def test_times_by_year_end_late_in_december_never_falls_on_the_last_day() -> None:
    got = due_dates(Times(times=4, by_year_end=True), D(2018, 12, 29))
    assert got == [D(2018, 12, 30), D(2018, 12, 30), D(2018, 12, 31), D(2018, 12, 31)]


def test_many_times_in_one_month() -> None:
    got = due_dates(Times(times=52, within_months=1), D(2018, 2, 1))
    assert len(got) == 52 and got == sorted(got)
    assert got[0] == D(2018, 2, 2) and got[-1] == D(2018, 3, 1)


@given(
    dates,
    st.integers(min_value=1, max_value=52),
    st.integers(min_value=1, max_value=120),
    st.booleans(),
)
def test_times_checkpoints_stay_in_their_window(
    last: dt.date, times: int, months: int, by_year_end: bool
) -> None:
    deadline = Times(times=times, within_months=months, by_year_end=by_year_end)
    got = due_dates(deadline, last)
    end = times_window_end(deadline, last)
    assert len(got) == times
    assert got == sorted(got)
    assert got[-1] == end
    if end > last:
        assert got[0] > last


@given(dates, st.integers(min_value=1, max_value=24), st.integers(min_value=1, max_value=120))
def test_every_series(last: dt.date, every: int, span: int) -> None:
    got = due_dates(Every(every_months=every, for_months=span), last)
    assert len(got) == max(1, span // every)
    assert got == sorted(got) and got[0] > last
    assert got[-1] <= add_months(last, span)


# -- describe ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "indonesian", "english"),
    [
        (
            Within(within_months=1),
            "maksimal 1 bulan setelah pelatihan",
            "within 1 month after the workshop",
        ),
        (
            Within(within_months=3),
            "maksimal 3 bulan setelah pelatihan",
            "within 3 months after the workshop",
        ),
        (
            Within(within_days=14),
            "maksimal 14 hari setelah pelatihan",
            "within 14 days after the workshop",
        ),
        (
            Within(within_months=1, within_days=1),
            "maksimal 1 bulan 1 hari setelah pelatihan",
            "within 1 month and 1 day after the workshop",
        ),
        (
            Every(every_months=1, for_months=12),
            "setiap 1 bulan selama 12 bulan",
            "every month for 12 months",
        ),
        (
            Every(every_months=3, for_months=1),
            "setiap 3 bulan selama 1 bulan",
            "every 3 months for 1 month",
        ),
        (
            Times(times=2, by_year_end=True),
            "2 kali sampai 31 Desember",
            "twice by 31 December",
        ),
        (
            Times(times=1, within_months=6),
            "1 kali dalam 6 bulan setelah pelatihan",
            "once within 6 months after the workshop",
        ),
        (
            Times(times=4, within_months=12),
            "4 kali dalam 12 bulan setelah pelatihan",
            "4 times within 12 months after the workshop",
        ),
        (D(2018, 6, 30), "paling lambat 30 Juni 2018", "by 30 June 2018"),
        (OnDate(on=D(2018, 8, 17)), "paling lambat 17 Agustus 2018", "by 17 August 2018"),
    ],
)
def test_describe(deadline: Deadline, indonesian: str, english: str) -> None:
    assert describe(deadline, "id") == indonesian
    assert describe(deadline, "en") == english


def test_describe_unknown_language_falls_back_to_indonesian() -> None:
    assert describe(Within(within_months=1), "fr") == "maksimal 1 bulan setelah pelatihan"


def test_describe_with_the_last_day_shows_resolved_dates() -> None:
    assert (
        describe(Within(within_months=1), "id", last_day=LAST)
        == "maksimal 1 bulan setelah pelatihan (22 Maret 2018)"
    )
    assert (
        describe(Times(times=2, by_year_end=True), "en", last_day=LAST)
        == "twice by 31 December (27 July 2018, 31 December 2018)"
    )
    assert (
        describe(Every(every_months=1), "id", last_day=LAST)
        == "setiap 1 bulan selama 12 bulan (22 Maret 2018 – 22 Februari 2019, 12×)"
    )
    # An absolute date is not repeated.
    assert describe(D(2018, 6, 30), "en", last_day=LAST) == "by 30 June 2018"


def test_format_day_uses_indonesian_month_names() -> None:
    names = [format_day(D(2018, m, 1), "id", year=False) for m in range(1, 13)]
    assert [n.split()[1] for n in names] == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]  # fmt: skip
    assert format_day(D(2018, 2, 22), "en") == "22 February 2018"


# -- due_state -----------------------------------------------------------------------------

A1 = Within(within_months=1)  # due 2018-03-22


def test_done_and_dropped_win_over_any_date() -> None:
    late = D(2030, 1, 1)
    assert due_state(A1, LAST, late, ActionStatus.DONE, D(2018, 3, 10)) == (
        DueState.DONE,
        D(2018, 3, 10),
    )
    assert due_state(A1, LAST, late, "done") == (DueState.DONE, None)
    assert due_state(A1, LAST, late, ActionStatus.DROPPED) == (DueState.DROPPED, None)
    assert due_state(None, LAST, late, "dropped") == (DueState.DROPPED, None)


def test_done_after_the_day_looked_at_was_still_open_then() -> None:
    done_on = D(2018, 4, 2)  # after the deadline (2018-03-22)
    assert due_state(A1, LAST, D(2018, 3, 1), "done", done_on) == (DueState.DUE, D(2018, 3, 22))
    assert due_state(A1, LAST, D(2018, 3, 20), "done", done_on) == (
        DueState.DUE_SOON,
        D(2018, 3, 22),
    )
    assert due_state(A1, LAST, D(2018, 4, 1), "done", done_on) == (
        DueState.OVERDUE,
        D(2018, 3, 22),
    )
    assert due_state(A1, LAST, done_on, "done", done_on) == (DueState.DONE, done_on)
    assert due_state(None, LAST, D(2018, 3, 1), "done", done_on) == (DueState.DUE, None)


def test_open_single_deadline_states() -> None:
    due = D(2018, 3, 22)
    assert due_state(A1, LAST, D(2018, 2, 23), "open") == (DueState.DUE, due)
    assert due_state(A1, LAST, D(2018, 3, 7), "open") == (DueState.DUE, due)  # 15 days
    assert due_state(A1, LAST, D(2018, 3, 8), "open") == (DueState.DUE_SOON, due)  # 14 days
    assert due_state(A1, LAST, due, ActionStatus.OPEN) == (DueState.DUE_SOON, due)  # today
    assert due_state(A1, LAST, D(2018, 3, 23), "open") == (DueState.OVERDUE, due)


def test_soon_days_is_configurable() -> None:
    assert due_state(A1, LAST, D(2018, 3, 1), "open", soon_days=30)[0] is DueState.DUE_SOON
    assert due_state(A1, LAST, D(2018, 3, 21), "open", soon_days=0)[0] is DueState.DUE
    assert due_state(A1, LAST, D(2018, 3, 22), "open", soon_days=0)[0] is DueState.DUE_SOON
    with pytest.raises(ValueError):
        due_state(A1, LAST, D(2018, 3, 1), "open", soon_days=-1)


def test_open_without_a_deadline_is_never_overdue() -> None:
    assert due_state(None, LAST, D(2030, 1, 1), "open") == (DueState.DUE, None)


def test_unknown_status_is_an_error() -> None:
    with pytest.raises(ValueError):
        due_state(A1, LAST, LAST, "finished")


def test_monthly_series_is_due_at_its_next_date_until_the_last_one_passes() -> None:
    b1 = Every(every_months=1, for_months=12)
    # Between meetups: the next one decides (a missed one in between is not overdue).
    assert due_state(b1, LAST, D(2018, 6, 1), "open") == (DueState.DUE, D(2018, 6, 22))
    assert due_state(b1, LAST, D(2018, 6, 10), "open") == (DueState.DUE_SOON, D(2018, 6, 22))
    assert due_state(b1, LAST, D(2018, 6, 22), "open") == (DueState.DUE_SOON, D(2018, 6, 22))
    assert due_state(b1, LAST, D(2018, 6, 23), "open") == (DueState.DUE, D(2018, 7, 22))
    assert due_state(b1, LAST, D(2019, 2, 22), "open") == (DueState.DUE_SOON, D(2019, 2, 22))
    assert due_state(b1, LAST, D(2019, 2, 23), "open") == (DueState.OVERDUE, D(2019, 2, 22))
    assert due_state(b1, LAST, D(2019, 2, 23), "done", D(2019, 2, 20)) == (
        DueState.DONE,
        D(2019, 2, 20),
    )


def test_twice_by_year_end_series() -> None:
    a3 = Times(times=2, by_year_end=True)
    assert due_state(a3, LAST, D(2018, 3, 1), "open") == (DueState.DUE, D(2018, 7, 27))
    assert due_state(a3, LAST, D(2018, 7, 28), "open") == (DueState.DUE, D(2018, 12, 31))
    assert due_state(a3, LAST, D(2018, 12, 20), "open") == (DueState.DUE_SOON, D(2018, 12, 31))
    assert due_state(a3, LAST, D(2019, 1, 1), "open") == (DueState.OVERDUE, D(2018, 12, 31))


def test_before_the_workshop_ends_everything_is_due() -> None:
    assert due_state(A1, LAST, D(2018, 2, 19), "open") == (DueState.DUE, D(2018, 3, 22))


def test_blora_rtl_on_one_day() -> None:
    plan = blora()
    as_of = D(2018, 6, 1)
    states = {
        t.id: due_state(t.deadline, plan.last_day, as_of, ActionStatus.OPEN)[0]
        for t in [*plan.rtl.a, *plan.rtl.b]
    }
    assert states == {
        "a1": DueState.OVERDUE,
        "a2": DueState.OVERDUE,
        "a3": DueState.DUE,
        "b1": DueState.DUE,
        "b2": DueState.DUE,
        "b3": DueState.DUE,
    }
