"""The live state of a workshop: everything captured while it runs.

The state is split into *shards*: one for the workshop as a whole (progress, timers,
signatures, joint actions, where the facilitator stands) and one per cooperative (its
notes, strategies, vision and mission, roadmap, team and actions). A commit rewrites
one shard, so its cost does not grow with the whole workshop.

Each shard holds *tables* of *entities*. An entity is a pydantic model with a stable
string `id` and a `TABLE` name; a later screen adds a kind of record by declaring a new
entity class and registering it with `register()` — nothing here needs rewriting.
"""

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any, ClassVar, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field

from workshop_tui.domain.deadlines import Deadline
from workshop_tui.domain.plan import Role

STATE_SCHEMA_VERSION = 1

WORKSHOP_SHARD = "workshop"
"""Name of the shard that belongs to the workshop as a whole."""


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def now() -> dt.datetime:
    """Wall-clock time, timezone-aware, so stored instants compare across restarts."""
    return dt.datetime.now(dt.UTC)


ShardKind = Literal["workshop", "cooperative"]


class Entity(BaseModel):
    """A record of the state, stored as one TinyDB document."""

    # Schemas are built on first use: most kinds are not needed to open a workshop.
    model_config = ConfigDict(extra="allow", validate_assignment=True, defer_build=True)

    TABLE: ClassVar[str]
    SHARD: ClassVar[ShardKind]

    id: str = Field(default_factory=new_id)


_REGISTRY: dict[tuple[ShardKind, str], type[Entity]] = {}


E = TypeVar("E", bound=Entity)


def register(cls: type[E]) -> type[E]:
    """Declare an entity kind so the store loads and saves its table."""
    key = (cls.SHARD, cls.TABLE)
    existing = _REGISTRY.get(key)
    if existing is not None and existing is not cls:
        raise ValueError(f"table {cls.TABLE!r} is already used by {existing.__name__}")
    _REGISTRY[key] = cls
    return cls


def entity_kinds(shard: ShardKind) -> list[type[Entity]]:
    return [cls for (kind, _), cls in _REGISTRY.items() if kind == shard]


def entity_kind(shard: ShardKind, table: str) -> type[Entity] | None:
    return _REGISTRY.get((shard, table))


# ---------------------------------------------------------------------------------------
# Workshop shard
# ---------------------------------------------------------------------------------------


@register
class StateMeta(Entity):
    """Singleton (id "meta"): which plan this state belongs to and with which schema."""

    TABLE = "meta"
    SHARD = "workshop"

    id: str = "meta"
    schema_version: int = STATE_SCHEMA_VERSION
    workshop_key: str = ""
    title: str = ""
    plan_path: str = ""
    plan_sha256: str = ""
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    created_at: dt.datetime = Field(default_factory=now)
    last_opened_at: dt.datetime | None = None


@register
class Location(Entity):
    """Singleton (id "location"): where the facilitator stands, restored on resume."""

    TABLE = "location"
    SHARD = "workshop"

    id: str = "location"
    screen: str = "timeline"
    item_id: str | None = None
    group_id: str | None = None
    cooperative_id: str | None = None
    language: str | None = None
    theme: str | None = None
    # Per-screen cursor positions (quadrant, selected note, grid cell...), by screen name.
    cursors: dict[str, dict[str, Any]] = {}


@register
class Draft(Entity):
    """Text typed but not yet submitted (id = "<screen>:<cooperative>:<field>"), saved as it
    is typed so a crash loses no keystroke; `note_id` is set while editing an existing note."""

    TABLE = "drafts"
    SHARD = "workshop"

    text: str = ""
    note_id: str | None = None
    open: bool = False  # an editor holds this text now (the roadmap's cell editor)


class TimerAction(StrEnum):
    START = "start"
    PAUSE = "pause"
    ADJUST = "adjust"  # extend (+seconds) or shorten (-seconds)
    FINISH = "finish"
    REOPEN = "reopen"
    SUSPEND = "suspend"  # the app closed (or was found dead) while the timer ran


@register
class TimerEvent(Entity):
    """One thing that happened to an agenda item's timer; the log is append-only."""

    TABLE = "timer_events"
    SHARD = "workshop"

    item_id: str
    action: TimerAction
    at: dt.datetime = Field(default_factory=now)
    seconds: int = 0


@register
class ItemProgress(Entity):
    """How an agenda item actually ran (id = the item's key). Derived from the timer log."""

    TABLE = "progress"
    SHARD = "workshop"

    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    adjust_seconds: int = 0
    elapsed_seconds: float = 0.0
    running_since: dt.datetime | None = None
    suspended: bool = False  # was running when the app closed: starts again on resume


@register
class Signature(Entity):
    """A participant signed the pact (id = the participant's key)."""

    TABLE = "signatures"
    SHARD = "workshop"

    signed_at: dt.datetime = Field(default_factory=now)
    revoked_at: dt.datetime | None = None


@register
class WalkIn(Entity):
    """A participant added on the spot, not in the plan's roster."""

    TABLE = "walk_ins"
    SHARD = "workshop"

    name: str
    cooperative: str
    role: Role
    added_at: dt.datetime = Field(default_factory=now)


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class ActionFields(Entity):
    """A follow-up (RTL) action; part A lives in a cooperative's shard, part B here."""

    activity: str
    owner: str = ""
    owner_participant: str | None = None
    deadline: Deadline | None = None
    indicator: str = ""
    status: ActionStatus = ActionStatus.OPEN
    done_at: dt.date | None = None
    template_id: str | None = None
    position: float = 0.0
    deleted_at: dt.datetime | None = None


@register
class JointAction(ActionFields):
    TABLE = "joint_actions"
    SHARD = "workshop"


