"""The workshop plan: what a facilitator writes in `sessions/*.toml` before the workshop.

The plan is read-only at run time. Everything captured during the workshop lives in the
state (see `state.py`) and refers to the plan by the stable ids defined here, so a plan
can be edited between days without losing what was captured.
"""

import datetime as dt
import itertools
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from workshop_tui.domain.deadlines import Deadline

PLAN_SCHEMA_VERSION = 1

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$",
        description="A stable id: lower-case letters, digits, '-' or '_' (at most 64).",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


def slugify(text: str) -> str:
    """An id made from a name: 'KPRI Bina Sejahtera' -> 'kpri-bina-sejahtera'."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (slug or "x")[:64]


class PlanModel(BaseModel):
    """Base of every plan model: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Language(StrEnum):
    ID = "id"
    EN = "en"


class ItemKind(StrEnum):
    TALK = "talk"
    GROUP_WORK = "group_work"
    BREAK = "break"
    CLOSING = "closing"


class WorkScreen(StrEnum):
    """The working screen an agenda item opens."""

    NONE = "none"
    SWOT = "swot"
    STRATEGY = "strategy"
    ROADMAP = "roadmap"
    PACT = "pact"
    RTL = "rtl"


class Role(StrEnum):
    PENGURUS = "pengurus"
    PENGAWAS = "pengawas"
    KARYAWAN = "karyawan"
    ANGGOTA = "anggota"
    MANAJER = "manajer"
    OTHER = "other"


class WorkshopInfo(PlanModel):
    id: Slug | None = Field(
        default=None,
        description="Names the state folder; defaults to a slug of the title and first day.",
    )
    title: Text
    organiser: Text
    place: Text
    theme: str = ""
    language: Language = Language.ID


class AgendaItem(PlanModel):
    id: Slug | None = Field(default=None, description="Stable id; defaults to a slug of title.")
    title: Text
    kind: ItemKind
    start: dt.time = Field(description="Planned start, local time (e.g. 08:30).")
    duration: int = Field(gt=0, le=24 * 60, description="Planned duration in minutes.")
    part: int | None = Field(default=None, ge=1, description="Which numbered agenda part.")
    speakers: list[Text] = []
    facilitators: list[Text] = []
    screen: WorkScreen = WorkScreen.NONE
    group: Slug | None = Field(default=None, description="Group this item belongs to, if any.")
    notes: str = ""

    @property
    def key(self) -> str:
        return self.id or slugify(self.title)

    @property
    def planned_end(self) -> dt.time:
        start = dt.datetime.combine(dt.date(2000, 1, 1), self.start)
        return (start + dt.timedelta(minutes=self.duration)).time()


class Day(PlanModel):
    date: dt.date
    title: str = ""
    items: list[AgendaItem] = Field(min_length=1)


class Cooperative(PlanModel):
    id: Slug
    name: Text
    current_tier: Slug | None = None


class Group(PlanModel):
    id: Slug
    name: Text
    facilitator: Text
    cooperatives: list[Cooperative] = Field(min_length=1)


class Participant(PlanModel):
    id: Slug | None = Field(default=None, description="Stable id; defaults to a slug of name.")
    name: Text
    cooperative: Slug
    role: Role

    @property
    def key(self) -> str:
        return self.id or slugify(self.name)


class Pact(PlanModel):
    title: str = "Pakta Perubahan"
    preamble: str = ""
    clauses: list[Text] = Field(min_length=1)
    closing: str = ""


class ActionTemplate(PlanModel):
    id: Slug
    activity: Text
    owner: str = Field(default="", description="Who is in charge (role or name).")
    deadline: Deadline
    indicator: str = Field(default="", description="How success is seen.")


class RtlTemplates(PlanModel):
    a: list[ActionTemplate] = Field(default=[], description="Part A, for each cooperative.")
    b: list[ActionTemplate] = Field(default=[], description="Part B, joint.")


class TeamRule(PlanModel):
    seats: dict[Role, int] = Field(description="Seats per role on each Renstra team.")
    attendees_must_be_members: bool = True

    @field_validator("seats")
    @classmethod
    def _positive_seats(cls, seats: dict[Role, int]) -> dict[Role, int]:
        bad = [role.value for role, count in seats.items() if count < 0]
        if bad:
            raise ValueError(f"seat counts must be 0 or more (roles {', '.join(bad)})")
        return seats


class NamedEntry(PlanModel):
    id: Slug
    name: Text


class Roadmap(PlanModel):
    areas: list[NamedEntry] = Field(min_length=1)
    years: list[int] = Field(min_length=1, max_length=10)

    @field_validator("years")
    @classmethod
    def _years_increase(cls, years: list[int]) -> list[int]:
        if any(b != a + 1 for a, b in itertools.pairwise(years)):
            raise ValueError("years must be consecutive and increasing, e.g. [2018, 2019, 2020]")
        return years


class Features(PlanModel):
    factor_scoring: bool = Field(default=False, description="Show IFAS/EFAS factor scoring.")


