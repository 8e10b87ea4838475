"""The Textual app: one screen per main view (Textual modes), global keys, language, theme."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import traceback
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from workshop_tui.domain.plan import WorkScreen
from workshop_tui.domain.state import Location, Shard, now
from workshop_tui.i18n import LANGUAGES, Translator
from workshop_tui.session import Clock, Session, start_session
from workshop_tui.storage.atomic import SaveError, StateFileError
from workshop_tui.storage.crash_log import write_crash_log
from workshop_tui.storage.lock import WorkshopLocked
from workshop_tui.storage.paths import config_file
from workshop_tui.storage.plan_file import PlanError
from workshop_tui.storage.settings import load_settings, save_settings
from workshop_tui.storage.store import shard_file
from workshop_tui.storage.workshop import OpenWorkshop, open_workshop
from workshop_tui.tui.keys import (
    KEYMAP_FILE,
    KeymapProblem,
    check_keymap,
    default_keys,
    key,
    load_keymap,
    localize,
)
from workshop_tui.tui.stylesheet import ThemeKeyedStylesheet
from workshop_tui.tui.themes import DEFAULT_THEME, PROJECTOR, PROJECTOR_THEME

MAIN_SCREENS = ("timeline", "swot", "strategy", "roadmap", "closing")

# Which main screen an agenda item's working screen lives on.
SCREEN_OF_WORK = {
    WorkScreen.NONE: "timeline",
    WorkScreen.SWOT: "swot",
    WorkScreen.STRATEGY: "strategy",
    WorkScreen.ROADMAP: "roadmap",
    WorkScreen.PACT: "closing",
    WorkScreen.RTL: "closing",
}

Opener = Callable[[], OpenWorkshop]
"""Opens (locks and loads) one workshop; raises what `open_workshop` raises."""

RETRY_SAVE_SECONDS = 3.0
HEARTBEAT_SECONDS = 5.0


class UnknownTheme(ValueError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"Unknown theme {name!r}; choose one of: {', '.join(known)}")


class WorkshopApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "workshop-tui"
    ENABLE_COMMAND_PALETTE = True

    # Screens are imported when first shown: start-up pays only for the one it opens on.
    MODES: ClassVar[dict[str, Any]] = {
        "launcher": lambda: _screen("launcher", "LauncherScreen"),
        "timeline": lambda: _screen("timeline", "TimelineScreen"),
        "swot": lambda: _screen("swot", "SwotScreen"),
        "strategy": lambda: _screen("strategy", "StrategyScreen"),
        "roadmap": lambda: _screen("roadmap", "RoadmapScreen"),
        "closing": lambda: _screen("closing", "ClosingScreen"),
    }

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("f1", "app.help", "help"),
        key("f2", "app.timeline", "show('timeline')"),
        key("f3", "app.swot", "show('swot')"),
        key("f4", "app.strategy", "show('strategy')"),
        key("f5", "app.roadmap", "show('roadmap')"),
        key("f6", "app.closing", "show('closing')"),
        key("f8", "app.language", "toggle_language"),
        key("f9", "app.theme", "toggle_theme"),
        key("f10", "app.export", "export"),
        key("ctrl+q", "app.quit", "quit", priority=True),
    ]

    language: reactive[str] = reactive("id", init=False)

    def __init__(
        self,
        root: Path,
        opened: OpenWorkshop | None = None,
        *,
        language: str | None = None,
        theme: str | None = None,
        clock: Clock = now,
        tz: dt.tzinfo | None = None,
        sessions_dirs: list[Path] | None = None,
        damaged: tuple[StateFileError, Opener] | None = None,
    ) -> None:
        # A workshop opened from the command line starts straight on the screen where it
        # stood (its mode), without first drawing a blank default screen.
        session = _start(opened, clock, tz) if opened is not None else None
        self.DEFAULT_MODE = _start_mode(session)  # type: ignore[misc]  # per app, before Textual reads it
        super().__init__()
        self.stylesheet = ThemeKeyedStylesheet(variables=self.get_css_variables())
        self.root = root
        self.clock = clock
        self.tz = tz
        self.sessions_dirs = sessions_dirs
        self.session: Session | None = session
        self._language_flag = language
        self.t = Translator(language or "id")
        self.set_reactive(WorkshopApp.language, self.t.language)
        self.register_theme(PROJECTOR)
        chosen = theme or load_settings(root).theme or DEFAULT_THEME
        if chosen not in self.available_themes:
            if theme:
                raise UnknownTheme(theme, sorted(self.available_themes))
            chosen = DEFAULT_THEME  # remembered by another version: not worth stopping for
        if chosen != self.theme:  # setting it re-parses every stylesheet once more
            self.theme = chosen
        self._opened_at_start = opened
        self._damaged_at_start = damaged
        self.friendly_errors = False
        """Set by `run_app`: an internal error shows a message, not a traceback."""
        self._save_failure: str | None = None
        self._quit_anyway = False
        keymap, problem = load_keymap(config_file(root).with_name(KEYMAP_FILE))
        self._keymap_problem = problem
        self._keymap_entry_problems: list[KeymapProblem] = []
        if keymap:
            keymap, self._keymap_entry_problems = check_keymap(keymap, default_keys())
            self.set_keymap(keymap)
        if session is not None:
            self._take_over(session)
        localize(self, self.t)

    # -- start and stop -------------------------------------------------------------------

    def on_mount(self) -> None:
        if self._keymap_problem:
            self.notify(
                self._keymap_problem.describe(self.t),
                title=self.t("notice.keymap_title"),
                severity="error",
                timeout=30,
            )
        if self._keymap_entry_problems:
            self.notify(
                "\n".join(problem.describe(self.t) for problem in self._keymap_entry_problems),
                title=self.t("notice.keymap_entries_title", file=KEYMAP_FILE),
                severity="error",
                timeout=30,
            )
        self.set_interval(HEARTBEAT_SECONDS, self._heartbeat)
        self.call_after_refresh(_resume_garbage_collection)
        if self._opened_at_start is not None:
            self.call_after_refresh(self._after_first_paint, self._opened_at_start)
        if self._damaged_at_start is not None:
            self.offer_repair(*self._damaged_at_start)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and self._open_check_pending:
            # A key pressed while starting must not reach a cooperative before its file
            # is checked; if the check finds damage, the key is dropped (it was meant for
            # a screen that is gone, and must not answer the repair screen).
            self._finish_open_check()
            if self.session is None:
                return
        await super().on_event(event)

    @property
    def _open_check_pending(self) -> bool:
        return self.session is not None and self.session.store.open_check_pending

    def _after_first_paint(self, opened: OpenWorkshop) -> None:
        if self._finish_open_check():  # the resume's notices only for a workshop that stays
            self._announce_resume(opened)
            self._check_saving()

    def _finish_open_check(self) -> bool:
        """Check the cooperative files left for after the first paint (`create_app`).
        Damage closes the workshop and offers the repair, as if found at the start:
        nothing of any cooperative was touched before the check. True while the
        workshop is open."""
        session = self.session
        if session is None:
            return False
        if not session.store.open_check_pending:
            return True
        try:
            session.store.finish_open_check()
        except StateFileError as exc:
            self._close_workshop()
            self.offer_repair(exc, partial(open_workshop, session.opened.plan_path, self.root))
            return False
        return True

    def _close_workshop(self) -> None:
        """Close the open workshop and show the launcher."""
        session = self.session
        if session is None:
            return
        self.session = None
        self.switch_mode("launcher")
        for mode in MAIN_SCREENS:  # their screens show the closed workshop: built anew
            self.remove_mode(mode)
            self.add_mode(mode, self.MODES[mode])
        self.title = self.TITLE
        try:
            # Closed before its resume was announced: a crash of the previous copy is
            # still told by the copy that opens the workshop next (after the repair).
            session.close(keep_crash_notice=True)
        except OSError as exc:  # its files stay as they were; the lock goes with the process
            self.notify(
                self.t("notice.disk", reason=exc.strerror or str(exc)), severity="error", timeout=15
            )

    def open_workshop_with(self, opener: Opener) -> None:
        """Open a workshop (from the launcher, or again after a repair) and go where it
        stood; every problem becomes a notice, and damaged state offers its repair."""
        t = self.t
        try:
            opened = opener()
        except PlanError as exc:
            self.notify(plan_report(t, exc), severity="error", timeout=15)
        except WorkshopLocked as exc:
            self.notify(locked_message(t, exc), severity="error", timeout=15)
        except StateFileError as exc:
            self.offer_repair(exc, opener)
        except OSError as exc:
            self.notify(
                t("notice.disk", reason=exc.strerror or str(exc)), severity="error", timeout=15
            )
        else:
            self.begin(opened)

    def offer_repair(self, damage: StateFileError, opener: Opener) -> None:
        """Show what is damaged and the repair from backups; open the workshop once done."""
        from workshop_tui.tui.screens.recovery import RecoveryScreen

        def repaired(done: bool | None) -> None:
            if done:
                self.open_workshop_with(opener)

        self.push_screen(RecoveryScreen(damage.path.parent), repaired)

    def begin(self, opened: OpenWorkshop) -> None:
        """Take over a workshop opened from the launcher and go where it stood."""
        session = _start(opened, self.clock, self.tz)
        self.session = session
        self._take_over(session)
        self._announce_resume(opened)
        self._check_saving()
        self.switch_mode(_start_mode(session))

    def _take_over(self, session: Session) -> None:
        self.title = session.plan.workshop.title
        self._unreadable_told: set[str] = set()
        session.store.on_unreadable = self._unreadable_found
        if self._language_flag and self._language_flag != session.location.language:
            # `--lang` is remembered like F8: the next start without it keeps the language.
            flag = self._language_flag
            self.commit(lambda: session.set_location(language=flag))
        language = session.location.language or session.plan.workshop.language
        self._apply_language(str(language))

    def _announce_resume(self, opened: OpenWorkshop) -> None:
        t = self.t
        assert self.session is not None
        if (holder := opened.crashed_holder) is not None:
            # A lock file cut mid-write names no process (pid 0): say so without a number.
            told = t("notice.crash", pid=holder.pid) if holder.pid else t("notice.crash_unknown")
            self.notify(told, timeout=10)
        for resumed in self.session.resumed_timers:
            self.notify(
                t(
                    "notice.resumed_timer",
                    item=resumed.item.title,
                    gap=format_gap(t, resumed.closed_for),
                ),
                timeout=10,
            )
        if opened.drift:
            lines = "\n".join(
                f"• {t(f'drift.{d.code}', subject=d.subject)}" for d in opened.drift[:8]
            )
            self.notify(
                t("notice.drift", count=len(opened.drift)) + "\n" + lines,
                severity="warning",
                timeout=20,
            )
        for shard in self.session.store.state.shards():
            self._tell_unreadable(shard)

    def _unreadable_found(self, shard: Shard) -> None:
        # A cooperative is loaded when first shown; before the app runs (the screen it
        # starts on), the resume's notices tell it.
        if self.is_running:
            self.call_later(self._tell_unreadable, shard)

    def _tell_unreadable(self, shard: Shard) -> None:
        """Name the saved records of `shard` that fit no model: they are kept on disk, as
        they are, but no screen can show them, so they must not go unnoticed."""
        session = self.session
        if session is None or not shard.unreadable or shard.name in self._unreadable_told:
            return
        self._unreadable_told.add(shard.name)
        t = self.t
        coop = session.plan.cooperative(shard.name)
        name = coop.name if coop is not None else t("notice.unreadable_workshop")
        folder = session.store.folder
        lines = [
            t(
                "notice.unreadable",
                count=len(shard.unreadable),
                name=name,
                file=shard_file(folder, shard.name).name,
                folder=folder.name,
            )
        ]
        lines += [
            f"• {table} #{doc_id}: {reason}" for table, doc_id, _, reason in shard.unreadable[:5]
        ]
        self.notify("\n".join(lines), severity="warning", timeout=30)

    def _fatal_error(self) -> None:
        """An internal error: in real use, show a plain message and keep the traceback in
        a log file (tests keep Textual's traceback, so failures stay readable)."""
        if not self.friendly_errors:
            super()._fatal_error()
            return
        log = write_crash_log(self.root, traceback.format_exc())
        self.bell()
        self._exit_renderables.append(self.t("notice.internal_error", log=str(log) if log else "-"))
        self._close_messages_no_wait()

    def close_session(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            # A failed save was already shown; the files hold every committed change.
            with contextlib.suppress(SaveError):
                session.close()

    async def action_quit(self) -> None:
        if self.session is not None and self.saving_failed and not self._quit_anyway:
            try:
                self.session.store.flush()
            except SaveError:
                # Quitting now would lose what is only in memory: say so, ask again.
                self._quit_anyway = True
                self.notify(self.t("notice.quit_unsaved"), severity="error", timeout=30)
                return
        self.close_session()
        self.exit(0)

    def on_unmount(self) -> None:
        self.close_session()

    def _heartbeat(self) -> None:
        if self.session is not None:
            self.session.heartbeat()
            self._check_saving()  # a change made outside `commit` may have failed to save

    # -- committing -----------------------------------------------------------------------

    def commit(self, change: Callable[[], Any]) -> bool:
        """Run a change that commits to disk. If saving fails, the change is still made
        in memory and shown; the failure is shown too, and saving retries until it works
        (the store defers save errors for the app, see `_take_over`)."""
        change()
        self._check_saving()
        return True

    def _check_saving(self) -> None:
        failure = self.session.store.take_save_error() if self.session is not None else None
        if failure is not None:
            self._saving_failed(failure)

    def _saving_failed(self, exc: SaveError) -> None:
        first = self._save_failure is None
        self._save_failure = str(exc)
        if first:
            self.set_timer(RETRY_SAVE_SECONDS, self._retry_save)
            # Stays up until the retry succeeds: the facilitator must not miss it.
            self.notify(
                self.t("notice.save_failed", reason=exc.cause.strerror or str(exc.cause)),
                severity="error",
                timeout=24 * 3600,
            )

    @property
    def saving_failed(self) -> bool:
        return self._save_failure is not None

    def _retry_save(self) -> None:
        if self.session is None:
            return
        try:
            self.session.store.flush()
        except SaveError as exc:
            self._save_failure = str(exc)
            self.set_timer(RETRY_SAVE_SECONDS, self._retry_save)
            return
        self._save_failure = None
        self._quit_anyway = False
        self.clear_notifications()
        self.notify(self.t("notice.save_recovered"))

    # -- global actions -------------------------------------------------------------------

    def action_show(self, name: str) -> None:
        if self.session is None:
            self.notify(self.t("notice.open_first"), severity="warning")
            return
        if name not in MAIN_SCREENS:
            return
        self.commit(lambda: self.session.set_location(screen=name) if self.session else None)
        self.switch_mode(name)

    def open_work_screen(self, work: WorkScreen) -> None:
        self.action_show(SCREEN_OF_WORK[work])

    def action_help(self) -> None:
        from workshop_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_language(self) -> None:
        index = LANGUAGES.index(self.language)
        self.set_language(LANGUAGES[(index + 1) % len(LANGUAGES)])

    def set_language(self, language: str) -> None:
        self._apply_language(language)
        if self.session is not None:
            self.commit(
                lambda: self.session.set_location(language=language) if self.session else None
            )
        self.notify(self.t("notice.language"))

    def _apply_language(self, language: str) -> None:
        self.t = Translator(language)
        localize(self, self.t)
        self.language = self.t.language  # screens watch this and redraw their words
        self.refresh_bindings()

    def action_export(self) -> None:
        """Every document of the workshop, written in the background into a folder that
        is named on screen; the work on screen goes on meanwhile."""
        if self.session is None:
            self.notify(self.t("notice.open_first"), severity="warning")
            return
        from workshop_tui.report.export import default_out_dir

        out = default_out_dir(self.root, self.session.plan.key, self.clock())
        self.notify(self.t("notice.exporting", folder=str(out)))
        self._export_in_background(self.session.store.folder, out)

    @work(thread=True, exclusive=True, group="export")
    def _export_in_background(self, folder: Path, out: Path) -> None:
        # A worker thread reads the saved files read-only (every change is on disk
        # already); it never touches the app's state or the store the UI thread owns.
        from workshop_tui.report.export import ExportWriteError, export_workshop

        try:
            written = export_workshop(folder, out_dir=out)
        except Exception as exc:  # shown to the facilitator; the workshop is untouched
            if isinstance(exc, ExportWriteError):
                [export_key] = [b for b in all_bindings(self) if b.id == "app.export"]
                message = self.t(
                    "notice.export_write_failed",
                    path=str(exc.path),
                    reason=exc.reason,
                    keys=keys_display(self, export_key),
                )
                if exc.overwritten:
                    message += " " + self.t("notice.export_overwritten", count=exc.overwritten)
            else:
                message = self.t("notice.export_failed", reason=str(exc))
            self.call_from_thread(self.notify, message, severity="error", timeout=30)
            return
        self.call_from_thread(
            self.notify, self.t("notice.exported", count=len(written), folder=str(out)), timeout=20
        )

    def action_toggle_theme(self) -> None:
        self.theme = DEFAULT_THEME if self.theme == PROJECTOR_THEME else PROJECTOR_THEME
        settings = load_settings(self.root)
        settings.theme = self.theme
        try:
            save_settings(self.root, settings)
        except OSError as exc:
            self.notify(
                self.t("notice.settings_failed", reason=exc.strerror or str(exc)), severity="error"
            )
        self.notify(self.t("notice.theme", theme=self.theme))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette lists every action of the current screen and the app."""
        seen: set[str] = set()
        for node in (*screen_key_owners(screen), self):
            for binding in all_bindings(node):
                if binding.id is None or binding.id in seen:
                    continue
                seen.add(binding.id)
                yield SystemCommand(
                    binding.description,
                    f"{keys_display(self, binding)} — {binding.description}",
                    partial(self.run_action, binding.action, node),
                )
        # Textual's own commands (theme, screenshot, maximize…) are left out: they speak
        # English and would change the theme behind F9's remembered setting.

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(
                CommandPalette(placeholder=self.t("palette.placeholder"), id="--command-palette")
            )


def keys_display(app: App[Any], binding: Binding) -> str:
    """A binding's keys as the user presses them: `+, =` rather than `plus,equals_sign`."""
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(","))


def screen_key_owners(screen: Screen[Any]) -> list[Any]:
    """The screen and, once each, every kind of widget on it with keys of its own (a
    SWOT note list's e, d, +…), so help and the palette list every key of the screen."""
    owners: list[Any] = [screen]
    kinds: set[type] = set()
    for widget in screen.query("*"):
        if type(widget) in kinds or type(widget).__module__.startswith("textual."):
            continue
        if any(b.id for bindings in widget._bindings.key_to_bindings.values() for b in bindings):
            kinds.add(type(widget))
            owners.append(widget)
    return owners


def _resume_garbage_collection() -> None:
    """After the first paint: collect again (`cli` pauses it while starting)."""
    if not gc.isenabled():
        gc.freeze()  # what start-up made lives as long as the app
        gc.enable()


def _start(opened: OpenWorkshop, clock: Clock, tz: dt.tzinfo | None) -> Session:
    # In the app a failed save must not abort a change half-way through a workflow: the
    # change is made in memory, shown, and saved by a retry (see `WorkshopApp.commit`).
    opened.store.defer_save_errors = True
    return start_session(opened, clock, tz)


def _screen(module: str, name: str) -> Screen[Any]:
    screen_class = getattr(importlib.import_module(f"workshop_tui.tui.screens.{module}"), name)
    return cast(Screen[Any], screen_class())


def _start_mode(session: Session | None) -> str:
    return "launcher" if session is None else start_mode(session.location)


def start_mode(location: Location) -> str:
    """The main screen a workshop opens on: where it stood."""
    return location.screen if location.screen in MAIN_SCREENS else "timeline"


def all_bindings(node: Any) -> list[Binding]:
    """Every binding of a node, once each, after the user's keymap."""
    found: dict[str, Binding] = {}
    keymap = node.app._keymap if hasattr(node, "app") else {}
    bindings_map = node._bindings.copy()
    if keymap:
        bindings_map.apply_keymap(keymap)
    for bindings in bindings_map.key_to_bindings.values():
        for binding in bindings:
            ident = binding.id or binding.action
            if ident in found:
                found[ident] = Binding(
                    f"{found[ident].key},{binding.key}",
                    binding.action,
                    binding.description,
                    show=binding.show,
                    id=binding.id,
                )
            else:
                found[ident] = binding
    return list(found.values())


def plan_report(t: Translator, error: PlanError) -> str:
    """A broken plan's problems (as the validator words them) framed in the UI language."""
    lines = [t("notice.plan_problems", count=len(error.problems), path=str(error.path))]
    for problem in error.problems:
        where = f"{problem.where}: " if problem.where else ""
        lines.append(f"  - {where}{problem.message}")
    lines.append(t("notice.plan_fix"))
    return "\n".join(lines)


def locked_message(t: Translator, error: WorkshopLocked) -> str:
    holder = error.holder
    if holder is None:
        return t("notice.locked_unknown", folder=str(error.folder))
    return t("notice.locked", pid=holder.pid, host=holder.host, folder=str(error.folder))


def format_gap(t: Translator, gap: dt.timedelta) -> str:
    """How long the app was closed, in the UI's units; under a minute is said so."""
    minutes = int(gap.total_seconds() // 60)
    if minutes < 1:
        return t("notice.gap_under_minute")
    hours, minutes = divmod(minutes, 60)
    if hours:
        return t("notice.gap_hours", hours=hours, minutes=minutes)
    return t("notice.gap_minutes", minutes=minutes)
