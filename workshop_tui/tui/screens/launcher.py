"""The launcher: saved workshops to resume, bundled plans to start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.storage.plan_file import LoadedPlan, PlanError, load_plan
from workshop_tui.storage.workshop import (
    SavedWorkshop,
    list_saved,
    open_workshop,
    resume_saved,
)
from workshop_tui.tui.keys import key
from workshop_tui.tui.screens.base import WorkshopScreen
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
        saved = self.query_one("#saved", OptionList)
        (saved if saved.option_count else self.query_one("#plans", OptionList)).focus()

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
        if highlighted is not None and highlighted < saved.option_count:
            saved.highlighted = highlighted
        elif self.saved:
            saved.highlighted = 0  # Enter always has something to open
        plans = self.query_one("#plans", OptionList)
        highlighted = plans.highlighted
        plans.clear_options()
        plans.add_options(
            [Option(self._plan_prompt(p), id=f"plan:{i}") for i, p in enumerate(self.plans)]
        )
        if not self.plans:
            plans.add_option(Option(Text(t("launcher.none_plans"), style="italic"), disabled=True))
        if highlighted is not None and highlighted < plans.option_count:
            plans.highlighted = highlighted
        self.query_one("#launcher-detail", Static).update(
            t("launcher.data_dir", path=str(self.wapp.root))
        )

    def _saved_prompt(self, saved: SavedWorkshop) -> Text:
        t = self.t
        meta = saved.meta
        text = Text()
        if saved.problem:
            text.append(f"✗ {saved.key}", style="bold red")
            text.append(f"\n   {t('launcher.damaged', reason=saved.problem)}")
            return text
        text.append(meta.title or saved.key, style="bold")
        if meta.first_day and meta.last_day:
            text.append(f"  {t.short_date(meta.first_day)} – {t.date(meta.last_day)}")
        details = []
        if meta.last_opened_at:
            when = meta.last_opened_at.astimezone().strftime("%Y-%m-%d %H:%M")
            details.append(t("launcher.last_opened", when=when))
        location = saved.location
        where = (
            t(f"screen.{location.screen}")
            if t.has(f"screen.{location.screen}")
            else location.screen
        )
        if location.item_id:
            where += f" · {location.item_id}"
        details.append(t("launcher.stood", where=where))
        if saved.held_by is not None:
            details.append(t("launcher.held", pid=saved.held_by.pid))
        text.append("\n   " + " · ".join(details), style="dim")
        return text

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
                days=len(plan.days),
                first=t.date(plan.first_day),
                groups=len(plan.groups),
                coops=len(plan.cooperatives()),
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
                detail.update(Text(entry.error.report(), style="red"))
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
            self.notify(entry.error.report(), severity="error", timeout=15)
            return
        root = self.wapp.root
        self.wapp.open_workshop_with(lambda: open_workshop(entry.path, root))
