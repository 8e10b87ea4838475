"""F4: strategies (TOWS matrix) citing the SWOT notes, optional IFAS/EFAS factor scoring,
and the cooperative's vision and mission — one tab each, for the group's cooperative."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.console import Group as RichGroup
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, Header, Input, Static, TabbedContent, TextArea
from textual.widgets.option_list import Option

from workshop_tui.domain.history import Change
from workshop_tui.domain.scoring import Band, Factor, Side, SideScore, figure
from workshop_tui.domain.state import FactorScore, MissionItem, Note, Profile, Strategy, TowsCell
from workshop_tui.domain.swot import label
from workshop_tui.domain.tows import CELL_QUADRANTS, CELLS, strategy_label
from workshop_tui.tui.keys import key
from workshop_tui.tui.screens.base import CooperativeScreen
from workshop_tui.tui.screens.board_pickers import _Modal
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.notes import QUADRANT_STYLE
from workshop_tui.tui.widgets.pinned_tabs import PinnedTabPane
from workshop_tui.tui.widgets.tows import (
    CELL_STYLE,
    CITE_EXAMPLE,
    POSTURE_STYLE,
    FactorTable,
    ItemInput,
    ItemList,
    Render,
    TowsPanel,
    ie_matrix,
    numbered_row,
    strategy_row,
)
from workshop_tui.workflows.strategy import MISSION_FIELD, StrategyBoard

SCREEN = "strategy"
TOWS, SCORING, VISION = "tows", "scoring", "vision"
PANE = "tab-"  # the tab panes' ids: tab-tows...
WIDE = 110
"""From this width the SWOT notes stand beside the TOWS matrix, and the scoring summary
beside the factor table."""


@dataclass(frozen=True)
class InputMode:
    """What Enter in an input does: add an item, or save the edit of `target`."""

    kind: str = "add"  # "add" | "edit"
    target: str | None = None


@dataclass(frozen=True)
class ScorePrompt:
    """The factor input below the table is asking for a weight or a rating."""

    kind: str  # "weight" | "rating"
    note_id: str


SCORE_KINDS = ("weight", "rating")
"""What a score prompt asks for; also the field of its draft ("strategy:<coop>:weight",
text as typed, note_id the factor), saved per keystroke so a crash loses none."""


class StrategyScreen(CooperativeScreen):
    CSS_PATH = "strategy.tcss"  # read when first shown (see app.tcss)
    # The key bar shows a screen's keys in this order, as many as fit: first those that
    # act on what is selected (each shown only where it applies), then the way around.
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        # On a selected strategy or mission statement:
        key("e", "strategy.edit", "edit"),
        key("delete,d", "strategy.delete", "delete"),
        key("m", "strategy.move_next", "move_next"),
        key("ctrl+up,K", "strategy.order_up", "reorder(-1)"),
        key("ctrl+down,J", "strategy.order_down", "reorder(1)", show=False),
        # On the factor table:
        key("w", "strategy.weight", "ask_weight"),
        key("r", "strategy.rating", "ask_rating"),
        key("1", "strategy.rating", "rate(1)", show=False),
        key("2", "strategy.rating", "rate(2)", show=False),
        key("3", "strategy.rating", "rate(3)", show=False),
        key("4", "strategy.rating", "rate(4)", show=False),
        key("b", "strategy.balance", "balance"),
        key("ctrl+z", "strategy.undo", "undo", priority=True),
        # In an input: Up selects the items above; Escape cancels an edit / goes back.
        key("up", "strategy.to_list", "to_list", show=False),
        key("escape", "strategy.back", "back", show=False),
        key("f4", "strategy.next_tab", "tab(1)"),
        key("shift+f4", "strategy.previous_tab", "tab(-1)", show=False),
        key("tab", "strategy.next_part", "part(1)", priority=True),
        key("shift+tab", "strategy.previous_part", "part(-1)", show=False, priority=True),
        key("pagedown", "strategy.next_group", "group(1)", priority=True),
        key("pageup", "strategy.previous_group", "group(-1)", show=False, priority=True),
        key("ctrl+n", "strategy.next_cooperative", "cooperative(1)"),
        key("f7", "strategy.choose", "choose"),
        key("ctrl+y", "strategy.redo", "redo", show=False, priority=True),
        key("ctrl+t", "strategy.trash", "trash"),
        key("ctrl+r", "strategy.reference", "toggle_reference"),
    ]

    def __init__(self) -> None:
        super().__init__(name=SCREEN, id="screen-strategy")
        self.tab = TOWS
        self.cell = TowsCell.SO
        self.modes: dict[str, InputMode] = {}
        self.prompt: ScorePrompt | None = None
        self.coop_id = ""
        self._loading = False
        self._reference_choice: bool | None = None  # None: by the terminal's width
        self._factors_fitted_to = 0  # the factor table's width its columns were fitted to

    @property
    def board(self) -> StrategyBoard:
        return self.session.strategy

    @property
    def scoring_enabled(self) -> bool:
        return self.session.plan.features.factor_scoring

    @property
    def tabs(self) -> list[str]:
        return [TOWS, SCORING, VISION] if self.scoring_enabled else [TOWS, VISION]

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        cursor = self.session.cursor(SCREEN)
        tab = str(cursor.get("tab", TOWS))
        yield Header()
        yield Static(id="strategy-title")
        with TabbedContent(id="strategy-tabs", initial=PANE + (tab if tab in self.tabs else TOWS)):
            with PinnedTabPane("TOWS", id=PANE + TOWS), Horizontal(id="tows-body"):
                with Grid(id="tows"):
                    for cell in CELLS:
                        yield TowsPanel(cell)
                with VerticalScroll(id="tows-reference"):
                    yield Static(id="reference-text")
            if self.scoring_enabled:
                with PinnedTabPane("IFAS/EFAS", id=PANE + SCORING):
                    yield Static(id="scoring-warning")
                    with Horizontal(id="scoring-body"):
                        with Vertical(id="factors-column"):
                            yield FactorTable(id="factors", cursor_type="row", zebra_stripes=True)
                            # Emptied for each prompt; one recovered after a crash goes on
                            # where it stood (a key must not replace it).
                            yield Input(
                                id="score-input", classes="item-input", select_on_focus=False
                            )
                        with VerticalScroll(id="scoring-summary"):
                            yield Static(id="summary-text")
            with PinnedTabPane("VISI", id=PANE + VISION), Vertical(id="vision-body"):
                yield Static(id="vision-title", classes="part-title")
                yield TextArea(id="vision", soft_wrap=True, show_line_numbers=False)
                yield Static(id="mission-title", classes="part-title")
                yield ItemList(MISSION_FIELD, id="mission", classes="strategies")
                yield ItemInput(MISSION_FIELD, id="mission-input")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        cursor = self.session.cursor(SCREEN)
        self.tab = str(cursor.get("tab", TOWS))
        if self.tab not in self.tabs:
            self.tab = TOWS
        self.cell = TowsCell(str(cursor.get("cell", TowsCell.SO.value)))
        self.show_cooperative(
            strategy=_str(cursor.get("strategy")),
            factor=_str(cursor.get("factor")),
            mission=_str(cursor.get("mission")),
        )
        self._apply_width()
        self._focus_tab(str(cursor.get("focus", "input")))
        if self.prompt is not None:
            self._resume_prompt(self.prompt)

    def on_screen_resume(self) -> None:
        # The SWOT board may have changed notes, or the cooperative, meanwhile.
        self.show_cooperative()

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width()

    def _apply_width(self) -> None:
        wide = self.size.width >= WIDE
        if self.has_class("-narrow") == wide:
            self.set_class(not wide, "-narrow")
            if self.coop_id and self.scoring_enabled:
                self._draw_summary()
        shown = self._reference_choice if self._reference_choice is not None else wide
        self.query_one("#tows-reference").display = shown

    # -- the parts --------------------------------------------------------------------------

    def item_list(self, field: str) -> ItemList:
        return self.query_one(
            "#mission" if field == MISSION_FIELD else f"#strategies-{field}", ItemList
        )

    def item_input(self, field: str) -> ItemInput:
        return self.query_one(
            "#mission-input" if field == MISSION_FIELD else f"#input-{field}", ItemInput
        )

    @property
    def vision_area(self) -> TextArea:
        return self.query_one("#vision", TextArea)

    @property
    def factor_table(self) -> FactorTable:
        return self.query_one("#factors", FactorTable)

    def _fields(self) -> list[str]:
        return [c.value for c in CELLS] + [MISSION_FIELD]

    def mode(self, field: str) -> InputMode:
        return self.modes.get(field, InputMode())

    # -- words ------------------------------------------------------------------------------

    def num(self, value: float, digits: int = 2) -> str:
        """A number the way the UI language writes it (decimal comma in Indonesian)."""
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.t.language == "id" else text

    def fig(self, value: float) -> str:
        """A weight, score or total of the factor table, exact (domain/scoring.py's
        `figure`, as in the exports): weight × rating = score as shown."""
        return figure(value, decimal_comma=self.t.language == "id")

    def refresh_words(self) -> None:
        t = self.t
        self.sub_title = t("screen.strategy")
        tabbed = self.query_one("#strategy-tabs", TabbedContent)
        for tab in self.tabs:
            tabbed.get_tab(PANE + tab).label = t(f"strategy.tab.{tab}")
        self.query_one("#vision-title", Static).update(
            Text.assemble((t("strategy.vision"), "bold"), "  ", (t("strategy.vision_hint"), "dim"))
        )
        # The factor table is rebuilt with its new headings, on the same row.
        factor = self._selected_factor() if self.scoring_enabled else None
        if self.coop_id:
            self.show_cooperative(factor=factor)

    # -- drawing ----------------------------------------------------------------------------

    def show_cooperative(
        self,
        strategy: str | None = None,
        factor: str | None = None,
        mission: str | None = None,
    ) -> None:
        """Draw the current cooperative's strategies, scores, vision and mission."""
        _, coop = self.session.current_cooperative
        if coop.id != self.coop_id and self.coop_id:
            self._flush_vision()
            self.board.end_vision_edit(self.coop_id)
        self.coop_id = coop.id
        self._loading = True
        try:
            for cell in CELLS:
                self._draw_cell(cell, strategy if cell is self.cell else None)
            self._draw_mission(mission)
            for field in self._fields():
                self._load_draft(field)
            vision = self.board.vision(self.coop_id)
            if self.vision_area.text != vision:
                self.vision_area.load_text(vision)
                self.vision_area.move_cursor(self.vision_area.document.end)
            if self.scoring_enabled:
                self._draw_scoring(factor)
            self._load_prompt()
        finally:
            self._loading = False
        self._draw_titles()
        self._draw_reference()

    def _load_draft(self, field: str) -> None:
        draft = self.board.draft(self.coop_id, field)
        target = draft.note_id if draft is not None else None
        exists = target is not None and (
            self.board.mission_item(self.coop_id, target)
            if field == MISSION_FIELD
            else self.board.strategy(self.coop_id, target)
        )
        self.modes[field] = InputMode("edit", target) if exists else InputMode()
        self.item_input(field).value = draft.text if draft else ""
        self._draw_placeholder(field)

    def _strategy_rows(self, cell: TowsCell) -> list[tuple[str, Render]]:
        deleted, uncited_word = self.t("strategy.deleted_flag"), self.t("strategy.uncited_flag")
        rows: list[tuple[str, Render]] = []
        for index, item in enumerate(self.board.strategies(self.coop_id, cell)):
            cited = self.board.cited(self.coop_id, item)
            text = self.board.text_of(self.coop_id, item)
            uncited = (self.board.uncited(self.coop_id, item), uncited_word)
            number = strategy_label(cell, index)
            row = strategy_row(number, CELL_STYLE[cell], text, cited, deleted, uncited)
            rows.append((item.id, row))
        return rows

    def _draw_cell(self, cell: TowsCell, selected: str | None = None) -> None:
        self.item_list(cell.value).show(self._strategy_rows(cell), selected)

    def _draw_mission(self, selected: str | None = None) -> None:
        rows: list[tuple[str, Render]] = [
            (item.id, numbered_row(n, item.text))
            for n, item in enumerate(self.board.mission(self.coop_id), start=1)
        ]
        self.item_list(MISSION_FIELD).show(rows, selected)

    def _draw_titles(self) -> None:
        t = self.t
        group, coop = self.session.current_cooperative
        position = next(i for i, c in enumerate(group.cooperatives, 1) if c.id == coop.id)
        self.query_one("#strategy-title", Static).update(
            Text.assemble(
                (group.name, "bold"),
                " · ",
                (coop.name, "bold reverse"),
                f" ({position}/{len(group.cooperatives)})",
                " · ",
                f"{t('swot.facilitator')}: {group.facilitator}",
            )
        )
        for cell in CELLS:
            count = self.item_list(cell.value).count
            self.query_one(f"#cell-{cell.value}").border_title = Text.assemble(
                (f"{cell.value} ", f"bold {CELL_STYLE[cell]}"),
                (f"({count}) ", "bold"),
                (t(f"strategy.cell.{cell.value}"), "bold"),
            )
            self.query_one(f"#cell-{cell.value}").set_class(
                cell is self.cell and self.tab == TOWS, "-current"
            )
        self.query_one("#mission-title", Static).update(
            Text.assemble(
                (t("strategy.mission"), "bold"),
                "  ",
                (t("strategy.mission_count", count=self.item_list(MISSION_FIELD).count), "dim"),
            )
        )

    def _draw_placeholder(self, field: str) -> None:
        t = self.t
        mode = self.mode(field)
        widget = self.item_input(field)
        widget.set_class(mode.kind == "edit", "-editing")
        if mode.kind == "edit" and mode.target:
            widget.placeholder = t("strategy.editing")
        elif field == MISSION_FIELD:
            widget.placeholder = t("strategy.type_mission")
        else:
            cell = TowsCell(field)
            widget.placeholder = t("strategy.type_strategy", cell=field, example=CITE_EXAMPLE[cell])

    def _draw_reference(self) -> None:
        """Beside the matrix: the SWOT notes the current cell draws on, the ones the
        selected strategy cites marked ▸, and its deleted citations flagged."""
        if not self.coop_id:
            return
        t = self.t
        cell = self.cell
        selected_id = _chosen(self.item_list(cell.value))
        selected = self.board.strategy(self.coop_id, selected_id) if selected_id else None
        cited = set(selected.cites) if selected else set()
        parts: list[Any] = [
            Text(t("strategy.reference_title", cell=cell.value), style="bold"),
            Text(t(f"strategy.cell_aim.{cell.value}"), style="italic"),
        ]

        def section(words: str, notes: list[Note], empty: str = "") -> None:
            parts.append(Text(""))
            parts.append(Text(words, style="bold underline"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1)
            if not notes and empty:
                grid.add_row("", Text(empty, style="dim italic"))
            for note in notes:
                mark = "▸" if note.id in cited else " "
                body = Text(note.text, style="bold" if note.id in cited else "")
                if note.deleted_at is not None:
                    body.stylize("strike")
                    body.append(f" {t('strategy.deleted_flag')}", style="bold red")
                style = f"bold {QUADRANT_STYLE[note.quadrant]}"
                grid.add_row(Text.assemble(mark, (f"{label(note):>3}", style)), body)
            parts.append(grid)

        reference = self.board.reference(self.coop_id, cell)
        for quadrant in CELL_QUADRANTS[cell]:
            notes = [n for n in reference if n.quadrant is quadrant]
            section(t(f"swot.quadrant.{quadrant.value}"), notes, t("strategy.no_notes"))
        if selected is not None:
            others = [
                n
                for n in self.board.cited(self.coop_id, selected)
                if n.deleted_at is not None or n.quadrant not in CELL_QUADRANTS[cell]
            ]
            if others:
                section(t("strategy.also_cited"), others)
        parts += [Text(""), Text(t("strategy.reference_hint"), style="dim")]
        self.query_one("#reference-text", Static).update(RichGroup(*parts))

    # -- factor scoring ---------------------------------------------------------------------

    def _draw_scoring(self, selected: str | None = None) -> None:
        t = self.t
        table = self.factor_table
        keep = selected or self._selected_factor()
        if selected is None and keep is not None and ":" in keep:
            keep = None  # a heading or total row: start on the first factor instead
        result = self.board.scoring(self.coop_id)
        rows: list[tuple[str, list[Text]]] = []
        for side in (result.internal, result.external):
            title = [
                Text(side.side.value, style="bold"),
                Text(t(f"strategy.side.{side.side.value}"), style="bold"),
            ]
            rows.append((f"side:{side.side.value}", [*title, Text(), Text(), Text()]))
            for factor in side.factors:
                rows.append((factor.note.id, self._factor_cells(factor)))
            total = [
                Text(),
                Text(t("strategy.total"), style="bold"),
                self._weight_sum_cell(side),
                Text(),
                Text(self.fig(side.total), style="bold", justify="right"),
            ]
            rows.append((f"total:{side.side.value}", total))
        headings = [
            "",
            t("strategy.col.factor"),
            t("strategy.col.weight"),
            t("strategy.col.rating"),
            t("strategy.col.score"),
        ]
        widths = [
            max(Text(heading).cell_len, *(cells[i].cell_len for _, cells in rows))
            for i, heading in enumerate(headings)
        ]
        widths[1] = self._factor_text_width(widths)
        for _, cells in rows:
            cells[1].truncate(widths[1], overflow="ellipsis")
        table.clear(columns=True)
        for heading, width in zip(headings, widths, strict=True):
            table.add_column(heading, width=width)
        for key_, cells in rows:
            table.add_row(*cells, key=key_)
        self._factors_fitted_to = table.size.width
        keys = [key_ for key_, _ in rows]
        if keep in keys:
            table.move_cursor(row=keys.index(keep), animate=False)
        else:
            first = next((i for i, k in enumerate(keys) if ":" not in k), 0)
            table.move_cursor(row=first, animate=False)
        self._draw_summary()

    def _factor_text_width(self, widths: list[int]) -> int:
        """What the label, weight, rating and score columns leave of the table's width:
        the numbers are never cut, the factor text is."""
        table = self.factor_table
        room = table.size.width - table.styles.scrollbar_size_vertical  # kept for it
        if room <= 0:
            return 40  # not laid out yet (a hidden tab): fitted once it has a width
        padding = 2 * table.cell_padding
        others = sum(width + padding for i, width in enumerate(widths) if i != 1)
        return max(8, room - others - padding)

    @on(FactorTable.Resized)
    def _factor_table_resized(self) -> None:
        if self.coop_id and self.factor_table.size.width != self._factors_fitted_to:
            self._draw_scoring()

    def _factor_cells(self, factor: Factor) -> list[Text]:
        note = factor.note
        if factor.rating is None:
            rating = Text("–", style="dim")
        elif factor.reversed:
            rating = Text(f"{factor.rating} → {factor.rating_used}")
        else:
            rating = Text(str(factor.rating))
        rating.justify = "center"
        if factor.score is None:  # not rated: no score (not a score of 0)
            score = Text("–", style="dim", justify="right")
        else:
            score = Text(self.fig(factor.score), style="bold" if factor.score else "dim")
            score.justify = "right"
        return [
            Text(label(note), style=f"bold {QUADRANT_STYLE[note.quadrant]}"),
            Text(note.text),
            Text(self.fig(factor.weight), style="" if factor.scored else "dim", justify="right"),
            rating,
            score,
        ]

    def _weight_sum_cell(self, side: SideScore) -> Text:
        if side.balanced:
            return Text(f"{self.fig(side.weight_sum)} ✓", style="bold green", justify="right")
        return Text(f"{self.fig(side.weight_sum)} ⚠", style="bold reverse red", justify="right")

    def _weight_sum_words(self, side: SideScore) -> Text:
        """'bobot 0,35 ≠ 1 ⚠' / 'bobot 1,00 ✓': the weight sum, named, for the summary."""
        words = self.t("strategy.weight_sum", sum=self.fig(side.weight_sum))
        if side.balanced:
            return Text(f"{words} ✓", style="bold green")
        return Text(f"{words} ≠ 1 ⚠", style="bold reverse red")

    def _draw_summary(self) -> None:
        t = self.t
        result = self.board.scoring(self.coop_id)
        warning = self.query_one("#scoring-warning", Static)
        sides = (result.internal, result.external)
        problems = []
        if not result.internal.factors and not result.external.factors:
            problems.append(t("strategy.no_factors"))
        else:
            off = [
                f"{side.side.value} {self.fig(side.weight_sum)}"
                for side in sides
                if not side.balanced
            ]
            if off:
                problems.append(t("strategy.weights_off", sides=" · ".join(off)))
            unrated = [f"{side.side.value} {len(side.unrated)}" for side in sides if side.unrated]
            if unrated:
                problems.append(t("strategy.unrated_off", sides=" · ".join(unrated)))
        warning.update(Text("⚠ " + "  ".join(problems)) if problems else "")
        warning.display = bool(problems)
        narrow = self.has_class("-narrow")
        lines = Text()
        for side in sides:
            # A side with no rated, weighted factor has no total yet ("0.00 · weak" would
            # read as a verdict on the cooperative).
            scored = any(f.rated and f.weight > 0 for f in side.factors)
            band_word = (
                t(f"strategy.band.{side.side.value}.{side.band.value}")
                if scored
                else t("strategy.not_scored")
            )
            total = self.fig(side.total) if scored else "–"
            if narrow:  # both sides on one line, weight sums and unrated in the warning
                lines.append(f"{side.side.value} {total} ", style="bold")
                lines.append(band_word + (" · " if side.side is Side.INTERNAL else "\n"))
                continue
            lines.append(f"{side.side.value} ", style="bold")
            lines.append(t("strategy.total_line", total=total), style="bold")
            lines.append(f" · {band_word}\n")
            lines.append(" " * (len(side.side.value) + 1))
            lines.append_text(self._weight_sum_words(side))
            if side.unrated:
                lines.append(" · ")
                lines.append(t("strategy.unrated", count=len(side.unrated)), style="bold red")
            lines.append("\n")
        cell = result.cell
        # Placed once both sides have a rated factor with weight (an unscored board is
        # not "cell IX").
        has_factors = all(any(f.rated and f.weight > 0 for f in side.factors) for side in sides)
        lines.append(t("strategy.ie_cell") + " ", style="bold")
        if has_factors:
            lines.append(f"{cell.roman}", style="bold reverse")
            lines.append(" ")
            lines.append(
                t(f"strategy.posture.{cell.posture.value}"),
                style=f"bold {POSTURE_STYLE[cell.posture]}",
            )
            if not result.balanced:
                lines.append(f" ({t('strategy.provisional')})", style="italic")
            elif not result.settled:
                lines.append(f" ({t('strategy.provisional_unrated')})", style="italic")
        else:
            lines.append("–")
        summary = self.query_one("#summary-text", Static)
        if narrow:
            summary.update(lines)  # no room for the matrix drawing
            return
        ifas = tuple(t(f"strategy.band.IFAS.{b.value}") for b in Band)
        efas = tuple(t(f"strategy.band.EFAS.{b.value}") for b in Band)
        matrix = ie_matrix(
            cell if has_factors else None,
            (ifas[0], ifas[1], ifas[2]),
            (efas[0], efas[1], efas[2]),
            "EFAS↓  IFAS→",
        )
        summary.update(RichGroup(lines, Text(""), matrix))

    def _selected_factor(self) -> str | None:
        table = self.factor_table
        if not table.row_count:
            return None
        try:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except Exception:
            return None
        return str(row_key.value)

    def _selected_note(self) -> Note | None:
        key_ = self._selected_factor()
        if key_ is None or ":" in key_:
            return None
        note = self.session.state.cooperative(self.coop_id).get(Note, key_)
        return note if note is not None and note.deleted_at is None else None

    def _draw_prompt(self) -> None:
        if not self.scoring_enabled:
            return
        t = self.t
        widget = self.query_one("#score-input", Input)
        prompt = self.prompt
        note = (
            self.session.state.cooperative(self.coop_id).get(Note, prompt.note_id)
            if prompt
            else None
        )
        widget.set_class(prompt is not None, "-editing")
        if prompt is None or note is None:
            widget.placeholder = t("strategy.score_hint")
            widget.disabled = True
            return
        widget.disabled = False
        score = self.board.factor_score(self.coop_id, note.id)
        rating = score.rating if score is not None else None
        if prompt.kind == "weight":
            widget.placeholder = t(
                "strategy.weight_prompt",
                label=label(note),
                weight=self.fig(score.weight if score else 0.0),
            )
        else:
            widget.placeholder = t(
                "strategy.rating_prompt",
                label=label(note),
                rating="–" if rating is None else rating,
            )

    # -- cursor -----------------------------------------------------------------------------

    def _save_cursor(self) -> None:
        if not self.coop_id or not self.is_mounted:
            return
        focused = self.focused
        if isinstance(focused, ItemList):
            focus = "list"
        elif isinstance(focused, TextArea):
            focus = "vision"
        elif isinstance(focused, ItemInput) and focused.field == MISSION_FIELD:
            focus = "mission"
        else:
            focus = "input"
        cursor: dict[str, object] = {
            "tab": self.tab,
            "cell": self.cell.value,
            "strategy": _chosen(self.item_list(self.cell.value)),
            "mission": _chosen(self.item_list(MISSION_FIELD)),
            "focus": focus,
        }
        if self.scoring_enabled:
            cursor["factor"] = self._selected_factor()
        if cursor != {k: self.session.cursor(SCREEN).get(k) for k in cursor}:
            self.wapp.commit(lambda: self.session.set_cursor(SCREEN, **cursor))

    # -- focus and tabs ---------------------------------------------------------------------

    def _focus_tab(self, focus: str = "input") -> None:
        """Focus the natural widget of the current tab."""
        tabbed = self.query_one("#strategy-tabs", TabbedContent)
        if tabbed.active != PANE + self.tab:
            tabbed.active = PANE + self.tab
        if self.tab == TOWS:
            lst = self.item_list(self.cell.value)
            if focus == "list" and lst.count:  # (options may not be drawn yet)
                lst.focus()
            else:
                self.item_input(self.cell.value).focus()
        elif self.tab == SCORING:
            if self.prompt is not None:  # a weight or rating being typed: ready to go on
                self.query_one("#score-input", Input).focus()
            else:
                self.factor_table.focus()
        elif focus == "list" and self.item_list(MISSION_FIELD).count:
            self.item_list(MISSION_FIELD).focus()
        elif focus == "mission":
            self.item_input(MISSION_FIELD).focus()
        else:
            self.vision_area.focus()
        self._draw_titles()
        self.refresh_bindings()

    @on(TabbedContent.TabActivated, "#strategy-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # Showing a tab from a key (F4) posts this too, later: by then another key may have
        # shown another tab. Only the tab still active counts (else the two tabs would
        # hand over to each other for ever).
        if event.pane.id != event.tabbed_content.active:
            return
        pane = (event.pane.id or PANE + TOWS).removeprefix(PANE)
        if pane == self.tab:
            return
        if self.tab == VISION:
            self._leave_vision()
        self.tab = pane
        self._focus_tab()
        self._save_cursor()

    def action_tab(self, step: int) -> None:
        tabs = self.tabs
        if self.tab == VISION:
            self._leave_vision()
        self.tab = tabs[(tabs.index(self.tab) + step) % len(tabs)]
        self._focus_tab()
        self._save_cursor()

    def action_part(self, step: int) -> None:
        """Tab: next TOWS cell; on the vision tab, between the vision and the mission."""
        # Focused now, not later (`Widget.focus` waits its turn behind the keys already
        # typed): Tab is a priority key, run as it arrives, and the letters typed after it
        # in a burst are handed to the part focused then, i.e. the next one.
        if self.tab == TOWS:
            index = CELLS.index(self.cell)
            # Focusing it makes it the current cell (see _focus_moved).
            self.set_focus(self.item_input(CELLS[(index + step) % len(CELLS)].value))
        elif self.tab == VISION:
            if isinstance(self.focused, TextArea):
                self.set_focus(self.item_input(MISSION_FIELD))
            else:
                self.set_focus(self.vision_area)
        else:
            self._end_prompt()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        widget: Widget = event.widget
        cell = getattr(widget, "cell", None)
        if isinstance(cell, TowsCell) and cell is not self.cell:
            self.cell = cell
            self._draw_titles()
            self._draw_reference()
        self._save_cursor()

    @on(events.DescendantBlur, "#vision")
    def _vision_left(self) -> None:
        self._leave_vision()

    def _leave_vision(self) -> None:
        self._flush_vision()
        if self.coop_id:
            self.board.end_vision_edit(self.coop_id)

    def to_input(self, field: str) -> None:
        self.item_input(field).focus()

    def action_to_list(self) -> None:
        focused = self.focused
        if not isinstance(focused, ItemInput):
            return
        items = self.item_list(focused.field)
        if items.option_count:
            if items.highlighted is None:
                items.highlighted = items.option_count - 1
            items.focus()
        elif focused.field == MISSION_FIELD:
            self.vision_area.focus()

    def action_back(self) -> None:
        """Escape: in an input, cancel an edit (or a score prompt); in a list, back to typing."""
        focused = self.focused
        if isinstance(focused, ItemList):
            self.to_input(focused.field)
        elif isinstance(focused, ItemInput) and self.mode(focused.field).kind == "edit":
            field = focused.field
            self.modes[field] = InputMode()
            self._set_input(field, "")
            self.wapp.commit(lambda: self.board.set_draft(self.coop_id, field, ""))
            self._draw_placeholder(field)
        elif focused is not None and focused.id == "score-input":
            self._end_prompt()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted or not self.coop_id:
            return True
        focused = self.focused
        if action in ("edit", "delete", "reorder"):
            return isinstance(focused, ItemList)
        if action == "move_next":
            return isinstance(focused, ItemList) and focused.cell is not None
        if action in ("ask_weight", "ask_rating", "rate", "balance"):
            return self.tab == SCORING and isinstance(focused, DataTable)
        if action == "toggle_reference":
            return self.tab == TOWS
        if action == "to_list":
            return isinstance(focused, ItemInput)
        if action == "back":
            return isinstance(focused, ItemList | ItemInput | Input)
        return True

    # -- typing strategies and mission statements -------------------------------------------

    def _set_input(self, field: str, value: str) -> None:
        self._loading = True
        try:
            widget = self.item_input(field)
            widget.value = value
            widget.cursor_position = len(value)
        finally:
            self._loading = False

    @on(Input.Changed, ".item-input")
    def _typed(self, event: Input.Changed) -> None:
        if self._loading or not isinstance(event.input, ItemInput):
            return
        field = event.input.field
        target = self.mode(field).target
        # The input's value now, not the event's: a redraw may have replaced it since.
        coop, value = self.coop_id, event.input.value
        self.wapp.commit(lambda: self.board.set_draft(coop, field, value, target))

    @on(Input.Submitted, "ItemInput")
    def _submitted(self, event: Input.Submitted) -> None:
        assert isinstance(event.input, ItemInput)
        field = event.input.field
        mode = self.mode(field)
        coop, text = self.coop_id, event.value
        # Keys typed after Enter (in the same burst) are in the input now, after the text
        # submitted unless the input emptied itself on Enter: they begin the next entry.
        now = event.input.value
        if isinstance(event, ItemInput.Submitted) and event.cleared:
            typed_after = now
            # Refused (a label naming no note...): the text goes back in front of them.
            self._set_input(field, text + now)
        else:
            typed_after = now[len(text) :] if now.startswith(text) else ""
        # After an edit the cursor goes to the list, if it is still in the input: a key
        # typed after Enter in the same burst (Tab...) may have taken it elsewhere.
        stayed = self.focused is event.input
        if field == MISSION_FIELD:
            self._submit_mission(mode, coop, text, typed_after, stayed)
            return
        cell = TowsCell(field)
        results: list[Any] = []
        if mode.kind == "edit" and mode.target:
            target = mode.target
            done = self.wapp.commit(lambda: results.append(self.board.edit(coop, target, text)))
        else:
            done = self.wapp.commit(lambda: results.append(self.board.add(coop, cell, text)))
        if not done:
            return
        saved = results[0]
        if saved.unknown:
            # Not saved: the text stays in the input (and its draft) to be put right.
            self.notify(
                self.t("strategy.unknown_labels", labels=", ".join(saved.unknown)),
                severity="warning",
            )
            return
        if saved.strategy is None:
            return
        self.modes[field] = InputMode()
        self._set_input(field, typed_after)
        self._draw_placeholder(field)
        self._draw_cell(cell, saved.strategy.id)
        self._draw_titles()
        self._draw_reference()
        if mode.kind == "edit" and not typed_after and stayed:
            self.item_list(field).focus()

    def _submit_mission(
        self, mode: InputMode, coop: str, text: str, typed_after: str, stayed: bool = True
    ) -> None:
        results: list[MissionItem | None] = []
        if mode.kind == "edit" and mode.target:
            target = mode.target
            done = self.wapp.commit(
                lambda: results.append(self.board.edit_mission(coop, target, text))
            )
        else:
            done = self.wapp.commit(lambda: results.append(self.board.add_mission(coop, text)))
        if not done or results[0] is None:
            return
        self.modes[MISSION_FIELD] = InputMode()
        self._set_input(MISSION_FIELD, typed_after)
        self._draw_placeholder(MISSION_FIELD)
        self._draw_mission(results[0].id)
        self._draw_titles()
        if mode.kind == "edit" and not typed_after and stayed:
            self.item_list(MISSION_FIELD).focus()

    # -- the vision ---------------------------------------------------------------------------

    @on(TextArea.Changed, "#vision")
    def _vision_typed(self, event: TextArea.Changed) -> None:
        self._flush_vision()

    def _flush_vision(self) -> None:
        """Commit the vision as it stands in the editor (every change: nothing typed is
        lost in a crash). The editor's *current* text is compared, never a stale one."""
        if not self.coop_id or self._loading:
            return
        text = self.vision_area.text
        coop = self.coop_id
        if text != self.board.vision(coop):
            self.wapp.commit(lambda: self.board.set_vision(coop, text))

    # -- actions on a selected strategy or mission statement ---------------------------------

    def _selected(self) -> tuple[str, str] | None:
        """(field, id) of the item selected in the focused list."""
        focused = self.focused
        if isinstance(focused, ItemList) and focused.selected_id:
            return focused.field, focused.selected_id
        return None

    def action_edit(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        field, item_id = selected
        if field == MISSION_FIELD:
            item = self.board.mission_item(self.coop_id, item_id)
            text = item.text if item else ""
        else:
            strategy = self.board.strategy(self.coop_id, item_id)
            text = self.board.text_of(self.coop_id, strategy) if strategy else ""
        if not text:
            return
        self.modes[field] = InputMode("edit", item_id)
        widget = self.item_input(field)
        widget.value = text  # the change handler saves it as the draft of the edit
        widget.cursor_position = len(text)
        self._draw_placeholder(field)
        widget.focus()

    def action_delete(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        field, item_id = selected
        coop = self.coop_id
        if field == MISSION_FIELD:
            if self.wapp.commit(lambda: self.board.delete_mission(coop, item_id)):
                self._draw_mission()
                self.notify(self.t("strategy.deleted_mission"))
        else:
            if self.wapp.commit(lambda: self.board.delete(coop, item_id)):
                self._draw_cell(TowsCell(field))
                self.notify(self.t("strategy.deleted_strategy"))
        self._after_list_change(field)

    def _after_list_change(self, field: str) -> None:
        self._draw_titles()
        self._draw_reference()
        if not self.item_list(field).option_count:
            self.to_input(field)
        self._save_cursor()

    def action_move_next(self) -> None:
        selected = self._selected()
        if selected is None or selected[0] == MISSION_FIELD:
            return
        field, item_id = selected
        target = CELLS[(CELLS.index(TowsCell(field)) + 1) % len(CELLS)]
        if self.wapp.commit(lambda: self.board.move(self.coop_id, item_id, target)):
            self._draw_cell(TowsCell(field))
            self._draw_cell(target, item_id)
            self.cell = target
            self.item_list(target.value).focus()
            self._draw_titles()
            self._draw_reference()

    def action_reorder(self, step: int) -> None:
        selected = self._selected()
        if selected is None:
            return
        field, item_id = selected
        coop = self.coop_id
        if field == MISSION_FIELD:
            if self.wapp.commit(lambda: self.board.reorder_mission(coop, item_id, step)):
                self._draw_mission(item_id)
        elif self.wapp.commit(lambda: self.board.reorder(coop, item_id, step)):
            self._draw_cell(TowsCell(field), item_id)

    @on(ItemList.OptionHighlighted)
    def _highlighted(self, event: ItemList.OptionHighlighted) -> None:
        if isinstance(event.option_list, ItemList) and event.option_list.has_focus:
            if event.option_list.cell is not None:
                self._draw_reference()
            self._save_cursor()

    def action_toggle_reference(self) -> None:
        panel = self.query_one("#tows-reference")
        self._reference_choice = not panel.display
        self._apply_width()

    # -- factor scoring actions -------------------------------------------------------------

    @on(DataTable.RowSelected, "#factors")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.action_ask_weight()

    @on(DataTable.RowHighlighted, "#factors")
    def _row_moved(self, event: DataTable.RowHighlighted) -> None:
        if not self._loading and event.data_table.has_focus:
            self._save_cursor()

    def action_ask_weight(self) -> None:
        self._ask("weight")

    def action_ask_rating(self) -> None:
        self._ask("rating")

    def _ask(self, kind: str) -> None:
        note = self._selected_note()
        if note is None:
            return
        if self.prompt is not None:
            self._drop_prompt_draft(self.prompt)
        self.prompt = ScorePrompt(kind, note.id)
        self._draw_prompt()
        widget = self.query_one("#score-input", Input)
        widget.value = ""
        widget.focus()

    def _end_prompt(self) -> None:
        if self.prompt is not None:
            self._drop_prompt_draft(self.prompt)
        self.prompt = None
        widget = self.query_one("#score-input", Input)
        widget.value = ""
        self._draw_prompt()
        self.factor_table.focus()

    def _drop_prompt_draft(self, prompt: ScorePrompt) -> None:
        coop = self.coop_id
        self.wapp.commit(lambda: self.board.set_draft(coop, prompt.kind, ""))

    @on(Input.Changed, "#score-input")
    def _score_changed(self, event: Input.Changed) -> None:
        """Every keystroke of a weight or rating is saved as a draft of this cooperative."""
        prompt = self.prompt
        if prompt is None:
            return
        coop, text = self.coop_id, event.value
        self.wapp.commit(lambda: self.board.set_draft(coop, prompt.kind, text, prompt.note_id))

    def _load_prompt(self) -> None:
        """The weight or rating this cooperative had in the prompt (its draft), if any."""
        self.prompt = None
        if not self.scoring_enabled:
            return
        text = ""
        for kind in SCORE_KINDS:
            draft = self.board.draft(self.coop_id, kind)
            if draft is None or not draft.text or draft.note_id is None:
                continue
            note = self.session.state.cooperative(self.coop_id).get(Note, draft.note_id)
            if note is not None and note.deleted_at is None:
                self.prompt = ScorePrompt(kind, note.id)
                text = draft.text
                break
        widget = self.query_one("#score-input", Input)
        if widget.value != text:
            widget.value = text
            widget.cursor_position = len(text)
        self._draw_prompt()

    def _resume_prompt(self, prompt: ScorePrompt) -> None:
        """After a crash mid-weight on the factor tab: its row, and the prompt with what was
        typed, focused (on another tab, the prompt waits there with its text)."""
        if self.tab != SCORING:
            return
        table = self.factor_table
        if prompt.note_id in table.rows:
            table.move_cursor(row=table.get_row_index(prompt.note_id))
        note = self.session.state.cooperative(self.coop_id).get(Note, prompt.note_id)
        if note is not None:
            self.notify(self.t("strategy.score_restored", label=label(note)))

    @on(Input.Submitted, "#score-input")
    def _score_typed(self, event: Input.Submitted) -> None:
        from workshop_tui.domain.scoring import parse_rating, parse_weight

        prompt = self.prompt
        if prompt is None:
            return
        coop, note_id = self.coop_id, prompt.note_id
        if prompt.kind == "weight":
            weight = parse_weight(event.value)
            if weight is None:
                self.notify(self.t("strategy.weight_invalid"), severity="warning")
                return
            done = self.wapp.commit(lambda: self.board.set_weight(coop, note_id, weight))
        else:
            rating = parse_rating(event.value)
            if rating is None:
                self.notify(self.t("strategy.rating_invalid"), severity="warning")
                return
            done = self.wapp.commit(lambda: self.board.set_rating(coop, note_id, rating))
        if done:
            self._draw_scoring(note_id)
            self._end_prompt()

    def action_rate(self, rating: int) -> None:
        note = self._selected_note()
        if note is None:
            return
        coop = self.coop_id
        if self.wapp.commit(lambda: self.board.set_rating(coop, note.id, rating)):
            self._draw_scoring(note.id)

    def action_balance(self) -> None:
        note = self._selected_note()
        key_ = self._selected_factor() or ""
        if note is not None:
            from workshop_tui.domain.scoring import side_of

            side = side_of(note.quadrant)
        elif ":" in key_:
            side = Side(key_.split(":", 1)[1])
        else:
            return
        coop = self.coop_id
        done: list[bool] = []
        if self.wapp.commit(lambda: done.append(self.board.balance(coop, side))) and done[0]:
            self._draw_scoring(key_)
            self.notify(self.t("strategy.balanced", side=side.value))

    # -- undo, trash, cooperatives ----------------------------------------------------------

    def action_undo(self) -> None:
        self._replay(lambda: self.board.undo(self.coop_id), "strategy.nothing_to_undo")

    def action_redo(self) -> None:
        self._replay(lambda: self.board.redo(self.coop_id), "strategy.nothing_to_redo")

    def _replay(self, step: Callable[[], Change | None], empty_message: str) -> None:
        self._flush_vision()
        done: list[Change | None] = []
        if not self.wapp.commit(lambda: done.append(step())):
            return
        change = done[0]
        if change is None:
            self.notify(self.t(empty_message))
            return
        touched = change.touched
        strategies = [e for e in touched if isinstance(e, Strategy)]
        scores = [e for e in touched if isinstance(e, FactorScore)]
        missions = [e for e in touched if isinstance(e, MissionItem)]
        # Show the tab where the change happened, with the item it touched selected.
        if strategies:
            live = [s for s in strategies if s.deleted_at is None]
            self.tab = TOWS
            self.cell = (live or strategies)[-1].cell
            self.show_cooperative(strategy=live[-1].id if live else None)
        elif scores and self.scoring_enabled:
            self.tab = SCORING
            self.show_cooperative(factor=scores[-1].id)
        elif missions or any(isinstance(e, Profile) for e in touched):
            live_missions = [m for m in missions if m.deleted_at is None]
            self.tab = VISION
            self.show_cooperative(mission=live_missions[-1].id if live_missions else None)
        else:
            self.show_cooperative()
        self._focus_tab("list" if (strategies or missions) else "input")

    def action_trash(self) -> None:
        coop = self.coop_id

        def restored(item_id: str | None) -> None:
            if not item_id:
                return
            if self.board.strategy(coop, item_id) is not None:
                if self.wapp.commit(lambda: self.board.restore(coop, item_id)):
                    strategy = self.board.strategy(coop, item_id)
                    assert strategy is not None
                    self.tab, self.cell = TOWS, strategy.cell
                    self.show_cooperative(strategy=item_id)
                    self._focus_tab("list")
            elif self.wapp.commit(lambda: self.board.restore_mission(coop, item_id)):
                self.tab = VISION
                self.show_cooperative(mission=item_id)
                self._focus_tab("list")

        self.app.push_screen(
            StrategyTrash(self.board.trash(coop), self.board.mission_trash(coop)), restored
        )

    def before_switching(self) -> None:
        self._flush_vision()

    def cooperative_switched(self) -> None:
        self._switched()

    def _switched(self) -> None:
        focus = "vision" if isinstance(self.focused, TextArea) else "input"
        self.show_cooperative()
        self._focus_tab(focus)
        self._save_cursor()


class StrategyTrash(_Modal):
    """Ctrl+T: deleted strategies and mission statements of this cooperative; Enter restores."""

    def __init__(self, strategies: list[Strategy], mission: list[MissionItem]) -> None:
        super().__init__(id="strategy-trash")
        self.strategies = strategies
        self.mission = mission

    def heading(self) -> str:
        return self.t("strategy.trash_title", count=len(self.strategies) + len(self.mission))

    def options(self) -> list[Option]:
        if not self.strategies and not self.mission:
            return [Option(Text(self.t("swot.trash_empty"), style="italic"), disabled=True)]
        options = []
        for strategy in self.strategies:
            prompt = Text.assemble(
                (f"{strategy.cell.value:>4} ", f"bold {CELL_STYLE[strategy.cell]}"),
                strategy.text,
                (f"  ({_when(strategy.deleted_at)})", "dim"),
            )
            options.append(Option(prompt, id=strategy.id))
        for item in self.mission:
            prompt = Text.assemble(
                (f"{self.t('strategy.mission_short'):>4} ", "bold"),
                item.text,
                (f"  ({_when(item.deleted_at)})", "dim"),
            )
            options.append(Option(prompt, id=item.id))
        return options


def _when(at: Any) -> str:
    return at.astimezone().strftime("%H:%M") if at is not None else ""


def _chosen(items: ItemList) -> str | None:
    """The item selected in a list, or the one to select once it is drawn (hidden)."""
    return items.selected_id or items._pending


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
