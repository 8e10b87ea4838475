"""The whole state as one JSON document: documented, versioned, re-importable.

The envelope (format "workshop-tui/state", version 1):

    {
      "format": "workshop-tui/state",     # always this string
      "version": 1,                       # of this envelope; a reader refuses newer ones
      "state_schema_version": 1,          # of the entities (StateMeta.schema_version)
      "app_version": "0.1.0",             # workshop-tui that wrote it
      "exported_at": "2018-02-22T07:05:00Z",
      "workshop_id": "blora-2018",
      "cooperative": null,                # or a cooperative id: an export of that one only
                                          # (its shard, and of the workshop shard only its
                                          # people's signatures and walk-ins)
      "plan": { ... },                    # the plan, as `workshop-tui schema` describes it
      "state": {
        "workshop": {"<table>": [<entity>, ...], ...},
        "cooperatives": {"<cooperative id>": {"<table>": [<entity>, ...], ...}, ...}
      },
      "unreadable": [                     # only if some saved documents fit no model
        {"shard": ..., "table": ..., "doc_id": ..., "reason": ..., "document": {...}}
      ]
    }

Each entity is the saved document as the state files hold it (`id` included), so the
export carries everything captured, deleted-to-trash items too. Tables are those of
`workshop_tui/domain/state.py` (e.g. `notes`, `strategies`, `roadmap`, `signatures`,
`progress`, `timer_events`). `state_schema()` gives the JSON Schema of the envelope;
`load_state_json()` reads it back into a `Plan` and a `WorkshopState`. Readers must
ignore keys and tables they do not know (a later version may add some).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic.json_schema import models_json_schema

from workshop_tui import __version__
from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import (
    STATE_SCHEMA_VERSION,
    Entity,
    Shard,
    ShardKind,
    Signature,
    WalkIn,
    WorkshopState,
    entity_kind,
    entity_kinds,
)

FORMAT = "workshop-tui/state"
VERSION = 1
_COOP_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class StateImportError(ValueError):
    """A JSON export that cannot be read back, with what is wrong and where."""


class _Raw(str):
    """A value already encoded as JSON (by pydantic, in Rust: ~10x faster than `json`)."""


def _shard_tables(shard: Shard, encode: Callable[[Entity], Any]) -> dict[str, list[Any]]:
    return {
        name: [encode(entity) for entity in shard.tables[name].values()]
        for name in sorted(shard.tables)
    }


def _people_rows(
    plan: Plan, state: WorkshopState, cooperative: str, encode: Callable[[Entity], Any]
) -> dict[str, list[Any]]:
    """The workshop shard's rows about one cooperative's people: its walk-ins and the pact
    signatures of its participants and walk-ins (a signature's id is the person's key)."""
    walk_ins = [w for w in state.workshop.table(WalkIn).values() if w.cooperative == cooperative]
    keys = {p.key for p in plan.participants if p.cooperative == cooperative}
    keys |= {w.id for w in walk_ins}
    signatures = [s for key, s in state.workshop.table(Signature).items() if key in keys]
    return {
        Signature.TABLE: [encode(s) for s in signatures],
        WalkIn.TABLE: [encode(w) for w in walk_ins],
    }


def _as_dict(entity: Entity) -> dict[str, Any]:
    return entity.model_dump(mode="json")


def _as_raw(entity: Entity) -> _Raw:
    return _Raw(entity.model_dump_json())


def _envelope(
    plan: Plan,
    state: WorkshopState,
    cooperatives: list[str] | None,
    cooperative: str | None,
    exported_at: dt.datetime | None,
    *,
    raw: bool,
) -> dict[str, Any]:
    encode = _as_raw if raw else _as_dict
    names = [cooperative] if cooperative else (cooperatives or sorted(state.cooperatives))
    workshop = (
        _people_rows(plan, state, cooperative, encode)
        if cooperative
        else _shard_tables(state.workshop, encode)
    )
    shards = {name: _shard_tables(state.cooperative(name), encode) for name in names}
    envelope: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "state_schema_version": STATE_SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": (exported_at or dt.datetime.now(dt.UTC))
        .astimezone(dt.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "workshop_id": plan.key,
        "cooperative": cooperative,
        "plan": _Raw(plan.model_dump_json()) if raw else plan.model_dump(mode="json"),
        "state": {"workshop": workshop, "cooperatives": shards},
    }
    unreadable = [
        {"shard": shard.name, "table": table, "doc_id": doc_id, "reason": reason, "document": doc}
        for shard in [*([] if cooperative else [state.workshop]), *map(state.cooperative, names)]
        for table, doc_id, doc, reason in shard.unreadable
    ]
    if unreadable:
        envelope["unreadable"] = unreadable
    return envelope


def dump_state(
    plan: Plan,
    state: WorkshopState,
    *,
    cooperatives: list[str] | None = None,
    cooperative: str | None = None,
    exported_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The envelope of a workshop's state, as Python data. `cooperatives` are the shards
    to include (all loaded ones by default); with `cooperative`, only that one and no
    workshop shard."""
    return _envelope(plan, state, cooperatives, cooperative, exported_at, raw=False)


