"""The closing screen's small forms: a walk-in participant, an RTL action, a team seat,
and the trash of an RTL board. Each is a modal: Enter in a field or Ctrl+S saves,
Escape cancels; nothing is changed until the screen commits what the form returns.
A refused save names the problem under the fields; it goes as soon as that field is edited.

What is typed is handed to the screen as it is typed (`typed`: every field, at each
change), which saves it as a draft; after a crash the screen opens the form again with
those fields (`recovered`), says so in the title, and a first Escape only warns.

Keys typed fast (a burst: a fast typist, a paste, tmux send-keys) act in the order typed:
the text fields are `FormInput`s, which run their own editing keys and the form's keys
(save, cancel) the moment they arrive, in order with the letters (see `OrderedInput`).

The form's words follow the UI language: switching it while the form is open relabels
the title, the fields, the choices and the keys (`refresh_words`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option
from textual.widgets.select import InvalidSelectValueError

from workshop_tui.domain.deadline_text import (
    DeadlineTextError,
    NoSuchDate,
    deadline_text,
    parse_deadline,
)
from workshop_tui.domain.deadlines import (
    Deadline,
    OnDate,
    describe,
    due_dates,
    format_day,
    is_recurring,
)
from workshop_tui.domain.plan import Plan, Role
from workshop_tui.domain.state import ActionFields, ActionStatus
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.screens.board_pickers import _Modal
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.ordered_input import OWN_KEYS, OrderedInput
from workshop_tui.workflows.closing import ActionDraft, Person

if TYPE_CHECKING:
    from workshop_tui.i18n import Translator
    from workshop_tui.tui.app import WorkshopApp

R = TypeVar("R")

Fields = dict[str, str]
"""A form's fields by name: an input's text, a choice's value ("" for none)."""

NBSP = "\u00a0"
SERIES_SHOWN = 12
"""Dates of a recurring deadline listed under the field (the rest are counted)."""


def role_name(role: Role, t: Translator) -> str:
    return t(f"closing.role.{role.value}")


def person_choices(
    people: list[Person], t: Translator, coop_names: dict[str, str], home: str | None
) -> list[tuple[str, str]]:
    """A picker's options: name and role; someone not of cooperative `home` (everyone, for
    the joint plan) also with their cooperative's name, so two people are never confused."""
    choices = []
    for person in people:
        label = f"{person.name} · {role_name(person.role, t)}"
        if person.cooperative != home:
            label += f" · {coop_names.get(person.cooperative, person.cooperative)}"
        choices.append((label, person.key))
    return choices


def deadline_preview(deadline: Deadline | None, last_day: dt.date, t: Translator) -> Text:
    """The dates a deadline stands for, shown live under the deadline field; a date before
    the workshop's last day is most likely a typo (2018-01-15 for 2018-10-15) and says so."""
    if deadline is None:
        return Text(t("followup.no_deadline"), style="dim")
    text = Text(describe(deadline, t.language), style="bold")
    day = deadline.on if isinstance(deadline, OnDate) else deadline
    if isinstance(day, dt.date) and day < last_day:
        warning = t("closing.deadline_before_workshop", last_day=t.date(last_day))
        text.append("\n" + warning, style="bold yellow")
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


def deadline_problem(problem: DeadlineTextError, t: Translator) -> str:
    """Why a typed deadline is refused: what is wrong with a date the calendar does not
    have, else examples of what is understood."""
    if not isinstance(problem, NoSuchDate):
        return t("closing.deadline_invalid")
    last = problem.days_in_month
    if last is None:
        return t("closing.deadline_no_month", month=problem.month)
    # t.date writes "1 Februari 2018": the month and year without the day.
    month = t.date(dt.date(problem.year, problem.month, 1)).removeprefix("1 ")
    return t("closing.deadline_no_day", month=month, day=problem.day, last=last)


