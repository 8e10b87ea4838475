"""Parts of the strategy screen (F4): the TOWS cells with their strategy lists and inputs,
the numbered mission list, the factor table and the IE matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.option_list import Option, OptionDoesNotExist

from workshop_tui.domain.scoring import ROMAN, IECell, Posture, posture_of
from workshop_tui.domain.state import Note, TowsCell
from workshop_tui.domain.swot import label
from workshop_tui.tui.widgets.notes import QUADRANT_STYLE
from workshop_tui.tui.widgets.ordered_input import OrderedInput
from workshop_tui.tui.widgets.paging import PagedOptionList
from workshop_tui.tui.widgets.wrapping import hanging

if TYPE_CHECKING:
    from workshop_tui.tui.screens.strategy import StrategyScreen

CELL_STYLE = {
    TowsCell.SO: "green",
    TowsCell.WO: "yellow",
    TowsCell.ST: "cyan",
    TowsCell.WT: "red",
}

CITE_EXAMPLE = {
    TowsCell.SO: "S1/O2",
    TowsCell.WO: "W1/O2",
    TowsCell.ST: "S1/T1",
    TowsCell.WT: "W1/T1",
}
"""Labels the input's hint gives as examples: from the two quadrants the cell draws on."""

Render = Callable[[int], Text]
"""Draws one row for a given width (rows are re-wrapped when the list is resized)."""


def citation_line(note: Note, width: int, deleted_word: str) -> Text:
    """'↳ S1 Anggota loyal' on one line; a deleted note is flagged, never hidden."""
    line = Text("↳ ", style="dim")
    line.append(label(note), style=f"bold {QUADRANT_STYLE[note.quadrant]}")
    line.append(" ")
    if note.deleted_at is not None:
        flag = Text(f" {deleted_word}", style="bold red")
        room = max(4, width - line.cell_len - flag.cell_len)
        body = Text(note.text, style="dim strike")
        body.truncate(room, overflow="ellipsis")
        line.append_text(body)
        line.append_text(flag)
    else:
        body = Text(note.text, style="dim")
        body.truncate(max(4, width - line.cell_len), overflow="ellipsis")
        line.append_text(body)
    return line


def uncited_line(name: str, uncited_word: str) -> Text:
    """'↳ T4 (not cited)': a label in the text that cites no note, so it does not read
    as a citation of whichever note bears that number now."""
    return Text.assemble(("↳ ", "dim"), (f"{name} {uncited_word}", "bold red"))


def strategy_row(
    number: str,
    style: str,
    text: str,
    cited: list[Note],
    deleted_word: str,
    uncited: tuple[list[str], str] = ([], ""),
) -> Render:
    """A strategy, its cited notes under it, then the labels in it that cite nothing
    (`uncited`: the labels and the word that flags them)."""
    names, uncited_word = uncited

    def render(width: int) -> Text:
        prefix = Text()
        prefix.append(f"{number:>4} ", style=f"bold {style}")  # not the base style of all
        body = hanging(prefix, [Text(text)], width)
        room = max(8, width - prefix.cell_len)
        for note in cited:
            body.append("\n" + " " * prefix.cell_len)
            body.append_text(citation_line(note, room, deleted_word))
        for name in names:
            body.append("\n" + " " * prefix.cell_len)
            body.append_text(uncited_line(name, uncited_word))
        return body

    return render


def numbered_row(number: int, text: str) -> Render:
    def render(width: int) -> Text:
        prefix = Text()
        prefix.append(f"{number:>3}. ", style="bold")
        return hanging(prefix, [Text(text)], width)

    return render


