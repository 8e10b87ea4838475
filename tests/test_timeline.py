"""Timer and forecast rules of the agenda (pure domain functions)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import BLORA, FakeClock
from rich.style import Style
from textual.binding import Binding
from textual.color import Color
from textual.widgets import Static

from workshop_tui.domain.plan import AgendaItem, Day, ItemKind
from workshop_tui.domain.state import ItemProgress, TimerAction, TimerEvent
from workshop_tui.domain.timeline import (
    DayForecast,
    Level,
    Phase,
    apply,
    budget,
    capped_adjustment,
    clock_text,
    elapsed,
    forecast_day,
    level,
    phase,
    remaining,
    suspend_time,
)
from workshop_tui.session import start_session
from workshop_tui.storage.store import ALIVE_FILE
from workshop_tui.storage.workshop import open_workshop
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.help import HelpScreen
from workshop_tui.tui.screens.timeline import ReopenConfirm
from workshop_tui.tui.themes import PROJECTOR
from workshop_tui.tui.widgets.agenda import AgendaList
from workshop_tui.tui.widgets.countdown import Countdown

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
    now = at(60)
    assert suspend_time(p, at(7), now) == at(7)
    assert suspend_time(p, at(-5), now) == at(0)  # a heartbeat older than the start counts nothing
    assert suspend_time(p, None, now) == at(0)
    # A heartbeat dated ahead of now (a clock set back, a copied folder) adds no time.
    assert suspend_time(p, at(120), now) == now


def test_a_heartbeat_dated_ahead_counts_as_the_moment_of_opening() -> None:
    # `touch -d '+1 hour' alive` after a kill -9: the timer came back an hour further on.
    p = run([(TimerAction.START, 0, 0)])
    opening = at(20)
    stopped = suspend_time(p, opening + dt.timedelta(hours=1), opening)
    assert stopped == opening
    p = apply(p, TimerEvent(item_id="a", action=TimerAction.SUSPEND, at=stopped))
    p = apply(p, TimerEvent(item_id="a", action=TimerAction.START, at=opening))
    assert elapsed(p, opening) == 20 * 60  # not 80 minutes: an overrun that never was
    assert level(item("a", "08:30", 30), p, opening) is Level.CALM


def test_a_resume_after_a_crash_never_counts_past_the_moment_of_opening(
    data_root: Path, clock: FakeClock
) -> None:
    """The same through a session: the heartbeat file's mtime set an hour ahead."""
    session = start_session(open_workshop(BLORA, data_root), clock)
    key = session.current_item.key
    session.toggle_timer()
    clock.advance(minutes=12)
    session.heartbeat()
    ahead = (clock.now + dt.timedelta(hours=1)).timestamp()
    os.utime(session.store.folder / ALIVE_FILE, (ahead, ahead))
    lock = session.store.lock  # killed: no suspend, the lock file left as it stood
    assert lock._fd is not None
    os.close(lock._fd)
    lock._fd = None

    clock.advance(minutes=3)
    again = start_session(open_workshop(BLORA, data_root), clock)
    try:
        progress = again.progress(key)
        assert phase(progress) is Phase.RUNNING
        assert elapsed(progress, clock.now) == 15 * 60  # at most up to the restart
    finally:
        again.close()


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


# -- the forecast keeps planned gaps; ahead / behind is the current item's -----------------


def day_with_a_long_break() -> Day:
    # a 08:30–09:00, b 09:00–10:00, then nothing until c at 18:00.
    return Day(
        date=dt.date(2018, 2, 19),
        items=[item("a", "08:30", 30), item("b", "09:00", 60), item("c", "18:00", 30)],
    )


def test_a_late_start_is_behind_plan_even_before_a_long_planned_gap() -> None:
    # 107 minutes past a's planned start and a not started: 107 behind, not hours ahead.
    forecast = forecast_day(day_with_a_long_break(), {}, "a", at(107), tz=WIB)
    assert forecast.drift_minutes == 107
    # The gap absorbs the delay: c still starts at 18:00 and the day ends as planned.
    assert forecast.slots[2].start == forecast.slots[2].planned_start
    assert forecast.forecast_end == forecast.planned_end


