"""What every screen of the app shares: words in the current language, the session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.screen import Screen
from textual.widgets import TabPane

from workshop_tui.i18n import Translator
from workshop_tui.session import Session
from workshop_tui.tui.keys import localize

if TYPE_CHECKING:
    from workshop_tui.tui.app import WorkshopApp


class WorkshopScreen(Screen[Any]):
    """A main screen. Subclasses draw their words in `refresh_words`, called again
    whenever the language changes."""

    @property
    def wapp(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]

    @property
    def t(self) -> Translator:
        return self.wapp.t

    @property
    def session(self) -> Session:
        session = self.wapp.session
        assert session is not None, "a workshop screen needs an open workshop"
        return session

    def on_mount(self) -> None:
        self.watch(self.app, "language", self._language_changed, init=False)
        localize(self, self.t)
        self.refresh_words()

    def _language_changed(self) -> None:
        localize(self, self.t)
        self.refresh_words()
        self.app.refresh_bindings()

    def refresh_words(self) -> None:
        """Draw every translated string of the screen."""


class CooperativeScreen(WorkshopScreen):
    """A working screen that shows one cooperative at a time and switches with the same
    keys everywhere: next / previous group, the group's next cooperative, direct choice.
    Subclasses bind the keys (their own ids) and redraw in `cooperative_switched`."""

    def before_switching(self) -> None:
        """Called before another cooperative is shown (e.g. to save an open editor)."""

    def cooperative_switched(self) -> None:
        """Draw the newly current cooperative."""
        raise NotImplementedError

    def _switch(self, change: Callable[[], None]) -> None:
        self.before_switching()
        self.wapp.commit(change)
        self.cooperative_switched()

    def action_group(self, step: int) -> None:
        self._switch(lambda: self.session.step_group(step))

    def action_cooperative(self, step: int) -> None:
        self._switch(lambda: self.session.step_cooperative(step))

    def action_choose(self) -> None:
        from workshop_tui.tui.screens.board_pickers import CooperativePicker

        def chosen(coop_id: str | None) -> None:
            if coop_id:
                self._switch(lambda: self.session.select_cooperative(coop_id))

        current = self.session.current_cooperative[1].id
        self.app.push_screen(CooperativePicker(self.session.plan, current), chosen)


class PinnedTabPane(TabPane):
    """A tab pane that does not make itself the active tab when a widget inside it takes
    the focus: the screen alone chooses its tab. (Textual's pane does, by a message that
    arrives later: after a quick second key had shown another tab, the focus asked for by
    the first brought the first tab back, and the two tabs could hand over to each other
    for ever.)"""

    def _on_descendant_focus(self, event: events.DescendantFocus) -> None:
        event.prevent_default()  # not TabPane's handler (the event still bubbles up)
