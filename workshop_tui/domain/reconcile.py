"""What in the saved state no longer matches an edited plan.

A plan may change between days: an item added, removed or renamed, a group renamed, a
cooperative moved. Captured work is keyed by stable ids, so renames cost nothing; what
refers to something the plan no longer has is kept as it is and listed here, so the
facilitator learns of it instead of finding it gone.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import (
    ItemProgress,
    Location,
    RoadmapCell,
    Signature,
    TierTarget,
    TimerEvent,
    WalkIn,
    WorkshopState,
)


@dataclass(frozen=True)
class Drift:
    """One saved thing the plan no longer has a place for. `what` and `detail` in English
    (the command line, logs); `code` and `subject` for the UI, which words it in its own
    language (catalog `drift.<code>`)."""

    what: str
    detail: str
    code: str
    subject: str

    def __str__(self) -> str:
        return f"{self.what}: {self.detail}"


def plan_drift(
    plan: Plan, state: WorkshopState, saved_cooperatives: list[str] | None = None
) -> list[Drift]:
    """Everything in `state` that refers to ids `plan` lacks. Nothing is changed.

    Looks inside the cooperative shards loaded so far; `saved_cooperatives` names every
    cooperative with saved work, so one the plan dropped is reported even unloaded."""
    drift: list[Drift] = []
    item_keys = {item.key for _, item in plan.items()}
    recorded = {p.id for p in state.workshop.table(ItemProgress).values()} | {
        e.item_id for e in state.workshop.table(TimerEvent).values()
    }
    orphan_items = sorted(recorded - item_keys)
    for key in orphan_items:
        drift.append(Drift("agenda item gone", f"timer records kept for {key!r}", "item_gone", key))

    location = state.workshop.singleton(Location)
    if location.item_id is not None and location.item_id not in item_keys:
        drift.append(
            Drift(
                "current item gone",
                f"{location.item_id!r} is not in the plan",
                "current_item_gone",
                location.item_id,
            )
        )
    if location.group_id is not None and plan.group(location.group_id) is None:
        drift.append(
            Drift(
                "current group gone",
                f"{location.group_id!r} is not in the plan",
                "current_group_gone",
                location.group_id,
            )
        )

    coop_ids = {coop.id for _, coop in plan.cooperatives()}
    saved = set(saved_cooperatives or []) | set(state.cooperatives)
    for coop_id in sorted(saved - coop_ids):
        shard = state.cooperatives.get(coop_id)
        if shard is None or shard.count():
            drift.append(
                Drift(
                    "cooperative gone",
                    f"the saved work of {coop_id!r} is kept",
                    "coop_gone",
                    coop_id,
                )
            )

    areas = {area.id for area in plan.roadmap.areas}
    years = set(plan.roadmap.years)
    tiers = {tier.id for tier in plan.tiers}
    for coop_id, shard in sorted(state.cooperatives.items()):
        for cell in shard.table(RoadmapCell).values():
            if cell.text and (cell.area not in areas or cell.year not in years):
                drift.append(
                    Drift(
                        "roadmap cell outside the grid",
                        f"{coop_id}: {cell.area} {cell.year}",
                        "cell_outside",
                        f"{coop_id}: {cell.area} {cell.year}",
                    )
                )
        for target in shard.table(TierTarget).values():
            if target.tier not in tiers or target.year not in years:
                drift.append(
                    Drift(
                        "tier target outside the plan",
                        f"{coop_id}: {target.year} {target.tier}",
                        "tier_outside",
                        f"{coop_id}: {target.year} {target.tier}",
                    )
                )

    people = {p.key for p in plan.participants} | set(state.workshop.table(WalkIn))
    for signature in state.workshop.table(Signature).values():
        if signature.id not in people:
            drift.append(
                Drift(
                    "signature of someone not on the roster",
                    signature.id,
                    "signature_unknown",
                    signature.id,
                )
            )
    return drift
