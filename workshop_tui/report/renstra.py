"""A cooperative's draft Renstra: identity, SWOT, strategies, factor scores, vision and
mission, the 5-year roadmap, the Renstra team, RTL part A and the pact with signatures.

Parts whose screens hold nothing yet keep their heading and say so ("belum diisi"), so
the draft shows what is still to do.
"""

from __future__ import annotations

from workshop_tui.domain import swot
from workshop_tui.domain.plan import Role
from workshop_tui.domain.roadmap import tier_drops
from workshop_tui.domain.scoring import Scoring, figure
from workshop_tui.domain.scoring import score as scoring_of
from workshop_tui.domain.state import (
    CoopAction,
    FactorScore,
    MissionItem,
    Note,
    Profile,
    RoadmapCell,
    Shard,
    Strategy,
    TeamSeat,
    TierTarget,
    TowsCell,
)
from workshop_tui.domain.team import check_team, normalise_name
from workshop_tui.report.context import CoopRef, ExportContext
from workshop_tui.report.model import (
    Block,
    Document,
    Fields,
    Heading,
    ItemList,
    Paragraph,
    table,
)
from workshop_tui.report.sections import action_blocks, empty, pact_blocks, role_text


def build_renstra(ctx: ExportContext, coop: CoopRef, body: list[Block] | None = None) -> Document:
    """The Renstra document; `body` is `renstra_body(ctx, coop)` if the caller built it
    already (the workshop report embeds the same blocks)."""
    w = ctx.w
    doc = Document(
        title=f"{w('renstra.title')}: {coop.name}",
        language=ctx.language,
        subtitle=w(
            "renstra.subtitle",
            coop=coop.name,
            workshop=ctx.plan.workshop.title,
            dates=ctx.dates,
        ),
        footer=w("generated", version=ctx.version, at=ctx.generated),
    )
    doc.add(*(body if body is not None else renstra_body(ctx, coop)))
    doc.add(*pact_blocks(ctx, 1, ctx.people_of(coop.id)))
    return doc


def renstra_body(ctx: ExportContext, coop: CoopRef, level: int = 1) -> list[Block]:
    """Every section of the Renstra but the pact (which the workshop report shows once),
    headings at `level` (1 = top-level sections)."""
    shard = ctx.state.cooperative(coop.id)
    blocks: list[Block] = []
    blocks += identity(ctx, coop, level)
    blocks += swot_section(ctx, shard, level)
    blocks += strategies(ctx, shard, level)
    if ctx.plan.features.factor_scoring or shard.table(FactorScore):
        blocks += factor_scores(ctx, shard, level)
    blocks += vision_mission(ctx, shard, level)
    blocks += roadmap(ctx, coop, shard, level)
    blocks += team(ctx, coop, shard, level)
    blocks.append(Heading(level, ctx.w("rtl.a")))
    blocks += action_blocks(ctx, shard.live(CoopAction), ctx.plan.rtl.a)
    return blocks


def identity(ctx: ExportContext, coop: CoopRef, level: int) -> list[Block]:
    w = ctx.w
    group = coop.group
    blocks: list[Block] = [
        Heading(level, w("identity")),
        Fields(
            (
                (w("identity.cooperative"), coop.name),
                (w("identity.group"), group.name if group else w("none")),
                (w("identity.facilitator"), group.facilitator if group else w("none")),
                (w("identity.tier"), ctx.tier_name(coop.current_tier)),
                (w("identity.workshop"), f"{ctx.plan.workshop.title}, {ctx.dates}"),
            )
        ),
        Heading(level + 1, w("identity.participants")),
    ]
    people = ctx.people_of(coop.id)
    if not people:
        blocks.append(empty(ctx))
        return blocks
    rows = [[str(i), p.name, role_text(ctx, p)] for i, p in enumerate(people, start=1)]
    header = [w("col.no"), w("col.name"), w("col.role")]
    blocks.append(table(header, rows, widths=(1, 8, 8), numeric=(0,)))
    return blocks


def swot_section(ctx: ExportContext, shard: Shard, level: int) -> list[Block]:
    w = ctx.w
    live = shard.live(Note)
    blocks: list[Block] = [Heading(level, w("swot"))]
    if not live:
        blocks.append(empty(ctx))
    else:
        votes = sum(n.votes for n in live)
        counted = w.plural("swot.notes", len(live), n=len(live))
        blocks.append(
            Paragraph(
                w("swot.summary", notes=counted, votes=w.plural("swot.votes", votes, n=votes)),
                "muted",
            )
        )
    header = [w("swot.col.label"), w("swot.col.note"), w("swot.col.votes")]
    for quadrant in swot.QUADRANTS:
        notes = [n for n in live if n.quadrant is quadrant]
        blocks.append(Heading(level + 1, w(f"swot.{quadrant.value}")))
        if not notes:
            blocks.append(empty(ctx))
            continue
        rows = [[swot.label(n), n.text, str(n.votes)] for n in notes]
        blocks.append(table(header, rows, widths=(1.8, 12, 1.8), numeric=(2,)))
    return blocks


