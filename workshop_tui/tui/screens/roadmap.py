"""F5: the 5-year roadmap of one cooperative: areas × years, and a target tier per year."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Static, TextArea
from textual.widgets.option_list import Option

from workshop_tui.domain.history import Change
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.screens.base import CooperativeScreen
from workshop_tui.tui.screens.board_pickers import _Modal
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.wrapping import hanging
from workshop_tui.workflows.roadmap import RoadmapBoard

if TYPE_CHECKING:
    from workshop_tui.domain.plan import Plan
    from workshop_tui.i18n import Translator
    from workshop_tui.tui.app import WorkshopApp

SCREEN = "roadmap"
TIER_ROW = "__tier__"
AREA_WIDTH = 14
PLENARY_NAME_MAX = 26
"""The widest the plenary's cooperative column grows beside one area's texts."""
AREA_CELL_MIN = 10
"""The narrowest a plenary column of one area's texts gets."""


def _clip(text: str, width: int, lines: int) -> Text:
    """A cell's text wrapped to its column, at most `lines` lines, '…' when cut."""
    wrapped = hanging(Text(""), [Text(part) for part in text.splitlines() or [""]], width)
    rows = list(wrapped.split("\n"))
    if len(rows) > lines:
        rows = rows[:lines]
        last = rows[-1]
        last.truncate(max(1, width - 1))
        last.append("…")
    return Text("\n").join(rows)