class Plan(PlanModel):
    """A whole workshop plan, as read from one TOML file."""

    schema_version: Literal[1] = 1
    workshop: WorkshopInfo
    days: list[Day] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    participants: list[Participant] = []
    pact: Pact
    rtl: RtlTemplates = RtlTemplates()
    team_rule: TeamRule
    roadmap: Roadmap
    tiers: list[NamedEntry] = Field(min_length=1, description="Scale tiers, lowest first.")
    features: Features = Features()

    @model_validator(mode="after")
    def _references(self) -> "Plan":
        problems = reference_problems(self.model_dump(mode="json"))
        if problems:
            # One line per problem: the plan loader reports each line on its own.
            raise ValueError("\n".join(problems))
        return self

    # -- derived views ------------------------------------------------------------------

    @property
    def key(self) -> str:
        return self.workshop.id or slugify(f"{self.workshop.title}-{self.days[0].date}")

    @property
    def first_day(self) -> dt.date:
        return self.days[0].date

    @property
    def last_day(self) -> dt.date:
        return self.days[-1].date

    def items(self) -> list[tuple[Day, AgendaItem]]:
        """Every agenda item in running order, with its day."""
        return [(day, item) for day in self.days for item in day.items]

    def item(self, key: str) -> AgendaItem | None:
        return next((item for _, item in self.items() if item.key == key), None)

    def cooperatives(self) -> list[tuple[Group, Cooperative]]:
        return [(group, coop) for group in self.groups for coop in group.cooperatives]

    def cooperative(self, coop_id: str) -> Cooperative | None:
        return next((c for _, c in self.cooperatives() if c.id == coop_id), None)

    def group_of(self, coop_id: str) -> Group | None:
        return next((g for g, c in self.cooperatives() if c.id == coop_id), None)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    dup: list[str] = []
    for value in values:
        if value in seen and value not in dup:
            dup.append(value)
        seen.add(value)
    return dup


def _dicts(value: object) -> list[dict[str, Any]]:
    """The dict entries of a list, skipping anything malformed (reported elsewhere)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _key(entry: dict[str, Any], name_field: str) -> str:
    explicit = entry.get("id")
    if isinstance(explicit, str) and explicit:
        return explicit
    name = entry.get(name_field)
    return slugify(name) if isinstance(name, str) else ""


def _q(value: object) -> str:
    """A value from the plan file, quoted for a message: escaped (repr) and shortened, so
    a long or odd title never floods or drives the terminal."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def reference_problems(data: dict[str, Any]) -> list[str]:
    """Problems that span fields: duplicate ids, references to things the plan lacks.

    Works on the raw plan data, tolerating malformed parts, so the loader can report
    these together with field errors instead of only after the fields are fixed."""
    problems: list[str] = []
    days = _dicts(data.get("days"))
    # A date that is not one is left to its field's own problem.
    dated = [(n, d) for n, day in enumerate(days, 1) if (d := _as_date(day.get("date")))]
    for (_, before), (number, after) in itertools.pairwise(dated):
        if after <= before:
            problems.append(
                f"days must have distinct dates in increasing order: day {number} "
                f"({after.isoformat()}) follows {before.isoformat()}"
            )
            break
    items = [item for day in days for item in _dicts(day.get("items"))]
    for dup in _duplicates([_key(item, "title") for item in items]):
        problems.append(f"two agenda items share the id {_q(dup)}: give one an explicit id")
    groups = _dicts(data.get("groups"))
    group_ids = [str(g.get("id")) for g in groups]
    for dup in _duplicates(group_ids):
        problems.append(f"two groups share the id {_q(dup)}")
    coops = [c for g in groups for c in _dicts(g.get("cooperatives"))]
    coop_ids = [str(c.get("id")) for c in coops]
    for dup in _duplicates(coop_ids):
        problems.append(f"cooperative {_q(dup)} is listed in more than one group")
    tier_ids = [str(t.get("id")) for t in _dicts(data.get("tiers"))]
    for dup in _duplicates(tier_ids):
        problems.append(f"two tiers share the id {_q(dup)}")
    roadmap = data.get("roadmap")
    areas = _dicts(roadmap.get("areas")) if isinstance(roadmap, dict) else []
    for dup in _duplicates([str(a.get("id")) for a in areas]):
        problems.append(f"two roadmap areas share the id {_q(dup)}")
    for item in items:
        group = item.get("group")
        if group is not None and group not in group_ids:
            problems.append(f"agenda item {_q(item.get('title'))} names unknown group {_q(group)}")
    for coop in coops:
        tier = coop.get("current_tier")
        if tier is not None and tier not in tier_ids:
            problems.append(
                f"cooperative {_q(coop.get('id'))} has current_tier {_q(tier)}; "
                f"expected one of {', '.join(map(_q, tier_ids))}"
            )
    people = _dicts(data.get("participants"))
    for person in people:
        if person.get("cooperative") not in coop_ids:
            problems.append(
                f"participant {_q(person.get('name'))} belongs to unknown cooperative "
                f"{_q(person.get('cooperative'))}"
            )
    for dup in _duplicates([_key(p, "name") for p in people]):
        problems.append(f"two participants share the id {_q(dup)}: give one an explicit id")
    rtl = data.get("rtl")
    templates = [*_dicts(rtl.get("a")), *_dicts(rtl.get("b"))] if isinstance(rtl, dict) else []
    for dup in _duplicates([str(t.get("id")) for t in templates]):
        problems.append(f"two RTL templates share the id {_q(dup)}")
    return problems
