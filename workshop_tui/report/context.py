"""What every export needs: the plan, the state, the language, the clock, and a few shared
views of them (the roster, cooperative names, local times, deadline texts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from workshop_tui import __version__
from workshop_tui.domain.deadlines import Deadline, describe, due_dates, format_day
from workshop_tui.domain.plan import Group, Plan, Role
from workshop_tui.domain.state import Signature, WalkIn, WorkshopState
from workshop_tui.i18n import Translator
from workshop_tui.report.words import Words


@dataclass(frozen=True)
class Person:
    """Someone on the roster: a participant of the plan, or one added on the day."""

    key: str
    name: str
    cooperative: str
    role: Role
    walk_in: bool = False


@dataclass(frozen=True)
class CoopRef:
    """A cooperative to report on. `group` is None for one the plan no longer lists (its
    captured work is still exported, never dropped)."""

    id: str
    name: str
    group: Group | None
    current_tier: str | None = None


@dataclass
class ExportContext:
    plan: Plan
    state: WorkshopState
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    tz: dt.tzinfo | None = None
    """Time zone of the times shown; None: the machine's local zone."""

    @property
    def language(self) -> str:
        return self.plan.workshop.language.value

    @cached_property
    def w(self) -> Words:
        return Words(self.language)

    @cached_property
    def t(self) -> Translator:
        """The UI catalogs in the document's language, for words a document shares with a
        screen (the IE matrix's bands and postures, as the strategy screen says them)."""
        return Translator(self.language)

    @property
    def version(self) -> str:
        return __version__

    # -- people -------------------------------------------------------------------------

    @cached_property
    def roster(self) -> list[Person]:
        people = [Person(p.key, p.name, p.cooperative, p.role) for p in self.plan.participants]
        known = {p.key for p in people}
        walk_ins = sorted(self.state.workshop.table(WalkIn).values(), key=lambda x: x.added_at)
        for walk_in in walk_ins:
            if walk_in.id not in known:
                people.append(
                    Person(walk_in.id, walk_in.name, walk_in.cooperative, walk_in.role, True)
                )
        return people

    def people_of(self, coop_id: str) -> list[Person]:
        return [p for p in self.roster if p.cooperative == coop_id]

    def signature(self, key: str) -> Signature | None:
        return self.state.workshop.get(Signature, key)

    def role(self, role: Role) -> str:
        return self.w(f"role.{role.value}")

    # -- cooperatives -------------------------------------------------------------------

    @cached_property
    def cooperatives(self) -> list[CoopRef]:
        """The plan's cooperatives in plan order, then any with saved work the plan lacks."""
        refs = [
            CoopRef(coop.id, coop.name, group, coop.current_tier)
            for group, coop in self.plan.cooperatives()
        ]
        listed = {ref.id for ref in refs}
        for name in sorted(self.state.cooperatives):
            shard = self.state.cooperatives[name]
            if name not in listed and shard.count():
                refs.append(CoopRef(name, name, None))
        return refs

    def coop(self, coop_id: str) -> CoopRef | None:
        return next((c for c in self.cooperatives if c.id == coop_id), None)

    def coop_name(self, coop_id: str) -> str:
        found = self.coop(coop_id)
        return found.name if found else coop_id

    def tier_name(self, tier: str | None) -> str:
        if not tier:
            return self.w("none")
        return next((t.name for t in self.plan.tiers if t.id == tier), tier)

    # -- times and dates ----------------------------------------------------------------

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.tz) if self.tz is not None else moment.astimezone()

    def local_text(self, moment: dt.datetime) -> str:
        """'2018-02-19 08:31:05' in local time, the form spreadsheets read as date-time."""
        return self.local(moment).replace(tzinfo=None).isoformat(" ", "seconds")

    def day(self, day: dt.date) -> str:
        return format_day(day, self.language)

    def moment(self, moment: dt.datetime | None) -> str:
        """'19 Februari 2018 08:31' in local time."""
        if moment is None:
            return self.w("none")
        local = self.local(moment)
        return f"{format_day(local.date(), self.language)} {local:%H:%M}"

    def clock(self, moment: dt.datetime | None, on: dt.date | None = None) -> str:
        """'08:31' in local time; with the day ('20 Februari 08:31') when not on `on`."""
        if moment is None:
            return self.w("none")
        local = self.local(moment)
        if on is not None and local.date() != on:
            return f"{format_day(local.date(), self.language, year=False)} {local:%H:%M}"
        return f"{local:%H:%M}"

    @property
    def dates(self) -> str:
        """The workshop's dates: '19–22 Februari 2018'."""
        return date_range(self.plan.first_day, self.plan.last_day, self.language)

    @property
    def generated(self) -> str:
        return self.moment(self.generated_at)

    def deadline(self, deadline: Deadline | None) -> str:
        if deadline is None:
            return self.w("none")
        return describe(deadline, self.language, last_day=self.plan.last_day)

    def due_dates(self, deadline: Deadline | None) -> list[dt.date]:
        return [] if deadline is None else due_dates(deadline, self.plan.last_day)


def date_range(first: dt.date, last: dt.date, language: str) -> str:
    """'19–22 Februari 2018', '28 Februari – 2 Maret 2018', '30 Desember 2018 – 2 Januari
    2019', or one day."""
    if first == last:
        return format_day(first, language)
    if first.year == last.year and first.month == last.month:
        return f"{first.day}–{format_day(last, language)}"
    if first.year == last.year:
        return f"{format_day(first, language, year=False)} – {format_day(last, language)}"
    return f"{format_day(first, language)} – {format_day(last, language)}"