class FormInput(OrderedInput):
    """A form's text field. Its editing keys (Backspace, arrows...) act in order with the
    letters (`OrderedInput`), and so do Enter and the form's own keys (save, cancel): in
    Textual 8.2.8 they would run only once the key had bubbled up, after the letters typed
    after them, which then went into the saved record or into another field. Keys that
    reach the field once its form is saved or cancelled are not its any more: dropped."""

    hint: str | None = None
    """The placeholder's key in the catalog (redrawn when the language changes)."""

    async def _on_key(self, event: events.Key) -> None:
        form = self.screen
        if not isinstance(form, _Form):
            await super()._on_key(event)
            return
        if form.finished:
            event.stop()
            event.prevent_default()
            return
        if not event.is_printable:
            if OWN_KEYS.get(event.key) == "submit":
                event.stop()
                event.prevent_default()
                form.action_save()  # with the fields as they are now
                return
            # The field's own keys come first (as Textual has it), then the form's.
            action = None if event.key in OWN_KEYS else form.own_key(event.key)
            if action is not None:
                event.stop()
                event.prevent_default()
                await form.run_action(action)
                return
        await super()._on_key(event)


class _Form(ModalScreen[R | None], Generic[R]):
    """A form in a framed box: a title, labelled fields in a grid, a hint, the key bar."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        # Keys typed fast reach the app together, each handed to the field then focused.
        # Save and cancel are not priority keys: a text field (`FormInput`) runs them as
        # they arrive, in order with its letters, so the form is saved with the letters
        # typed before the key and none typed after it.
        key("ctrl+s", "closing.save", "save"),
        key("escape", "closing.cancel", "cancel"),
        # Tab does move the focus as it arrives (a priority key): the keys after it are
        # handed to the next field, not to the one it leaves.
        key("tab", "closing.next_field", "app.focus_next", show=False, priority=True),
        key(
            "shift+tab",
            "closing.previous_field",
            "app.focus_previous",
            show=False,
            priority=True,
        ),
    ]

    DEFAULT_CLASSES = "closing-form"

    FIELDS: ClassVar[dict[str, str]] = {}
    """The fields saved as typed: name in the draft -> id of the Input or Select."""

    def __init__(
        self,
        id: str,
        typed: Callable[[Fields], object] | None = None,
        recovered: Fields | None = None,
    ) -> None:
        super().__init__(id=id)
        # The fields the problem shown is about, with their values then; its words.
        self._problem_about: dict[str, object] = {}
        self._problem_words: Callable[[], str] | None = None
        self.typed = typed
        self.recovered = recovered
        self._initial: Fields = {}  # as the form opened (before any recovered text)
        self._kept: Fields = {}  # as last handed to `typed`
        self._started = False  # the fields are filled: changes from now on are kept
        self._finished = False
        self._discard_asked = False

    @property
    def t(self) -> Translator:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        return app.t

    @property
    def finished(self) -> bool:
        """Saved or cancelled: the form is closing."""
        return self._finished

    def own_key(self, key_name: str) -> str | None:
        """The action the form itself binds `key_name` to (not a priority key: those run
        as they arrive anyway), as the user's keymap has it; None if none."""
        for namespace, bindings in self._modal_binding_chain:
            if namespace is not self:
                continue
            for binding in bindings.key_to_bindings.get(key_name, ()):
                if not binding.priority:
                    return binding.action
        return None

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-body"):
            yield Static(Text(self.heading(), style="bold"), classes="form-title")
            with Grid(classes="form-grid"):
                yield from self.fields()
            yield Static(classes="form-problem")
            yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "language", self._language_changed, init=False)
        self._localize_keys()
        self._started = True
        if self.recovered is None:
            self.after_mount()
            self._initial = self._kept = self.values()
            return
        # Filled without change messages: a handler run later for a value set now (a
        # person picked fills the name) must not undo what was recovered.
        with self.prevent(Input.Changed, Select.Changed):
            self.after_mount()
            self._initial = self.values()
            self.fill(self.recovered)
        self._kept = self.values()
        self.after_fill()
        self._draw_title()

    def _localize_keys(self) -> None:
        localize(self, self.t)
        # A choice list's own Escape ("Dismiss") speaks the UI language too.
        cancel = self.t("keys.closing.cancel")
        for overlay in self.query(SelectOverlay):
            bindings = overlay._bindings.key_to_bindings
            for keys, found in bindings.items():
                bindings[keys] = [
                    replace(b, description=cancel) if b.action == "dismiss" else b for b in found
                ]

    def _draw_title(self) -> None:
        title = Text(self.heading(), style="bold")
        if self.recovered is not None:
            title.append(f"  {self.t('closing.restored')}", style="italic")
        self.query_one(".form-title", Static).update(title)

    def _language_changed(self) -> None:
        if self.is_attached and not self._finished:
            self.refresh_words()
            self.app.refresh_bindings()

    def refresh_words(self) -> None:
        """Draw every word of the form in the UI language (after F8): the title, the
        labels, the hints, the choices (each keeping what is chosen), the keys, what the
        fields stand for and the problem shown. What is typed is left as it is."""
        t = self.t
        self._localize_keys()
        self._draw_title()
        for label in self.query(FormLabel):
            label.update(t(label.word) if label.word else "")
        for field in self.query(FormInput):
            if field.hint:
                field.placeholder = t(field.hint)
        # Chosen values stay: no change is handed on (nothing new to save as a draft).
        with self.prevent(Input.Changed, Select.Changed):
            for widget_id, (options, prompt) in self.choices().items():
                select: Select[str] = self.query_one(f"#{widget_id}", Select)
                chosen = select.value
                if prompt is not None:
                    select.prompt = prompt
                select.set_options(options)
                try:
                    if chosen != Select.NULL:
                        select.value = chosen
                except InvalidSelectValueError:
                    pass  # (the same options, reworded: cannot happen)
            self.after_words()
        if self._problem_words is not None:
            self.query_one(".form-problem", Static).update(
                Text(self._problem_words(), style="bold red")
            )

    def choices(self) -> dict[str, tuple[list[tuple[str, str]], str | None]]:
        """Each choice list's options and prompt (None: it has none) by widget id, in the
        UI language."""
        return {}

    def after_words(self) -> None:
        """Redraw what the form shows of its fields (after a change of language)."""

    def heading(self) -> str:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def after_mount(self) -> None:
        """Fill the fields and focus the first one."""

    def after_fill(self) -> None:
        """Show what depends on the fields, once recovered text is in them."""

    def values(self) -> Fields:
        """Every field saved as typed, as it is now."""
        values: Fields = {}
        for name, widget_id in self.FIELDS.items():
            widget = self.query_one(f"#{widget_id}")
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, Select):
                values[name] = "" if widget.value == Select.NULL else str(widget.value)
        return values

    def fill(self, values: Fields) -> None:
        """Put saved values into the fields (a choice no longer offered is left as it is)."""
        for name, widget_id in self.FIELDS.items():
            if name not in values:
                continue
            value = values[name]
            widget = self.query_one(f"#{widget_id}")
            if isinstance(widget, Input):
                widget.value = value
                widget.cursor_position = len(value)
                widget.select_on_focus = False  # a key goes on after recovered text, not over it
            elif isinstance(widget, Select):
                try:
                    if value:
                        widget.value = value
                    else:
                        widget.clear()
                except InvalidSelectValueError:
                    pass

    def result(self) -> R | None:
        """What the form returns, or None (after showing the problem) if it cannot."""
        raise NotImplementedError

    def problem(self, words: Callable[[], str], *fields: Input | Select[str]) -> None:
        """Show why the form cannot be saved (`words` says it, in the UI language of the
        moment), until one of `fields` is edited."""
        self._problem_about = {f.id or "": f.value for f in fields}
        self._problem_words = words
        self.query_one(".form-problem", Static).update(Text(words(), style="bold red"))

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | Select.Changed) -> None:
        field = event.input if isinstance(event, Input.Changed) else event.select
        # Compared with the value refused: a change posted before the refusal is no fix.
        if field.id in self._problem_about and event.value != self._problem_about[field.id]:
            self._problem_about = {}
            self._problem_words = None
            self.query_one(".form-problem", Static).update("")
        self._keep_typed()

    def _keep_typed(self) -> None:
        """Hand the fields to `typed` when they changed (the draft is saved per keystroke)."""
        if self.typed is None or not self._started or self._finished or not self.is_attached:
            return
        values = self.values()
        if values != self._kept:
            self._kept = values
            self.typed(values)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        result = self.result()
        if result is not None:
            self._finished = True  # a change handled after this must not save a draft again
            self.dismiss(result)

    def action_cancel(self) -> None:
        # Text recovered after a crash (typed by someone else, perhaps the day before) is
        # thrown away only on a second Escape: one slip must not lose a group's work.
        unsaved = self.recovered is not None and self.values() != self._initial
        if unsaved and not self._discard_asked:
            self._discard_asked = True
            self.notify(self.t("closing.discard_confirm"), severity="warning")
            return
        self._finished = True
        self.dismiss(None)


