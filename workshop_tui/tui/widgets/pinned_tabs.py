"""A tab pane that leaves the choice of the shown tab to its screen."""

from __future__ import annotations

from textual import events
from textual.widgets import TabPane


class PinnedTabPane(TabPane):
    """A tab pane that does not make itself the active tab when a widget inside it takes
    the focus: the screen alone chooses its tab. (Textual's pane does, by a message that
    arrives later: after a quick second key had shown another tab, the focus asked for by
    the first brought the first tab back, and the two tabs could hand over to each other
    for ever.)"""

    def _on_descendant_focus(self, event: events.DescendantFocus) -> None:
        event.prevent_default()  # not TabPane's handler (the event still bubbles up)