def test_a_delay_longer_than_the_gap_pushes_the_rest_of_the_day() -> None:
    day = Day(
        date=dt.date(2018, 2, 19),
        items=[item("a", "08:30", 30), item("b", "09:00", 60), item("c", "10:30", 30)],
    )
    # a starts 47 minutes late: b runs 09:47–10:47, so c starts at 10:47, not 10:30.
    forecast = forecast_day(day, {}, "a", at(47), tz=WIB)
    assert forecast.drift_minutes == 47
    assert forecast.slots[2].start == at(137)
    assert forecast.forecast_end == at(167)  # 17 minutes after the planned 11:00


def test_items_are_never_expected_before_their_planned_start() -> None:
    # a finished 15 minutes early; b is current but not started: b is still expected at
    # 09:00 (nobody is pulled forward until they actually start) and the day is on plan.
    progress = {"a": run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 15, 0)], "a")}
    forecast = forecast_day(day_of_three(), progress, "b", at(20), tz=WIB)
    assert forecast.slots[1].start == forecast.slots[1].planned_start
    assert forecast.drift_minutes == 0


def test_running_early_is_ahead_but_later_items_keep_their_times() -> None:
    progress = {
        "a": run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 15, 0)], "a"),
        "b": run([(TimerAction.START, 20, 0)], "b"),
    }
    forecast = forecast_day(day_of_three(), progress, "b", at(25), tz=WIB)
    assert forecast.drift_minutes == -10  # b ends 09:50 against a planned 10:00
    assert forecast.slots[2].start == forecast.slots[2].planned_start
    assert forecast.forecast_end == forecast.planned_end


def test_an_extended_item_puts_the_day_behind_even_if_it_started_on_time() -> None:
    progress = {"a": run([(TimerAction.START, 0, 0), (TimerAction.ADJUST, 1, 10 * 60)], "a")}
    forecast = forecast_day(day_of_three(), progress, "a", at(5), tz=WIB)
    assert forecast.drift_minutes == 10
    assert forecast.forecast_end == forecast.planned_end + dt.timedelta(minutes=10)


# -- the timeline screen ----------------------------------------------------------------------


def agenda(app: WorkshopApp) -> AgendaList:
    return app.screen.query_one(AgendaList)