def plenary_widths(
    total: int, names: list[str], years: int, year_min: int, name_max: int
) -> tuple[int, int]:
    """(cooperative column, year column) widths filling `total` cells: the names as wide
    as the longest (at most `name_max`) while each year keeps `year_min`; the years share
    what is left. Names that do not fit wrap."""
    padding = 2  # a DataTable column's cell padding, both sides
    longest = max((Text(name).cell_len for name in names), default=12)
    name = max(12, min(longest, name_max, total - padding - years * (year_min + padding)))
    year = max(year_min, (total - name - padding) // years - padding)
    return name, year


class RoadmapScreen(CooperativeScreen):
    CSS_PATH = "roadmap.tcss"  # read when first shown (see app.tcss)
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("enter", "roadmap.edit", "edit"),
        key("c", "roadmap.copy_cell", "copy_cell"),
        key("C", "roadmap.copy_year", "copy_year"),
        key("delete", "roadmap.clear", "clear"),
        key("plus,equals_sign", "roadmap.tier_up", "tier(1)"),
        key("minus", "roadmap.tier_down", "tier(-1)", show=False),
        key("pagedown", "roadmap.next_group", "group(1)", priority=True),
        key("pageup", "roadmap.previous_group", "group(-1)", show=False, priority=True),
        key("ctrl+n", "roadmap.next_cooperative", "cooperative(1)"),
        key("f7", "roadmap.choose", "choose"),
        key("ctrl+z", "roadmap.undo", "undo", priority=True),
        key("ctrl+y", "roadmap.redo", "redo", show=False, priority=True),
        key("ctrl+g", "roadmap.plenary", "plenary"),
    ]

    def __init__(self) -> None:
        super().__init__(name=SCREEN, id="screen-roadmap")
        self.coop_id = ""

    @property
    def board(self) -> RoadmapBoard:
        return self.session.roadmap

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="roadmap-title")
        yield DataTable(id="grid", cursor_type="cell", zebra_stripes=True)
        yield Static(id="roadmap-status")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        grid = self.query_one(DataTable)
        cursor = self.session.cursor(SCREEN)
        row, column = int(str(cursor.get("row", 0))), int(str(cursor.get("column", 1)))
        self.call_after_refresh(self._place_cursor, row, column)
        grid.focus()

    def _place_cursor(self, row: int, column: int) -> None:
        grid = self.query_one(DataTable)
        if grid.row_count:
            grid.move_cursor(row=min(row, grid.row_count - 1), column=max(1, column))
        self._resume_open_editor()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.session.current_cooperative[1].id != self.coop_id:
            self.draw()

    def on_resize(self) -> None:
        if self.coop_id:
            self.draw()

    def refresh_words(self) -> None:
        self.sub_title = self.t("screen.roadmap")
        self.draw()

    # -- drawing ----------------------------------------------------------------------------

    @property
    def years(self) -> list[int]:
        return self.session.plan.roadmap.years

    def _column_width(self) -> int:
        available = (self.size.width or 120) - AREA_WIDTH - 6
        return max(10, available // len(self.years) - 2)

    def _cell_lines(self) -> int:
        """Rows share the screen's height: more lines of each cell on a taller screen."""
        room = (self.size.height or 40) - 12  # header, titles, tier row, status, keys
        return max(2, min(8, room // len(self.session.plan.roadmap.areas)))

    def draw(self) -> None:
        t = self.t
        plan = self.session.plan
        group, coop = self.session.current_cooperative
        self.coop_id = coop.id
        grid = self.query_one(DataTable)
        keep = grid.cursor_coordinate if grid.row_count else Coordinate(0, 1)
        width = self._column_width()
        grid.clear(columns=True)
        grid.add_column(t("roadmap.area"), width=AREA_WIDTH, key="area")
        for year in self.years:
            grid.add_column(str(year), width=width, key=str(year))
        lines = self._cell_lines()
        for area in plan.roadmap.areas:
            cells = [_clip(self.board.text(coop.id, area.id, y), width, lines) for y in self.years]
            grid.add_row(Text(area.name, style="bold"), *cells, height=lines, key=area.id)
        drops = set(self.board.drops(coop.id))
        tiers = {tier.id: tier.name for tier in plan.tiers}
        tier_cells = []
        for year in self.years:
            tier = self.board.tier(coop.id, year)
            label = Text(tiers.get(tier or "", tier or "—"), style="bold")
            if year in drops:
                label.append(f"\n⚠ {t('roadmap.tier_drop')}", style="bold red")
            tier_cells.append(label)
        grid.add_row(Text(t("roadmap.tier_row"), style="bold"), *tier_cells, height=2, key=TIER_ROW)
        grid.move_cursor(row=keep.row, column=max(1, keep.column))
        current = tiers.get(coop.current_tier or "", "—")
        self.query_one("#roadmap-title", Static).update(
            Text.assemble(
                (group.name, "bold"),
                " · ",
                (coop.name, "bold reverse"),
                " · ",
                t("roadmap.current_tier", tier=current),
            )
        )
        self._draw_status()

    def _draw_status(self) -> None:
        t = self.t
        where = self._where()
        status = Text()
        drops = self.board.drops(self.coop_id)
        if drops:
            status.append(
                t("roadmap.drops", years=", ".join(str(y) for y in drops)) + "\n", style="bold red"
            )
        if where is not None and where[0] != TIER_ROW:
            area, year = where
            text = self.board.text(self.coop_id, area, year)
            status.append(f"{self._area_name(area)} {year}: ", style="bold")
            status.append(text or t("roadmap.empty_cell"), style="" if text else "dim")
        self.query_one("#roadmap-status", Static).update(status)

    def _area_name(self, area_id: str) -> str:
        return next((a.name for a in self.session.plan.roadmap.areas if a.id == area_id), area_id)

    def _where(self) -> tuple[str, int] | None:
        """(area id or TIER_ROW, year) under the cursor; None on the area column."""
        grid = self.query_one(DataTable)
        if not grid.row_count:
            return None
        row, column = grid.cursor_coordinate
        if column == 0:
            return None
        areas = [a.id for a in self.session.plan.roadmap.areas] + [TIER_ROW]
        return areas[row], self.years[column - 1]

    @on(DataTable.CellHighlighted)
    def _moved(self) -> None:
        grid = self.query_one(DataTable)
        row, column = grid.cursor_coordinate
        if column == 0:
            # The area names are no cell to work on: the cursor stays on the first year
            # (as → stays on the last), whether ←, Home or a click took it there.
            grid.move_cursor(row=row, column=1)
            return
        self._draw_status()
        self.wapp.commit(lambda: self.session.set_cursor(SCREEN, row=row, column=column))

    # -- editing ----------------------------------------------------------------------------

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        where = self._where()
        if where is None:
            return
        area, year = where
        coop = self.coop_id
        if area == TIER_ROW:
            self._choose_tier(year)
            return
        draft = self.board.draft(coop, area, year)
        text = draft if draft is not None else self.board.text(coop, area, year)
        self._open_editor(area, year, text, restored=draft is not None)

    def _open_editor(self, area: str, year: int, text: str, *, restored: bool) -> None:
        coop = self.coop_id

        def typed(value: str) -> None:
            self.wapp.commit(lambda: self.board.set_draft(coop, area, year, value))

        def done(value: str | None) -> None:
            if value is None:
                self.wapp.commit(lambda: self.board.set_draft(coop, area, year, None))
            else:
                self.wapp.commit(lambda: self.board.set_cell(coop, area, year, value))
            self.draw()

        title = f"{self._area_name(area)} · {year}"
        saved = self.board.text(coop, area, year)
        editor = CellEditor(title, text, typed, restored=restored, saved=saved)
        self.app.push_screen(editor, done)

    def _resume_open_editor(self) -> None:
        """After a crash mid-edit, the editor comes back with what was typed."""
        for area in self.session.plan.roadmap.areas:
            for year in self.years:
                draft = self.board.draft(self.coop_id, area.id, year)
                if draft is not None:
                    self._open_editor(area.id, year, draft, restored=True)
                    return

    def _choose_tier(self, year: int) -> None:
        coop = self.coop_id

        def chosen(tier: str | None) -> None:
            if tier:
                self.wapp.commit(lambda: self.board.set_tier(coop, year, tier))
                self.draw()

        tier = self.board.tier(coop, year) or self.board.starting_tier(coop, year)
        self.app.push_screen(TierPicker(self.session.plan, tier, year), chosen)

    def action_tier(self, step: int) -> None:
        where = self._where()
        if where is not None:
            coop = self.coop_id
            self.wapp.commit(lambda: self.board.step_tier(coop, where[1], step))
            self.draw()

    def action_clear(self) -> None:
        where = self._where()
        if where is not None and where[0] != TIER_ROW:
            coop, (area, year) = self.coop_id, where
            self.wapp.commit(lambda: self.board.set_cell(coop, area, year, ""))
            self.draw()

    def action_copy_cell(self) -> None:
        where = self._where()
        if where is None or where[0] == TIER_ROW:
            return
        coop, (area, year) = self.coop_id, where
        done: list[int | None] = []
        if self.wapp.commit(lambda: done.append(self.board.copy_cell_forward(coop, area, year))):
            self._after_copy(done[0])

    def action_copy_year(self) -> None:
        where = self._where()
        if where is None:
            return
        coop, year = self.coop_id, where[1]
        done: list[int | None] = []
        if self.wapp.commit(lambda: done.append(self.board.copy_year_forward(coop, year))):
            self._after_copy(done[0])

    def _after_copy(self, target: int | None) -> None:
        if target is None:
            self.notify(self.t("roadmap.last_year"), severity="warning")
            return
        self.draw()
        self.notify(self.t("roadmap.copied", year=target))

    def action_undo(self) -> None:
        self._replay(lambda: self.board.undo(self.coop_id), "roadmap.nothing_to_undo")

    def action_redo(self) -> None:
        self._replay(lambda: self.board.redo(self.coop_id), "roadmap.nothing_to_redo")

    def _replay(self, step: object, empty: str) -> None:
        done: list[Change | None] = []
        if self.wapp.commit(lambda: done.append(step())):  # type: ignore[operator]
            if done[0] is None:
                self.notify(self.t(empty))
            self.draw()

    # -- groups and plenary -----------------------------------------------------------------

    def cooperative_switched(self) -> None:
        self.draw()

    def action_plenary(self) -> None:
        self.app.push_screen(RoadmapPlenary())


class CellEditor(ModalScreen[str | None]):
    """A roadmap cell's targets, several lines. Every keystroke is saved as a draft."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("ctrl+s", "roadmap.save_cell", "save", priority=True),
        key("escape", "roadmap.cancel_cell", "cancel"),
    ]

    def __init__(
        self, title: str, text: str, typed: object, *, restored: bool, saved: str | None = None
    ) -> None:
        super().__init__(id="cell-editor")
        self.heading = title
        self.text = text
        self.typed = typed
        self.restored = restored
        self.saved = text if saved is None else saved  # the cell's text as stored
        self._discard_asked = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static(id="modal-title")
            yield TextArea(self.text, id="cell-text", soft_wrap=True, show_line_numbers=False)
            yield KeyBar()

    def on_mount(self) -> None:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        localize(self, app.t)
        heading = Text(self.heading, style="bold")
        if self.restored:
            heading.append(f"  {app.t('roadmap.restored')}", style="italic")
        self.query_one("#modal-title", Static).update(heading)
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)
        area.focus()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        self.typed(event.text_area.text)  # type: ignore[operator]

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        # Text the cell does not hold (typed now, or recovered after a crash) is thrown
        # away only on a second Escape: one slip must not lose a group's work.
        unsaved = self.query_one(TextArea).text != self.saved
        if unsaved and not self._discard_asked:
            self._discard_asked = True
            app: WorkshopApp = self.app  # type: ignore[assignment]
            self.notify(app.t("roadmap.discard_confirm"), severity="warning")
            return
        self.dismiss(None)


class TierPicker(_Modal):
    def __init__(self, plan: Plan, current: str | None, year: int) -> None:
        super().__init__(id="tier-picker")
        self.plan = plan
        self.current = current
        self.year = year

    def heading(self) -> str:
        return self.t("roadmap.choose_tier", year=self.year)

    def options(self) -> list[Option]:
        return [Option(tier.name, id=tier.id) for tier in self.plan.tiers]

    def initial_index(self, options: list[Option], selectable: list[int]) -> int:
        return next((i for i, o in enumerate(options) if o.id == self.current), 0)


class RoadmapPlenary(Screen[None]):
    """Ctrl+G: every cooperative's tier targets side by side, or one area across all."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("a", "roadmap.plenary_area", "next_view"),
        key("escape,ctrl+g", "plenary.close", "close"),
    ]

    def __init__(self) -> None:
        super().__init__(id="roadmap-plenary", name="plenary")
        self.view = -1  # -1: tiers; 0..n-1: an area

    @property
    def t(self) -> Translator:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        return app.t

    def compose(self) -> ComposeResult:
        yield Static(id="plenary-title")
        yield DataTable(id="plenary-grid", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        localize(self, self.t)
        self.draw()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.draw()  # the columns are sized to the screen

    def draw(self) -> None:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        session = app.session
        assert session is not None
        plan = session.plan
        board = session.roadmap
        t = self.t
        areas = plan.roadmap.areas
        title = t("roadmap.tier_row") if self.view < 0 else areas[self.view].name
        self.query_one("#plenary-title", Static).update(
            Text.assemble(
                (t("roadmap.plenary_title"), "bold"),
                f" · {title} ",
                (t("roadmap.plenary_hint"), "dim"),
            )
        )
        grid = self.query_one(DataTable)
        grid.clear(columns=True)
        years = plan.roadmap.years
        tiers = {tier.id: tier.name for tier in plan.tiers}
        cooperatives = [coop for _, coop in plan.cooperatives()]
        total = (self.size.width or 120) - grid.styles.scrollbar_size_vertical
        names = [coop.name for coop in cooperatives]
        if self.view < 0:  # short tier names: the cooperatives' names get the room
            tier_width = max((len(name) for name in tiers.values()), default=1) + 2  # " ⚠"
            name_width, width = plenary_widths(total, names, len(years), tier_width, total)
        else:
            name_width, width = plenary_widths(
                total, names, len(years), AREA_CELL_MIN, PLENARY_NAME_MAX
            )
        grid.add_column(t("roadmap.cooperative"), width=name_width)
        for year in years:
            grid.add_column(str(year), width=width)
        for coop in cooperatives:
            name = hanging(Text(""), [Text(coop.name, style="bold")], name_width)
            lines = len(name.split("\n"))
            if self.view < 0:
                drops = set(board.drops(coop.id))
                cells: list[Text] = []
                for year in years:
                    tier = board.tier(coop.id, year)
                    cell = Text(tiers.get(tier or "", "—"))
                    if year in drops:
                        cell.append(" ⚠", style="bold red")
                    cells.append(cell)
                grid.add_row(name, *cells, height=lines)
            else:
                area = areas[self.view].id
                height = max(2, lines)
                cells = [_clip(board.text(coop.id, area, y), width, height) for y in years]
                grid.add_row(name, *cells, height=height)

    def action_next_view(self) -> None:
        """Tiers, then each area in turn, then tiers again."""
        app: WorkshopApp = self.app  # type: ignore[assignment]
        assert app.session is not None
        count = len(app.session.plan.roadmap.areas)
        self.view = self.view + 1 if self.view + 1 < count else -1
        self.draw()

    def action_close(self) -> None:
        self.dismiss(None)
