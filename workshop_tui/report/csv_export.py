"""CSV files for spreadsheets: `actions.csv` (RTL A and B), `signatures.csv` (the roster and
who signed the pact), `notes.csv` (every SWOT note, deleted ones marked).

UTF-8 with a byte-order mark, so Excel reads Indonesian names right; comma-separated,
CRLF line ends, every text field quoted where needed by the `csv` module. Column names
are stable English identifiers (documented in the README); values are as captured.

A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
a carriage return) gets a leading `'`, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from workshop_tui.domain import swot
from workshop_tui.domain.plan import ActionTemplate
from workshop_tui.domain.state import (
    ActionFields,
    CoopAction,
    JointAction,
    Note,
    Signature,
)
from workshop_tui.report.context import ExportContext
from workshop_tui.report.sections import owner_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ACTION_COLUMNS = (
    "part",
    "cooperative_id",
    "cooperative",
    "group",
    "number",
    "activity",
    "owner",
    "deadline",
    "due_dates",
    "indicator",
    "status",
    "done_at",
    "source",
    "template_id",
    "action_id",
)
SIGNATURE_COLUMNS = (
    "participant_id",
    "name",
    "cooperative_id",
    "cooperative",
    "role",
    "walk_in",
    "signed",
    "signed_at",
    "revoked_at",
)
NOTE_COLUMNS = (
    "cooperative_id",
    "cooperative",
    "group",
    "label",
    "quadrant",
    "text",
    "votes",
    "position",
    "created_at",
    "updated_at",
    "deleted_at",
    "note_id",
)


_FORMULA_CHARS = frozenset(FORMULA_START)


def neutralise(value: str) -> str:
    """A cell that cannot run as a spreadsheet formula."""
    return "'" + value if value[:1] in _FORMULA_CHARS else value


def _encode(columns: tuple[str, ...], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    formula = _FORMULA_CHARS
    writer.writerows([("'" + c if c[:1] in formula else c) for c in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _time(ctx: ExportContext, moment: dt.datetime | None) -> str:
    """'2018-02-19 08:31:05', local time: a form spreadsheets read as a date and time."""
    if moment is None:
        return ""
    return ctx.local_text(moment)


def _coop_ids(ctx: ExportContext, cooperative: str | None) -> list[str]:
    return [c.id for c in ctx.cooperatives if cooperative is None or c.id == cooperative]


def _group_name(ctx: ExportContext, coop_id: str) -> str:
    ref = ctx.coop(coop_id)
    return ref.group.name if ref is not None and ref.group is not None else ""


def _action_row(
    ctx: ExportContext, part: str, coop_id: str, number: int, action: ActionFields
) -> list[str]:
    return [
        part,
        coop_id,
        ctx.coop_name(coop_id) if coop_id else "",
        _group_name(ctx, coop_id) if coop_id else "",
        str(number),
        action.activity,
        owner_text(ctx, action) if action.owner or action.owner_participant else "",
        ctx.deadline(action.deadline) if action.deadline is not None else "",
        "; ".join(day.isoformat() for day in ctx.due_dates(action.deadline)),
        action.indicator,
        action.status.value,
        action.done_at.isoformat() if action.done_at else "",
        "state",
        action.template_id or "",
        action.id,
    ]


def _template_row(
    ctx: ExportContext, part: str, coop_id: str, number: int, template: ActionTemplate
) -> list[str]:
    return [
        part,
        coop_id,
        ctx.coop_name(coop_id) if coop_id else "",
        _group_name(ctx, coop_id) if coop_id else "",
        str(number),
        template.activity,
        template.owner,
        ctx.deadline(template.deadline),
        "; ".join(day.isoformat() for day in ctx.due_dates(template.deadline)),
        template.indicator,
        "template",
        "",
        "template",
        template.id,
        "",
    ]


def actions_csv(ctx: ExportContext, cooperative: str | None = None) -> bytes:
    """RTL part A of each cooperative, then part B (joint; left out for one cooperative).
    A cooperative without actions yet gets the plan's templates, `source` = template."""
    rows: list[list[str]] = []
    for coop_id in _coop_ids(ctx, cooperative):
        actions = ctx.state.cooperative(coop_id).live(CoopAction)
        if actions:
            rows += [_action_row(ctx, "A", coop_id, i, a) for i, a in enumerate(actions, 1)]
        else:
            rows += [
                _template_row(ctx, "A", coop_id, i, t) for i, t in enumerate(ctx.plan.rtl.a, 1)
            ]
    if cooperative is None:
        joint = ctx.state.workshop.live(JointAction)
        if joint:
            rows += [_action_row(ctx, "B", "", i, a) for i, a in enumerate(joint, 1)]
        else:
            rows += [_template_row(ctx, "B", "", i, t) for i, t in enumerate(ctx.plan.rtl.b, 1)]
    return _encode(ACTION_COLUMNS, rows)


def signatures_csv(ctx: ExportContext, cooperative: str | None = None) -> bytes:
    """Everyone on the roster (plan participants, then people added on the day) with their
    pact signature; then signatures of people no longer on the roster."""
    rows: list[list[str]] = []
    for person in ctx.roster:
        if cooperative is not None and person.cooperative != cooperative:
            continue
        signature = ctx.signature(person.key)
        rows.append(
            [
                person.key,
                person.name,
                person.cooperative,
                ctx.coop_name(person.cooperative),
                person.role.value,
                "yes" if person.walk_in else "no",
                "yes" if signature is not None and signature.revoked_at is None else "no",
                _time(ctx, signature.signed_at) if signature else "",
                _time(ctx, signature.revoked_at) if signature else "",
            ]
        )
    if cooperative is None:
        known = {p.key for p in ctx.roster}
        for key, signature in sorted(ctx.state.workshop.table(Signature).items()):
            if key in known:
                continue
            signed = "yes" if signature.revoked_at is None else "no"
            rows.append(
                [
                    key,
                    "",
                    "",
                    "",
                    "",
                    "",
                    signed,
                    _time(ctx, signature.signed_at),
                    _time(ctx, signature.revoked_at),
                ]
            )
    return _encode(SIGNATURE_COLUMNS, rows)


def notes_csv(ctx: ExportContext, cooperative: str | None = None) -> bytes:
    """Every SWOT note, by cooperative, quadrant and board order; deleted notes (in the
    trash) after the live ones of their quadrant, with `deleted_at` set."""
    rows: list[list[str]] = []
    order = {q: i for i, q in enumerate(swot.QUADRANTS)}
    for coop_id in _coop_ids(ctx, cooperative):
        name = ctx.coop_name(coop_id)
        group = _group_name(ctx, coop_id)
        notes = sorted(
            ctx.state.cooperative(coop_id).table(Note).values(),
            key=lambda n: (order[n.quadrant], n.deleted_at is not None, n.position, n.number),
        )
        rows += [
            [
                coop_id,
                name,
                group,
                swot.label(note),
                note.quadrant.value,
                note.text,
                str(note.votes),
                f"{note.position:g}",
                _time(ctx, note.created_at),
                _time(ctx, note.updated_at),
                _time(ctx, note.deleted_at),
                note.id,
            ]
            for note in notes
        ]
    return _encode(NOTE_COLUMNS, rows)
