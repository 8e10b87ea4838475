"""F2: the agenda timeline, with the current item's projector-size countdown."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Header, OptionList, Static

from workshop_tui.domain.plan import WorkScreen
from workshop_tui.domain.timeline import (
    MIN_BUDGET_SECONDS,
    DayForecast,
    Level,
    Phase,
    budget,
    clock_text,
    level,
    phase,
    remaining,
    shortest_budget,
)
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.screens.base import WorkshopScreen
from workshop_tui.tui.widgets.agenda import AgendaList, local_hm
from workshop_tui.tui.widgets.countdown import Countdown
from workshop_tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from workshop_tui.i18n import Translator
    from workshop_tui.tui.app import WorkshopApp

NARROW_WIDTH = 100
WIDE_WIDTH = 120
TICK_SECONDS = 0.5


class TimelineScreen(WorkshopScreen):
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        # In the order the key bar keeps them when not all fit: the timer's keys first.
        key("space", "timeline.toggle", "toggle_timer"),
        key("plus,equals_sign", "timeline.extend", "adjust(1)"),
        key("minus", "timeline.shorten", "adjust(-1)"),
        key("n", "timeline.next", "next_item"),
        key("f", "timeline.finish", "finish"),
        key("p", "timeline.previous", "previous_item"),
        key("enter", "timeline.jump", "jump"),
        key("o", "timeline.open", "open_work"),
        key("greater_than_sign", "timeline.extend5", "adjust(5)", show=False),
        key("less_than_sign", "timeline.shorten5", "adjust(-5)", show=False),
        key("c", "timeline.current", "show_current", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(name="timeline", id="screen-timeline")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="timeline-body"):
            yield AgendaList(id="agenda")
            with Vertical(id="timer-panel"):
                yield Static(id="item-title")
                yield Static(id="item-meta")
                yield Countdown(id="countdown")
                yield Static(id="timer-status")
                yield Static(id="day-status")
                yield Static(id="up-next")
        yield KeyBar()

    def on_mount(self) -> None:
        localize(self.query_one(AgendaList), self.t)
        super().on_mount()
        self.set_interval(TICK_SECONDS, self.tick)
        self.query_one(AgendaList).focus()

    def _language_changed(self) -> None:
        localize(self.query_one(AgendaList), self.t)
        super()._language_changed()

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_WIDTH
        self.set_class(not narrow and event.size.width < WIDE_WIDTH, "-medium")
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            if self.is_mounted and self.wapp.session is not None:
                self.tick()  # the panel's wording follows its width

    _resumed_before = False

    def on_screen_resume(self) -> None:
        # Coming back to the timeline: things may have moved meanwhile. (The first resume
        # comes with the mount, which has just drawn everything.)
        if self._resumed_before and self.is_mounted:
            self.refresh_words()
        self._resumed_before = True

    # -- drawing --------------------------------------------------------------------------

    def refresh_words(self) -> None:
        self.sub_title = self.t("screen.timeline")
        self.redraw_agenda()
        self.tick()

    def redraw_agenda(self) -> None:
        session = self.session
        self.query_one(AgendaList).show_plan(
            session.plan, session.all_progress(), session.current_item.key, self.t
        )

    def tick(self) -> None:
        """Redraw what moves with the clock: the countdown and the day's forecast."""
        if self.wapp.session is None:
            return
        t = self.t
        session = self.session
        item = session.current_item
        progress = session.progress(item.key)
        at = session.clock()
        ph = phase(progress)
        left = remaining(item, progress, at)
        lvl = level(item, progress, at) if ph is not Phase.READY else Level.CALM
        self.query_one("#item-title", Static).update(Text(item.title, style="bold"))
        meta = Text()
        meta.append(t(f"kind.{item.kind.value}"), style="bold")
        planned = t(
            "timeline.planned",
            start=item.start.strftime("%H:%M"),
            end=item.planned_end.strftime("%H:%M"),
            minutes=item.duration,
        )
        meta.append(f" · {planned}")
        people = []
        if item.speakers:
            people.append(f"{t('timeline.speakers')}: {', '.join(item.speakers)}")
        if item.facilitators:
            people.append(f"{t('timeline.facilitators')}: {', '.join(item.facilitators)}")
        if people:
            meta.append("\n" + " · ".join(people))
        self.query_one("#item-meta", Static).update(meta)
        self.query_one(Countdown).show(clock_text(left), lvl, paused=ph is not Phase.RUNNING)
        status = Text(t(f"phase.{ph.value}"), style="bold")
        if progress is not None and progress.actual_start is not None:
            status.append("  " + t("timeline.started", time=local_hm(progress.actual_start)))
        if progress is not None and progress.actual_end is not None:
            status.append("  " + t("timeline.ended", time=local_hm(progress.actual_end)))
        if progress is not None and progress.adjust_seconds:
            status.append(
                "  " + t("timeline.adjusted", minutes=f"{progress.adjust_seconds // 60:+d}")
            )
        if lvl is Level.OVERRUN and ph is not Phase.READY:
            status.append("  " + t("timeline.overrun"), style="bold red")
        self.query_one("#timer-status", Static).update(status)
        forecast = session.forecast()
        self.query_one("#day-status", Static).update(self._day_status(forecast))
        self.query_one("#up-next", Static).update(self._up_next(forecast))

    def _day_status(self, forecast: DayForecast) -> Text:
        """When the day ends, how far the item being run is ahead or behind its plan, the
        time now: one line under the agenda (short words), wrapped beside it. The day's
        name goes with its end, the drift is said of what runs now: after a jump to a
        later item the two differ, and "Day 1: 344 min ahead" beside the day's end read
        as the day's."""
        t = self.t
        short = "_short" if self.narrow else ""
        drift = forecast.drift_minutes
        if drift > 0:
            drift_text = t(f"timeline.behind{short}", minutes=drift)
        elif drift < 0:
            drift_text = t(f"timeline.ahead{short}", minutes=-drift)
        else:
            drift_text = t("timeline.on_time")
        day_index = self.session.plan.days.index(forecast.day) + 1
        return Text.assemble(
            (t("timeline.day_ends", day=t("timeline.day", n=day_index)), "bold"),
            (f" ≈ {local_hm(forecast.forecast_end)}", "bold"),
            " · ",
            (drift_text, "bold red" if drift > 0 else "bold green"),
            " · ",
            t("timeline.now", time=local_hm(self.session.clock())),
        )

    def _up_next(self, forecast: DayForecast) -> Text:
        """The item expected to run after the current one (the forecast's: an item started
        out of order and paused resumes in its turn, one already finished is not next),
        when it is expected to start or resume, then its title (last, so a long title is
        what gets cut short under the agenda)."""
        t = self.t
        slot = forecast.next
        if slot is None:
            last_day = forecast.day == self.session.plan.days[-1]
            return Text(t("timeline.last_of_workshop" if last_day else "timeline.last_of_day"))
        resumes = slot.phase is Phase.PAUSED
        return Text.assemble(
            (f"{t('timeline.up_next')} ", "bold"),
            t(
                "timeline.expected_resume" if resumes else "timeline.expected",
                time=local_hm(slot.expected or slot.start),
                planned=slot.item.start.strftime("%H:%M"),
            ),
            f" · {slot.item.title}",
        )

    # -- actions --------------------------------------------------------------------------

    def _changed(self) -> None:
        self.redraw_agenda()
        self.tick()

    def action_toggle_timer(self) -> None:
        progress = self.session.progress(self.session.current_item.key)
        if progress is not None and phase(progress) is Phase.DONE:
            self._ask_to_reopen(local_hm(progress.actual_end))
            return
        self.wapp.commit(self.session.toggle_timer)
        self._changed()

    def _ask_to_reopen(self, ended: str) -> None:
        """Space on a finished item: reopen it only when the facilitator says so. Its
        recorded end stays in the timer log either way."""
        item = self.session.current_item

        def answered(reopen: bool | None) -> None:
            if not reopen:
                self.notify(self.t("timeline.still_finished", time=ended))
                return
            self.wapp.commit(self.session.reopen_item)
            self._changed()
            self.notify(self.t("timeline.reopened", time=ended))

        question = self.t("timeline.reopen_ask", title=item.title, time=ended)
        self.app.push_screen(ReopenConfirm(question), answered)

    def action_adjust(self, minutes: int) -> None:
        session = self.session
        item = session.current_item
        before = budget(item, session.progress(item.key))
        self.wapp.commit(lambda: session.adjust_timer(minutes))
        self._changed()
        progress = session.progress(item.key)
        if minutes < 0 and before - budget(item, progress) < -minutes * 60:
            self._say_shortest(shortest_budget(progress, session.clock()))

    _cap_notice: tuple[str, float] = ("", 0.0)

    def _say_shortest(self, shortest: int) -> None:
        """A shortening stopped at its cap: say where the cap is, and what to do instead
        (once while it shows: a held `-` must not stack up the same notice)."""
        from workshop_tui.tui.app import all_bindings, keys_display

        keys = {b.id: keys_display(self.app, b) for b in all_bindings(self)}
        if shortest <= MIN_BUDGET_SECONDS:
            message = self.t("timeline.shorten_min", next=keys["timeline.next"])
        else:
            message = self.t(
                "timeline.shorten_capped",
                minutes=shortest // 60,
                keys=keys["timeline.finish"],
            )
        said, when = self._cap_notice
        if message == said and time.monotonic() - when < self.app.NOTIFICATION_TIMEOUT:
            return
        self._cap_notice = (message, time.monotonic())
        self.notify(message, severity="warning")

    def action_finish(self) -> None:
        self.wapp.commit(self.session.finish_item)
        self._changed()

    def action_next_item(self) -> None:
        stepped: list[bool] = []
        self.wapp.commit(lambda: stepped.append(self.session.next_item()))
        self._changed()
        if stepped == [False]:  # the last item: finished, with nothing after it
            self.notify(self.t("timeline.no_next"))
        self.query_one(AgendaList).highlight_key(self.session.current_item.key)

    def action_previous_item(self) -> None:
        self.wapp.commit(self.session.previous_item)
        self._changed()
        self.query_one(AgendaList).highlight_key(self.session.current_item.key)

    def action_show_current(self) -> None:
        self.query_one(AgendaList).highlight_key(self.session.current_item.key)

    def action_jump(self) -> None:
        key_ = self.query_one(AgendaList).highlighted_key
        if key_ is not None:
            self.wapp.commit(lambda: self.session.go_to(key_))
            self._changed()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_open_work(self) -> None:
        item = self.session.current_item
        if item.screen is WorkScreen.NONE:
            self.notify(self.t("timeline.no_work_screen"))
            return
        group = item.group
        if group is not None:
            self.wapp.commit(lambda: self.session.select_group(group))
        self.wapp.open_work_screen(item.screen)


class ReopenConfirm(ModalScreen[bool]):
    """Asks before a finished item is reopened: dismissed with True to reopen."""

    DEFAULT_CSS = """
    ReopenConfirm { align: center middle; }
    #reopen-body {
        width: 72; max-width: 90%; height: auto; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    #reopen-text { height: auto; margin-bottom: 1; }
    #reopen-body KeyBar { dock: none; }
    """

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("y", "reopen.yes", "answer(True)"),
        key("escape,n", "reopen.no", "answer(False)"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(id="reopen-confirm")
        self.question = question

    @property
    def t(self) -> Translator:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        return app.t

    def compose(self) -> ComposeResult:
        with Vertical(id="reopen-body"):
            yield Static(Text(self.question, style="bold"), id="reopen-text")
            yield KeyBar()

    def on_mount(self) -> None:
        localize(self, self.t)

    def action_answer(self, reopen: bool) -> None:
        self.dismiss(reopen)