class ItemList(PagedOptionList):
    """A list of strategies or mission statements, one option per item (id = entity id),
    wrapped to the list's width. Down past the last item returns to the input below it."""

    def __init__(self, field: str, *, id: str, classes: str) -> None:
        super().__init__(id=id, classes=classes)
        self.field = field  # "SO"... for a cell, "mission" for the mission list
        self._rows: list[tuple[str, Render]] = []
        self._wrapped_at = 0
        self._pending: str | None = None

    @property
    def cell(self) -> TowsCell | None:
        return TowsCell(self.field) if self.field in TowsCell.__members__ else None

    def clears_on_submit(self) -> bool:
        # A new strategy or statement (the screen puts it back if it is refused).
        mode = getattr(self.screen, "mode", None)
        return mode is not None and mode(self.field).kind == "add"

    @property
    def count(self) -> int:
        return len(self._rows)

    def show(self, rows: list[tuple[str, Render]], selected: str | None = None) -> None:
        keep = selected if selected is not None else self.selected_id or self._pending
        self._rows = rows
        self._pending = keep
        if not self.scrollable_content_region.width:
            # Not laid out (a hidden tab): drawn once its width is known (on_resize), even
            # the same width as before. Until then it offers no row: the rows it held may
            # be gone (an undo trashed the mission statement they show).
            self._wrapped_at = 0
            self.clear_options()
            return
        self._wrapped_at = self._width()
        self.set_options([Option(render(self._wrapped_at), id=i) for i, render in rows])
        self.select(keep)

    def _width(self) -> int:
        return (self.scrollable_content_region.width or 40) - 2

    def on_resize(self) -> None:
        if self.scrollable_content_region.width and self._width() != self._wrapped_at:
            self.show(self._rows, self.selected_id or self._pending)

    @property
    def selected_id(self) -> str | None:
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def select(self, item_id: str | None) -> None:
        if item_id is None:
            return
        try:
            self.highlighted = self.get_option_index(item_id)
        except OptionDoesNotExist:
            if self.option_count:
                self.highlighted = min(self.highlighted or 0, self.option_count - 1)

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.strategy_screen.to_input(self.field)
            return
        super().action_cursor_down()

    @property
    def strategy_screen(self) -> StrategyScreen:
        return self.screen  # type: ignore[return-value]


class ItemInput(OrderedInput):
    """Typing a strategy or a mission statement (Enter saves it)."""

    def __init__(self, field: str, *, id: str) -> None:
        super().__init__(id=id, classes="item-input", select_on_focus=False)
        self.field = field

    @property
    def cell(self) -> TowsCell | None:
        return TowsCell(self.field) if self.field in TowsCell.__members__ else None

    def clears_on_submit(self) -> bool:
        # A new strategy or statement (the screen puts it back if it is refused).
        mode = getattr(self.screen, "mode", None)
        return mode is not None and mode(self.field).kind == "add"


class TowsPanel(Vertical):
    """One cell of the TOWS matrix: title, strategies, input."""

    def __init__(self, cell: TowsCell) -> None:
        super().__init__(id=f"cell-{cell.value}", classes=f"tows-cell c-{cell.value}")
        self.cell = cell

    def compose(self) -> ComposeResult:
        yield ItemList(self.cell.value, id=f"strategies-{self.cell.value}", classes="strategies")
        yield ItemInput(self.cell.value, id=f"input-{self.cell.value}")


class FactorTable(DataTable[Text]):
    """The IFAS/EFAS factors. The screen fits its columns to its width (the numbers in
    full, the factor text cut to the rest), so it says when that width changes."""

    class Resized(Message):
        pass

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())


POSTURE_STYLE = {Posture.GROW: "green", Posture.HOLD: "yellow", Posture.HARVEST: "red"}


def ie_matrix(
    cell: IECell | None,
    columns: tuple[str, str, str],
    rows: tuple[str, str, str],
    corner: str,
) -> Table:
    """The 3×3 IE matrix with the cooperative's cell highlighted (None: no cell yet)."""
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), expand=False)
    table.add_column(corner, justify="right", style="bold")
    for heading in columns:
        table.add_column(heading, justify="center")
    for row_index, heading in enumerate(rows):
        cells: list[Text] = []
        for col_index in range(3):
            number = row_index * 3 + col_index + 1
            roman = ROMAN[number - 1]
            if cell is not None and cell.number == number:
                cells.append(Text(f"▶{roman:^4}◀", style="bold reverse"))
            else:
                cells.append(Text(f" {roman:^4} ", style=POSTURE_STYLE[posture_of(number)]))
        table.add_row(heading, *cells)
    return table
