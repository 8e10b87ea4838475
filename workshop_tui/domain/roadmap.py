"""Rules of the 5-year roadmap: cells per area and year, and the scale tier per year."""

from __future__ import annotations

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import RoadmapCell, Shard, TierTarget


def cell_key(area: str, year: int) -> str:
    return RoadmapCell.key(area, year)


def cell_text(shard: Shard, area: str, year: int) -> str:
    cell = shard.get(RoadmapCell, cell_key(area, year))
    return cell.text if cell else ""


def tier_of(shard: Shard, year: int) -> str | None:
    target = shard.get(TierTarget, str(year))
    return target.tier if target else None


def tier_rank(plan: Plan, tier: str | None) -> int | None:
    """Position in the plan's tiers, lowest first; None for no or an unknown tier."""
    ids = [t.id for t in plan.tiers]
    return ids.index(tier) if tier in ids else None


def tier_drops(plan: Plan, shard: Shard, current_tier: str | None = None) -> list[int]:
    """Years whose target tier is below the one before it (the cooperative's current tier
    counts as the year before the first). A roadmap should only climb ("naik kelas")."""
    drops: list[int] = []
    previous = tier_rank(plan, current_tier)
    for year in plan.roadmap.years:
        rank = tier_rank(plan, tier_of(shard, year))
        if rank is None:
            continue
        if previous is not None and rank < previous:
            drops.append(year)
        previous = rank
    return drops


def starting_tier(
    plan: Plan, shard: Shard, year: int, current_tier: str | None = None
) -> str | None:
    """Where a year with no target starts: the target of the nearest earlier year that has
    one, else the cooperative's tier today (if the plan has that tier), else the plan's
    first tier."""
    earlier = [y for y in plan.roadmap.years if y < year]
    for before in reversed(earlier):
        tier = tier_of(shard, before)
        if tier_rank(plan, tier) is not None:
            return tier
    if tier_rank(plan, current_tier) is not None:
        return current_tier
    return plan.tiers[0].id if plan.tiers else None


def stepped_tier(plan: Plan, tier: str | None, step: int) -> str | None:
    """The tier `step` places up (or down) the plan's order, staying inside it."""
    ids = [t.id for t in plan.tiers]
    if not ids:
        return None
    rank = tier_rank(plan, tier)
    if rank is None:
        return ids[0] if step > 0 else None
    return ids[max(0, min(len(ids) - 1, rank + step))]


def next_year(plan: Plan, year: int) -> int | None:
    years = plan.roadmap.years
    return years[years.index(year) + 1] if year in years and year != years[-1] else None