def encode_state(
    plan: Plan,
    state: WorkshopState,
    *,
    cooperatives: list[str] | None = None,
    cooperative: str | None = None,
    exported_at: dt.datetime | None = None,
) -> bytes:
    """`dump_state` as the file holds it: UTF-8 JSON, one line per top-level key and per
    entity, so the file reads and diffs well (`json.dumps(indent=...)` of 10,000 notes
    takes ~10x longer)."""
    envelope = _envelope(plan, state, cooperatives, cooperative, exported_at, raw=True)
    lines = ["{"]
    keys = list(envelope)
    for index, key in enumerate(keys):
        comma = "," if index < len(keys) - 1 else ""
        value = envelope[key]
        if key != "state":
            lines.append(f" {_compact(key)}: {_compact(value)}{comma}")
            continue
        lines.append(' "state": {')
        lines.append('  "workshop": ' + _tables(value["workshop"], "  ") + ",")
        coops = value["cooperatives"]
        if not coops:
            lines.append('  "cooperatives": {}')
        else:
            lines.append('  "cooperatives": {')
            names = list(coops)
            for number, name in enumerate(names):
                end = "," if number < len(names) - 1 else ""
                lines.append(f"   {_compact(name)}: {_tables(coops[name], '   ')}{end}")
            lines.append("  }")
        lines.append(f" }}{comma}")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _compact(value: Any) -> str:
    if isinstance(value, _Raw):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _tables(tables: dict[str, list[Any]], indent: str) -> str:
    if not tables:
        return "{}"
    parts = ["{"]
    names = list(tables)
    for number, name in enumerate(names):
        end = "," if number < len(names) - 1 else ""
        docs = tables[name]
        if not docs:
            parts.append(f"{indent} {_compact(name)}: []{end}")
            continue
        parts.append(f"{indent} {_compact(name)}: [")
        parts.append(",\n".join(f"{indent}  {_compact(doc)}" for doc in docs))
        parts.append(f"{indent} ]{end}")
    parts.append(f"{indent}}}")
    return "\n".join(parts)