def panel_text(app: WorkshopApp, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


async def test_next_on_the_last_item_finishes_it_and_says_there_is_none(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        session = app.session
        assert session is not None
        last = session.plan.items()[-1][1]
        session.go_to(last.key)
        await pilot.press("space")
        clock.advance(minutes=20)
        await pilot.press("n")
        await pilot.pause()
        assert phase(session.progress(last.key)) is Phase.DONE
        assert session.current_item == last
        assert any("no next item" in str(n.message).lower() for n in app._notifications)
        assert "last item of the workshop" in panel_text(app, "up-next").lower()


@pytest.mark.parametrize("language", ["id", "en"])
async def test_the_panel_shows_every_line_at_80x24_and_after_resizing(
    data_root: Path, clock: FakeClock, language: str
) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang=language)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "space")  # the 150-minute talk, running
        for size in [(80, 24), (120, 40), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            panel = app.screen.query_one("#timer-panel")
            inside = panel.content_region
            for line in panel.children:
                assert line.display and line.region.height > 0, (size, line.id)
                assert inside.contains_region(line.region), (size, line.id, line.region)
                rendered = line.render_lines(line.region.reset_offset)
                assert len(rendered) == line.region.height
            up_next = panel_text(app, "up-next")
            assert "Ishoma" in up_next and "12:00" in up_next, (size, up_next)
            assert panel.virtual_size.height <= inside.height, size  # nothing cut off


async def test_the_agenda_cursor_stops_at_both_ends(data_root: Path, clock: FakeClock) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        session = app.session
        assert session is not None
        first, last = session.plan.items()[0][1], session.plan.items()[-1][1]
        await pilot.press("up")
        assert agenda(app).highlighted_key == first.key
        await pilot.press(*["down"] * 30)
        assert agenda(app).highlighted_key == last.key
        await pilot.press("enter")
        assert session.current_item == last
        await pilot.press("down")
        assert agenda(app).highlighted_key == last.key
        await pilot.press("home")
        assert agenda(app).highlighted_key == first.key
        await pilot.press("end")
        assert agenda(app).highlighted_key == last.key


async def test_help_lists_the_agenda_movement_keys(data_root: Path, clock: FakeClock) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {keys for _, keys, _ in app.screen.rows()}
        for name in ("up", "down", "home", "end"):
            assert app.get_key_display(Binding(name, "")) in keys, name


@pytest.mark.parametrize("theme", ["projector", "textual-dark"])
async def test_the_highlighted_agenda_row_is_one_high_contrast_colour(
    data_root: Path, clock: FakeClock, theme: str
) -> None:
    app = create_app(data_root, BLORA, clock=clock, theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")  # a break current; the highlight moves over talks and group work
        for _ in range(8):
            await pilot.press("down")
            await pilot.pause()
            cursor = agenda(app).get_component_rich_style("option-list--option-highlighted")
            highlighted = [
                segment
                for y in range(agenda(app).scrollable_content_region.height)
                for segment in agenda(app).render_line(y)
                if segment.text.strip()
                and segment.style
                and segment.style.bgcolor == cursor.bgcolor
            ]
            assert highlighted
            for segment in highlighted:
                style = segment.style or Style()
                assert style.color == cursor.color and not style.dim, (segment.text, style)
        if theme == "projector":
            assert cursor.bgcolor is not None and cursor.color is not None
            assert Color.from_rich_color(cursor.bgcolor) == Color.parse("#FFD400")
            assert PROJECTOR.name == theme


async def test_agenda_rows_say_running_since_or_ran(data_root: Path, clock: FakeClock) -> None:
    for language, running, finished in [
        ("en", "running since 08:25", "ran 08:25–09:05"),
        ("id", "berjalan sejak 08:25", "terlaksana 08:25–09:05"),
    ]:
        app = create_app(data_root, BLORA, clock=clock, lang=language)
        async with app.run_test(size=(120, 40)) as pilot:
            session = app.session
            assert session is not None
            key = session.current_item.key
            if phase(session.progress(key)) is Phase.READY:
                await pilot.press("space")
                clock.advance(minutes=40)
                await pilot.pause()
            await pilot.press("p")  # nothing before the first item: just redraws the agenda
            prompt = str(agenda(app).get_option(key).prompt)
            assert running in prompt and "ran " not in prompt.replace(running, "")
            await pilot.press("f")
            prompt = str(agenda(app).get_option(key).prompt)
            assert finished in prompt
            assert session.reopen_item()  # running again, for the other language
            await pilot.press("ctrl+q")


# -- a finished item is not restarted by a stray Space -----------------------------------------


def test_a_start_on_a_finished_item_keeps_its_recorded_end() -> None:
    p = run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 20, 0), (TimerAction.START, 30, 0)])
    assert phase(p) is Phase.DONE and p.actual_end == at(20)
    assert elapsed(p, at(90)) == 20 * 60
    # Reopened on purpose, it runs on from where it stopped.
    p = apply(p, TimerEvent(item_id="a", action=TimerAction.REOPEN, at=at(40)))
    p = apply(p, TimerEvent(item_id="a", action=TimerAction.START, at=at(40)))
    assert phase(p) is Phase.RUNNING and p.actual_start == at(0)
    assert elapsed(p, at(45)) == 25 * 60


