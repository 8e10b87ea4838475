"""The closing screen's small forms: a walk-in participant, an RTL action, a team seat,
and the trash of an RTL board. Each is a modal: Enter in a field or Ctrl+S saves,
Escape cancels; nothing is changed until the screen commits what the form returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

from workshop_tui.domain.deadline_text import DeadlineTextError, deadline_text, parse_deadline
from workshop_tui.domain.deadlines import Deadline, describe, due_dates, format_day, is_recurring
from workshop_tui.domain.plan import Plan, Role
from workshop_tui.domain.state import ActionFields, ActionStatus
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.screens.board_pickers import _Modal
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.workflows.closing import ActionDraft, Person

if TYPE_CHECKING:
    from workshop_tui.i18n import Translator
    from workshop_tui.tui.app import WorkshopApp

R = TypeVar("R")

NBSP = "\u00a0"
SERIES_SHOWN = 12
"""Dates of a recurring deadline listed under the field (the rest are counted)."""


def role_name(role: Role, t: Translator) -> str:
    return t(f"closing.role.{role.value}")


def deadline_preview(deadline: Deadline | None, last_day: dt.date, t: Translator) -> Text:
    """The dates a deadline stands for, shown live under the deadline field."""
    if deadline is None:
        return Text(t("followup.no_deadline"), style="dim")
    text = Text(describe(deadline, t.language), style="bold")
    dates = due_dates(deadline, last_day)
    if is_recurring(deadline):
        # No line break inside a date: "22 September 2018" stays on one line.
        shown = ", ".join(
            format_day(d, t.language).replace(" ", NBSP) for d in dates[:SERIES_SHOWN]
        )
        more = len(dates) - SERIES_SHOWN
        text.append("\n" + t("closing.series", count=len(dates), dates=shown))
        if more > 0:
            text.append(" " + t("closing.series_more", count=more))
    elif not isinstance(deadline, dt.date):
        text.append(" → " + format_day(dates[0], t.language))
    return text


class _Form(ModalScreen[R | None], Generic[R]):
    """A form in a framed box: a title, labelled fields in a grid, a hint, the key bar."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("ctrl+s", "closing.save", "save", priority=True),
        key("escape", "closing.cancel", "cancel"),
    ]

    DEFAULT_CLASSES = "closing-form"

    @property
    def t(self) -> Translator:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        return app.t

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-body"):
            yield Static(Text(self.heading(), style="bold"), classes="form-title")
            with Grid(classes="form-grid"):
                yield from self.fields()
            yield Static(classes="form-problem")
            yield KeyBar()

    def on_mount(self) -> None:
        localize(self, self.t)
        # A choice list's own Escape ("Dismiss") speaks the UI language too.
        cancel = self.t("keys.closing.cancel")
        for overlay in self.query(SelectOverlay):
            bindings = overlay._bindings.key_to_bindings
            for keys, found in bindings.items():
                bindings[keys] = [
                    replace(b, description=cancel) if b.action == "dismiss" else b for b in found
                ]
        self.after_mount()

    def heading(self) -> str:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def after_mount(self) -> None:
        """Fill the fields and focus the first one."""

    def result(self) -> R | None:
        """What the form returns, or None (after showing the problem) if it cannot."""
        raise NotImplementedError

    def problem(self, message: str) -> None:
        self.query_one(".form-problem", Static).update(Text(message, style="bold red"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        result = self.result()
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _label(text: str) -> Label:
    return Label(text, classes="form-label")


class WalkInForm(_Form[tuple[str, str, Role]]):
    """A participant who arrived without being on the roster: name, cooperative, role."""

    def __init__(self, plan: Plan, cooperative: str) -> None:
        super().__init__(id="walk-in-form")
        self.plan = plan
        self.cooperative = cooperative

    def heading(self) -> str:
        return self.t("closing.walk_in_title")

    def fields(self) -> ComposeResult:
        t = self.t
        yield _label(t("closing.field.name"))
        yield Input(id="walk-in-name", placeholder=t("closing.walk_in_name_hint"), compact=True)
        yield _label(t("closing.field.cooperative"))
        yield Select(
            [(f"{c.name} · {g.name}", c.id) for g, c in self.plan.cooperatives()],
            value=self.cooperative,
            allow_blank=False,
            id="walk-in-coop",
            compact=True,
        )
        yield _label(t("closing.field.role"))
        yield Select(
            [(role_name(role, t), role.value) for role in Role],
            value=Role.ANGGOTA.value,
            allow_blank=False,
            id="walk-in-role",
            compact=True,
        )

    def after_mount(self) -> None:
        self.query_one("#walk-in-name", Input).focus()

    def result(self) -> tuple[str, str, Role] | None:
        name = self.query_one("#walk-in-name", Input).value.strip()
        if not name:
            self.problem(self.t("closing.need_name"))
            self.query_one("#walk-in-name", Input).focus()
            return None
        coop = self.query_one("#walk-in-coop", Select).value
        role = self.query_one("#walk-in-role", Select).value
        return name, str(coop), Role(str(role))


class ActionForm(_Form[ActionDraft]):
    """An RTL action: activity, person in charge (from the roster or typed), deadline
    (typed, its dates shown live), success indicator, status."""

    def __init__(
        self,
        people: list[Person],
        last_day: dt.date,
        action: ActionFields | None = None,
        owner_name: str = "",
    ) -> None:
        super().__init__(id="action-form")
        self.people = people
        self.last_day = last_day
        self.action = action
        self.owner_name = owner_name
        self._filling = False

    def heading(self) -> str:
        if self.action is None:
            return self.t("closing.action_new")
        return self.t("closing.action_edit")

    def fields(self) -> ComposeResult:
        t = self.t
        yield _label(t("closing.field.activity"))
        yield Input(id="action-activity", compact=True)
        yield _label(t("closing.field.owner"))
        yield Select(
            [(f"{p.name} · {t(f'closing.role.{p.role.value}')}", p.key) for p in self.people],
            prompt=t("closing.owner_pick"),
            id="action-owner-pick",
            compact=True,
        )
        yield _label("")
        yield Input(id="action-owner", placeholder=t("closing.owner_hint"), compact=True)
        yield _label(t("closing.field.deadline"))
        yield Input(id="action-deadline", placeholder=t("closing.deadline_hint"), compact=True)
        yield _label("")
        yield Static(id="action-deadline-preview")
        yield _label(t("closing.field.indicator"))
        yield Input(id="action-indicator", compact=True)
        yield _label(t("closing.field.status"))
        yield Select(
            [(t(f"closing.status.{s.value}"), s.value) for s in ActionStatus],
            value=ActionStatus.OPEN.value,
            allow_blank=False,
            id="action-status",
            compact=True,
        )

    def after_mount(self) -> None:
        action = self.action
        self._filling = True
        if action is not None:
            self.query_one("#action-activity", Input).value = action.activity
            self.query_one("#action-owner", Input).value = self.owner_name or action.owner
            if action.owner_participant and any(
                p.key == action.owner_participant for p in self.people
            ):
                self.query_one("#action-owner-pick", Select).value = action.owner_participant
            self.query_one("#action-deadline", Input).value = deadline_text(
                action.deadline, self.t.language
            )
            self.query_one("#action-indicator", Input).value = action.indicator
            self.query_one("#action-status", Select).value = action.status.value
        self._filling = False
        self._preview()
        self.query_one("#action-activity", Input).focus()

    @on(Select.Changed, "#action-owner-pick")
    def _picked_owner(self, event: Select.Changed) -> None:
        if self._filling or event.value == Select.NULL:
            return
        person = next((p for p in self.people if p.key == event.value), None)
        if person is not None:
            self._filling = True
            self.query_one("#action-owner", Input).value = person.name
            self._filling = False

    @on(Input.Changed, "#action-owner")
    def _typed_owner(self, event: Input.Changed) -> None:
        if self._filling:
            return
        pick = self.query_one("#action-owner-pick", Select)
        person = next((p for p in self.people if p.key == pick.value), None)
        if person is not None and event.value.strip() != person.name:
            pick.clear()  # typed over the name: no longer someone from the roster

    @on(Input.Changed, "#action-deadline")
    def _typed_deadline(self) -> None:
        self._preview()

    def _deadline(self) -> Deadline | None:
        return parse_deadline(self.query_one("#action-deadline", Input).value)

    def _preview(self) -> bool:
        preview = self.query_one("#action-deadline-preview", Static)
        try:
            deadline = self._deadline()
        except DeadlineTextError:
            preview.update(Text(self.t("closing.deadline_invalid"), style="bold red"))
            return False
        preview.update(deadline_preview(deadline, self.last_day, self.t))
        return True

    def result(self) -> ActionDraft | None:
        activity = self.query_one("#action-activity", Input).value.strip()
        if not activity:
            self.problem(self.t("closing.need_activity"))
            self.query_one("#action-activity", Input).focus()
            return None
        if not self._preview():
            self.problem(self.t("closing.deadline_invalid"))
            self.query_one("#action-deadline", Input).focus()
            return None
        pick = self.query_one("#action-owner-pick", Select).value
        participant = str(pick) if pick != Select.NULL else None
        return ActionDraft(
            activity=activity,
            owner=self.query_one("#action-owner", Input).value.strip(),
            owner_participant=participant,
            deadline=self._deadline(),
            indicator=self.query_one("#action-indicator", Input).value.strip(),
            status=ActionStatus(str(self.query_one("#action-status", Select).value)),
        )


class SeatForm(_Form[tuple[Role, str, str | None]]):
    """A seat on the Renstra team: a role, and someone from the roster or a new name."""

    def __init__(
        self,
        roles: list[Role],
        people: list[Person],
        role: Role,
        name: str = "",
        participant: str | None = None,
        editing: bool = False,
    ) -> None:
        super().__init__(id="seat-form")
        self.roles = roles
        self.people = people
        self.role = role
        self.seat_name = name
        self.participant = participant
        self.editing = editing
        self._filling = False

    def heading(self) -> str:
        return self.t("closing.seat_edit" if self.editing else "closing.seat_new")

    def fields(self) -> ComposeResult:
        t = self.t
        yield _label(t("closing.field.role"))
        yield Select(
            [(role_name(role, t), role.value) for role in self.roles],
            value=self.role.value,
            allow_blank=False,
            id="seat-role",
            compact=True,
        )
        yield _label(t("closing.field.person"))
        yield Select(
            [(f"{p.name} · {role_name(p.role, t)}", p.key) for p in self.people],
            prompt=t("closing.person_pick"),
            id="seat-person",
            compact=True,
        )
        yield _label(t("closing.field.name"))
        yield Input(id="seat-name", placeholder=t("closing.seat_name_hint"), compact=True)

    def after_mount(self) -> None:
        self._filling = True
        self.query_one("#seat-name", Input).value = self.seat_name
        if self.participant and any(p.key == self.participant for p in self.people):
            self.query_one("#seat-person", Select).value = self.participant
        self._filling = False
        self.query_one("#seat-person", Select).focus()

    @on(Select.Changed, "#seat-person")
    def _picked(self, event: Select.Changed) -> None:
        if self._filling or event.value == Select.NULL:
            return
        person = next((p for p in self.people if p.key == event.value), None)
        if person is None:
            return
        self._filling = True
        self.query_one("#seat-name", Input).value = person.name
        if not self.editing and person.role in self.roles:
            self.query_one("#seat-role", Select).value = person.role.value
        self._filling = False

    @on(Input.Changed, "#seat-name")
    def _typed(self, event: Input.Changed) -> None:
        if self._filling:
            return
        pick = self.query_one("#seat-person", Select)
        person = next((p for p in self.people if p.key == pick.value), None)
        if person is not None and event.value.strip() != person.name:
            pick.clear()

    def result(self) -> tuple[Role, str, str | None] | None:
        name = self.query_one("#seat-name", Input).value.strip()
        pick = self.query_one("#seat-person", Select).value
        participant = str(pick) if pick != Select.NULL else None
        if not name and participant is None:
            self.problem(self.t("closing.need_person"))
            return None
        role = Role(str(self.query_one("#seat-role", Select).value))
        return role, name, participant


class ActionTrash(_Modal):
    """Ctrl+T on an RTL board: its deleted actions; Enter restores one."""

    def __init__(self, actions: list[ActionFields]) -> None:
        super().__init__(id="action-trash")
        self.actions = actions

    def heading(self) -> str:
        return self.t("closing.trash_title", count=len(self.actions))

    def options(self) -> list[Option]:
        if not self.actions:
            return [Option(Text(self.t("closing.trash_empty"), style="italic"), disabled=True)]
        options = []
        for action in self.actions:
            when = action.deleted_at.astimezone().strftime("%H:%M") if action.deleted_at else ""
            options.append(
                Option(Text.assemble(action.activity, (f"  ({when})", "dim")), id=action.id)
            )
        return options
