"""Strategies in the TOWS matrix with their citations of SWOT notes, and the numbered
mission list. Pure functions that return the entities a change touches, in their new
versions; the caller commits them.

A strategy cites SWOT notes by their labels in its text ("S1", "o2": a quadrant letter and
the note's number, any case, as a word of its own). On save the labels become note ids
(`cites`), so a citation survives its note being deleted (it is flagged, not lost) or
moved to another quadrant (it follows the note under its new label).

A text with a label that names no note is not saved (the caller refuses it): a note
numbered so later would otherwise seem cited by it. A label that cites nothing anyway (in
a text saved before this rule) is found by `uncited_labels`, to be flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from workshop_tui.domain.state import MissionItem, Note, Quadrant, Shard, Strategy, TowsCell
from workshop_tui.domain.swot import label

CELLS = (TowsCell.SO, TowsCell.WO, TowsCell.ST, TowsCell.WT)
"""The 2×2 matrix read row by row: SO WO on top (opportunities), ST WT below (threats)."""

CELL_QUADRANTS: dict[TowsCell, tuple[Quadrant, Quadrant]] = {
    TowsCell.SO: (Quadrant.STRENGTH, Quadrant.OPPORTUNITY),
    TowsCell.WO: (Quadrant.WEAKNESS, Quadrant.OPPORTUNITY),
    TowsCell.ST: (Quadrant.STRENGTH, Quadrant.THREAT),
    TowsCell.WT: (Quadrant.WEAKNESS, Quadrant.THREAT),
}
"""The two SWOT quadrants a cell's strategies draw on."""

_LABEL = re.compile(r"(?<![\w])([SWOT])(\d+)(?![\w])", re.IGNORECASE)


def cited_labels(text: str) -> list[str]:
    """The note labels a text mentions, upper-cased, in order, each once."""
    seen: dict[str, None] = {}
    for match in _LABEL.finditer(text):
        seen.setdefault(f"{match.group(1).upper()}{int(match.group(2))}")
    return list(seen)


def notes_by_label(notes: Iterable[Note]) -> dict[str, Note]:
    """Label -> note; a live note wins over a deleted one of the same label."""
    found: dict[str, Note] = {}
    for note in notes:
        key = label(note)
        current = found.get(key)
        if current is None or (current.deleted_at is not None and note.deleted_at is None):
            found[key] = note
    return found


@dataclass(frozen=True)
class Citations:
    note_ids: list[str]
    unknown: list[str]  # labels that name no note


def parse_citations(text: str, notes: Iterable[Note]) -> Citations:
    """The notes a text cites, by the labels in it, resolved against every note of the
    board (live and deleted)."""
    index = notes_by_label(notes)
    ids: list[str] = []
    unknown: list[str] = []
    for name in cited_labels(text):
        note = index.get(name)
        if note is None:
            unknown.append(name)
        elif note.id not in ids:
            ids.append(note.id)
    return Citations(ids, unknown)


def relabelled(text: str, cites: list[str], notes: Iterable[Note]) -> str:
    """The text with the labels of cited notes that have since moved (and so changed
    label) written as their current labels. A label in the text that still names a cited
    note is kept; the others are matched, in order, to the cited notes no label names
    any more — only when they pair up one to one, else the text is left as it is."""
    all_notes = list(notes)
    by_id = {n.id: n for n in all_notes}
    index = notes_by_label(all_notes)
    cited = [by_id[i] for i in cites if i in by_id]
    labels_in_text = cited_labels(text)
    named = {index[name].id for name in labels_in_text if name in index}
    stale = [name for name in labels_in_text if name not in index or index[name].id not in cites]
    orphans = [n for n in cited if n.id not in named]
    if not stale or len(stale) != len(orphans):
        return text
    mapping = {old: label(note) for old, note in zip(stale, orphans, strict=True)}

    def swap(match: re.Match[str]) -> str:
        name = f"{match.group(1).upper()}{int(match.group(2))}"
        return mapping.get(name, match.group(0))

    return _LABEL.sub(swap, text)


def uncited_labels(text: str, cites: list[str], notes: Iterable[Note]) -> list[str]:
    """The labels in a strategy's text as shown (see `relabelled`) that name none of the
    notes it cites: they may name no note, or one the strategy does not cite."""
    all_notes = list(notes)
    index = notes_by_label(all_notes)
    shown = relabelled(text, cites, all_notes)
    return [
        name for name in cited_labels(shown) if name not in index or index[name].id not in cites
    ]