def cited(ctx: ExportContext, shard: Shard, note_id: str) -> str:
    """A cited note by label and text, flagged when it was deleted since."""
    note = shard.get(Note, note_id)
    if note is None:
        return f"{ctx.w('strategy.missing_note', id=note_id)} {ctx.w('deleted')}"
    text = f"{swot.label(note)} {note.text}"
    return f"{text} {ctx.w('deleted')}" if note.deleted_at is not None else text


def strategies(ctx: ExportContext, shard: Shard, level: int) -> list[Block]:
    w = ctx.w
    blocks: list[Block] = [Heading(level, w("strategy"))]
    live = shard.live(Strategy)
    if not live:
        blocks.append(empty(ctx))
        return blocks
    header = [w("col.no"), w("strategy.col.text"), w("strategy.col.cites")]
    for cell in TowsCell:
        found = [s for s in live if s.cell is cell]
        # As the strategy screen titles its cells (its catalog keys): "SO — Kekuatan
        # raih peluang", then the cell's aim, as its reference pane says it.
        name = ctx.t(f"strategy.cell.{cell.value}")
        blocks.append(Heading(level + 1, f"{cell.value} — {name}"))
        blocks.append(Paragraph(_sentence(ctx.t(f"strategy.cell_aim.{cell.value}")), "muted"))
        if not found:
            blocks.append(empty(ctx))
            continue
        rows = [
            [
                f"{cell.value}{i}",
                s.text,
                "\n".join(cited(ctx, shard, c) for c in s.cites) or w("none"),
            ]
            for i, s in enumerate(found, start=1)
        ]
        blocks.append(table(header, rows, widths=(1.6, 8, 7)))
    return blocks


def factor_scores(ctx: ExportContext, shard: Shard, level: int) -> list[Block]:
    w = ctx.w
    blocks: list[Block] = [Heading(level, w("factors"))]
    scores = shard.table(FactorScore)
    # The screen's rules (domain/scoring.py): threats' ratings reversed, a factor not
    # rated yet has no score and is left out of the total.
    scoring = scoring_of(shard.live(Note), scores)
    if not scores:
        blocks.append(empty(ctx))
        blocks += ie_matrix(ctx, scoring, level)
        return blocks
    header = [
        w("factors.col.factor"),
        w("factors.col.weight"),
        w("factors.col.rating"),
        w("factors.col.score"),
    ]
    comma = ctx.language == "id"
    for key, side in (("factors.ifas", scoring.internal), ("factors.efas", scoring.external)):
        blocks.append(Heading(level + 1, w(key)))
        factors = [f for f in side.factors if f.scored]
        if not factors:
            blocks.append(empty(ctx))
            continue
        rows: list[list[str]] = []
        for factor in factors:
            rating = "–" if factor.rating is None else str(factor.rating)
            if factor.reversed and factor.rating_used is not None:
                rating += f" → {factor.rating_used}"
            rows.append(
                [
                    f"{swot.label(factor.note)} {factor.note.text}",
                    figure(factor.weight, comma),
                    rating,
                    "–" if factor.score is None else figure(factor.score, comma),
                ]
            )
        total = [w("factors.total"), figure(side.weight_sum, comma), "", figure(side.total, comma)]
        rows.append(total)
        blocks.append(
            table(
                header,
                rows,
                widths=(10, 2, 2, 2),
                numeric=(1, 2, 3),
                strong_rows=(len(rows) - 1,),
            )
        )
    blocks += ie_matrix(ctx, scoring, level)
    return blocks


def ie_matrix(ctx: ExportContext, scoring: Scoring, level: int) -> list[Block]:
    """Where the totals place the cooperative on the IE matrix: each total with its band
    (strong / average / weak), the cell I–IX and its strategy, in the strategy screen's
    words (its catalog keys); provisional while weights do not sum to 1 or weighted
    factors are unrated. Not placed (said so) until both sides are scored."""
    w, t = ctx.w, ctx.t
    comma = ctx.language == "id"
    blocks: list[Block] = [Heading(level + 1, w("factors.ie"))]
    rows: list[tuple[str, str]] = []
    for key, side in (("factors.ie.ifas", scoring.internal), ("factors.ie.efas", scoring.external)):
        if side.scored:
            band = t(f"strategy.band.{side.side.value}.{side.band.value}")
            rows.append((w(key), w("factors.ie.total", total=figure(side.total, comma), band=band)))
        else:
            rows.append((w(key), t("strategy.not_scored")))
    if not scoring.placed:
        blocks.append(Fields(tuple(rows)))
        blocks.append(Paragraph(w("factors.ie.unplaced"), "empty"))
        return blocks
    cell = scoring.cell
    rows.append((w("factors.ie.cell"), cell.roman))
    rows.append((w("factors.ie.posture"), t(f"strategy.posture.{cell.posture.value}")))
    blocks.append(Fields(tuple(rows)))
    if not scoring.balanced:
        blocks.append(Paragraph(_sentence(t("strategy.provisional")), "strong"))
    elif not scoring.settled:
        blocks.append(Paragraph(_sentence(t("strategy.provisional_unrated")), "strong"))
    blocks.append(Paragraph(w("factors.ie.legend"), "muted"))
    return blocks


