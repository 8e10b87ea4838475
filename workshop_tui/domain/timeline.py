"""Agenda timers and the day's forecast: pure functions of the plan, the timer log and a clock.

A timer counts the seconds an item has run. It is stored as `ItemProgress`: seconds
accumulated up to the last pause (`elapsed_seconds`) plus, while running, the time since
`running_since`. Every change is also appended to the `TimerEvent` log, so the report can
say how the agenda actually ran.
"""

from __future__ import annotations

import datetime as dt
import math
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
        if p.actual_end is not None:
            # A finished item runs again only once reopened (an explicit REOPEN first):
            # a stray start must never wipe the end it recorded.
            return p
        if p.running_since is None:
            p.running_since = event.at
        if p.actual_start is None:
            p.actual_start = event.at
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


MIN_BUDGET_SECONDS = 60


def shortest_budget(progress: ItemProgress | None, at: dt.datetime) -> int:
    """The least time an item can be given: what has already run, rounded up to a whole
    minute, and at least a minute. Shortening below it would set an end in the past (a
    countdown already overrun, that `+` then seems unable to move)."""
    ran = math.ceil(elapsed(progress, at) / 60) * 60
    return max(MIN_BUDGET_SECONDS, ran)


def capped_adjustment(
    item: AgendaItem, progress: ItemProgress | None, seconds: int, at: dt.datetime
) -> int:
    """The seconds an ADJUST event should carry for the facilitator's `seconds` (+ extends,
    − shortens): a shortening stops at `shortest_budget` (less, or nothing, when the cap
    is reached), and a time already below it (a shortening of an older version) is never
    shortened further. Counted from the budget as it shows, so `+` always shows."""
    raw = item.duration * 60 + (progress.adjust_seconds if progress else 0)
    shown = budget(item, progress)
    target = shown + seconds
    if seconds < 0:
        target = max(target, min(shown, shortest_budget(progress, at)))
    return target - raw if target != shown else 0


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
    # When it is expected to run next: its start if not started, the moment it resumes if
    # paused; None once finished or skipped, and while it runs.
    expected: dt.datetime | None = None


@dataclass(frozen=True)
class DayForecast:
    day: Day
    slots: list[Slot]
    planned_end: dt.datetime
    forecast_end: dt.datetime
    current: Slot | None = None  # the current item's slot, if it is on this day
    next: Slot | None = None  # the item expected to run after the current one, if any

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
    """Project the rest of the day from what has run so far, in one pass over the items in
    the order they will now run, whatever order they ran in so far.

    A finished item keeps its actual times and takes no more time. The current item runs
    now: a running timer ends when its budget does, a paused one resumes now, one not
    started starts now (never before its planned start). Then every other item still to
    run, in agenda order, each when the one before it ends: an item paused earlier
    (started out of order, or left to come back to) resumes then and runs what it has
    left; one not started starts then, but never before its own planned start, so a
    delay pushes the day back until a planned gap (a lunch at 12:00) absorbs it, and
    being early pulls nothing forward until an item actually starts early. Items before
    the current one that never started count as skipped. The day ends when the last of
    them all does.
    """
    keys = [item.key for item in day.items]
    current_index = keys.index(current) if current in keys else None
    anchor = _anchor_date(day, progress, at, tz, is_current_day=current_index is not None)
    planned = [
        (
            start := local_datetime(anchor, item.start, tz),
            start + dt.timedelta(minutes=item.duration),
        )
        for item in day.items
    ]
    phases = [phase(progress.get(key)) for key in keys]
    slots: dict[int, Slot] = {}

    def settle(
        index: int,
        start: dt.datetime | None,
        end: dt.datetime | None,
        expected: dt.datetime | None = None,
    ) -> None:
        slots[index] = Slot(day.items[index], *planned[index], start, end, phases[index], expected)

    # What has happened: finished items, and items before the current one never started.
    to_run: list[int] = []
    for index, ph in enumerate(phases):
        p = progress.get(keys[index])
        if ph is Phase.DONE and p is not None:
            settle(index, p.actual_start, p.actual_end)
        elif ph is Phase.READY and current_index is not None and index < current_index:
            settle(index, None, None)  # skipped
        else:
            to_run.append(index)
    # What runs now comes first (the current item; a timer running elsewhere runs now too),
    # then the rest in agenda order.
    now_running = [i for i in to_run if i == current_index or phases[i] is Phase.RUNNING]
    queue = now_running + [i for i in to_run if i not in now_running]
    # Nothing still to run starts in the past on the day being run.
    cursor: dt.datetime | None = at if current_index is not None else None
    for index in queue:
        item = day.items[index]
        p = progress.get(item.key)
        ph = phases[index]
        left = dt.timedelta(seconds=max(0.0, remaining(item, p, at)))
        if ph is Phase.RUNNING and p is not None:
            end = at + left
            settle(index, p.actual_start, end)
        elif ph is Phase.PAUSED and p is not None:
            resume = at if cursor is None else cursor  # the current one: now
            end = resume + left
            settle(index, p.actual_start, end, resume)
        else:
            start = planned[index][0] if cursor is None else max(cursor, planned[index][0])
            end = start + dt.timedelta(seconds=budget(item, p))
            settle(index, start, end, start)
        cursor = end if cursor is None else max(cursor, end)
    ordered = [slots[i] for i in range(len(day.items))]
    ends = [slot.end for slot in ordered if slot.end is not None]
    planned_end_of_day = ordered[-1].planned_end
    current_slot = slots[current_index] if current_index is not None else None
    after = [i for i in queue if i != current_index and i not in now_running]
    following = slots[after[0]] if current_index is not None and after else None
    return DayForecast(
        day,
        ordered,
        planned_end_of_day,
        max(ends) if ends else planned_end_of_day,
        current_slot,
        following,
    )


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
