"""A running workshop: its plan, its state store and a clock, with every facilitator action
as a method that commits before it returns. The UI calls these and shows the result; the
methods know nothing of Textual, so they are tested without a screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop_tui.domain.plan import AgendaItem, Cooperative, Day, Group, Plan
from workshop_tui.domain.state import (
    WORKSHOP_SHARD,
    ItemProgress,
    Location,
    TimerAction,
    TimerEvent,
    WorkshopState,
    now,
)
from workshop_tui.domain.timeline import (
    DayForecast,
    Phase,
    apply,
    capped_adjustment,
    day_of,
    forecast_day,
    item_position,
    phase,
    suspend_time,
)
from workshop_tui.storage.store import WorkshopStore
from workshop_tui.storage.workshop import OpenWorkshop

if TYPE_CHECKING:
    from workshop_tui.workflows.closing import Closing
    from workshop_tui.workflows.roadmap import RoadmapBoard
    from workshop_tui.workflows.strategy import StrategyBoard
    from workshop_tui.workflows.swot import SwotBoard

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class ResumedTimer:
    item: AgendaItem
    closed_for: dt.timedelta


class Session:
    def __init__(
        self, opened: OpenWorkshop, clock: Clock = now, tz: dt.tzinfo | None = None
    ) -> None:
        self.opened = opened
        self.plan: Plan = opened.plan
        self.store: WorkshopStore = opened.store
        self.clock = clock
        self.tz = tz
        self.resumed_timers: list[ResumedTimer] = []
        self._swot: SwotBoard | None = None
        self._closing: Closing | None = None
        self._strategy: StrategyBoard | None = None
        self._roadmap: RoadmapBoard | None = None

    @property
    def roadmap(self) -> RoadmapBoard:
        """The roadmap grid's actions (created on first use)."""
        from workshop_tui.workflows.roadmap import RoadmapBoard

        if self._roadmap is None:
            self._roadmap = RoadmapBoard(self)
        return self._roadmap

    @property
    def swot(self) -> SwotBoard:
        """The SWOT boards' actions (created on first use)."""
        from workshop_tui.workflows.swot import SwotBoard

        if self._swot is None:
            self._swot = SwotBoard(self)
        return self._swot

    @property
    def closing(self) -> Closing:
        """The closing's actions: pact, walk-ins, RTL, teams, follow-up (created on first use)."""
        from workshop_tui.workflows.closing import Closing

        if self._closing is None:
            self._closing = Closing(self)
        return self._closing

    @property
    def strategy(self) -> StrategyBoard:
        """The strategy screen's actions: TOWS, factor scores, vision, mission (on first use)."""
        from workshop_tui.workflows.strategy import StrategyBoard

        if self._strategy is None:
            self._strategy = StrategyBoard(self)
        return self._strategy

    @property
    def state(self) -> WorkshopState:
        return self.store.state

    @property
    def location(self) -> Location:
        return self.state.location

    def close(self, *, keep_crash_notice: bool = False) -> None:
        self.suspend_timers()
        self.opened.close(keep_crash_notice=keep_crash_notice)

    # -- where the facilitator stands ---------------------------------------------------

    def set_location(self, **fields: object) -> Location:
        """Move (screen, item, group, cursor...): committed, so a resume comes back here."""
        location = self.location.model_copy(update=fields)
        if location != self.location:
            self.store.put(WORKSHOP_SHARD, location)
        return location

    def set_cursor(self, screen: str, **cursor: object) -> None:
        cursors = {
            **self.location.cursors,
            screen: {**self.location.cursors.get(screen, {}), **cursor},
        }
        self.set_location(cursors=cursors)

    def cursor(self, screen: str) -> dict[str, object]:
        return dict(self.location.cursors.get(screen, {}))

    # -- which group and cooperative is on screen ----------------------------------------

    @property
    def current_cooperative(self) -> tuple[Group, Cooperative]:
        """The group and cooperative the working screens show (the plan's first by default)."""
        boards = self.plan.cooperatives()
        location = self.location
        for group, coop in boards:
            if coop.id == location.cooperative_id:
                return group, coop
        for group, coop in boards:
            if group.id == location.group_id:
                return group, self._last_coop_of(group) or coop
        return boards[0]

    def _last_coop_of(self, group: Group) -> Cooperative | None:
        remembered = self.location.cursors.get("groups", {}).get(group.id)
        return next((c for c in group.cooperatives if c.id == remembered), None)

    def select_cooperative(self, coop_id: str) -> None:
        group = self.plan.group_of(coop_id)
        if group is None:
            return
        groups = {**self.location.cursors.get("groups", {}), group.id: coop_id}
        self.set_location(
            group_id=group.id,
            cooperative_id=coop_id,
            cursors={**self.location.cursors, "groups": groups},
        )

    def select_group(self, group_id: str) -> None:
        """Show a group: the cooperative last shown in it, else its first."""
        group = self.plan.group(group_id)
        if group is not None:
            coop = self._last_coop_of(group) or group.cooperatives[0]
            self.select_cooperative(coop.id)

    def step_group(self, step: int) -> None:
        groups = self.plan.groups
        current, _ = self.current_cooperative
        index = next(i for i, g in enumerate(groups) if g.id == current.id)
        self.select_group(groups[(index + step) % len(groups)].id)

    def step_cooperative(self, step: int) -> None:
        """The next cooperative of the same group (wrapping round)."""
        group, coop = self.current_cooperative
        coops = group.cooperatives
        index = next(i for i, c in enumerate(coops) if c.id == coop.id)
        self.select_cooperative(coops[(index + step) % len(coops)].id)

    @property
    def current_item(self) -> AgendaItem:
        items = self.plan.items()
        return items[item_position(self.plan, self.location.item_id)][1]

    @property
    def current_day(self) -> Day:
        day = day_of(self.plan, self.current_item.key)
        assert day is not None
        return day

    def progress(self, key: str) -> ItemProgress | None:
        return self.state.workshop.get(ItemProgress, key)

    def all_progress(self) -> dict[str, ItemProgress]:
        return dict(self.state.workshop.table(ItemProgress))

    # -- the agenda -----------------------------------------------------------------------

    def go_to(self, key: str) -> None:
        """Make another item current. A running timer is paused, not lost."""
        current = self.current_item
        if key == current.key:
            return
        if phase(self.progress(current.key)) is Phase.RUNNING:
            self._timer(current.key, TimerAction.PAUSE)
        self.set_location(item_id=key)

    def next_item(self) -> bool:
        """Finish the current item (recording its end) and step to the next. The last item
        is finished too; False then says there was no next item to step to."""
        items = self.plan.items()
        index = item_position(self.plan, self.location.item_id)
        current = items[index][1]
        if phase(self.progress(current.key)) in (Phase.RUNNING, Phase.PAUSED):
            self._timer(current.key, TimerAction.FINISH)
        if index + 1 >= len(items):
            return False
        self.set_location(item_id=items[index + 1][1].key)
        return True

    def previous_item(self) -> bool:
        index = item_position(self.plan, self.location.item_id)
        if index == 0:
            return False
        self.go_to(self.plan.items()[index - 1][1].key)
        return True

    # -- timers ---------------------------------------------------------------------------

    def toggle_timer(self) -> Phase:
        """Start or pause the current item's timer. A finished item stays finished (its
        recorded end is kept): reopening it is a separate, deliberate step."""
        key = self.current_item.key
        current = phase(self.progress(key))
        if current is Phase.RUNNING:
            self._timer(key, TimerAction.PAUSE)
        elif current is not Phase.DONE:
            self._timer(key, TimerAction.START)
        return phase(self.progress(key))

    def reopen_item(self) -> bool:
        """Reopen the current item, if finished, and run its timer on from where it stopped.
        The end it recorded stays in the timer log (the FINISH event); False if it was
        not finished."""
        key = self.current_item.key
        if phase(self.progress(key)) is not Phase.DONE:
            return False
        self._timer(key, TimerAction.REOPEN)
        self._timer(key, TimerAction.START)
        return True

    def adjust_timer(self, minutes: int) -> int:
        """Extend (positive) or shorten (negative) the current item's time. A shortening
        stops at the time already run (at least a minute): returns the seconds actually
        added or taken off, 0 when nothing changed (and nothing is logged)."""
        item = self.current_item
        seconds = capped_adjustment(item, self.progress(item.key), minutes * 60, self.clock())
        if seconds:
            self._timer(item.key, TimerAction.ADJUST, seconds=seconds)
        return seconds

    def finish_item(self) -> None:
        key = self.current_item.key
        if phase(self.progress(key)) is not Phase.DONE:
            self._timer(key, TimerAction.FINISH)

    def _timer(
        self, key: str, action: TimerAction, seconds: int = 0, at: dt.datetime | None = None
    ) -> ItemProgress:
        event = TimerEvent(item_id=key, action=action, at=at or self.clock(), seconds=seconds)
        updated = apply(self.progress(key) or ItemProgress(id=key), event)
        with self.store.batch(WORKSHOP_SHARD):
            self.store.put(WORKSHOP_SHARD, event)
            self.store.put(WORKSHOP_SHARD, updated)
        return updated

    def suspend_timers(self) -> None:
        """The app is closing: stop the clocks of running timers, to restart on resume."""
        for progress in self.all_progress().values():
            if progress.running_since is not None:
                self._timer(progress.id, TimerAction.SUSPEND)

    def resume_timers(self) -> None:
        """At start-up: timers that ran when the app last closed run on from where they
        stood. After a crash, the time since the last heartbeat is not counted."""
        for progress in list(self.all_progress().values()):
            item = self.plan.item(progress.id)
            if progress.running_since is not None:  # the last run crashed
                stopped = suspend_time(progress, self.store.last_alive, self.clock())
                self._timer(progress.id, TimerAction.SUSPEND, at=stopped)
                progress = self.progress(progress.id) or progress
            if progress.suspended and item is not None:
                last = self._last_event_time(progress.id)
                self._timer(progress.id, TimerAction.START)
                gap = self.clock() - last if last else dt.timedelta(0)
                self.resumed_timers.append(ResumedTimer(item, gap))

    def _last_event_time(self, key: str) -> dt.datetime | None:
        times = [e.at for e in self.state.workshop.table(TimerEvent).values() if e.item_id == key]
        return max(times) if times else None

    def forecast(self, day: Day | None = None) -> DayForecast:
        return forecast_day(
            day or self.current_day,
            self.all_progress(),
            self.current_item.key,
            self.clock(),
            self.tz,
        )

    def heartbeat(self) -> None:
        self.store.touch_alive()


def start_session(opened: OpenWorkshop, clock: Clock = now, tz: dt.tzinfo | None = None) -> Session:
    session = Session(opened, clock, tz)
    if session.location.item_id is None or session.plan.item(session.location.item_id) is None:
        session.set_location(item_id=session.plan.items()[0][1].key)
    session.resume_timers()
    return session