def strategies_in(shard: Shard, cell: TowsCell) -> list[Strategy]:
    """The live strategies of one cell, in order."""
    return [s for s in shard.live(Strategy) if s.cell is cell]


def strategy_label(cell: TowsCell, index: int) -> str:
    """How a strategy is shown: its cell and place, e.g. 'SO2'."""
    return f"{cell.value}{index + 1}"


def _end_position(shard: Shard, cell: TowsCell) -> float:
    items = strategies_in(shard, cell)
    return (items[-1].position + 1.0) if items else 1.0


def new_strategy(shard: Shard, cell: TowsCell, text: str) -> tuple[Strategy, Citations]:
    citations = parse_citations(text, shard.table(Note).values())
    strategy = Strategy(
        cell=cell, text=text, cites=citations.note_ids, position=_end_position(shard, cell)
    )
    return strategy, citations


def edited(shard: Shard, strategy: Strategy, text: str) -> tuple[Strategy, Citations]:
    citations = parse_citations(text, shard.table(Note).values())
    return strategy.model_copy(update={"text": text, "cites": citations.note_ids}), citations


def deleted(strategy: Strategy, at: dt.datetime) -> Strategy:
    return strategy.model_copy(update={"deleted_at": at})


def restored(shard: Shard, strategy: Strategy) -> Strategy:
    """Back from the trash, at the end of its cell."""
    return strategy.model_copy(
        update={"deleted_at": None, "position": _end_position(shard, strategy.cell)}
    )


def moved(shard: Shard, strategy: Strategy, cell: TowsCell) -> Strategy:
    if cell is strategy.cell:
        return strategy
    return strategy.model_copy(update={"cell": cell, "position": _end_position(shard, cell)})


def reordered(shard: Shard, strategy: Strategy, step: int) -> list[Strategy]:
    """Swap a strategy with its neighbour above (step -1) or below (+1); [] at an edge."""
    items = strategies_in(shard, strategy.cell)
    # A trashed or unknown strategy is not in `items`: nothing to swap, so no change ([]).
    index = next((i for i, s in enumerate(items) if s.id == strategy.id), None)
    if index is None:
        return []
    other = index + step
    if not 0 <= other < len(items):
        return []
    a, b = items[index], items[other]
    return [
        a.model_copy(update={"position": b.position}),
        b.model_copy(update={"position": a.position}),
    ]


def trash(shard: Shard) -> list[Strategy]:
    """Deleted strategies, most recently deleted first."""
    gone = [s for s in shard.table(Strategy).values() if s.deleted_at is not None]
    return sorted(gone, key=lambda s: s.deleted_at or dt.datetime.min, reverse=True)


def cited_notes(shard: Shard, strategy: Strategy) -> list[Note]:
    """The notes a strategy cites (deleted ones too), in citation order."""
    table = shard.table(Note)
    return [table[i] for i in strategy.cites if i in table]


# -- the mission list -------------------------------------------------------------------


def mission(shard: Shard) -> list[MissionItem]:
    """The live mission statements, in order (numbered 1, 2, 3... as shown)."""
    return shard.live(MissionItem)


def new_mission_item(shard: Shard, text: str) -> MissionItem:
    items = mission(shard)
    return MissionItem(text=text, position=(items[-1].position + 1.0) if items else 1.0)


def mission_reordered(shard: Shard, item: MissionItem, step: int) -> list[MissionItem]:
    """Swap a mission statement with its neighbour above (-1) or below (+1); [] at an edge."""
    items = mission(shard)
    # A trashed or unknown statement is not in `items`: nothing to swap, so no change ([]).
    index = next((i for i, m in enumerate(items) if m.id == item.id), None)
    if index is None:
        return []
    other = index + step
    if not 0 <= other < len(items):
        return []
    a, b = items[index], items[other]
    return [
        a.model_copy(update={"position": b.position}),
        b.model_copy(update={"position": a.position}),
    ]


def mission_restored(shard: Shard, item: MissionItem) -> MissionItem:
    items = mission(shard)
    end = (items[-1].position + 1.0) if items else 1.0
    return item.model_copy(update={"deleted_at": None, "position": end})


def mission_trash(shard: Shard) -> list[MissionItem]:
    gone = [m for m in shard.table(MissionItem).values() if m.deleted_at is not None]
    return sorted(gone, key=lambda m: m.deleted_at or dt.datetime.min, reverse=True)