class FormLabel(Label):
    """A field's label, redrawn in the UI language when it changes (`word`: its key in
    the catalog; "" for none)."""

    def __init__(self, word: str, text: str) -> None:
        super().__init__(text, classes="form-label")
        self.word = word


def _label(word: str, t: Translator) -> FormLabel:
    return FormLabel(word, t(word) if word else "")


def _field(widget_id: str, t: Translator, hint: str | None = None) -> FormInput:
    """A text field; `hint`: its placeholder's key in the catalog."""
    field = FormInput(id=widget_id, placeholder=t(hint) if hint else "", compact=True)
    field.hint = hint
    return field


class WalkInForm(_Form[tuple[str, str, Role]]):
    """A participant who arrived without being on the roster: name, cooperative, role."""

    FIELDS: ClassVar[dict[str, str]] = {
        "name": "walk-in-name",
        "cooperative": "walk-in-coop",
        "role": "walk-in-role",
    }

    def __init__(
        self,
        plan: Plan,
        cooperative: str,
        typed: Callable[[Fields], object] | None = None,
        recovered: Fields | None = None,
    ) -> None:
        super().__init__("walk-in-form", typed, recovered)
        self.plan = plan
        self.cooperative = cooperative

    def heading(self) -> str:
        return self.t("closing.walk_in_title")

    def choices(self) -> dict[str, tuple[list[tuple[str, str]], str | None]]:
        return {"walk-in-role": ([(role_name(role, self.t), role.value) for role in Role], None)}

    def fields(self) -> ComposeResult:
        t = self.t
        yield _label("closing.field.name", t)
        yield _field("walk-in-name", t, "closing.walk_in_name_hint")
        yield _label("closing.field.cooperative", t)
        yield Select(
            [(f"{c.name} · {g.name}", c.id) for g, c in self.plan.cooperatives()],
            value=self.cooperative,
            allow_blank=False,
            id="walk-in-coop",
            compact=True,
        )
        yield _label("closing.field.role", t)
        yield Select(
            self.choices()["walk-in-role"][0],
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
            field = self.query_one("#walk-in-name", Input)
            self.problem(lambda: self.t("closing.need_name"), field)
            field.focus()
            return None
        coop = self.query_one("#walk-in-coop", Select).value
        role = self.query_one("#walk-in-role", Select).value
        return name, str(coop), Role(str(role))


class ActionForm(_Form[ActionDraft]):
    """An RTL action: activity, person in charge (from the roster or typed), deadline
    (typed, its dates shown live), success indicator, status."""

    FIELDS: ClassVar[dict[str, str]] = {
        "activity": "action-activity",
        "owner_pick": "action-owner-pick",
        "owner": "action-owner",
        "deadline": "action-deadline",
        "indicator": "action-indicator",
        "status": "action-status",
    }

    def __init__(
        self,
        people: list[Person],
        last_day: dt.date,
        action: ActionFields | None = None,
        owner_name: str = "",
        typed: Callable[[Fields], object] | None = None,
        recovered: Fields | None = None,
        coop_names: dict[str, str] | None = None,
        home: str | None = None,
    ) -> None:
        """`people` in the order offered; `home`: the cooperative whose board it is (its
        people are listed without their cooperative's name; None: the joint plan)."""
        super().__init__("action-form", typed, recovered)
        self.people = people
        self.coop_names = coop_names or {}
        self.home = home
        self.last_day = last_day
        self.action = action
        self.owner_name = owner_name
        self._filling = False

    def heading(self) -> str:
        if self.action is None:
            return self.t("closing.action_new")
        return self.t("closing.action_edit")

    def choices(self) -> dict[str, tuple[list[tuple[str, str]], str | None]]:
        t = self.t
        return {
            "action-owner-pick": (
                person_choices(self.people, t, self.coop_names, self.home),
                t("closing.owner_pick"),
            ),
            "action-status": (
                [(t(f"closing.status.{s.value}"), s.value) for s in ActionStatus],
                None,
            ),
        }

    def fields(self) -> ComposeResult:
        t = self.t
        choices = self.choices()
        yield _label("closing.field.activity", t)
        yield _field("action-activity", t)
        yield _label("closing.field.owner", t)
        options, prompt = choices["action-owner-pick"]
        yield Select(options, prompt=prompt or "", id="action-owner-pick", compact=True)
        yield _label("", t)
        yield _field("action-owner", t, "closing.owner_hint")
        yield _label("closing.field.deadline", t)
        yield _field("action-deadline", t, "closing.deadline_hint")
        yield _label("", t)
        yield Static(id="action-deadline-preview")
        yield _label("closing.field.indicator", t)
        yield _field("action-indicator", t)
        yield _label("closing.field.status", t)
        yield Select(
            choices["action-status"][0],
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

    def after_fill(self) -> None:
        self._preview()

    def after_words(self) -> None:
        self._preview()

    def fill(self, values: Fields) -> None:
        # A person picked and a name typed over it after: no longer the person (as typing
        # over the name does).
        person = next((p for p in self.people if p.key == values.get("owner_pick")), None)
        if person is not None and values.get("owner", "").strip() != person.name:
            values = {**values, "owner_pick": ""}
        super().fill(values)

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

    def _preview(self) -> str | None:
        """Show what the deadline stands for; the problem with it, if any."""
        preview = self.query_one("#action-deadline-preview", Static)
        try:
            deadline = self._deadline()
        except DeadlineTextError as refused:
            problem = deadline_problem(refused, self.t)
            preview.update(Text(problem, style="bold red"))
            return problem
        preview.update(deadline_preview(deadline, self.last_day, self.t))
        return None

    def result(self) -> ActionDraft | None:
        field = self.query_one("#action-activity", Input)
        activity = field.value.strip()
        if not activity:
            self.problem(lambda: self.t("closing.need_activity"), field)
            field.focus()
            return None
        problem = self._preview()
        if problem is not None:
            field = self.query_one("#action-deadline", Input)
            self.problem(lambda: self._preview() or "", field)
            field.focus()
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

    FIELDS: ClassVar[dict[str, str]] = {
        "role": "seat-role",
        "person": "seat-person",
        "name": "seat-name",
    }

    def __init__(
        self,
        roles: list[Role],
        people: list[Person],
        role: Role,
        name: str = "",
        participant: str | None = None,
        editing: bool = False,
        typed: Callable[[Fields], object] | None = None,
        recovered: Fields | None = None,
        coop_names: dict[str, str] | None = None,
        home: str | None = None,
    ) -> None:
        super().__init__("seat-form", typed, recovered)
        self.roles = roles
        self.people = people
        self.coop_names = coop_names or {}
        self.home = home
        self.role = role
        self.seat_name = name
        self.participant = participant
        self.editing = editing
        self._filling = False

    def heading(self) -> str:
        return self.t("closing.seat_edit" if self.editing else "closing.seat_new")

    def choices(self) -> dict[str, tuple[list[tuple[str, str]], str | None]]:
        t = self.t
        return {
            "seat-role": ([(role_name(role, t), role.value) for role in self.roles], None),
            "seat-person": (
                person_choices(self.people, t, self.coop_names, self.home),
                t("closing.person_pick"),
            ),
        }

    def fields(self) -> ComposeResult:
        t = self.t
        choices = self.choices()
        yield _label("closing.field.role", t)
        yield Select(
            choices["seat-role"][0],
            value=self.role.value,
            allow_blank=False,
            id="seat-role",
            compact=True,
        )
        yield _label("closing.field.person", t)
        options, prompt = choices["seat-person"]
        yield Select(options, prompt=prompt or "", id="seat-person", compact=True)
        yield _label("closing.field.name", t)
        yield _field("seat-name", t, "closing.seat_name_hint")

    def after_mount(self) -> None:
        self._filling = True
        self.query_one("#seat-name", Input).value = self.seat_name
        if self.participant and any(p.key == self.participant for p in self.people):
            self.query_one("#seat-person", Select).value = self.participant
        self._filling = False
        self.query_one("#seat-person", Select).focus()

    def fill(self, values: Fields) -> None:
        person = next((p for p in self.people if p.key == values.get("person")), None)
        if person is not None and values.get("name", "").strip() != person.name:
            values = {**values, "person": ""}
        super().fill(values)

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
            self.problem(
                lambda: self.t("closing.need_person"),
                self.query_one("#seat-name", Input),
                self.query_one("#seat-person", Select),
            )
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