def _sentence(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}."


def vision_mission(ctx: ExportContext, shard: Shard, level: int) -> list[Block]:
    w = ctx.w
    blocks: list[Block] = [Heading(level, w("vision_mission")), Heading(level + 1, w("vision"))]
    profile = shard.get(Profile, "profile")
    vision = profile.vision.strip() if profile else ""
    blocks.append(Paragraph(vision) if vision else empty(ctx))
    blocks.append(Heading(level + 1, w("mission")))
    mission = [m.text for m in shard.live(MissionItem) if m.text.strip()]
    blocks.append(ItemList(tuple(mission), ordered=True) if mission else empty(ctx))
    return blocks


def roadmap(ctx: ExportContext, coop: CoopRef, shard: Shard, level: int) -> list[Block]:
    w = ctx.w
    plan = ctx.plan
    blocks: list[Block] = [
        Heading(level, w("roadmap")),
        Paragraph(w("roadmap.current_tier", tier=ctx.tier_name(coop.current_tier)), "muted"),
    ]
    years = plan.roadmap.years
    cells = shard.table(RoadmapCell)
    tiers = {t.year: t.tier for t in shard.table(TierTarget).values()}

    def text(area: str, year: int) -> str:
        cell = cells.get(RoadmapCell.key(area, year))
        return cell.text if cell else ""

    filled = any(text(a.id, y).strip() for a in plan.roadmap.areas for y in years)
    if not filled and not any(y in tiers for y in years):
        blocks.append(empty(ctx))
        return blocks
    header = [w("roadmap.col.area"), *(str(y) for y in years)]
    rows = [[area.name, *(text(area.id, y) for y in years)] for area in plan.roadmap.areas]
    rows.append(
        [w("roadmap.tier_row"), *(ctx.tier_name(tiers[y]) if y in tiers else "" for y in years)]
    )
    blocks.append(
        table(header, rows, widths=(3.6, *(3.0 for _ in years)), strong_rows=(len(rows) - 1,))
    )
    drops = tier_drops(plan, shard, coop.current_tier)
    if drops:
        blocks.append(Paragraph(w("roadmap.drops", years=", ".join(map(str, drops))), "strong"))
    return blocks


def team(ctx: ExportContext, coop: CoopRef, shard: Shard, level: int) -> list[Block]:
    w = ctx.w
    rule = ctx.plan.team_rule
    seats_text = ", ".join(
        f"{count} {ctx.role(role)}" for role in Role if (count := rule.seats.get(role, 0))
    )
    blocks: list[Block] = [
        Heading(level, w("team")),
        Paragraph(w("team.rule", seats=seats_text), "muted"),
    ]
    if rule.attendees_must_be_members:
        blocks.append(Paragraph(w("team.attendees_rule"), "muted"))
    seats = shard.live(TeamSeat)
    if not seats:
        blocks.append(empty(ctx))
        return blocks
    people = ctx.people_of(coop.id)
    keys = {p.key for p in people}
    names = {normalise_name(p.name) for p in people}

    def attended(seat: TeamSeat) -> bool:
        if seat.participant:
            return seat.participant in keys
        return normalise_name(seat.name) in names

    rows = [
        [str(i), s.name, ctx.role(s.role), w("yes") if attended(s) else w("no")]
        for i, s in enumerate(seats, start=1)
    ]
    header = [w("col.no"), w("col.name"), w("col.role"), w("team.col.participant")]
    blocks.append(table(header, rows, widths=(1, 7, 6, 4), numeric=(0,)))
    attendees = [(p.key, p.name, p.role) for p in people]
    violations = check_team(rule, seats, attendees)
    if not violations:
        blocks.append(Paragraph(w("team.ok")))
    else:
        blocks.append(Paragraph(w("team.problems"), "strong"))
        blocks.append(ItemList(tuple(v.message(ctx.language) for v in violations)))
    return blocks
