"""What every screen of the app shares: words in the current language, the session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

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

    def _compositor_refresh(self) -> None:
        # Textual (8.2.8) renders the whole screen even inside `App.batch_update` and then
        # drops the frame (`App._display` shows nothing while batching). The first mode
        # screen is laid out inside the start-up batch, so every start rendered it twice:
        # ~25 ms for nothing. Inside a batch, leave the work marked instead; the screen's
        # next update after the batch (on idle) renders it once, as it would anyway.
        if self.app._batch_count and not self.app.is_inline:
            self._repaint_required = True
            return
        super()._compositor_refresh()

    _words_drawn = False

    def on_mount(self) -> None:
        # Subclasses call this first thing in their own `on_mount` (their setup needs the
        # words), and Textual then calls it again as the base class's handler: once only,
        # or every language change would redraw the screen twice.
        if self._words_drawn:
            return
        self._words_drawn = True
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