# ---------------------------------------------------------------------------------------
# Cooperative shard
# ---------------------------------------------------------------------------------------


class Quadrant(StrEnum):
    STRENGTH = "S"
    WEAKNESS = "W"
    OPPORTUNITY = "O"
    THREAT = "T"


@register
class Note(Entity):
    """A SWOT note. Deleting sets `deleted_at`: a deleted note stays restorable."""

    TABLE = "notes"
    SHARD = "cooperative"

    quadrant: Quadrant
    text: str
    position: float = 0.0
    votes: int = Field(default=0, ge=0)
    number: int = Field(default=0, ge=0, description="Stable number for citations (S3, O1).")
    created_at: dt.datetime = Field(default_factory=now)
    updated_at: dt.datetime = Field(default_factory=now)
    deleted_at: dt.datetime | None = None


@register
class SwotNumbers(Entity):
    """Singleton (id "numbers"): the highest note number issued per quadrant, so a number
    freed by a move or an undo is never given to another note (citations stay true)."""

    TABLE = "swot_numbers"
    SHARD = "cooperative"

    id: str = "numbers"
    issued: dict[str, int] = {}


class TowsCell(StrEnum):
    SO = "SO"
    WO = "WO"
    ST = "ST"
    WT = "WT"


@register
class Strategy(Entity):
    TABLE = "strategies"
    SHARD = "cooperative"

    cell: TowsCell
    text: str
    cites: list[str] = []  # note ids
    position: float = 0.0
    deleted_at: dt.datetime | None = None


@register
class FactorScore(Entity):
    """IFAS/EFAS weight and rating of one SWOT note (id = the note's id)."""

    TABLE = "factor_scores"
    SHARD = "cooperative"

    weight: float = Field(default=0.0, ge=0.0, le=1.0)
    rating: int | None = Field(default=None, ge=1, le=4)  # None: not rated yet


@register
class Profile(Entity):
    """Singleton (id "profile"): the cooperative's vision."""

    TABLE = "profile"
    SHARD = "cooperative"

    id: str = "profile"
    vision: str = ""


@register
class MissionItem(Entity):
    TABLE = "mission"
    SHARD = "cooperative"

    text: str
    position: float = 0.0
    deleted_at: dt.datetime | None = None


@register
class RoadmapCell(Entity):
    """One cell of the 5-year roadmap (id = "<area>:<year>")."""

    TABLE = "roadmap"
    SHARD = "cooperative"

    area: str
    year: int
    text: str = ""

    @staticmethod
    def key(area: str, year: int) -> str:
        return f"{area}:{year}"


@register
class TierTarget(Entity):
    """The target scale tier for one roadmap year (id = the year)."""

    TABLE = "tiers"
    SHARD = "cooperative"

    year: int
    tier: str


@register
class TeamSeat(Entity):
    """A seat on the cooperative's Renstra team."""

    TABLE = "team"
    SHARD = "cooperative"

    role: Role
    name: str
    participant: str | None = None
    position: float = 0.0


@register
class CoopAction(ActionFields):
    TABLE = "actions"
    SHARD = "cooperative"


# ---------------------------------------------------------------------------------------
# Shards and the whole state
# ---------------------------------------------------------------------------------------


class Shard:
    """The in-memory tables of one shard: table name -> id -> entity."""

    def __init__(self, name: str, kind: ShardKind) -> None:
        self.name = name
        self.kind = kind
        self.tables: dict[str, dict[str, Entity]] = {cls.TABLE: {} for cls in entity_kinds(kind)}
        # Documents that no longer fit their model, kept verbatim so nothing is dropped.
        self.unreadable: list[tuple[str, str, dict[str, Any], str]] = []

    def table(self, kind: type[E]) -> dict[str, E]:
        return cast(dict[str, E], self.tables.setdefault(kind.TABLE, {}))

    def get(self, kind: type[E], entity_id: str) -> E | None:
        return self.table(kind).get(entity_id)

    def singleton(self, kind: type[E]) -> E:
        """The one entity of a singleton table, created with defaults if absent."""
        table = self.table(kind)
        default = kind()
        return table.setdefault(default.id, default)

    def live(self, kind: type[E]) -> list[E]:
        """Entities not deleted to the trash, in `position` order where there is one."""
        items = [e for e in self.table(kind).values() if getattr(e, "deleted_at", None) is None]
        items.sort(key=lambda e: getattr(e, "position", 0.0))
        return items

    def count(self) -> int:
        return sum(len(t) for t in self.tables.values())


ShardLoader = Callable[[Shard], None]


class WorkshopState:
    """Everything captured in one workshop: the workshop shard and one per cooperative.

    Cooperative shards are loaded on first use (the store passes a `loader`), so opening
    a workshop costs the same with ten notes or ten thousand."""

    def __init__(self, loader: ShardLoader | None = None) -> None:
        self.workshop = Shard(WORKSHOP_SHARD, "workshop")
        self.cooperatives: dict[str, Shard] = {}
        self._loader = loader

    def cooperative(self, coop_id: str) -> Shard:
        shard = self.cooperatives.get(coop_id)
        if shard is None:
            shard = Shard(coop_id, "cooperative")
            if self._loader is not None:
                self._loader(shard)
            self.cooperatives[coop_id] = shard
        return shard

    def shard(self, name: str) -> Shard:
        return self.workshop if name == WORKSHOP_SHARD else self.cooperative(name)

    def shards(self) -> Iterator[Shard]:
        """The shards loaded so far."""
        yield self.workshop
        yield from self.cooperatives.values()

    @property
    def meta(self) -> StateMeta:
        return self.workshop.singleton(StateMeta)

    @property
    def location(self) -> Location:
        return self.workshop.singleton(Location)
