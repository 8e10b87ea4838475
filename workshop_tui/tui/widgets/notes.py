"""A SWOT quadrant: its title, its notes (a virtual list) and the input that captures notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.widgets import Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.domain.swot import label
from workshop_tui.tui.keys import key
from workshop_tui.tui.widgets.ordered_input import OrderedInput
from workshop_tui.tui.widgets.paging import PagedOptionList
from workshop_tui.tui.widgets.wrapping import hanging

if TYPE_CHECKING:
    from workshop_tui.tui.screens.swot import SwotScreen

QUADRANT_STYLE = {
    Quadrant.STRENGTH: "green",
    Quadrant.WEAKNESS: "yellow",
    Quadrant.OPPORTUNITY: "cyan",
    Quadrant.THREAT: "red",
}


def note_prompt(note: Note, width: int) -> Text:
    prefix = Text.assemble((f"{label(note):>4} ", f"bold {QUADRANT_STYLE[note.quadrant]}"))
    body = Text(note.text)
    if note.votes:
        body.append(f"  ●{note.votes}", style="bold")
    return hanging(prefix, [body], width)


class NoteList(PagedOptionList):
    """The notes of one quadrant; one option per note (id = note id). OptionList renders
    only the visible lines, so a quadrant of hundreds of notes stays quick."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("e", "swot.edit", "screen.edit_note"),
        key("delete,d", "swot.delete", "screen.delete_note"),
        key("plus,equals_sign", "swot.vote_up", "screen.vote(1)"),
        key("minus", "swot.vote_down", "screen.vote(-1)", show=False),
        key("t", "swot.tally", "screen.tally"),
        key("s", "swot.sort", "screen.sort_votes"),
        key("m", "swot.move_next", "screen.move_next"),
        key("shift+up", "swot.move_up", "screen.move('up')", show=False),
        key("shift+down", "swot.move_down", "screen.move('down')", show=False),
        key("shift+left", "swot.move_left", "screen.move('left')", show=False),
        key("shift+right", "swot.move_right", "screen.move('right')", show=False),
        key("ctrl+up,K", "swot.order_up", "screen.reorder(-1)"),
        key("ctrl+down,J", "swot.order_down", "screen.reorder(1)", show=False),
        key("escape", "swot.to_input", "screen.to_input", show=False),
    ]

    def __init__(self, quadrant: Quadrant) -> None:
        super().__init__(id=f"notes-{quadrant.value}", classes="notes")
        self.quadrant = quadrant
        self._notes: list[Note] = []
        self._wrapped_at = 0
        self._pending_selection: str | None = None
        self._laid_out: tuple[Size, Size, Size, Size] | None = None

    def show_notes(self, notes: list[Note], selected: str | None = None) -> None:
        keep = selected if selected is not None else self.selected_id
        self._notes = notes
        self._pending_selection = keep
        self._wrapped_at = 0  # stale until drawn: a hidden list redraws when shown again
        if not self.scrollable_content_region.width:
            return  # not laid out yet: drawn once its width is known (on_resize)
        self._wrapped_at = self._width()
        place = self.highlighted
        self.set_options([Option(note_prompt(n, self._wrapped_at), id=n.id) for n in notes])
        self.select(keep, place)

    def append_note(self, note: Note) -> None:
        """A new note at the end: cheaper than redrawing the quadrant."""
        self._notes.append(note)
        if self._wrapped_at:
            self.add_option(Option(note_prompt(note, self._wrapped_at), id=note.id))
            self.scroll_end(animate=False)  # the room sees the note just typed

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Every keystroke in an Input re-lays out the screen, and Textual 8.2.8's ScrollView
        # then refreshes the scrollbar of any list longer than its view, repainting all four
        # quadrants per key (bench/bench_swot.py: 1.42x a bare Input; 1.05x with this).
        # Nothing changed since the last layout: nothing to do.
        laid_out = (size, virtual_size, container_size, self.virtual_size)
        if laid_out == self._laid_out:
            return False
        self._laid_out = laid_out
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _width(self) -> int:
        return (self.scrollable_content_region.width or 40) - 2

    def on_resize(self) -> None:
        self._rewrap_if_width_changed()

    def _rewrap_if_width_changed(self) -> None:
        if self.scrollable_content_region.width and self._width() != self._wrapped_at:
            self.show_notes(self._notes, self.selected_id or self._pending_selection)

    @property
    def selected_id(self) -> str | None:
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def select(self, note_id: str | None, place: int | None = None) -> None:
        """Highlight a note; if it is gone (deleted, moved), the one now at its `place`."""
        if note_id is None:
            return
        self._pending_selection = note_id  # kept for a list drawn later (hidden, not laid out)
        try:
            self.highlighted = self.get_option_index(note_id)
        except OptionDoesNotExist:
            if self.option_count:
                fallback = place if place is not None else (self.highlighted or 0)
                self.highlighted = min(fallback, self.option_count - 1)

    def action_cursor_down(self) -> None:
        # Past the last note, Down goes back to typing.
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.screen_swot.to_input()
            return
        super().action_cursor_down()

    @property
    def screen_swot(self) -> SwotScreen:
        return self.screen  # type: ignore[return-value]


class NoteInput(OrderedInput):
    """Typing a note. Up goes to the notes above; Escape cancels an edit."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("up", "swot.to_notes", "screen.to_notes", show=False),
        key("escape", "swot.cancel", "screen.cancel_input", show=False),
    ]

    def __init__(self, quadrant: Quadrant) -> None:
        super().__init__(id=f"input-{quadrant.value}", classes="note-input", select_on_focus=False)
        self.quadrant = quadrant

    def clears_on_submit(self) -> bool:
        # A new note (not an edit or a tally, which stay to be put right if refused).
        mode = getattr(self.screen, "modes", {}).get(self.quadrant)
        return mode is not None and mode.kind == "add"


class QuadrantPanel(Vertical):
    def __init__(self, quadrant: Quadrant) -> None:
        super().__init__(id=f"quadrant-{quadrant.value}", classes=f"quadrant q-{quadrant.value}")
        self.quadrant = quadrant

    def compose(self) -> ComposeResult:
        yield Static(id=f"title-{self.quadrant.value}", classes="quadrant-title")
        yield NoteList(self.quadrant)
        yield NoteInput(self.quadrant)
