"""Timer and forecast rules of the agenda (pure domain functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop_tui.domain.plan import AgendaItem, Day, ItemKind
from workshop_tui.domain.state import ItemProgress, TimerAction, TimerEvent
from workshop_tui.domain.timeline import (
    Level,
    Phase,
    apply,
    clock_text,
    elapsed,
    forecast_day,
    level,
    phase,
    remaining,
    suspend_time,
)

UTC = dt.UTC
WIB = dt.timezone(dt.timedelta(hours=7))
T0 = dt.datetime(2018, 2, 19, 1, 30, tzinfo=UTC)  # 08:30 WIB


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def item(key: str, start: str, minutes: int) -> AgendaItem:
    return AgendaItem(
        id=key, title=key.title(), kind=ItemKind.TALK, start=dt.time.fromisoformat(start),
        duration=minutes,
    )  # fmt: skip


def run(events: list[tuple[TimerAction, float, int]], key: str = "a") -> ItemProgress:
    progress = ItemProgress(id=key)
    for action, minute, seconds in events:
        progress = apply(
            progress, TimerEvent(item_id=key, action=action, at=at(minute), seconds=seconds)
        )
    return progress


def test_start_pause_start_accumulates_only_running_time() -> None:
    p = run([(TimerAction.START, 0, 0), (TimerAction.PAUSE, 10, 0), (TimerAction.START, 30, 0)])
    assert phase(p) is Phase.RUNNING
    assert elapsed(p, at(35)) == 15 * 60
    assert p.actual_start == at(0)


def test_adjust_extends_and_shortens_the_budget() -> None:
    a = item("a", "08:30", 30)
    p = run([(TimerAction.START, 0, 0), (TimerAction.ADJUST, 1, 300), (TimerAction.ADJUST, 2, -60)])
    assert remaining(a, p, at(10)) == (30 + 5 - 1 - 10) * 60


def test_finish_records_the_end_and_reopen_clears_it() -> None:
    p = run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 20, 0)])
    assert phase(p) is Phase.DONE and p.actual_end == at(20)
    assert elapsed(p, at(90)) == 20 * 60  # a finished timer does not count on
    p = apply(p, TimerEvent(item_id="a", action=TimerAction.REOPEN, at=at(25)))
    assert phase(p) is Phase.PAUSED


@pytest.mark.parametrize(
    ("minute", "expected"),
    [(0, Level.CALM), (23.9, Level.CALM), (24.1, Level.WARNING), (28.4, Level.WARNING),
     (28.6, Level.CRITICAL), (30.1, Level.OVERRUN)],
)  # fmt: skip
def test_colour_changes_at_20_and_5_percent_left_and_on_overrun(
    minute: float, expected: Level
) -> None:
    a = item("a", "08:30", 30)
    p = run([(TimerAction.START, 0, 0)])
    assert level(a, p, at(minute)) is expected


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1800, "30:00"), (59.2, "01:00"), (0.4, "00:01"), (0, "00:00"), (-61, "+01:01"),
     (3 * 3600 + 5, "3:00:05")],
)  # fmt: skip
def test_clock_text(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


def test_suspend_before_closing_is_restarted_not_counted() -> None:
    p = run([(TimerAction.START, 0, 0), (TimerAction.SUSPEND, 10, 0)])
    assert p.suspended and p.running_since is None
    # Next morning: started again; the night is not counted.
    p = apply(p, TimerEvent(item_id="a", action=TimerAction.START, at=at(60 * 14)))
    assert not p.suspended
    assert elapsed(p, at(60 * 14 + 5)) == 15 * 60


def test_suspend_time_after_a_crash_is_the_last_heartbeat() -> None:
    p = run([(TimerAction.START, 0, 0)])
    assert suspend_time(p, at(7)) == at(7)
    assert suspend_time(p, at(-5)) == at(0)  # a heartbeat older than the start counts nothing
    assert suspend_time(p, None) == at(0)


def day_of_three() -> Day:
    return Day(
        date=dt.date(2018, 2, 19),
        items=[item("a", "08:30", 30), item("b", "09:00", 60), item("c", "10:00", 30)],
    )


def test_forecast_on_plan_when_everything_runs_to_time() -> None:
    forecast = forecast_day(day_of_three(), {}, "a", at(0), tz=WIB)
    assert forecast.drift_minutes == 0
    assert forecast.forecast_end == forecast.planned_end == T0 + dt.timedelta(minutes=120)


def test_forecast_late_start_and_overrun_push_the_day_back() -> None:
    # "a" started 10 minutes late and ran 40 minutes; "b" started right after and is running.
    progress = {
        "a": run([(TimerAction.START, 10, 0), (TimerAction.FINISH, 50, 0)], "a"),
        "b": run([(TimerAction.START, 50, 0)], "b"),
    }
    forecast = forecast_day(day_of_three(), progress, "b", at(60), tz=WIB)
    # b ends at 50 + 60 = 110; c runs 110..140 against a planned end of 120.
    assert forecast.drift_minutes == 20
    assert [s.phase for s in forecast.slots] == [Phase.DONE, Phase.RUNNING, Phase.READY]


def test_forecast_ahead_of_plan_when_items_finish_early() -> None:
    progress = {
        "a": run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 20, 0)], "a"),
        "b": run([(TimerAction.START, 20, 0), (TimerAction.FINISH, 60, 0)], "b"),
        "c": run([(TimerAction.START, 60, 0)], "c"),
    }
    forecast = forecast_day(day_of_three(), progress, "c", at(61), tz=WIB)
    assert forecast.drift_minutes == -30


def test_forecast_follows_the_date_the_day_actually_runs() -> None:
    # A rehearsal a year later at the same clock time is on plan, not a year behind.
    later = T0 + dt.timedelta(days=365)
    progress = {"a": ItemProgress(id="a", actual_start=later, running_since=later)}
    forecast = forecast_day(day_of_three(), progress, "a", later, tz=WIB)
    assert forecast.drift_minutes == 0
