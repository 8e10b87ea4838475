"""F6: closing the workshop, in five tabs.

- Pakta / Pact: the pact's text, large, beside the roster; mark who signed (with the
  time), correct a mistaken mark, add a walk-in participant, show only who has not signed.
- RTL A: the current cooperative's follow-up actions (started from the plan's templates).
- RTL B: the joint actions.
- Tim Renstra: the current cooperative's team, seat by seat, checked against the rule.
- Tindak lanjut / Follow-up: every action due, overdue or done as of a day.

Every key is a binding of the screen (so the help screen and the command palette list
them all); `check_action` shows in the key bar only those of the tab on screen.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, OptionList, Static, TabbedContent
from textual.widgets.option_list import Option

from workshop_tui.domain.deadlines import DueState, add_months
from workshop_tui.domain.history import Change
from workshop_tui.domain.plan import Role, WorkScreen
from workshop_tui.domain.state import ActionFields, ActionStatus, new_id
from workshop_tui.domain.team import normalise_name, role_label
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.screens.base import CooperativeScreen
from workshop_tui.tui.widgets.closing_forms import (
    ActionForm,
    ActionTrash,
    SeatForm,
    WalkInForm,
    role_name,
)
from workshop_tui.tui.widgets.closing_lists import PactScroll, RowList
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.pinned_tabs import PinnedTabPane
from workshop_tui.tui.widgets.wrapping import hanging
from workshop_tui.workflows.changes import UndoableEdits
from workshop_tui.workflows.closing import (
    ACTION_FORM,
    JOINT,
    SEAT_FORM,
    WALK_IN_FORM,
    ActionDraft,
    Closing,
    FormDraft,
    Person,
    deadline_words,
    section_title,
    state_words,
)

SCREEN = "closing"
TABS = ("pact", "rtl-a", "rtl-b", "team", "followup")
LISTS = {
    "pact": "roster",
    "rtl-a": "actions-a",
    "rtl-b": "actions-b",
    "team": "team-list",
    "followup": "followup-list",
}
BOARDS = ("rtl-a", "rtl-b")
EDITABLE = ("rtl-a", "rtl-b", "team")
PER_COOPERATIVE = ("rtl-a", "team")

# Which tabs each action works on; the key bar shows a key only on its tabs.
ON_TABS: dict[str, tuple[str, ...]] = {
    "sign": ("pact",),
    "walk_in": ("pact",),
    "unsigned_only": ("pact",),
    "pact_only": ("pact",),
    "add": EDITABLE,
    "edit": EDITABLE,
    "delete": EDITABLE,
    "undo": ("pact", *EDITABLE),
    "redo": ("pact", *EDITABLE),
    "toggle_done": (*BOARDS, "followup"),
    "cycle_status": BOARDS,
    "reorder": BOARDS,
    "trash": BOARDS,
    "group": PER_COOPERATIVE,
    "cooperative": PER_COOPERATIVE,
    "choose": PER_COOPERATIVE,
    "seat_attendees": ("team",),
    "shift_as_of": ("followup",),
    "as_of_today": ("followup",),
}

STATUS_MARK = {
    ActionStatus.OPEN: ("○", ""),
    ActionStatus.DONE: ("✓", "bold green"),
    ActionStatus.DROPPED: ("✗", "dim"),
}
STATE_MARK = {
    DueState.OVERDUE: ("!", "bold red"),
    DueState.DUE_SOON: ("●", "bold yellow"),
    DueState.DUE: ("○", ""),
    DueState.DONE: ("✓", "bold green"),
    DueState.DROPPED: ("✗", "dim"),
}
UNSIGNED_NAMED = 6
"""Up to this many people who have not signed are named above the roster."""
VIOLATION_LINES = 7
"""The most lines the team's problems take under the seats (as `#team-violations`'s
max-height): more problems end in a "+N more" line, never cut off unseen."""
STATE_TEXT = {
    DueState.OVERDUE: "bold red",
    DueState.DUE_SOON: "bold",
    DueState.DUE: "",
    DueState.DONE: "",
    DueState.DROPPED: "dim",
}
STATUS_CYCLE = (ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED)


class ClosingScreen(CooperativeScreen):
    CSS_PATH = "closing.tcss"  # read when first shown (see app.tcss)
    AUTO_FOCUS = None  # the list of the tab on screen takes the focus (see show_tab)

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("tab", "closing.next_tab", "next_tab", priority=True),
        # Early: the key bar keeps a screen's keys in this order, up to the first that
        # does not fit.
        key("ctrl+z", "closing.undo", "undo", priority=True),
        key("shift+tab", "closing.previous_tab", "next_tab(-1)", show=False, priority=True),
        key("1", "closing.tab_pact", "tab('pact')", show=False),
        key("2", "closing.tab_rtl_a", "tab('rtl-a')", show=False),
        key("3", "closing.tab_rtl_b", "tab('rtl-b')", show=False),
        key("4", "closing.tab_team", "tab('team')", show=False),
        key("5", "closing.tab_followup", "tab('followup')", show=False),
        # The pact
        key("space", "closing.sign", "sign"),
        key("w", "closing.walk_in", "walk_in"),
        key("u", "closing.unsigned_only", "unsigned_only"),
        key("ctrl+o", "closing.pact_only", "pact_only"),
        # RTL boards and the team
        key("a,insert", "closing.add", "add"),
        key("e", "closing.edit", "edit"),
        key("x", "closing.done", "toggle_done"),
        key("s", "closing.status", "cycle_status", show=False),
        key("d,delete", "closing.delete", "delete"),
        key("ctrl+up,K", "closing.order_up", "reorder(-1)"),
        key("ctrl+down,J", "closing.order_down", "reorder(1)", show=False),
        key("ctrl+t", "closing.trash", "trash"),
        key("f", "closing.seat_attendees", "seat_attendees"),
        key("ctrl+y", "closing.redo", "redo", show=False, priority=True),
        key("pagedown", "closing.next_group", "group(1)", priority=True),
        key("pageup", "closing.previous_group", "group(-1)", show=False, priority=True),
        key("ctrl+n", "closing.next_cooperative", "cooperative(1)"),
        key("f7", "closing.choose", "choose"),
        # The follow-up
        key("greater_than_sign", "closing.later", "shift_as_of(1)"),
        key("less_than_sign", "closing.earlier", "shift_as_of(-1)", show=False),
        key("c", "closing.today", "as_of_today", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(name=SCREEN, id="screen-closing")
        self.tab = "pact"
        self.coop_id = ""
        self.unsigned_only = False
        # Signed while only the unsigned are listed: kept in the list (✓) until the filter
        # is turned off, so a second Space corrects the mark instead of signing the next.
        self._signed_in_filter: set[str] = set()
        self.as_of: dt.date | None = None
        self._drawn: set[str] = set()
        self._seen_item: str | None = None
        self._ready = False

    @property
    def closing(self) -> Closing:
        return self.session.closing

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        # Open straight on the tab where the facilitator stood (or the agenda's).
        cursor = self.session.cursor(SCREEN)
        tab = str(cursor.get("tab", "pact"))
        self.tab = self._agenda_tab(cursor.get("item")) or (tab if tab in TABS else "pact")
        with TabbedContent(id="closing-tabs", initial=self.tab):
            with PinnedTabPane("Pakta", id="pact"), Horizontal(id="pact-body"):
                with PactScroll(id="pact-text-box"):
                    yield Static(id="pact-title")
                    yield Static(id="pact-text")
                    yield Static(id="pact-signatures")  # the pact-only view's
                with Vertical(id="roster-box"):
                    yield Static(id="pact-count", classes="closing-title")
                    yield RowList("roster")
            with PinnedTabPane("RTL A", id="rtl-a"):
                yield Static(id="rtl-a-title", classes="closing-title")
                yield RowList("actions-a")
            with PinnedTabPane("RTL B", id="rtl-b"):
                yield Static(id="rtl-b-title", classes="closing-title")
                yield RowList("actions-b")
            with PinnedTabPane("Tim", id="team"):
                yield Static(id="team-title", classes="closing-title")
                yield RowList("team-list")
                yield Static(id="team-violations")
            with PinnedTabPane("Tindak lanjut", id="followup"):
                yield Static(id="followup-title", classes="closing-title")
                yield RowList("followup-list")
        yield KeyBar()

    def on_mount(self) -> None:
        tabbed = self.query_one(TabbedContent)
        # The Tab key switches tabs; the focus stays on each tab's list.
        for tabs in tabbed.query("ContentTabs"):
            tabs.can_focus = False
        cursor = self.session.cursor(SCREEN)
        self.unsigned_only = bool(cursor.get("unsigned"))
        self.set_class(bool(cursor.get("pact_only")), "-pact-only")
        rows = cursor.get("rows")
        if isinstance(rows, dict):
            for tab, row in rows.items():
                if tab in LISTS and isinstance(row, str):
                    self.row_list(tab)._pending = row
        super().on_mount()  # draws the words
        self.show_tab(self.tab)
        self._ready = True
        self.call_after_refresh(self._resume_open_form)

    def on_screen_resume(self) -> None:
        if not self._ready:
            return
        tab = self._agenda_tab(self._seen_item)
        if tab is not None:
            self.show_tab(tab)
            return
        self._drawn.clear()
        self.draw(self.tab)

    def _agenda_tab(self, seen: object) -> str | None:
        """When the agenda has moved on to the pact or the RTL since this screen last
        looked (e.g. `o` on the timeline), the tab that goes with it."""
        item = self.session.current_item
        self._seen_item = item.key
        if item.key == seen:
            return None
        return {WorkScreen.PACT: "pact", WorkScreen.RTL: "rtl-a"}.get(item.screen)

    def row_list(self, tab: str) -> RowList:
        return self.query_one(f"#{LISTS[tab]}", RowList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sign" and self.pact_only:
            return False  # the roster is hidden: it would sign someone unseen
        tabs = ON_TABS.get(action)
        return tabs is None or self.tab in tabs

    @property
    def pact_only(self) -> bool:
        return self.has_class("-pact-only")

    def _focus_target(self) -> RowList | PactScroll:
        """The widget the keys go to on the tab on screen: its list; in the pact-only view
        the pact itself, so the scroll keys reach it."""
        if self.tab == "pact" and self.pact_only:
            return self.query_one(PactScroll)
        return self.row_list(self.tab)

    # -- tabs -------------------------------------------------------------------------------

    def show_tab(self, tab: str) -> None:
        self.tab = tab
        tabbed = self.query_one(TabbedContent)
        if tabbed.active != tab:
            tabbed.active = tab
        self.draw(tab)
        self._focus_target().focus()
        # A pane only just shown may not take the focus yet: again once it is drawn.
        self.call_after_refresh(self._focus_tab)
        self.refresh_bindings()
        self._save_cursor()

    def _focus_tab(self) -> None:
        target = self._focus_target()
        if self.focused is not target:
            target.focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id
        # Showing a tab from a key posts this too, later: by then another key may have
        # shown another tab. Only the tab still active counts (else the two tabs would
        # hand over to each other for ever).
        if pane != event.tabbed_content.active:
            return
        if self._ready and pane in TABS and pane != self.tab:
            self.show_tab(pane)

    def action_next_tab(self, step: int = 1) -> None:
        self.show_tab(TABS[(TABS.index(self.tab) + step) % len(TABS)])

    def action_tab(self, tab: str) -> None:
        if tab in TABS:
            self.show_tab(tab)

    # -- drawing ----------------------------------------------------------------------------

    def refresh_words(self) -> None:
        t = self.t
        self.sub_title = t("screen.closing")
        localize(self.query_one(PactScroll), t)
        tabbed = self.query_one(TabbedContent)
        for tab in TABS:
            tabbed.get_tab(tab).label = t(f"closing.tab.{tab.replace('-', '_')}")
        for tab in list(self._drawn):
            self.draw(tab)

    def draw(self, tab: str, selected: str | None = None) -> None:
        """Draw one tab (first creating a board's actions from the templates)."""
        self._drawn.add(tab)
        if tab == "pact":
            self._draw_pact(selected)
        elif tab in BOARDS:
            self._draw_board(tab, selected)
        elif tab == "team":
            self._draw_team(selected)
        else:
            self._draw_followup(selected)

    def _shard(self, tab: str) -> str:
        if tab == "rtl-b":
            return JOINT
        _, coop = self.session.current_cooperative
        return coop.id

    def _coop_heading(self, *extra: str) -> Text:
        group, coop = self.session.current_cooperative
        position = next(i for i, c in enumerate(group.cooperatives, 1) if c.id == coop.id)
        title = Text.assemble(
            (group.name, "bold"),
            " · ",
            (coop.name, "bold reverse"),
            f" ({position}/{len(group.cooperatives)})",
        )
        for part in extra:
            title.append(" · ")
            title.append(part)
        return title

    # The pact

    def _draw_pact(self, selected: str | None) -> None:
        t = self.t
        pact = self.session.plan.pact
        self.query_one("#pact-title", Static).update(Text(pact.title.upper(), style="bold"))
        self.query_one("#pact-text", Static).update(self._pact_text())
        signed, total = self.closing.signed_count()
        count = Text.assemble(
            (t("closing.signed_count", signed=signed, total=total), "bold"),
        )
        if self.unsigned_only:
            count.append("  " + t("closing.unsigned_filter"), style="italic")
        unsigned = self.closing.unsigned()
        if len(unsigned) > UNSIGNED_NAMED:
            count.append("\n" + t("closing.unsigned_many", count=len(unsigned)))
        elif unsigned:
            names = ", ".join(p.name for p in unsigned)
            count.append("\n" + t("closing.unsigned_names", count=len(unsigned), names=names))
        elif total:
            count.append("\n" + t("closing.all_signed"), style="bold green")
        self.query_one("#pact-count", Static).update(count)
        self.query_one("#pact-signatures", Static).update(self._signatures(signed, total))
        self.row_list("pact").show(self._roster_rows, selected)

    def _signatures(self, signed: int, total: int) -> Text:
        """Who has signed, under the pact in the pact-only view: every participant by
        cooperative, ✓ (with the time) or ○."""
        closing = self.closing
        people = closing.roster()
        text = Text(self.t("closing.signed_count", signed=signed, total=total), style="bold")
        for _, coop in self.session.plan.cooperatives():
            members = [p for p in people if p.cooperative == coop.id]
            if not members:
                continue
            done = sum(1 for p in members if closing.is_signed(p.key))
            text.append("\n\n")
            text.append(coop.name, style="bold underline")
            text.append(f"  {done}/{len(members)}\n")
            for index, person in enumerate(members):
                if index:
                    text.append(" · ")
                signature = closing.signature(person.key)
                if signature is not None and signature.revoked_at is None:
                    when = signature.signed_at.astimezone(self.session.tz).strftime("%H:%M")
                    text.append(f"✓ {person.name} ", style="bold")
                    text.append(when, style="green")
                else:
                    text.append(f"○ {person.name}", style="dim")
        return text

    def _pact_text(self) -> RenderableType:
        pact = self.session.plan.pact
        clauses = Table.grid(padding=(0, 1))
        clauses.add_column(justify="right", style="bold")
        clauses.add_column(ratio=1)
        for number, clause in enumerate(pact.clauses, 1):
            clauses.add_row(f"{number}.", clause)
            clauses.add_row("", "")
        parts: list[RenderableType] = []
        if pact.preamble:
            parts += [Text(pact.preamble), Text("")]
        parts.append(clauses)
        if pact.closing:
            parts.append(Text(pact.closing, style="italic"))
        return Group(*parts)

    def _roster_rows(self, width: int) -> list[Option]:
        closing = self.closing
        people = closing.roster()
        options: list[Option] = []
        for _, coop in self.session.plan.cooperatives():
            members = [p for p in people if p.cooperative == coop.id]
            signed = sum(1 for p in members if closing.is_signed(p.key))
            shown = [
                p
                for p in members
                if not self.unsigned_only
                or not closing.is_signed(p.key)
                or p.key in self._signed_in_filter
            ]
            if not shown:
                continue
            heading = Text.assemble((coop.name, "bold underline"), f"  {signed}/{len(members)}")
            options.append(Option(heading, id=f"coop:{coop.id}", disabled=True))
            options += [Option(self._person_prompt(p, width), id=p.key) for p in shown]
        if not options:
            message = self.t("closing.all_signed" if people else "closing.no_roster")
            options.append(Option(Text(message, style="italic"), disabled=True))
        return options

    def _person_prompt(self, person: Person, width: int) -> Text:
        t = self.t
        signature = self.closing.signature(person.key)
        if signature is not None and signature.revoked_at is None:
            when = signature.signed_at.astimezone(self.session.tz).strftime("%H:%M")
            prefix = Text.assemble(("✓ ", "bold green"), (f"{when} ", "green"))
        else:
            prefix = Text.assemble(("○ ", "dim"), "      ")
        body = Text(person.name, style="bold")
        body.append(f" · {role_name(person.role, t)}", style="dim")
        if person.walk_in:
            body.append(" · " + t("closing.walk_in_tag"), style="italic cyan")
        if signature is not None and signature.revoked_at is not None:
            when = signature.revoked_at.astimezone(self.session.tz).strftime("%H:%M")
            body.append(" · " + t("closing.corrected", time=when), style="dim italic")
        return hanging(prefix, [body], width)

    # RTL boards

    def _draw_board(self, tab: str, selected: str | None) -> None:
        t = self.t
        shard = self._shard(tab)
        if tab == "rtl-a":
            self.coop_id = shard
        self.wapp.commit(lambda: self.closing.ensure_from_templates(shard))
        actions = self.closing.actions(shard)
        count = t("closing.action_count", count=len(actions))
        if tab == "rtl-a":
            title = self._coop_heading(t("closing.rtl_a_title"), count)
        else:
            title = Text.assemble((t("closing.rtl_b_title"), "bold"), " · ", count)
        title.append("\n" + t("closing.last_day", date=t.date(self.session.plan.last_day)))
        self.query_one(f"#{tab}-title", Static).update(title)

        def rows(width: int) -> list[Option]:
            if not actions:
                return [Option(Text(t("closing.no_actions"), style="italic"), disabled=True)]
            return [
                Option(self._action_prompt(number, action, width), id=action.id)
                for number, action in enumerate(actions, 1)
            ]

        self.row_list(tab).show(rows, selected)

    def _action_prompt(self, number: int, action: ActionFields, width: int) -> Text:
        t = self.t
        mark, style = STATUS_MARK[action.status]
        prefix = Text.assemble((f"{number:>2}. ", "bold"), (f"{mark} ", style))
        # Only the marks carry colour: text stays readable on any theme's highlight.
        activity_style = "dim strike" if action.status is ActionStatus.DROPPED else "bold"
        lines = [Text(action.activity, style=activity_style)]
        details = Text()
        owner = self.closing.owner_label(action)
        if owner:
            details.append(t("closing.owner_line", owner=owner) + " · ")
        details.append(deadline_words(action.deadline, self.session.plan.last_day, t))
        if action.status is ActionStatus.DONE:
            done = t.date(action.done_at) if action.done_at else ""
            details.append(" · " + t("closing.done_on", date=done).strip())
        elif action.status is ActionStatus.DROPPED:
            details.append(" · " + t("closing.status.dropped"), style="dim")
        lines.append(details)
        if action.indicator:
            lines.append(Text(t("closing.indicator_line", indicator=action.indicator), "dim"))
        return hanging(prefix, lines, width)

    # The team

    def _draw_team(self, selected: str | None) -> None:
        t = self.t
        closing = self.closing
        _, coop = self.session.current_cooperative
        self.coop_id = coop.id
        rule = self.session.plan.team_rule
        seats = ", ".join(
            f"{count} {role_label(role, t.language)}" for role, count in rule.seats.items() if count
        )
        rows = closing.team_rows(coop.id)
        filled = sum(1 for row in rows if row.seat is not None)
        title = self._coop_heading(
            t("closing.team_title"), t("closing.seat_count", filled=filled, total=len(rows))
        )
        title.append("\n" + t("closing.rule", seats=seats))
        if rule.attendees_must_be_members:
            title.append(" " + t("closing.rule_attendees"))
        attendees = closing.attendees(coop.id)
        names = ", ".join(name for _, name, _ in attendees) or "—"
        title.append("\n" + t("closing.attendees", names=names), style="dim")
        self.query_one("#team-title", Static).update(title)
        keys = {k for k, _, _ in attendees}
        attendee_names = {normalise_name(name) for _, name, _ in attendees}
        role_width = max(len(role_name(r, t)) for r in Role)

        def prompt(row_role: Role, text: Text, width: int, in_rule: bool) -> Text:
            style = "bold" if in_rule else "bold red"
            prefix = Text.assemble((f"{role_name(row_role, t):<{role_width}}  ", style))
            return hanging(prefix, [text], width)

        def options(width: int) -> list[Option]:
            result: list[Option] = []
            for index, row in enumerate(rows):
                if row.seat is None:
                    text = Text(t("closing.empty_seat"), style="dim italic")
                    result.append(
                        Option(prompt(row.role, text, width, True), id=f"empty:{row.role}:{index}")
                    )
                    continue
                seat = row.seat
                text = Text(seat.name)
                if seat.participant in keys or normalise_name(seat.name) in attendee_names:
                    text.append(" · " + t("closing.attendee"), style="cyan")
                if not row.in_rule:
                    text.append(" · " + t("closing.no_seat_role"), style="red")
                result.append(Option(prompt(row.role, text, width, row.in_rule), id=seat.id))
            return result

        self.row_list("team").show(options, selected)
        violations = closing.violations(coop.id)
        if violations:
            # One line each (cut with "…" if need be), so every line counts.
            text = Text(no_wrap=True, overflow="ellipsis")
            shown = violations
            if len(violations) > VIOLATION_LINES:
                shown = violations[: VIOLATION_LINES - 1]
            for index, violation in enumerate(shown):
                if index:
                    text.append("\n")
                text.append("✗ " + violation.message(t.language), style="bold red")
            if len(shown) < len(violations):
                more = t("closing.violations_more", count=len(violations) - len(shown))
                text.append("\n✗ " + more, style="bold red")
        else:
            text = Text("✓ " + t("closing.team_ok"), style="bold green")
        self.query_one("#team-violations", Static).update(text)

    # The follow-up

    def _today(self) -> dt.date:
        return self.closing.today()

    def _draw_followup(self, selected: str | None) -> None:
        t = self.t
        closing = self.closing
        as_of = self.as_of or self._today()
        self.wapp.commit(closing.prepare_followup)
        sections = closing.followup(as_of)
        totals = {state.value: sum(s.count(state) for s in sections) for state in DueState}
        day = t.date(as_of)
        if as_of == self._today():
            day += " " + t("closing.today")
        title = Text(
            t("followup.as_of", date=day, last_day=t.date(self.session.plan.last_day)),
            style="bold",
        )
        title.append("\n" + t("followup.totals", **totals))
        self.query_one("#followup-title", Static).update(title)
        last_day = self.session.plan.last_day

        def options(width: int) -> list[Option]:
            result: list[Option] = []
            for section in sections:
                counts = [
                    t(f"closing.state_count.{state.value}", count=section.count(state))
                    for state in (DueState.OVERDUE, DueState.DUE_SOON, DueState.DONE)
                    if section.count(state)
                ]
                heading = Text("\n" if result else "")  # a blank line between boards
                heading.append(section_title(section, t), style="bold underline")
                if counts:
                    heading.append("  " + " · ".join(counts))
                result.append(Option(heading, id=f"section:{section.shard}", disabled=True))
                if not section.rows:
                    note = Text("   " + t("followup.no_actions"), style="italic")
                    result.append(Option(note, id=f"none:{section.shard}", disabled=True))
                for row in section.rows:
                    mark, style = STATE_MARK[row.state]
                    prefix = Text.assemble((f" {mark} ", style))
                    action = row.action
                    parts = []
                    owner = closing.owner_label(action)
                    if owner:
                        parts.append(t("closing.owner_line", owner=owner))
                    if action.deadline is not None:
                        parts.append(deadline_words(action.deadline, last_day, t))
                    lines = [
                        Text(action.activity, style="bold"),
                        Text(state_words(row, as_of, t), style=STATE_TEXT[row.state]),
                    ]
                    if parts:
                        lines.append(Text(" · ".join(parts), style="dim"))
                    result.append(
                        Option(hanging(prefix, lines, width), id=f"{row.shard}|{action.id}")
                    )
            return result

        self.row_list("followup").show(options, selected)

    # -- the cursor -------------------------------------------------------------------------

    def _save_cursor(self) -> None:
        if not self.is_attached:
            return
        rows = {}
        for tab in TABS:
            listing = self.row_list(tab)
            row = listing.selected_id or listing._pending
            if row:
                rows[tab] = row
        self.wapp.commit(
            lambda: self.session.set_cursor(
                SCREEN,
                tab=self.tab,
                rows=rows,
                unsigned=self.unsigned_only,
                pact_only=self.pact_only,
                item=self._seen_item,
            )
        )

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._ready:
            self._save_cursor()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.tab == "pact":
            self.action_sign()
        elif self.tab == "followup":
            self._edit_followup_row()
        else:
            self.action_edit()

    def _selected_id(self) -> str | None:
        return self.row_list(self.tab).selected_id

    # -- the pact ---------------------------------------------------------------------------

    def action_sign(self) -> None:
        person_key = self._selected_id()
        if person_key is None or self.closing.person(person_key) is None:
            return
        if self.wapp.commit(lambda: self.closing.toggle_signed(person_key)):
            if self.unsigned_only:
                self._signed_in_filter.add(person_key)
            self.draw("pact", person_key)
            self._save_cursor()

    def action_walk_in(self) -> None:
        selected = self.closing.person(self._selected_id())
        coop = selected.cooperative if selected else self.session.current_cooperative[1].id
        self._walk_in_form(coop)

    def _walk_in_form(self, coop: str, recovered: FormDraft | None = None) -> None:
        closing = self.closing

        def typed(fields: dict[str, str]) -> None:
            self.wapp.commit(lambda: closing.set_form_draft(JOINT, WALK_IN_FORM, fields))

        def added(result: tuple[str, str, Role] | None) -> None:
            people: list[Person | None] = []

            def change() -> None:
                with closing.form_done(JOINT, WALK_IN_FORM):
                    if result is not None:
                        people.append(closing.add_walk_in(*result))

            if self.wapp.commit(change) and people:
                person = people[0]
                if person is not None:
                    self.draw("pact", person.key)
                    self.notify(self.t("closing.walk_in_added", name=person.name))

        form = WalkInForm(
            self.session.plan, coop, typed, recovered.fields if recovered is not None else None
        )
        self.app.push_screen(form, added)

    def action_unsigned_only(self) -> None:
        self.unsigned_only = not self.unsigned_only
        self._signed_in_filter.clear()
        self.draw("pact")
        self._save_cursor()

    def action_pact_only(self) -> None:
        self.toggle_class("-pact-only")
        self._focus_target().focus()
        self.refresh_bindings()
        self._save_cursor()

    # -- boards and team: add, edit, delete ---------------------------------------------------

    def action_add(self) -> None:
        if self.tab == "team":
            missing = next(
                (r.role for r in self.closing.team_rows(self.coop_id) if not r.seat), None
            )
            self._seat_form(role=missing or Role.ANGGOTA)
            return
        if self.tab in BOARDS:
            self._action_form(self.tab, self._shard(self.tab))

    def action_edit(self) -> None:
        if self.tab == "team":
            self._edit_seat()
        elif self.tab in BOARDS:
            self._edit_action(self.tab, self._shard(self.tab), self._selected_id())

    def _edit_action(self, tab: str, shard: str, action_id: str | None) -> None:
        action = self.closing.action(shard, action_id) if action_id else None
        if action is not None:
            self._action_form(tab, shard, action)

    def _action_form(
        self,
        tab: str,
        shard: str,
        action: ActionFields | None = None,
        recovered: FormDraft | None = None,
    ) -> None:
        """The form of a new action (`action` None) or of an edit; `recovered`: the fields
        as typed before a crash."""
        closing = self.closing
        target = action.id if action is not None else None

        def typed(fields: dict[str, str]) -> None:
            self.wapp.commit(lambda: closing.set_form_draft(shard, ACTION_FORM, fields, target))

        def done(draft: ActionDraft | None) -> None:
            made: list[ActionFields | None] = []

            # A new action's id is known before it is saved: its draft names it first,
            # so a crash before the draft is gone cannot add it twice (see `form_done`).
            creates = new_id() if action is None and draft is not None else None

            def change() -> None:
                with closing.form_done(shard, ACTION_FORM, creates):
                    if draft is None:
                        return
                    if action is None:
                        made.append(closing.add_action(shard, draft, creates))
                    else:
                        made.append(closing.update_action(shard, action.id, draft))

            if not self.wapp.commit(change) or not made:
                return
            if action is None:
                if made[0] is not None:
                    self.draw(tab, made[0].id)
            else:
                self.draw(self.tab, self._selected_id())

        home = None if shard == JOINT else shard  # (from the follow-up: any cooperative)
        form = ActionForm(
            self.closing.people_for(home),
            self.session.plan.last_day,
            action,
            closing.owner_label(action) if action is not None else "",
            typed,
            recovered.fields if recovered is not None else None,
            coop_names=self.closing.cooperative_names(),
            home=home,
        )
        self.app.push_screen(form, done)

    def _edit_followup_row(self) -> None:
        row = self._selected_id()
        if row and "|" in row:
            shard, action_id = row.split("|", 1)
            self._edit_action("rtl-b" if shard == JOINT else "rtl-a", shard, action_id)

    def action_delete(self) -> None:
        selected = self._selected_id()
        if selected is None:
            return
        if self.tab == "team":
            seat = self.closing.seat(self.coop_id, selected)
            if seat is not None and self.wapp.commit(
                lambda: self.closing.remove_seat(self.coop_id, seat.id)
            ):
                self.draw("team")
                self.notify(self.t("closing.seat_removed", name=seat.name))
            return
        if self.tab not in BOARDS:
            return
        shard = self._shard(self.tab)
        action = self.closing.action(shard, selected)
        if action is not None and self.wapp.commit(
            lambda: self.closing.delete_action(shard, action.id)
        ):
            self.draw(self.tab)
            self.notify(self.t("closing.deleted", activity=_short(action.activity)))

    def action_toggle_done(self) -> None:
        selected = self._selected_id()
        if selected is None:
            return
        if self.tab == "followup":
            if "|" not in selected:
                return
            shard, action_id = selected.split("|", 1)
            on = self.as_of or self._today()
            if self.wapp.commit(lambda: self.closing.toggle_done(shard, action_id, on)):
                self.draw("followup", selected)
            return
        shard = self._shard(self.tab)
        if self.wapp.commit(lambda: self.closing.toggle_done(shard, selected)):
            self.draw(self.tab, selected)

    def action_cycle_status(self) -> None:
        shard, selected = self._shard(self.tab), self._selected_id()
        action = self.closing.action(shard, selected) if selected else None
        if action is None:
            return
        status = STATUS_CYCLE[(STATUS_CYCLE.index(action.status) + 1) % len(STATUS_CYCLE)]
        if self.wapp.commit(lambda: self.closing.set_status(shard, action.id, status)):
            self.draw(self.tab, action.id)

    def action_reorder(self, step: int) -> None:
        shard, selected = self._shard(self.tab), self._selected_id()
        if selected and self.wapp.commit(
            lambda: self.closing.reorder_action(shard, selected, step)
        ):
            self.draw(self.tab, selected)

    def action_trash(self) -> None:
        tab, shard = self.tab, self._shard(self.tab)

        def restored(action_id: str | None) -> None:
            if action_id and self.wapp.commit(
                lambda: self.closing.restore_action(shard, action_id)
            ):
                self.draw(tab, action_id)

        self.app.push_screen(ActionTrash(self.closing.trash(shard)), restored)

    # -- the team ---------------------------------------------------------------------------

    def _team_roles(self) -> list[Role]:
        rule = self.session.plan.team_rule.seats
        return [r for r in Role if rule.get(r, 0)] + [r for r in Role if not rule.get(r, 0)]

    def _seat_form(
        self,
        role: Role,
        seat_id: str | None = None,
        name: str = "",
        participant: str | None = None,
        recovered: FormDraft | None = None,
    ) -> None:
        coop = self.coop_id
        closing = self.closing

        def typed(fields: dict[str, str]) -> None:
            self.wapp.commit(lambda: closing.set_form_draft(coop, SEAT_FORM, fields, seat_id))

        def done(result: tuple[Role, str, str | None] | None) -> None:
            made: list[str | None] = []

            creates = new_id() if seat_id is None and result is not None else None

            def change() -> None:
                with closing.form_done(coop, SEAT_FORM, creates):
                    if result is None:
                        return
                    new_role, new_name, person = result
                    if seat_id is None:
                        seat = closing.add_seat(coop, new_role, new_name, person, creates)
                    else:
                        seat = closing.update_seat(coop, seat_id, new_role, new_name, person)
                    made.append(seat.id if seat else None)

            if self.wapp.commit(change) and result is not None:
                self.draw("team", made[0] if made else None)

        form = SeatForm(
            self._team_roles(),
            self.closing.people_for(coop),
            role,
            name,
            participant,
            editing=seat_id is not None,
            typed=typed,
            recovered=recovered.fields if recovered is not None else None,
            coop_names=self.closing.cooperative_names(),
            home=coop,
        )
        self.app.push_screen(form, done)

    def _edit_seat(self) -> None:
        selected = self._selected_id()
        if selected is None:
            return
        if selected.startswith("empty:"):
            self._seat_form(Role(selected.split(":")[1]))
            return
        seat = self.closing.seat(self.coop_id, selected)
        if seat is not None:
            self._seat_form(seat.role, seat.id, seat.name, seat.participant)

    # -- a form left open by a crash ---------------------------------------------------------

    def _resume_open_form(self) -> None:
        """After a crash (or kill) with a form open, the form comes back on its tab, every
        field as it was typed; its title says the text was recovered."""
        if not self.is_current:
            return
        plan = self.session.plan
        for draft in self.closing.open_form_drafts():
            shard = draft.shard
            if shard != JOINT and plan.cooperative(shard) is None:
                continue  # a cooperative the plan no longer has: its draft is kept
            if draft.form == WALK_IN_FORM and shard == JOINT:
                if self.tab != "pact":
                    self.show_tab("pact")
                self._walk_in_form(self.session.current_cooperative[1].id, draft)
                return
            if draft.form == ACTION_FORM:
                board = "rtl-b" if shard == JOINT else "rtl-a"
                if self.tab != "followup":  # an action edited from the follow-up stays there
                    self._show_board(board, shard)
                action = self.closing.action(shard, draft.target) if draft.target else None
                self._action_form(board, shard, action, draft)
                return
            if draft.form == SEAT_FORM and shard != JOINT:
                self._show_board("team", shard)
                seat = self.closing.seat(shard, draft.target) if draft.target else None
                if seat is None:
                    self._seat_form(Role.ANGGOTA, recovered=draft)
                else:
                    self._seat_form(seat.role, seat.id, seat.name, seat.participant, draft)
                return

    def _show_board(self, tab: str, shard: str) -> None:
        """Show a tab, on cooperative `shard` if the tab is per cooperative."""
        if tab in PER_COOPERATIVE and shard != self.session.current_cooperative[1].id:
            self._switch(lambda: self.session.select_cooperative(shard))
        if self.tab != tab:
            self.show_tab(tab)

    def action_seat_attendees(self) -> None:
        added: list[int] = []
        coop = self.coop_id
        if self.wapp.commit(lambda: added.append(len(self.closing.seat_attendees(coop)))):
            self.draw("team")
            self.notify(self.t("closing.attendees_seated", count=added[0]))

    # -- undo -------------------------------------------------------------------------------

    def _history(self) -> tuple[UndoableEdits, str] | None:
        closing = self.closing
        if self.tab == "pact":
            return closing.pact_edits, JOINT
        if self.tab in BOARDS:
            return closing.action_edits, self._shard(self.tab)
        if self.tab == "team":
            return closing.team_edits, self.coop_id
        return None

    def action_undo(self) -> None:
        self._replay(undo=True)

    def action_redo(self) -> None:
        self._replay(undo=False)

    def _replay(self, undo: bool) -> None:
        history = self._history()
        if history is None:
            return
        edits, shard = history
        done: list[Change | None] = []

        def step() -> None:
            closing = self.closing
            done.append(closing.undo(edits, shard) if undo else closing.redo(edits, shard))

        if not self.wapp.commit(step):
            return
        if done[0] is None:
            self.notify(self.t("closing.nothing_to_undo" if undo else "closing.nothing_to_redo"))
            return
        touched = [e for e in done[0].touched if getattr(e, "deleted_at", None) is None]
        self.draw(self.tab, touched[-1].id if touched else None)

    # -- cooperatives -----------------------------------------------------------------------

    def cooperative_switched(self) -> None:
        for tab in PER_COOPERATIVE:
            self.row_list(tab).start_at_top()  # rows of another cooperative
        self.draw(self.tab)
        self._save_cursor()

    # -- the follow-up ----------------------------------------------------------------------

    def action_shift_as_of(self, months: int) -> None:
        self.as_of = add_months(self.as_of or self._today(), months)
        self.draw("followup")

    def action_as_of_today(self) -> None:
        self.as_of = None
        self.draw("followup")


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
