"""A virtual list whose rows are wrapped to its width (the closing screen's roster, RTL
boards, team and follow-up). Rows are built by a function of the width, so they are built
again, keeping the selection, when the list is first laid out or resized. When the selected
row is gone (deleted, taken off the team), the row now at its place is selected: the
facilitator stays where they were, never sent back to the top."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets.option_list import Option, OptionDoesNotExist

from workshop_tui.tui.keys import key
from workshop_tui.tui.widgets.paging import PagedOptionList

Rows = Callable[[int], list[Option]]


class RowList(PagedOptionList):
    def __init__(self, id: str) -> None:
        super().__init__(id=id, classes="closing-list")
        self._rows: Rows | None = None
        self._wrapped_at = 0
        self._pending: str | None = None
        self._place = 0  # the selection's index before the rows were last built again

    def show(self, rows: Rows, selected: str | None = None) -> None:
        """Draw `rows(width)`, keeping `selected` (else the current row) highlighted; if
        that row is gone, the one now at its place."""
        keep = selected if selected is not None else (self.selected_id or self._pending)
        if self.highlighted is not None:
            self._place = self.highlighted  # building the rows clears the highlight
        self._rows = rows
        self._pending = keep
        if not self.scrollable_content_region.width:
            # Not laid out (a hidden tab): drawn once its width is known (on_resize), even
            # the same width as before. Until then it offers no row: the rows it held may
            # be gone (an action deleted, a seat removed).
            self._wrapped_at = 0
            self.clear_options()
            return
        self._wrapped_at = self._width()
        self.set_options(rows(self._wrapped_at))
        self.select(keep)

    def _width(self) -> int:
        # Room for a scroll bar is always kept: rows must not need wrapping again once
        # a long list shows one (OptionList would re-wrap them without the hanging indent).
        room = self.region.width - self.styles.gutter.width - self.styles.scrollbar_size_vertical
        return max(20, room)

    def on_resize(self) -> None:
        if (
            self._rows is not None
            and self.scrollable_content_region.width
            and self._width() != self._wrapped_at
        ):
            self.show(self._rows, self.selected_id or self._pending)

    @property
    def selected_id(self) -> str | None:
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if option.disabled else option.id

    def start_at_top(self) -> None:
        """Other rows are coming (another cooperative's): no selection or place to keep."""
        self.highlighted = None
        self._pending = None
        self._place = 0

    def select(self, option_id: str | None) -> None:
        """Highlight a row by id; else keep the position (the next enabled row, or the
        last one if the position is past the end)."""
        if option_id is not None:
            try:
                self.highlighted = self.get_option_index(option_id)
                return
            except OptionDoesNotExist:
                pass
        enabled = [i for i in range(self.option_count) if not self.get_option_at_index(i).disabled]
        if not enabled:
            self.highlighted = None
            return
        current = self.highlighted if self.highlighted is not None else self._place
        self.highlighted = next((i for i in enabled if i >= current), enabled[-1])


class PactScroll(VerticalScroll):
    """The pact's text (and, in the pact-only view, who has signed it): it takes the focus
    in the pact-only view, where it is all there is, so the keys scroll it."""

    # The container's own scroll keys, with ids so the key bar, help and keys.toml know them.
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("down", "closing.scroll_down", "scroll_down"),
        key("up", "closing.scroll_up", "scroll_up", show=False),
        key("pagedown", "closing.page_down", "page_down"),
        key("pageup", "closing.page_up", "page_up", show=False),
        key("home", "closing.top", "scroll_home", show=False),
        key("end", "closing.bottom", "scroll_end", show=False),
    ]
