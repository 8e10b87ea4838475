"""The workshop report (laporan kegiatan): what the workshop was, how its agenda ran against
the plan, who spoke and facilitated, who attended and signed the pact, the joint RTL
(part B), and a section per cooperative with its Renstra."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from workshop_tui.domain.plan import AgendaItem, Day
from workshop_tui.domain.state import (
    ItemProgress,
    JointAction,
    Signature,
    TimerAction,
    TimerEvent,
)
from workshop_tui.domain.timeline import Phase, budget, elapsed, local_datetime, phase
from workshop_tui.report.context import CoopRef, ExportContext
from workshop_tui.report.model import (
    Block,
    Document,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    shifted,
    table,
)
from workshop_tui.report.renstra import renstra_body
from workshop_tui.report.sections import action_blocks, pact_blocks, role_text, signature_text


def build_workshop_report(
    ctx: ExportContext, coop_sections: dict[str, list[Block]] | None = None
) -> Document:
    """The report. `coop_sections` are the cooperatives' `renstra_body` blocks (level 1) when
    the caller built them already for the Renstra files: they are not built twice."""
    w = ctx.w
    info = ctx.plan.workshop
    doc = Document(
        title=w("report.title"),
        language=ctx.language,
        subtitle=f"{info.title} — {ctx.dates}",
        footer=w("generated", version=ctx.version, at=ctx.generated),
    )
    doc.add(*about(ctx))
    doc.add(*agenda(ctx))
    doc.add(*people(ctx))
    doc.add(*groups(ctx))
    doc.add(*attendance(ctx))
    doc.add(*pact_blocks(ctx, 1, ctx.roster, list_people=False))
    doc.add(Heading(1, w("rtl.b")))
    doc.add(*action_blocks(ctx, ctx.state.workshop.live(JointAction), ctx.plan.rtl.b))
    doc.add(PageBreak(), Heading(1, w("cooperatives")))
    for index, coop in enumerate(ctx.cooperatives):
        if index:
            doc.add(PageBreak())
        doc.add(*cooperative_section(ctx, coop, coop_sections))
    return doc


def cooperative_section(
    ctx: ExportContext, coop: CoopRef, built: dict[str, list[Block]] | None
) -> list[Block]:
    body = built.get(coop.id) if built is not None else None
    if body is None:
        body = renstra_body(ctx, coop)
    heading = Heading(2, ctx.w("cooperative.heading", coop=coop.name))
    return [heading, *shifted(body, 2)]


# -- about ------------------------------------------------------------------------------


def about(ctx: ExportContext) -> list[Block]:
    w = ctx.w
    info = ctx.plan.workshop
    rows: list[tuple[str, str]] = [(w("about.title"), info.title)]
    if info.theme:
        rows.append((w("about.theme"), info.theme))
    rows += [
        (w("about.organiser"), info.organiser),
        (w("about.place"), info.place),
        (w("about.dates"), ctx.dates),
        (w("about.days"), str(len(ctx.plan.days))),
        (w("about.groups"), str(len(ctx.plan.groups))),
        (w("about.cooperatives"), str(len(ctx.plan.cooperatives()))),
        (w("about.participants"), str(len(ctx.roster))),
    ]
    return [
        Heading(1, w("about")),
        Fields(tuple(rows)),
        Paragraph(w("as_of", at=ctx.generated), "muted"),
    ]


# -- agenda -----------------------------------------------------------------------------


def _signed_minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes > 0:
        return f"+{minutes}"
    if minutes < 0:
        return f"−{-minutes}"  # a true minus sign
    return "0"


def _budget_text(item: AgendaItem, progress: ItemProgress | None) -> str:
    minutes = round(budget(item, progress) / 60)
    adjust = round(progress.adjust_seconds / 60) if progress else 0
    return f"{minutes} ({_signed_minutes(adjust * 60)})" if adjust else str(minutes)


def day_anchor(ctx: ExportContext, day: Day) -> dt.date:
    """The date a day actually ran (its first start, local), else its planned date: times
    on that date show without it (a day moved, or a rehearsal, still reads clock to clock)."""
    starts = [
        p.actual_start
        for i in day.items
        if (p := ctx.state.workshop.get(ItemProgress, i.key)) and p.actual_start
    ]
    return ctx.local(min(starts)).date() if starts else day.date


class Run(StrEnum):
    """How an agenda item stands in the report: the timer's phase, and for one never
    started whether the workshop went past it (skipped) or has not got to it yet."""

    DONE = "done"
    RUNNING = "running"
    PAUSED = "paused"  # started, never finished: to check
    SKIPPED = "skipped"
    NOT_REACHED = "ready"


def runs(ctx: ExportContext) -> dict[str, Run]:
    """Each item's `Run`, by key. An item never started is skipped when a later item (in
    running order) has started, or the facilitator stands on a later one (as the timeline
    counts items before the current one that never started); else not reached yet."""
    items = [item for _, item in ctx.plan.items()]
    phases = [phase(ctx.state.workshop.get(ItemProgress, item.key)) for item in items]
    keys = [item.key for item in items]
    started = [i for i, ph in enumerate(phases) if ph is not Phase.READY]
    here = ctx.state.location.item_id
    reached = max([*started, keys.index(here) if here in keys else -1], default=-1)
    out: dict[str, Run] = {}
    for index, (key, ph) in enumerate(zip(keys, phases, strict=True)):
        if ph is Phase.READY:
            out[key] = Run.SKIPPED if index < reached else Run.NOT_REACHED
        else:
            out[key] = Run(ph.value)
    return out


def agenda_row(ctx: ExportContext, anchor: dt.date, item: AgendaItem, run: Run) -> list[str]:
    w = ctx.w
    progress = ctx.state.workshop.get(ItemProgress, item.key)
    planned = f"{item.start:%H:%M}–{item.planned_end:%H:%M}"
    people = ", ".join([*item.speakers, *item.facilitators]) or w("none")
    title = f"{item.part}. {item.title}" if item.part else item.title
    if progress is None or run in (Run.SKIPPED, Run.NOT_REACHED):
        none = w("none")
        # Skipped: the workshop went past it; not reached: still to come.
        state = w(f"agenda.run.{run.value}")
        return [planned, title, people, none, state, none, _budget_text(item, progress), none]
    ran = elapsed(progress, ctx.generated_at)
    excess = ran - budget(item, progress)
    # Under budget only counts once the item is done; while it runs, only an overrun shows.
    over = _signed_minutes(excess) if run is Run.DONE or excess > 0 else w("none")
    end = (
        ctx.clock(progress.actual_end, on=anchor)
        if run is Run.DONE
        else w(f"agenda.run.{run.value}")
    )
    if (first_end := _first_end_if_reopened(ctx, item.key)) is not None:
        end += f" ({w('agenda.reopened', time=ctx.clock(first_end, on=anchor))})"
    return [
        planned,
        title,
        people,
        ctx.clock(progress.actual_start, on=anchor),
        end,
        str(round(ran / 60)),
        _budget_text(item, progress),
        over,
    ]


def _first_end_if_reopened(ctx: ExportContext, key: str) -> dt.datetime | None:
    """The end an item first recorded, if it was reopened after it (the timer log keeps
    both; the row shows the last end, and says the item ran on past its first)."""
    events = sorted(
        (e for e in ctx.state.workshop.table(TimerEvent).values() if e.item_id == key),
        key=lambda e: e.at,
    )
    reopened = next((e.at for e in events if e.action is TimerAction.REOPEN), None)
    if reopened is None:
        return None
    ends = [e.at for e in events if e.action is TimerAction.FINISH and e.at <= reopened]
    return ends[-1] if ends else None


def _day_summary(ctx: ExportContext, day: Day, anchor: dt.date, run: dict[str, Run]) -> Paragraph:
    """Every day's line: how many of its items were done, skipped, left paused, still
    running or not reached; once none is left to run (every item done or skipped), the
    planned end of the day against the end of its last finished item. A day nothing of
    which was run or skipped says so."""
    w = ctx.w
    counts = {state: sum(1 for i in day.items if run[i.key] is state) for state in Run}
    if counts[Run.NOT_REACHED] == len(day.items):
        return Paragraph(w("agenda.not_run"), "empty")
    parts = [
        w.plural("agenda.count.done", len(day.items), done=counts[Run.DONE], total=len(day.items))
    ]
    parts += [
        w(f"agenda.count.{state.value}", n=counts[state])
        for state in (Run.SKIPPED, Run.PAUSED, Run.RUNNING, Run.NOT_REACHED)
        if counts[state]
    ]
    sentences = [w("agenda.count", parts="; ".join(parts))]
    ends = [
        p.actual_end
        for i in day.items
        if run[i.key] is Run.DONE
        and (p := ctx.state.workshop.get(ItemProgress, i.key))
        and p.actual_end is not None
    ]
    finished = counts[Run.DONE] + counts[Run.SKIPPED] == len(day.items)
    if finished and ends:
        last = day.items[-1]
        actual = max(ends)
        planned_end = local_datetime(anchor, last.planned_end, ctx.tz)
        drift = round((ctx.local(actual) - planned_end).total_seconds() / 60)
        if drift > 0:
            drift_text = w("agenda.late", n=drift)
        elif drift < 0:
            drift_text = w("agenda.early", n=-drift)
        else:
            drift_text = w("agenda.on_time")
        sentences.insert(
            0,
            w(
                "agenda.day_summary",
                planned=f"{last.planned_end:%H:%M}",
                actual=ctx.clock(actual, on=anchor),
                drift=drift_text,
            ),
        )
    return Paragraph(" ".join(sentences), "muted")


def _paused_check(ctx: ExportContext, day: Day, run: dict[str, Run]) -> Paragraph | None:
    """An item left paused (started, never finished) is flagged: its end and length are
    unknown until someone finishes it on the timeline (or it was forgotten)."""
    paused = [i for i in day.items if run[i.key] is Run.PAUSED]
    if not paused:
        return None
    titles = ", ".join(f"{i.part}. {i.title}" if i.part else i.title for i in paused)
    return Paragraph(ctx.w.plural("agenda.paused_check", len(paused), items=titles), "strong")


def agenda(ctx: ExportContext) -> list[Block]:
    w = ctx.w
    blocks: list[Block] = [Heading(1, w("agenda")), Paragraph(w("agenda.legend"), "muted")]
    header = [
        w("agenda.col.planned"),
        w("agenda.col.item"),
        w("agenda.col.people"),
        w("agenda.col.start"),
        w("agenda.col.end"),
        w("agenda.col.actual"),
        w("agenda.col.budget"),
        w("agenda.col.over"),
    ]
    run = runs(ctx)
    for number, day in enumerate(ctx.plan.days, start=1):
        title = w("agenda.day", n=number, date=ctx.day(day.date))
        blocks.append(Heading(2, f"{title}: {day.title}" if day.title else title))
        anchor = day_anchor(ctx, day)
        rows = [agenda_row(ctx, anchor, item, run[item.key]) for item in day.items]
        blocks.append(
            table(header, rows, widths=(2.7, 4.8, 3.6, 1.8, 2.1, 2.0, 2.0, 2.0), numeric=(5, 6, 7))
        )
        blocks.append(_day_summary(ctx, day, anchor, run))
        check = _paused_check(ctx, day, run)
        if check is not None:
            blocks.append(check)
    return blocks


# -- people -----------------------------------------------------------------------------


def people(ctx: ExportContext) -> list[Block]:
    w = ctx.w
    roles: dict[str, list[str]] = {}
    sessions: dict[str, list[str]] = {}

    def add(name: str, role: str, session: str | None) -> None:
        if role not in roles.setdefault(name, []):
            roles[name].append(role)
        listed = sessions.setdefault(name, [])
        if session and session not in listed:
            listed.append(session)

    for _, item in ctx.plan.items():
        for name in item.speakers:
            add(name, w("people.speaker"), item.title)
        for name in item.facilitators:
            add(name, w("people.facilitator"), item.title)
    for group in ctx.plan.groups:
        add(group.facilitator, w("people.group_facilitator", group=group.name), None)
    blocks: list[Block] = [Heading(1, w("people"))]
    if not roles:
        blocks.append(Paragraph(w("empty"), "empty"))
        return blocks
    header = [w("col.no"), w("col.name"), w("people.col.role"), w("people.col.items")]
    rows = [
        [str(i), name, ", ".join(roles[name]), "\n".join(sessions[name]) or w("none")]
        for i, name in enumerate(roles, start=1)
    ]
    blocks.append(table(header, rows, widths=(1, 5, 6, 8), numeric=(0,)))
    return blocks


def groups(ctx: ExportContext) -> list[Block]:
    w = ctx.w
    header = [w("groups.col.group"), w("groups.col.facilitator"), w("groups.col.cooperatives")]
    rows = [
        [g.name, g.facilitator, "\n".join(c.name for c in g.cooperatives)] for g in ctx.plan.groups
    ]
    return [Heading(1, w("groups")), table(header, rows, widths=(3, 4, 9))]


def attendance(ctx: ExportContext) -> list[Block]:
    w = ctx.w
    blocks: list[Block] = [
        Heading(1, w("attendance")),
        Paragraph(w("attendance.note"), "muted"),
    ]
    header = [
        w("col.no"),
        w("col.name"),
        w("col.cooperative"),
        w("col.role"),
        w("pact.col.signed"),
    ]
    rows = [
        [
            str(i),
            p.name,
            ctx.coop_name(p.cooperative),
            role_text(ctx, p),
            signature_text(ctx, p.key),
        ]
        for i, p in enumerate(ctx.roster, start=1)
    ]
    known = {p.key for p in ctx.roster}
    stray = sorted(k for k in ctx.state.workshop.table(Signature) if k not in known)
    for key in stray:
        rows.append(
            [
                str(len(rows) + 1),
                f"{key} {w('pact.unknown')}",
                w("none"),
                w("none"),
                signature_text(ctx, key),
            ]
        )
    if not rows:
        blocks.append(Paragraph(w("empty"), "empty"))
        return blocks
    blocks.append(table(header, rows, widths=(1, 5, 6, 4, 5), numeric=(0,)))
    return blocks
