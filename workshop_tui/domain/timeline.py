"""Agenda timers and the day's forecast: pure functions of the plan, the timer log and a clock.

A timer counts the seconds an item has run. It is stored as `ItemProgress`: seconds
accumulated up to the last pause (`elapsed_seconds`) plus, while running, the time since
`running_since`. Every change is also appended to the `TimerEvent` log, so the report can
say how the agenda actually ran.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from workshop_tui.domain.plan import AgendaItem, Day, Plan
from workshop_tui.domain.state import ItemProgress, TimerAction, TimerEvent

WARNING_FRACTION = 0.20
CRITICAL_FRACTION = 0.05


class Phase(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"


class Level(StrEnum):
    """How urgent the countdown looks: colour changes at 20 % and 5 % left, and overrun."""

    CALM = "calm"
    WARNING = "warning"
    CRITICAL = "critical"
    OVERRUN = "overrun"


def apply(progress: ItemProgress, event: TimerEvent) -> ItemProgress:
    """The item's progress after one timer event."""
    p = progress.model_copy()
    if event.action is TimerAction.START:
        if p.running_since is None:
            p.running_since = event.at
        if p.actual_start is None:
            p.actual_start = event.at
        p.actual_end = None
        p.suspended = False
    elif event.action in (TimerAction.PAUSE, TimerAction.SUSPEND, TimerAction.FINISH):
        if p.running_since is not None:
            p.elapsed_seconds += max(0.0, (event.at - p.running_since).total_seconds())
            p.running_since = None
            p.suspended = event.action is TimerAction.SUSPEND
        if event.action is TimerAction.FINISH:
            p.actual_end = event.at
            if p.actual_start is None:
                p.actual_start = event.at
    elif event.action is TimerAction.ADJUST:
        p.adjust_seconds += event.seconds
    elif event.action is TimerAction.REOPEN:
        p.actual_end = None
    return p


def phase(progress: ItemProgress | None) -> Phase:
    if progress is None or progress.actual_start is None:
        return Phase.READY
    if progress.actual_end is not None:
        return Phase.DONE
    return Phase.RUNNING if progress.running_since is not None else Phase.PAUSED


def elapsed(progress: ItemProgress | None, at: dt.datetime) -> float:
    if progress is None:
        return 0.0
    running = 0.0
    if progress.running_since is not None:
        running = max(0.0, (at - progress.running_since).total_seconds())
    return progress.elapsed_seconds + running


def budget(item: AgendaItem, progress: ItemProgress | None) -> int:
    """Seconds allotted to the item: planned duration plus extensions, never below zero."""
    extra = progress.adjust_seconds if progress else 0
    return max(0, item.duration * 60 + extra)


def remaining(item: AgendaItem, progress: ItemProgress | None, at: dt.datetime) -> float:
    """Seconds left; negative once overrun."""
    return budget(item, progress) - elapsed(progress, at)


def level(item: AgendaItem, progress: ItemProgress | None, at: dt.datetime) -> Level:
    total = budget(item, progress)
    left = remaining(item, progress, at)
    if left < 0 or total == 0:
        return Level.OVERRUN
    if left <= total * CRITICAL_FRACTION:
        return Level.CRITICAL
    if left <= total * WARNING_FRACTION:
        return Level.WARNING
    return Level.CALM


