"""A text field whose editing keys act in the order they were typed.

Textual 8.2.8's `Input` inserts a printable key as soon as it arrives, but runs its own
bound keys (Enter, Backspace, arrows...) only after the key has travelled up to the app,
by which time later keys of the same burst (a fast typist, a paste, a held key) are
already in: `one⏎two⏎` saved "onetwo" twice, a Backspace erased a later letter. Here the
field runs its own bound keys the moment they arrive, in order with the letters.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.widgets import Input

OWN_KEYS = {
    key.strip(): binding.action
    for binding in Input.BINDINGS
    if isinstance(binding, Binding)  # Input declares them all as Binding
    for key in binding.key.split(",")
}


class OrderedInput(Input):
    @dataclass
    class Submitted(Input.Submitted):
        cleared: bool = False
        """The field was emptied as Enter submitted it (see `clears_on_submit`): what it
        holds when the message is handled was typed after Enter."""

    def clears_on_submit(self) -> bool:
        """Whether Enter empties the field the moment it submits it, so keys typed right
        after Enter start the next entry (the screen then leaves the field as it is): for
        an entry taken whole on Enter, as a new note."""
        return False

    async def _on_key(self, event: events.Key) -> None:
        action = OWN_KEYS.get(event.key)
        if action is None or event.is_printable:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        if action == "submit":
            cleared = self.clears_on_submit()
            self.post_message(self.Submitted(self, self.value, None, cleared))
            if cleared:
                self.value = ""
            return
        await self.run_action(action)
