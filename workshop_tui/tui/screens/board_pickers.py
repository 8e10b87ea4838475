"""Screens the SWOT board opens: choose a group/cooperative, the trash, the plenary view."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.domain.swot import QUADRANTS, label, notes_in
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.notes import QUADRANT_STYLE
from workshop_tui.tui.widgets.paging import PagedOptionList

if TYPE_CHECKING:
    from workshop_tui.i18n import Translator
    from workshop_tui.tui.app import WorkshopApp


class _Modal(ModalScreen[str | None]):
    """A list to pick one entry from; Enter picks, Escape cancels."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("escape", "picker.cancel", "cancel"),
    ]

    @property
    def t(self) -> Translator:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        return app.t

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static(id="modal-title")
            yield PagedOptionList(id="modal-list")
            yield KeyBar()

    def on_mount(self) -> None:
        localize(self, self.t)
        self.query_one("#modal-title", Static).update(Text(self.heading(), style="bold"))
        options = self.options()
        listing = self.query_one("#modal-list", OptionList)
        listing.add_options(options)
        selectable = [i for i, o in enumerate(options) if not o.disabled]
        if selectable:
            listing.highlighted = self.initial_index(options, selectable)
        listing.focus()

    def heading(self) -> str:
        raise NotImplementedError

    def options(self) -> list[Option]:
        raise NotImplementedError

    def initial_index(self, options: list[Option], selectable: list[int]) -> int:
        return selectable[0]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CooperativePicker(_Modal):
    """F7: jump straight to any group's cooperative."""

    def __init__(self, plan: Plan, current: str) -> None:
        super().__init__(id="picker")
        self.plan = plan
        self.current = current

    def heading(self) -> str:
        return self.t("swot.choose_title")

    def options(self) -> list[Option]:
        options: list[Option] = []
        for group in self.plan.groups:
            heading = Text(f"{group.name} · {group.facilitator}", style="bold reverse")
            options.append(Option(heading, id=f"group:{group.id}", disabled=True))
            for coop in group.cooperatives:
                options.append(Option(f"  {coop.name}", id=coop.id))
        return options

    def initial_index(self, options: list[Option], selectable: list[int]) -> int:
        return next((i for i, o in enumerate(options) if o.id == self.current), selectable[0])


class TrashScreen(_Modal):
    """Ctrl+T: deleted notes of this board; Enter restores one."""

    def __init__(self, notes: list[Note]) -> None:
        super().__init__(id="trash")
        self.notes = notes

    def heading(self) -> str:
        return self.t("swot.trash_title", count=len(self.notes))

    def options(self) -> list[Option]:
        if not self.notes:
            return [Option(Text(self.t("swot.trash_empty"), style="italic"), disabled=True)]
        options = []
        for note in self.notes:
            when = note.deleted_at.astimezone().strftime("%H:%M") if note.deleted_at else ""
            prompt = Text.assemble(
                (f"{label(note):>4} ", f"bold {QUADRANT_STYLE[note.quadrant]}"),
                note.text,
                (f"  ({when})", "dim"),
            )
            options.append(Option(prompt, id=note.id))
        return options


BOARD_WIDTH = 36
"""The narrowest a cooperative's board is shown in the plenary (its notes stay readable)."""