def test_space_on_a_finished_item_changes_nothing_until_reopened(
    data_root: Path, clock: FakeClock
) -> None:
    session = start_session(open_workshop(BLORA, data_root), clock)
    try:
        key = session.current_item.key
        session.toggle_timer()
        clock.advance(minutes=40)
        session.finish_item()
        ended = clock.now
        clock.advance(minutes=5)
        assert session.toggle_timer() is Phase.DONE
        progress = session.progress(key)
        assert progress is not None and progress.actual_end == ended
        assert session.reopen_item()
        assert phase(session.progress(key)) is Phase.RUNNING
        log = [(e.action, e.at) for e in session.state.workshop.table(TimerEvent).values()]
        assert (TimerAction.FINISH, ended) in log  # the end first recorded stays in the log
        assert log[-2:] == [(TimerAction.REOPEN, clock.now), (TimerAction.START, clock.now)]
        assert not session.reopen_item()  # not finished: nothing to reopen
    finally:
        session.close()


@pytest.mark.parametrize(
    ("language", "question", "kept", "reopened"),
    [
        ("en", "finished at 09:05. Reopen it", "Still finished at 09:05", "end recorded at 09:05"),
        ("id", "sudah selesai pukul 09:05. Buka lagi", "Tetap selesai pukul 09:05",
         "Waktu selesai 09:05 tetap tersimpan"),
    ],
)  # fmt: skip
async def test_space_on_a_finished_item_asks_before_reopening_it(
    data_root: Path, clock: FakeClock, language: str, question: str, kept: str, reopened: str
) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang=language)
    async with app.run_test(size=(120, 40)) as pilot:
        session = app.session
        assert session is not None
        key = session.current_item.key
        await pilot.press("space")
        clock.advance(minutes=40)
        await pilot.press("f")
        ended = clock.now
        clock.advance(minutes=7)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ReopenConfirm)
        assert question in str(app.screen.query_one("#reopen-text", Static).render())
        progress = session.progress(key)
        assert progress is not None and phase(progress) is Phase.DONE
        assert progress.actual_end == ended
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ReopenConfirm)
        assert phase(session.progress(key)) is Phase.DONE
        assert kept in str(list(app._notifications)[-1].message)

        await pilot.press("space")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        progress = session.progress(key)
        assert progress is not None and phase(progress) is Phase.RUNNING
        assert elapsed(progress, clock.now) == 40 * 60  # runs on from where it stopped
        assert reopened in str(list(app._notifications)[-1].message)
        ends = [
            e.at
            for e in session.state.workshop.table(TimerEvent).values()
            if e.action is TimerAction.FINISH
        ]
        assert ends == [ended]


# -- shortening stops at the time already run -------------------------------------------------


def test_shortening_stops_at_the_time_already_run() -> None:
    a = item("a", "08:30", 45)
    p = run([(TimerAction.START, 0, 0)])
    now = at(10.5)
    for _ in range(60):  # − pressed far more often than the item has minutes
        p = apply(p, TimerEvent(item_id="a", action=TimerAction.ADJUST, at=now,
                                seconds=capped_adjustment(a, p, -60, now)))  # fmt: skip
    assert budget(a, p) == 11 * 60  # 10.5 minutes have run: it ends within the minute
    assert p.adjust_seconds == -34 * 60
    assert remaining(a, p, now) == 30
    assert capped_adjustment(a, p, -300, now) == 0  # nothing left to take off
    assert capped_adjustment(a, p, 60, now) == 60  # and + always adds a minute


def test_an_item_not_started_keeps_at_least_a_minute() -> None:
    a = item("a", "08:30", 3)
    assert capped_adjustment(a, None, -5 * 60, at(0)) == -2 * 60
    # A time shortened below zero by an older version: + counts from what shows (0).
    p = ItemProgress(id="a", adjust_seconds=-10 * 60)
    assert capped_adjustment(a, p, 60, at(0)) == 8 * 60
    assert capped_adjustment(a, p, -60, at(0)) == 0


