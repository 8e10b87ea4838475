"""What every screen of the app shares: words in the current language, the session."""

from __future__ import annotations

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