class PlenaryBoards(HorizontalScroll, can_focus=False):
    """The boards side by side, as many whole ones as fit the width: a projector never
    shows a board cut at the edge. The current board has the focus (↑ ↓ scroll it)."""

    @property
    def per_page(self) -> int:
        return max(1, self.size.width // BOARD_WIDTH)

    def on_resize(self) -> None:
        width = max(BOARD_WIDTH, self.size.width // self.per_page)
        for board in self.query(".plenary-column"):
            board.styles.width = width
        screen: PlenaryScreen = self.screen  # type: ignore[assignment]
        screen.show_current()


class PlenaryScreen(Screen[None]):
    """Ctrl+G: every cooperative's board side by side, all quadrants or one across all.
    The facilitator goes through them board by board (→ ←), a screenful at a time (PgDn
    PgUp) or to the first / last (Home End); the title says which one of how many."""

    CSS_PATH = "swot.tcss"  # the current board's frame (the rest is in app.tcss)
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        # Priority: the focused board would otherwise scroll sideways on these keys.
        key("right", "plenary.next", "step(1)", priority=True),
        key("left", "plenary.previous", "step(-1)", show=False, priority=True),
        key("pagedown", "plenary.next_page", "page(1)", priority=True),
        key("pageup", "plenary.previous_page", "page(-1)", show=False, priority=True),
        key("home", "plenary.first", "go(0)", show=False, priority=True),
        key("end", "plenary.last", "go(-1)", show=False, priority=True),
        key("q", "plenary.quadrant", "cycle_quadrant"),
        key("escape,ctrl+g", "plenary.close", "close"),
    ]

    def __init__(self, quadrant: Quadrant | None) -> None:
        super().__init__(id="plenary", name="plenary")
        self.only: Quadrant | None = None
        self._start = quadrant
        self.current = 0  # the board the facilitator is showing
        self.first = 0  # the leftmost board on screen

    @property
    def t(self) -> Translator:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        return app.t

    def compose(self) -> ComposeResult:
        yield Static(id="plenary-title")
        yield PlenaryBoards(id="plenary-columns")
        yield KeyBar()

    def on_mount(self) -> None:
        localize(self, self.t)
        app: WorkshopApp = self.app  # type: ignore[assignment]
        session = app.session
        assert session is not None
        columns = self.query_one(PlenaryBoards)
        shown_coop = session.current_cooperative[1].id
        for index, (group, coop) in enumerate(session.plan.cooperatives()):
            column = VerticalScroll(classes="plenary-column")
            column.border_title = f"{coop.name}"
            column.border_subtitle = group.name
            columns.mount(column)
            column.mount(Static(id=f"plenary-{coop.id}"))
            if coop.id == shown_coop:
                self.current = index  # it opens on the board being worked on
        self.draw()

    @property
    def boards(self) -> list[Widget]:
        return list(self.query(".plenary-column"))

    def draw(self) -> None:
        t = self.t
        app: WorkshopApp = self.app  # type: ignore[assignment]
        session = app.session
        assert session is not None
        shown = [self.only] if self.only else list(QUADRANTS)
        self._draw_title()
        for _, coop in session.plan.cooperatives():
            shard = session.state.cooperative(coop.id)
            text = Text()
            for quadrant in shown:
                notes = notes_in(shard, quadrant)
                text.append(
                    f"{t(f'swot.quadrant.{quadrant.value}')} ({len(notes)})\n",
                    style=f"bold {QUADRANT_STYLE[quadrant]}",
                )
                for note in notes:
                    votes = f" ●{note.votes}" if note.votes else ""
                    text.append(f"{label(note)} ", style="bold")
                    text.append(f"{note.text}{votes}\n")
                text.append("\n")
            self.query_one(f"#plenary-{coop.id}", Static).update(text)

    def _draw_title(self) -> None:
        t = self.t
        what = t(f"swot.quadrant.{self.only.value}") if self.only else t("swot.all_quadrants")
        where = t("swot.plenary_position", index=self.current + 1, count=len(self.boards))
        self.query_one("#plenary-title", Static).update(
            Text.assemble((t("swot.plenary_title"), "bold"), f" · {what} · ", (where, "bold"))
        )

    def show_current(self) -> None:
        """Frame the current board and scroll the least that shows it whole."""
        boards = self.boards
        if not boards:
            return
        columns = self.query_one(PlenaryBoards)
        per_page = columns.per_page
        self.current = min(max(self.current, 0), len(boards) - 1)
        self.first = min(max(self.first, self.current - per_page + 1), self.current)
        self.first = max(0, min(self.first, len(boards) - per_page))
        for index, board in enumerate(boards):
            board.set_class(index == self.current, "-current")
        # At once, not on Textual's next turn: a focus arriving after the next key would
        # make its board current again (see on_descendant_focus).
        self.set_focus(boards[self.current], scroll_visible=False)
        width = boards[0].styles.width
        step = int(width.value) if width is not None else BOARD_WIDTH
        columns.scroll_to(x=self.first * step, animate=False)
        self._draw_title()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A board clicked with the mouse becomes the current one. The event arrives after
        # the focus moved: one whose board has lost the focus since is stale (keys pressed
        # in a burst), and acting on it made two boards take the focus back for ever.
        boards = self.boards
        if event.widget is not self.focused:
            return
        if event.widget in boards and boards.index(event.widget) != self.current:
            self.current = boards.index(event.widget)
            self.show_current()

    def action_step(self, step: int) -> None:
        self.current += step
        self.show_current()

    def action_page(self, step: int) -> None:
        per_page = self.query_one(PlenaryBoards).per_page
        self.current += step * per_page
        self.first += step * per_page
        self.show_current()

    def action_go(self, index: int) -> None:
        self.current = index % len(self.boards)
        self.show_current()

    def action_cycle_quadrant(self) -> None:
        order: list[Quadrant | None] = [None, *QUADRANTS]
        self.only = order[(order.index(self.only) + 1) % len(order)]
        self.draw()

    def action_close(self) -> None:
        self.dismiss(None)