async def test_minus_stops_at_the_time_already_run_and_says_so(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        session = app.session
        assert session is not None
        key = session.current_item.key  # the 45-minute opening
        await pilot.press("space")
        clock.advance(minutes=10, seconds=30)
        await pilot.press(*["less_than_sign"] * 6, *["minus"] * 25)
        await pilot.pause()
        progress = session.progress(key)
        assert progress is not None and progress.adjust_seconds == -34 * 60
        assert remaining(session.current_item, progress, clock.now) == 30
        assert app.screen.query_one("#countdown", Countdown).value == "00:30"
        assert "time -34 min" in panel_text(app, "timer-status")
        notice = str(list(app._notifications)[-1].message)
        assert "Cannot shorten below 11 min" in notice and "Press f" in notice
        await pilot.press("plus")
        await pilot.pause()
        assert app.screen.query_one("#countdown", Countdown).value == "01:30"


async def test_minus_on_an_item_not_started_keeps_a_minute(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang="id")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["less_than_sign"] * 10)
        await pilot.pause()
        assert app.screen.query_one("#countdown", Countdown).value == "01:00"
        told = str(list(app._notifications)[-1].message)
        assert "paling sedikit 1 mnt" in told and "tekan n (sesi berikutnya)" in told


async def test_the_day_line_names_the_days_end_and_says_the_drift_is_of_what_runs_now(
    data_root: Path, clock: FakeClock
) -> None:
    # "Day 1: 344 min ahead · ends ≈ 12:44" read as the day's drift beside the day's end.
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one("#day-status", Static).render())
        assert line.startswith("Day 1 ends ≈ "), line
        assert " · running " in line and " · now " in line, line


# -- the forecast with items run out of order -------------------------------------------------


def day_of_four() -> Day:
    # a 08:30–09:00, b 09:00–10:00, c 10:00–10:30, d 10:30–11:00
    return Day(
        date=dt.date(2018, 2, 19),
        items=[item("a", "08:30", 30), item("b", "09:00", 60), item("c", "10:00", 30),
               item("d", "10:30", 30)],
    )  # fmt: skip


def assert_one_computation(forecast: DayForecast) -> None:
    """The day's end is the last end of its items, and the next item is expected when the
    current one ends: the status line and "up next" never tell two stories."""
    ends = [slot.end for slot in forecast.slots if slot.end is not None]
    assert forecast.forecast_end == max(ends)
    if forecast.next is not None and forecast.current is not None:
        assert forecast.next.expected is not None and forecast.current.end is not None
        assert forecast.next.expected >= forecast.current.end


def test_a_later_item_started_and_paused_resumes_after_the_current_one() -> None:
    # c started early (08:30) and paused at 08:40 with 20 minutes left; b is now running
    # since 08:40, on time for its 60 minutes: b ends 09:40, c resumes then, ends 10:00,
    # and d keeps its 10:30.
    progress = {
        "a": run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 0, 0)], "a"),
        "c": run([(TimerAction.START, 0, 0), (TimerAction.PAUSE, 10, 0)], "c"),
        "b": run([(TimerAction.START, 10, 0)], "b"),
    }
    forecast = forecast_day(day_of_four(), progress, "b", at(20), tz=WIB)
    c = forecast.slots[2]
    assert c.phase is Phase.PAUSED and c.start == at(0)  # it did start at 08:30
    assert c.expected == at(70) and c.end == at(90)  # resumes when b ends, not now
    assert forecast.next == c
    assert forecast.slots[3].start == forecast.slots[3].planned_start
    assert forecast.forecast_end == forecast.planned_end
    assert_one_computation(forecast)


