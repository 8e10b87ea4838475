"""The launcher: saved workshops to resume, bundled plans to start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.domain.plan import Plan
from workshop_tui.i18n import Translator
from workshop_tui.storage.plan_file import LoadedPlan, PlanError, load_plan
from workshop_tui.storage.store import PLAN_SNAPSHOT
from workshop_tui.storage.workshop import (
    SavedWorkshop,
    list_saved,
    open_workshop,
    resume_saved,
)
from workshop_tui.tui.app import plan_report
from workshop_tui.tui.keys import key
from workshop_tui.tui.screens.base import WorkshopScreen
from workshop_tui.tui.screens.recovery import reason_text
from workshop_tui.tui.widgets.keybar import KeyBar

BUNDLED_SESSIONS = Path(__file__).resolve().parents[3] / "sessions"


def default_sessions_dirs() -> list[Path]:
    """Bundled plans next to the package, and `./sessions` where the app was started."""
    dirs = [BUNDLED_SESSIONS, Path.cwd() / "sessions"]
    unique: list[Path] = []
    for folder in dirs:
        if folder.is_dir() and folder.resolve() not in [u.resolve() for u in unique]:
            unique.append(folder)
    return unique


@dataclass(frozen=True)
class PlanEntry:
    path: Path
    loaded: LoadedPlan | None
    error: PlanError | None


class LauncherScreen(WorkshopScreen):
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("enter", "launcher.open", "open_selected"),
        key("tab", "launcher.switch", "app.focus_next", show=False),
        key("r", "launcher.refresh", "refresh"),
    ]

    def __init__(self) -> None:
        super().__init__(name="launcher", id="screen-launcher")
        self.saved: list[SavedWorkshop] = []
        self.plans: list[PlanEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="launcher"):
            yield Static(id="saved-title", classes="section-title")
            yield OptionList(id="saved")
            yield Static(id="plans-title", classes="section-title")
            yield OptionList(id="plans")
            yield Static(id="launcher-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.scan()
        super().on_mount()
        lists = (self.query_one("#saved", OptionList), self.query_one("#plans", OptionList))
        focusable = [option_list for option_list in lists if option_list.can_focus]
        if focusable:
            focusable[0].focus()

    def scan(self) -> None:
        self.saved = list_saved(self.wapp.root)
        dirs = (
            self.wapp.sessions_dirs
            if self.wapp.sessions_dirs is not None
            else default_sessions_dirs()
        )
        self.plans = []
        for folder in dirs:
            for path in sorted(folder.glob("*.toml")):
                try:
                    self.plans.append(PlanEntry(path, load_plan(path), None))
                except PlanError as exc:
                    self.plans.append(PlanEntry(path, None, exc))

    def action_refresh(self) -> None:
        self.scan()
        self.refresh_words()

    def refresh_words(self) -> None:
        t = self.t
        self.sub_title = t("screen.launcher")
        self.query_one("#saved-title", Static).update(t("launcher.saved"))
        self.query_one("#plans-title", Static).update(t("launcher.plans"))
        saved = self.query_one("#saved", OptionList)
        highlighted = saved.highlighted
        saved.clear_options()
        if self.saved:
            saved.add_options(
                [Option(self._saved_prompt(s), id=f"saved:{i}") for i, s in enumerate(self.saved)]
            )
        else:
            saved.add_option(Option(Text(t("launcher.none_saved"), style="italic"), disabled=True))
        _highlight(saved, highlighted, has_rows=bool(self.saved))
        plans = self.query_one("#plans", OptionList)
        highlighted = plans.highlighted
        plans.clear_options()
        plans.add_options(
            [Option(self._plan_prompt(p), id=f"plan:{i}") for i, p in enumerate(self.plans)]
        )
        if not self.plans:
            plans.add_option(Option(Text(t("launcher.none_plans"), style="italic"), disabled=True))
        _highlight(plans, highlighted, has_rows=bool(self.plans))
        self.query_one("#launcher-detail", Static).update(
            t("launcher.data_dir", path=str(self.wapp.root))
        )

    def _saved_prompt(self, saved: SavedWorkshop) -> Text:
        t = self.t
        meta = saved.meta
        text = Text()
        if saved.problem:
            text.append(f"✗ {saved.key}", style="bold red")
            reason = reason_text(t, saved.problem)
            text.append(f"\n   {t('launcher.damaged', reason=reason)}")
            return text
        text.append(meta.title or saved.key, style="bold")
        if meta.first_day and meta.last_day:
            text.append(f"  {date_range(t, meta.first_day, meta.last_day)}")
        # The workshop's id and plan file tell apart two workshops of one title and dates.
        details = [saved.key]
        if meta.plan_path:
            details.append(Path(meta.plan_path).name)
        if meta.last_opened_at:
            when = meta.last_opened_at.astimezone().strftime("%Y-%m-%d %H:%M")
            details.append(t("launcher.last_opened", when=when))
        details.append(t("launcher.stood", where=self._where(saved)))
        if saved.held_by is not None:
            details.append(t("launcher.held", pid=saved.held_by.pid))
        text.append("\n   " + " · ".join(details), style="dim")
        return text

    def _where(self, saved: SavedWorkshop) -> str:
        """Screen, agenda item and group where the workshop stood, by their names."""
        t = self.t
        location = saved.location
        screen = location.screen
        parts = [t(f"screen.{screen}") if t.has(f"screen.{screen}") else screen]
        plan = self._plan_of(saved)
        if location.item_id:
            item = plan.item(location.item_id) if plan else None
            parts.append(item.title if item else location.item_id)
        if location.group_id:
            group = plan.group(location.group_id) if plan else None
            parts.append(group.name if group else location.group_id)
        return " · ".join(parts)

    def _plan_of(self, saved: SavedWorkshop) -> Plan | None:
        if not saved.meta.plan_path:
            return None
        path = Path(saved.meta.plan_path)
        for entry in self.plans:
            if entry.loaded is not None and entry.path.resolve() == path:
                return entry.loaded.plan
        for candidate in (path, saved.folder / PLAN_SNAPSHOT):
            try:
                return load_plan(candidate).plan
            except PlanError:  # moved or broken since: the copy kept in the folder
                continue
        return None  # neither reads: the ids stand in for the names

    def _plan_prompt(self, entry: PlanEntry) -> Text:
        t = self.t
        text = Text()
        if entry.loaded is None:
            count = len(entry.error.problems) if entry.error else 0
            text.append(f"✗ {entry.path.name}", style="bold red")
            text.append(f"\n   {t('launcher.plan_problems', count=count)}", style="dim")
            return text
        plan = entry.loaded.plan
        text.append(entry.path.name, style="bold")
        text.append(f"  {plan.workshop.title}")
        text.append(
            "\n   "
            + t(
                "launcher.plan_summary",
                days=t("launcher.days", count=len(plan.days)),
                first=t.date(plan.first_day),
                groups=t("launcher.groups", count=len(plan.groups)),
                coops=t("launcher.coops", count=len(plan.cooperatives())),
            ),
            style="dim",
        )
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id or ""
        detail = self.query_one("#launcher-detail", Static)
        if option_id.startswith("plan:"):
            entry = self.plans[int(option_id.split(":")[1])]
            if entry.error is not None:
                detail.update(Text(plan_report(self.t, entry.error), style="red"))
                return
        detail.update(self.t("launcher.data_dir", path=str(self.wapp.root)))

    def action_open_selected(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            self._open(focused.get_option_at_index(focused.highlighted).id)

    def _open(self, option_id: str | None) -> None:
        if not option_id:
            return
        kind, _, index = option_id.partition(":")
        if kind == "saved":
            folder = self.saved[int(index)].folder
            # A damaged one is offered its repair by the app.
            self.wapp.open_workshop_with(lambda: resume_saved(folder))
            return
        entry = self.plans[int(index)]
        if entry.error is not None:
            self.notify(plan_report(self.t, entry.error), severity="error", timeout=15)
            return
        root = self.wapp.root
        self.wapp.open_workshop_with(lambda: open_workshop(entry.path, root))


def date_range(t: Translator, first: dt.date, last: dt.date) -> str:
    """`19–22 Februari 2018`; months and years are named once each where they differ."""
    if first == last:
        return t.date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{t.date(last)}"
    if first.year == last.year:
        return f"{t.date(first).rsplit(' ', 1)[0]} – {t.date(last)}"
    return f"{t.date(first)} – {t.date(last)}"


def _highlight(option_list: OptionList, before: int | None, *, has_rows: bool) -> None:
    """Keep the row highlighted before a redraw, else the first: a list that has focus
    always shows what Enter opens. A list with nothing to open (only its "none" line)
    takes no focus, so Tab skips it."""
    option_list.can_focus = has_rows
    if not has_rows:
        return
    option_list.highlighted = (
        before if before is not None and before < option_list.option_count else 0
    )
