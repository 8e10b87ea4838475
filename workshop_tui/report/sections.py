"""Pieces shared by the Renstra and the workshop report: the pact, signatures, RTL tables."""

from __future__ import annotations

from collections.abc import Sequence

from workshop_tui.domain.plan import ActionTemplate
from workshop_tui.domain.state import ActionFields, ActionStatus
from workshop_tui.report.context import ExportContext, Person
from workshop_tui.report.model import Block, Heading, ItemList, Paragraph, table


def empty(ctx: ExportContext) -> Paragraph:
    """The explicit "not filled in yet" line of a section whose screen holds nothing yet."""
    return Paragraph(ctx.w("empty"), "empty")


def signature_text(ctx: ExportContext, key: str) -> str:
    signature = ctx.signature(key)
    if signature is None:
        return ctx.w("pact.unsigned")
    if signature.revoked_at is not None:
        return ctx.w("pact.revoked", at=ctx.moment(signature.revoked_at))
    return ctx.w("pact.signed", at=ctx.moment(signature.signed_at))


def is_signed(ctx: ExportContext, key: str) -> bool:
    signature = ctx.signature(key)
    return signature is not None and signature.revoked_at is None


def role_text(ctx: ExportContext, person: Person) -> str:
    role = ctx.role(person.role)
    return f"{role} ({ctx.w('walk_in')})" if person.walk_in else role


def pact_blocks(
    ctx: ExportContext, level: int, people: Sequence[Person], *, list_people: bool = True
) -> list[Block]:
    """The pact's text, then who of `people` signed it and when (only how many, without
    `list_people`: the workshop report lists them with the attendance)."""
    pact = ctx.plan.pact
    blocks: list[Block] = [Heading(level, pact.title)]
    if pact.preamble:
        blocks.append(Paragraph(pact.preamble))
    blocks.append(ItemList(tuple(pact.clauses), ordered=True))
    if pact.closing:
        blocks.append(Paragraph(pact.closing, "quote"))
    signed = sum(1 for p in people if is_signed(ctx, p.key))
    total = len(people)
    count = Paragraph(ctx.w.plural("pact.count", total, signed=signed, total=total), "muted")
    if not list_people:
        blocks.append(count)
        return blocks
    blocks.append(Heading(level + 1, ctx.w("pact.signatures")))
    if not people:
        blocks.append(empty(ctx))
        return blocks
    rows = [
        [str(i), p.name, role_text(ctx, p), signature_text(ctx, p.key)]
        for i, p in enumerate(people, start=1)
    ]
    header = [ctx.w("col.no"), ctx.w("col.name"), ctx.w("col.role"), ctx.w("pact.col.signed")]
    blocks.append(table(header, rows, widths=(1, 6, 5, 6), numeric=(0,)))
    blocks.append(count)
    return blocks


def owner_text(ctx: ExportContext, action: ActionFields) -> str:
    if action.owner:
        return action.owner
    if action.owner_participant:
        person = next((p for p in ctx.roster if p.key == action.owner_participant), None)
        return person.name if person else action.owner_participant
    return ctx.w("none")


def status_text(ctx: ExportContext, action: ActionFields) -> str:
    if action.status is ActionStatus.DONE and action.done_at is not None:
        return ctx.w("status.done_on", day=ctx.day(action.done_at))
    return ctx.w(f"status.{action.status.value}")


def _action_header(ctx: ExportContext) -> list[str]:
    return [
        ctx.w("col.no"),
        ctx.w("rtl.col.activity"),
        ctx.w("rtl.col.owner"),
        ctx.w("rtl.col.deadline"),
        ctx.w("rtl.col.indicator"),
        ctx.w("col.status"),
    ]


_ACTION_WIDTHS = (1, 8, 4, 5, 7, 3)


def action_blocks(
    ctx: ExportContext,
    actions: Sequence[ActionFields],
    templates: Sequence[ActionTemplate],
) -> list[Block]:
    """The actions as a table; with none yet, the plan's templates as the starting list,
    marked as templates."""
    if actions:
        rows = [
            [
                str(i),
                a.activity,
                owner_text(ctx, a),
                ctx.deadline(a.deadline),
                a.indicator or ctx.w("none"),
                status_text(ctx, a),
            ]
            for i, a in enumerate(actions, start=1)
        ]
        return [table(_action_header(ctx), rows, widths=_ACTION_WIDTHS, numeric=(0,))]
    if not templates:
        return [empty(ctx)]
    rows = [
        [
            str(i),
            t.activity,
            t.owner or ctx.w("none"),
            ctx.deadline(t.deadline),
            t.indicator or ctx.w("none"),
            ctx.w("template"),
        ]
        for i, t in enumerate(templates, start=1)
    ]
    return [
        Paragraph(ctx.w("rtl.from_templates"), "empty"),
        table(_action_header(ctx), rows, widths=_ACTION_WIDTHS, numeric=(0,)),
    ]
