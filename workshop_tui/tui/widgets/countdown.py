"""The projector-size countdown: `Digits`, coloured by how much time is left."""

from __future__ import annotations

from textual.widgets import Digits

from workshop_tui.domain.timeline import Level


class Countdown(Digits):
    """Shows 'MM:SS' (or '+MM:SS' when overrun); CSS classes `-calm`, `-warning`,
    `-critical`, `-overrun` and `-paused` colour it."""

    def show(self, text: str, level: Level, *, paused: bool) -> None:
        if text != self.value:
            self.update(text)
        for candidate in Level:
            self.set_class(candidate is level, f"-{candidate.value}")
        self.set_class(paused, "-paused")