def state_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the envelope, built from the models themselves."""
    kinds: dict[ShardKind, list[type[Entity]]] = {
        "workshop": entity_kinds("workshop"),
        "cooperative": entity_kinds("cooperative"),
    }
    models: list[tuple[type[Any], Any]] = [(Plan, "validation")]
    models += [(kind, "validation") for shard in kinds.values() for kind in shard]
    refs, defs = models_json_schema(models, ref_template="#/$defs/{model}")

    def tables(shard: ShardKind) -> dict[str, Any]:
        return {
            "type": "object",
            "description": "Tables of this shard: each a list of entities.",
            "properties": {
                kind.TABLE: {"type": "array", "items": refs[(kind, "validation")]}
                for kind in kinds[shard]
            },
            "additionalProperties": {"type": "array", "items": {"type": "object"}},
        }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "workshop-tui state export",
        "description": (
            "The whole state of a workshop-tui workshop (format 'workshop-tui/state'): "
            "its plan and every entity captured, per shard and table."
        ),
        "type": "object",
        "required": ["format", "version", "plan", "state"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"type": "integer", "minimum": 1},
            "state_schema_version": {"type": "integer", "minimum": 1},
            "app_version": {"type": "string"},
            "exported_at": {"type": "string", "format": "date-time"},
            "workshop_id": {"type": "string"},
            "cooperative": {"type": ["string", "null"]},
            "plan": refs[(Plan, "validation")],
            "state": {
                "type": "object",
                "required": ["workshop", "cooperatives"],
                "properties": {
                    "workshop": tables("workshop"),
                    "cooperatives": {
                        "type": "object",
                        "propertyNames": {"pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"},
                        "additionalProperties": tables("cooperative"),
                    },
                },
            },
            "unreadable": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["shard", "table", "doc_id", "reason", "document"],
                    "properties": {
                        "shard": {"type": "string"},
                        "table": {"type": "string"},
                        "doc_id": {"type": "string"},
                        "reason": {"type": "string"},
                        "document": {"type": "object"},
                    },
                },
            },
        },
        "$defs": defs.get("$defs", {}),
    }


def _fill(shard: Shard, tables: Any, where: str) -> None:
    if not isinstance(tables, dict):
        raise StateImportError(f"{where}: expected an object of tables")
    for table, docs in tables.items():
        kind = entity_kind(shard.kind, table)
        if kind is None:
            continue  # a table of a later version: not known here
        if not isinstance(docs, list):
            raise StateImportError(f"{where}.{table}: expected a list of entities")
        target = shard.tables.setdefault(table, {})
        for index, doc in enumerate(docs):
            try:
                entity = kind.model_validate(doc)
            except ValidationError as exc:
                error = exc.errors(include_url=False)[0]
                field = ".".join(str(p) for p in error["loc"])
                raise StateImportError(
                    f"{where}.{table}[{index}]: {field}: {error['msg']}"
                ) from None
            target[entity.id] = entity


def load_state_json(source: dict[str, Any] | str | bytes | Path) -> tuple[Plan, WorkshopState]:
    """Read an export back: the plan and the whole state. Raises `StateImportError`."""
    if isinstance(source, Path):
        path = source
        try:
            source = path.read_bytes()
        except OSError as exc:
            raise StateImportError(f"{path}: cannot be read ({exc.strerror})") from None
    if isinstance(source, str | bytes):
        try:
            data = json.loads(source)
        except (ValueError, UnicodeDecodeError) as exc:
            raise StateImportError(f"not valid JSON: {exc}") from None
    else:
        data = source
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StateImportError(f"not a workshop-tui state export (format {FORMAT!r} expected)")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise StateImportError("the export has no valid version")
    if version > VERSION:
        raise StateImportError(
            f"written by a newer workshop-tui (export version {version}; this one reads "
            f"up to {VERSION}): upgrade workshop-tui to read it"
        )
    try:
        plan = Plan.model_validate(data.get("plan"))
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in error["loc"])
        raise StateImportError(f"plan.{field}: {error['msg']}") from None
    body = data.get("state")
    if not isinstance(body, dict):
        raise StateImportError("state: expected an object")
    state = WorkshopState()
    _fill(state.workshop, body.get("workshop", {}), "state.workshop")
    coops = body.get("cooperatives", {})
    if not isinstance(coops, dict):
        raise StateImportError("state.cooperatives: expected an object")
    for name, tables in coops.items():
        if not isinstance(name, str) or not _COOP_ID.match(name):
            raise StateImportError(f"state.cooperatives: {name!r} is not a cooperative id")
        _fill(state.cooperative(name), tables, f"state.cooperatives.{name}")
    return plan, state
