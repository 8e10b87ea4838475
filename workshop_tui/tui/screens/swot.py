"""F3: the SWOT board of one cooperative, captured from the keyboard, live on the projector."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widget import Widget
from textual.widgets import Header, Input, OptionList, Static

from workshop_tui.domain.history import Change
from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.domain.swot import INTERNAL, NEIGHBOUR, QUADRANTS, label, parse_tally
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.screens.base import CooperativeScreen
from workshop_tui.tui.screens.board_pickers import PlenaryScreen, TrashScreen
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.notes import NoteInput, NoteList, QuadrantPanel
from workshop_tui.workflows.swot import SwotBoard

SCREEN = "swot"


@dataclass(frozen=True)
class InputMode:
    """What Enter in a quadrant's input does: add a note, save an edit, or set a tally."""

    kind: str = "add"  # "add" | "edit" | "tally"
    note_id: str | None = None


class SwotScreen(CooperativeScreen):
    CSS_PATH = "swot.tcss"  # read when first shown (see app.tcss)
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("tab", "swot.next_quadrant", "quadrant(1)", priority=True),
        key("shift+tab", "swot.previous_quadrant", "quadrant(-1)", show=False, priority=True),
        key("pagedown", "swot.next_group", "group(1)", priority=True),
        key("pageup", "swot.previous_group", "group(-1)", show=False, priority=True),
        key("ctrl+n", "swot.next_cooperative", "cooperative(1)"),
        key("f7", "swot.choose", "choose"),
        key("ctrl+z", "swot.undo", "undo", priority=True),
        key("ctrl+y", "swot.redo", "redo", show=False, priority=True),
        key("ctrl+g", "swot.plenary", "plenary"),
        key("ctrl+o", "swot.focus_mode", "focus_mode"),
        key("ctrl+t", "swot.trash", "trash"),
        # In focus mode only (so help lists it). The input's and the notes' own Esc come
        # first (cancel an edit or a tally, back to typing); the input's, with nothing of
        # its own to do, leaves the focus mode too (see `action_cancel_input`).
        key("escape", "swot.leave_focus", "leave_focus_mode", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(name=SCREEN, id="screen-swot")
        self.quadrant = Quadrant.STRENGTH
        self.modes: dict[Quadrant, InputMode] = dict.fromkeys(QUADRANTS, InputMode())
        self.coop_id = ""
        self._loading = False

    @property
    def board(self) -> SwotBoard:
        return self.session.swot

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="board-title")
        with Grid(id="board"):
            for quadrant in QUADRANTS:
                yield QuadrantPanel(quadrant)
        yield KeyBar()

    def on_mount(self) -> None:
        for widget in [*self.query(NoteList), *self.query(NoteInput)]:
            localize(widget, self.t)
        super().on_mount()
        cursor = self.session.cursor(SCREEN)
        self.quadrant = Quadrant(str(cursor.get("quadrant", Quadrant.STRENGTH.value)))
        self.show_board(selected=cursor.get("note"))  # type: ignore[arg-type]
        if cursor.get("focus") == "notes" and self.note_list(self.quadrant)._notes:
            self.note_list(self.quadrant).focus()
        else:
            self.input(self.quadrant).focus()

    def on_screen_resume(self) -> None:
        if self.session.current_cooperative[1].id != self.coop_id:  # switched on F4, F5…
            self._open_on_strengths()

    def _language_changed(self) -> None:
        for widget in [*self.query(NoteList), *self.query(NoteInput)]:
            localize(widget, self.t)
        super()._language_changed()

    # -- the parts --------------------------------------------------------------------------

    def note_list(self, quadrant: Quadrant) -> NoteList:
        return self.query_one(f"#notes-{quadrant.value}", NoteList)

    def input(self, quadrant: Quadrant) -> NoteInput:
        return self.query_one(f"#input-{quadrant.value}", NoteInput)

    def selected_note(self) -> Note | None:
        note_id = self.note_list(self.quadrant).selected_id
        return self.board.note(self.coop_id, note_id) if note_id else None

    # -- drawing ----------------------------------------------------------------------------

    def refresh_words(self) -> None:
        t = self.t
        self.sub_title = t("screen.swot")
        if self.coop_id:
            self._draw_titles()
            for quadrant in QUADRANTS:
                self._draw_placeholder(quadrant)

    def show_board(self, selected: str | None = None) -> None:
        """Draw the current cooperative's board: notes, counts, drafts."""
        _, coop = self.session.current_cooperative
        self.coop_id = coop.id
        self._loading = True
        try:
            for quadrant in QUADRANTS:
                notes = self.board.notes(self.coop_id, quadrant)
                self.note_list(quadrant).show_notes(
                    notes, selected if quadrant is self.quadrant else None
                )
                edit = self.board.edit_draft(self.coop_id, quadrant)
                if edit is not None and self.board.note(self.coop_id, edit.note_id or ""):
                    # An edit was under way (a crash, a quit): it comes back as it was.
                    self.modes[quadrant] = InputMode("edit", edit.note_id)
                    self.input(quadrant).value = edit.text
                else:
                    self.modes[quadrant] = InputMode()
                    self.input(quadrant).value = self._new_note_text(quadrant)
                self._draw_placeholder(quadrant)
        finally:
            self._loading = False
        self._draw_titles()

    def on_resize(self) -> None:
        if self.is_mounted and self.wapp.session is not None:
            self.call_after_refresh(self._draw_titles)  # the quadrants' widths are new

    def _draw_titles(self) -> None:
        t = self.t
        group, coop = self.session.current_cooperative
        position = next(i for i, c in enumerate(group.cooperatives, 1) if c.id == coop.id)
        title = Text.assemble(
            (f"{group.name}", "bold"),
            " · ",
            (coop.name, "bold reverse"),
            f" ({position}/{len(group.cooperatives)})",
            " · ",
            f"{t('swot.facilitator')}: {group.facilitator}",
        )
        self.query_one("#board-title", Static).update(title)
        for quadrant in QUADRANTS:
            count = len(self.note_list(quadrant)._notes)
            side = t("swot.internal") if quadrant in INTERNAL else t("swot.external")
            heading = self.query_one(f"#title-{quadrant.value}", Static)
            text = Text.assemble(
                (f"{t(f'swot.quadrant.{quadrant.value}')} ({quadrant.value})", "bold"),
                " · ",
                (t("swot.count", count=count), "bold"),
            )
            # The side only where it fits (English at 80 columns: "Opportunities (O) ·
            # 4 notes ·" was cut); the board's rows say it anyway.
            width = heading.content_region.width
            if not width or text.cell_len + len(f" · {side}") <= width:
                text.append(f" · {side}")
            heading.update(text)
        for panel in self.query(QuadrantPanel):
            panel.set_class(panel.quadrant is self.quadrant, "-current")

    def _draw_placeholder(self, quadrant: Quadrant) -> None:
        t = self.t
        mode = self.modes[quadrant]
        note = self.board.note(self.coop_id, mode.note_id) if mode.note_id else None
        widget = self.input(quadrant)
        widget.set_class(mode.kind != "add", "-editing")
        if mode.kind == "edit" and note is not None:
            widget.placeholder = t("swot.editing", label=label(note))
        elif mode.kind == "tally" and note is not None:
            widget.placeholder = t("swot.tally_prompt", label=label(note), votes=note.votes)
        else:
            widget.placeholder = t("swot.type_here", quadrant=t(f"swot.quadrant.{quadrant.value}"))

    def _refresh_quadrants(self, *quadrants: Quadrant, select: str | None = None) -> None:
        for quadrant in set(quadrants):
            self.note_list(quadrant).show_notes(self.board.notes(self.coop_id, quadrant))
        if select is not None:
            for quadrant in set(quadrants):
                self.note_list(quadrant).select(select)
        self._draw_titles()

    def _save_cursor(self) -> None:
        focused = self.focused
        self.wapp.commit(
            lambda: self.session.set_cursor(
                SCREEN,
                quadrant=self.quadrant.value,
                note=self.note_list(self.quadrant).selected_id,
                focus="notes" if isinstance(focused, NoteList) else "input",
            )
        )

    # -- focus ------------------------------------------------------------------------------

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        widget: Widget = event.widget
        quadrant = getattr(widget, "quadrant", None)
        if isinstance(quadrant, Quadrant):  # also after Tab/move set it: redraw "-current"
            self.quadrant = quadrant
            self._draw_titles()
        self._save_cursor()

    @on(OptionList.OptionHighlighted, ".notes")
    def _selection_moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus:  # the facilitator moved it, not a redraw
            self._save_cursor()

    def action_quadrant(self, step: int) -> None:
        index = QUADRANTS.index(self.quadrant)
        self.quadrant = QUADRANTS[(index + step) % len(QUADRANTS)]
        # Focused now, not later (`Widget.focus` waits its turn behind the keys already
        # typed): Tab is a priority key, run as it arrives, and the letters typed after it
        # in a burst are handed to the input focused then, i.e. the next quadrant's.
        self.set_focus(self.input(self.quadrant))

    def to_input(self) -> None:
        self.input(self.quadrant).focus()

    def action_to_input(self) -> None:
        self.to_input()

    def action_to_notes(self) -> None:
        # The note just above the input (the quadrant's last), never one selected earlier:
        # the facilitator acts on what the room sees next to the input, e.g. the note
        # just typed.
        notes = self.note_list(self.quadrant)
        if notes.option_count:
            notes.highlighted = notes.option_count - 1
            notes.focus()

    def action_cancel_input(self) -> None:
        """Escape in an input: leave an edit or a tally, back to adding notes; with neither
        under way, leave the focus mode (a new note being typed stays in its input)."""
        quadrant = self.quadrant
        mode = self.modes[quadrant]
        if mode.kind == "edit" and mode.note_id:
            note_id = mode.note_id
            self.wapp.commit(lambda: self.board.set_draft(self.coop_id, quadrant, "", note_id))
        if mode.kind != "add":
            self._clear_input(quadrant)
        elif self.focus_mode:
            self.action_leave_focus_mode()

    # -- capture ----------------------------------------------------------------------------

    @on(Input.Changed, ".note-input")
    def _typed(self, event: Input.Changed) -> None:
        if self._loading:
            return
        assert isinstance(event.input, NoteInput)
        quadrant = event.input.quadrant
        mode = self.modes[quadrant]
        if mode.kind == "tally":
            return
        coop = self.coop_id
        self.wapp.commit(lambda: self.board.set_draft(coop, quadrant, event.value, mode.note_id))

    @on(Input.Submitted, ".note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        assert isinstance(event.input, NoteInput)
        quadrant = event.input.quadrant
        mode = self.modes[quadrant]
        coop = self.coop_id
        text = event.value
        if mode.kind == "add":
            # The input emptied itself on Enter (NoteInput): what it holds now was typed
            # after Enter, the start of the next note, and stays.
            added: list[Note | None] = []
            if (
                self.wapp.commit(lambda: added.append(self.board.add(coop, quadrant, text)))
                and added[0]
            ):
                self.note_list(quadrant).append_note(added[0])
                self._draw_titles()
            elif text.strip():  # not taken: the text goes back in front of what follows
                widget = event.input
                widget.value = text + widget.value
                widget.cursor_position = len(widget.value)
            return
        # Keys typed after Enter (in the same burst) follow the submitted text in the input:
        # they begin the next note.
        now = event.input.value
        typed_after = now[len(text) :] if now.startswith(text) else ""
        if mode.kind == "edit" and mode.note_id:
            note_id = mode.note_id
            if self.wapp.commit(lambda: self.board.edit(coop, note_id, text)):
                self._show_saved(quadrant, note_id, typed_after)
        elif mode.kind == "tally" and mode.note_id:
            note_id = mode.note_id
            votes = parse_tally(text)
            if votes is None:  # not a number, or below zero: asked again, input kept
                self.notify(self.t("swot.tally_number"), severity="warning")
                return
            if self.wapp.commit(lambda: self.board.set_votes(coop, note_id, votes)):
                self._show_saved(quadrant, note_id, typed_after)

    def _show_saved(self, quadrant: Quadrant, note_id: str, typed_after: str = "") -> None:
        """After an edit or a tally typed in `quadrant`'s input: back to adding notes there,
        and the note selected where it is now (it may have moved while the input was open).
        The cursor goes to the note only if it is still in the input: a key typed after
        Enter in the same burst (Tab...) may have taken it elsewhere, where the keys after
        that one went; taking it back would hand the next keys to the note list."""
        widget = self.input(quadrant)
        stayed = self.focused is widget
        self._clear_input(quadrant)
        if typed_after:  # the new note's draft goes on with them (its change handler saves)
            widget.value += typed_after
            widget.cursor_position = len(widget.value)
            return
        note = self.board.note(self.coop_id, note_id)
        if note is None or note.deleted_at is not None:
            self._refresh_quadrants(quadrant)
            if stayed:
                self.note_list(quadrant).focus()
            return
        self._refresh_quadrants(quadrant, note.quadrant)
        self._follow(note, take_focus=stayed)

    def _new_note_text(self, quadrant: Quadrant) -> str:
        draft = self.board.draft(self.coop_id, quadrant)
        return draft.text if draft is not None else ""

    def _clear_input(self, quadrant: Quadrant) -> None:
        """Back to adding notes, with the new note that was being typed, if any."""
        self.modes[quadrant] = InputMode()
        widget = self.input(quadrant)
        widget.value = self._new_note_text(quadrant)
        widget.cursor_position = len(widget.value)
        self._draw_placeholder(quadrant)

    # -- note actions (from the focused note list) ------------------------------------------

    def action_edit_note(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        quadrant = note.quadrant
        self.modes[quadrant] = InputMode("edit", note.id)
        widget = self.input(quadrant)
        widget.value = note.text  # the change handler saves it as the draft of the edit
        widget.cursor_position = len(note.text)
        self._draw_placeholder(quadrant)
        widget.focus()

    def action_tally(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        self.modes[note.quadrant] = InputMode("tally", note.id)
        widget = self.input(note.quadrant)
        self._loading = True
        widget.value = ""
        self._loading = False
        self._draw_placeholder(note.quadrant)
        widget.focus()

    def action_delete_note(self) -> None:
        note = self.selected_note()
        if note is not None and self.wapp.commit(lambda: self.board.delete(self.coop_id, note.id)):
            self._refresh_quadrants(note.quadrant)
            self.notify(self.t("swot.deleted", label=label(note)))

    def action_vote(self, delta: int) -> None:
        note = self.selected_note()
        if note is not None and self.wapp.commit(
            lambda: self.board.vote(self.coop_id, note.id, delta)
        ):
            self._refresh_quadrants(note.quadrant, select=note.id)

    def action_sort_votes(self) -> None:
        quadrant = self.quadrant
        if self.wapp.commit(lambda: self.board.sort_by_votes(self.coop_id, quadrant)):
            self._refresh_quadrants(quadrant)

    def action_move(self, direction: str) -> None:
        note = self.selected_note()
        if note is None:
            return
        target = NEIGHBOUR.get((note.quadrant, direction))
        if target is not None:
            self._move_to(note, target)

    def action_move_next(self) -> None:
        note = self.selected_note()
        if note is not None:
            index = QUADRANTS.index(note.quadrant)
            self._move_to(note, QUADRANTS[(index + 1) % len(QUADRANTS)])

    def _move_to(self, note: Note, target: Quadrant) -> None:
        if self.wapp.commit(lambda: self.board.move(self.coop_id, note.id, target)):
            self._refresh_quadrants(note.quadrant, target, select=note.id)
            self.quadrant = target
            self.note_list(target).focus()

    def action_reorder(self, step: int) -> None:
        note = self.selected_note()
        if note is not None and self.wapp.commit(
            lambda: self.board.reorder(self.coop_id, note.id, step)
        ):
            self._refresh_quadrants(note.quadrant, select=note.id)

    # -- undo, boards, views ----------------------------------------------------------------

    def action_undo(self) -> None:
        self._replay(lambda: self.board.undo(self.coop_id), "swot.nothing_to_undo")

    def action_redo(self) -> None:
        self._replay(lambda: self.board.redo(self.coop_id), "swot.nothing_to_redo")

    def _replay(self, step: object, empty_message: str) -> None:
        done: list[Change | None] = []
        if not self.wapp.commit(lambda: done.append(step())):  # type: ignore[operator]
            return
        change = done[0]
        if change is None:
            self.notify(self.t(empty_message))
            return
        touched = [e for e in change.touched if isinstance(e, Note)]
        self._refresh_quadrants(*{n.quadrant for n in touched})
        # The note the step moved or brought back, as it is now (the first the change
        # names: a reorder's moved note, not its neighbour).
        now = (self.board.note(self.coop_id, n.id) for n in touched)
        live = next((n for n in now if n is not None and n.deleted_at is None), None)
        if live is not None:
            self._follow(live, take_focus=isinstance(self.focused, NoteList))

    def _follow(self, note: Note, take_focus: bool) -> None:
        """Select `note` where it is now; with `take_focus` the cursor goes there too, so
        the next key (`d`, a move) acts on that note, not on whatever was left selected."""
        notes = self.note_list(note.quadrant)
        notes.select(note.id)
        if take_focus:
            self.quadrant = note.quadrant
            notes.focus()

    def cooperative_switched(self) -> None:
        self._open_on_strengths()

    def _open_on_strengths(self) -> None:
        """Another cooperative's board opens as the board does: Strengths ready to type
        (never the quadrant left on the last board, where the next note would land)."""
        self.quadrant = Quadrant.STRENGTH
        self.show_board()
        self.input(self.quadrant).focus()

    def action_plenary(self) -> None:
        self.app.push_screen(PlenaryScreen(self.quadrant))

    def action_trash(self) -> None:
        def restored(note_id: str | None) -> None:
            if note_id:
                note = self.board.note(self.coop_id, note_id)
                if note and self.wapp.commit(lambda: self.board.restore(self.coop_id, note_id)):
                    self._refresh_quadrants(note.quadrant)
                    self._follow(note, take_focus=True)

        self.app.push_screen(TrashScreen(self.board.trash(self.coop_id)), restored)

    @property
    def focus_mode(self) -> bool:
        return self.has_class("-focus-mode")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_focus_mode":
            return self.focus_mode
        return True

    def action_focus_mode(self) -> None:
        self.toggle_class("-focus-mode")
        self.refresh_bindings()

    def action_leave_focus_mode(self) -> None:
        if self.focus_mode:
            self.action_focus_mode()