def clock_text(seconds: float) -> str:
    """A countdown as the projector shows it: 'MM:SS', 'H:MM:SS', and '+MM:SS' when overrun."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds)) if seconds < 0 else int(seconds + 0.999)  # count down to 0:00
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def suspend_time(
    progress: ItemProgress, last_alive: dt.datetime | None, now: dt.datetime
) -> dt.datetime:
    """When a timer found running at start-up really stopped: the last moment the previous
    run was alive, so the hours the app was closed are not counted. Never before the timer
    started, never after `now` (a heartbeat file dated ahead — a clock set back, a copied
    folder — would add time that never passed)."""
    since = progress.running_since
    if since is None:
        return min(last_alive or now, now)
    if last_alive is None:
        return since
    return max(since, min(last_alive, now))


@dataclass(frozen=True)
class Slot:
    """When an item ran, runs, or is now expected to run."""

    item: AgendaItem
    planned_start: dt.datetime
    planned_end: dt.datetime
    start: dt.datetime | None
    end: dt.datetime | None
    phase: Phase


@dataclass(frozen=True)
class DayForecast:
    day: Day
    slots: list[Slot]
    planned_end: dt.datetime
    forecast_end: dt.datetime
    current: Slot | None = None  # the current item's slot, if it is on this day

    @property
    def drift_minutes(self) -> int:
        """How far the facilitator runs behind plan (positive) or ahead (negative): the
        current item's expected end against its planned end. A planned gap later in the
        day may absorb a delay, but the facilitator is late *now*. (A day without the
        current item: its forecast end against its planned end.)"""
        if self.current is not None and self.current.end is not None:
            return _minutes(self.current.end - self.current.planned_end)
        return _minutes(self.forecast_end - self.planned_end)


def _minutes(delta: dt.timedelta) -> int:
    return round(delta.total_seconds() / 60)


def local_datetime(date: dt.date, time: dt.time, tz: dt.tzinfo | None) -> dt.datetime:
    naive = dt.datetime.combine(date, time)
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def forecast_day(
    day: Day,
    progress: dict[str, ItemProgress],
    current: str | None,
    at: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> DayForecast:
    """Project the rest of the day from what has run so far.

    Items that ran keep their actual times; the running one ends when its budget does.
    An item not started yet is expected when the one before it ends, but never before its
    own planned start: a delay pushes the day back until a planned gap (a lunch at 12:00)
    absorbs it, and being early pulls nothing forward until an item actually starts early.
    The current one, if not started yet, starts now at the earliest. Items before the
    current one that never started count as skipped.
    """
    keys = [item.key for item in day.items]
    current_index = keys.index(current) if current in keys else None
    anchor = _anchor_date(day, progress, at, tz, is_current_day=current_index is not None)
    slots: list[Slot] = []
    cursor: dt.datetime | None = None
    for index, item in enumerate(day.items):
        planned_start = local_datetime(anchor, item.start, tz)
        planned_end = planned_start + dt.timedelta(minutes=item.duration)
        p = progress.get(item.key)
        ph = phase(p)
        start: dt.datetime | None
        end: dt.datetime | None
        if ph is Phase.DONE and p is not None:
            start, end = p.actual_start, p.actual_end
        elif ph in (Phase.RUNNING, Phase.PAUSED) and p is not None:
            start = p.actual_start
            end = at + dt.timedelta(seconds=max(0.0, remaining(item, p, at)))
        elif current_index is not None and index < current_index:
            start = end = None  # skipped
        else:
            start = planned_start if cursor is None else max(cursor, planned_start)
            if index == current_index:
                start = max(start, at)
            end = start + dt.timedelta(seconds=budget(item, p))
        if end is not None:
            cursor = end
        slots.append(Slot(item, planned_start, planned_end, start, end, ph))
    planned_end_of_day = slots[-1].planned_end
    current_slot = slots[current_index] if current_index is not None else None
    return DayForecast(day, slots, planned_end_of_day, cursor or planned_end_of_day, current_slot)


def _anchor_date(
    day: Day,
    progress: dict[str, ItemProgress],
    at: dt.datetime,
    tz: dt.tzinfo | None,
    *,
    is_current_day: bool,
) -> dt.date:
    """The calendar date the day's clock times refer to: the date it actually ran (or runs
    today), so a day moved to another date, or a rehearsal, still compares clock to clock."""
    starts = [p.actual_start for i in day.items if (p := progress.get(i.key)) and p.actual_start]
    if starts:
        return _local(min(starts), tz).date()
    if is_current_day:
        return _local(at, tz).date()
    return day.date


def _local(moment: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def item_position(plan: Plan, key: str | None) -> int:
    """Index of an item in running order; 0 when the key is unknown (a removed item)."""
    keys = [item.key for _, item in plan.items()]
    return keys.index(key) if key in keys else 0


def day_of(plan: Plan, key: str) -> Day | None:
    return next((day for day, item in plan.items() if item.key == key), None)