def test_a_paused_later_item_pushes_the_day_when_the_current_one_overruns() -> None:
    # As above, but b was extended by 40 minutes: it ends 10:20, c resumes then and ends
    # 10:40, so d starts 10:40 and the day ends 11:10 (10 minutes late), not 11:00.
    progress = {
        "c": run([(TimerAction.START, 0, 0), (TimerAction.PAUSE, 10, 0)], "c"),
        "b": run([(TimerAction.START, 10, 0), (TimerAction.ADJUST, 11, 40 * 60)], "b"),
    }
    forecast = forecast_day(day_of_four(), progress, "b", at(20), tz=WIB)
    assert forecast.slots[0].start is None  # a never ran: skipped
    assert forecast.slots[2].end == at(130)
    assert forecast.slots[3].start == at(130)
    assert forecast.forecast_end == at(160)
    assert_one_computation(forecast)


def test_a_later_item_already_finished_takes_no_more_time() -> None:
    # c ran first (08:30–09:00); b started at 09:00 and was extended by an hour: it ends
    # 11:00. c's end (09:00) moves nothing: d starts after b, at 11:00, ends 11:30.
    progress = {
        "c": run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 30, 0)], "c"),
        "b": run([(TimerAction.START, 30, 0), (TimerAction.ADJUST, 31, 60 * 60)], "b"),
    }
    forecast = forecast_day(day_of_four(), progress, "b", at(40), tz=WIB)
    assert forecast.slots[2].phase is Phase.DONE and forecast.slots[2].end == at(30)
    assert forecast.next is not None and forecast.next.item.key == "d"
    assert forecast.slots[3].start == at(150)
    assert forecast.forecast_end == at(180)
    assert_one_computation(forecast)


def test_an_item_left_paused_before_the_current_one_still_owes_its_time() -> None:
    # a done; c started at 09:00, paused at 09:10 (20 left); d made current and running
    # since 09:20 until 09:50. b never ran: skipped. c is still to finish: after d.
    progress = {
        "a": run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 30, 0)], "a"),
        "c": run([(TimerAction.START, 30, 0), (TimerAction.PAUSE, 40, 0)], "c"),
        "d": run([(TimerAction.START, 50, 0)], "d"),
    }
    forecast = forecast_day(day_of_four(), progress, "d", at(55), tz=WIB)
    assert forecast.slots[1].start is None and forecast.slots[1].end is None  # b: skipped
    assert forecast.next is not None and forecast.next.item.key == "c"
    assert forecast.next.expected == at(80)
    assert forecast.forecast_end == at(100)
    assert_one_computation(forecast)


def test_nothing_left_to_run_is_expected_in_the_past() -> None:
    # a (still current) finished at 08:45; at 09:20 b has not started: it is expected
    # now at the earliest, not at its planned 09:00, and c after it.
    progress = {"a": run([(TimerAction.START, 0, 0), (TimerAction.FINISH, 15, 0)], "a")}
    forecast = forecast_day(day_of_three(), progress, "a", at(50), tz=WIB)
    assert forecast.next is not None and forecast.next.expected == at(50)
    assert forecast.forecast_end == at(50 + 60 + 30)
    assert_one_computation(forecast)


async def test_up_next_and_the_day_status_tell_one_story_out_of_order(
    data_root: Path, clock: FakeClock
) -> None:
    """The facilitator's run-through: the talk (item 3) started and paused, then the break
    (item 2) made current and run. Up next is the talk, resuming when the break ends."""
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        session = app.session
        assert session is not None
        items = [i for _, i in session.plan.items()]
        await pilot.press("space")
        clock.advance(minutes=45)
        await pilot.press("n")  # the opening ran 08:25–09:10
        session.go_to(items[2].key)  # the 150-minute talk, started early...
        await pilot.press("space")
        clock.advance(minutes=10)
        await pilot.press("space")  # ...and paused at 09:20
        session.go_to(items[1].key)  # the break, run now: 09:20–09:35
        await pilot.press("space")
        clock.advance(minutes=2)
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        up_next = panel_text(app, "up-next")
        assert "resumes ≈ 09:35" in up_next and items[2].title[:20] in up_next, up_next
        # The talk has 140 minutes left from 09:35: 11:55; lunch 12:00 as planned, and the
        # day ends as planned.
        assert "Day 1 ends ≈ 16:00" in panel_text(app, "day-status")
