"""A format-neutral document: headings, paragraphs, lists, key-value lists and tables.

The builders (`renstra.py`, `workshop_report.py`) turn a plan and its state into a
`Document` once; each renderer (`markdown.py`, `html.py`, `docx.py`) writes it out. Every
string in a document is plain text exactly as the user typed it: escaping is the
renderer's job, so no builder can forget it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

ParagraphStyle = Literal["normal", "empty", "muted", "quote", "strong"]


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 is a top-level section (the document title is apart)."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph. `empty` marks a "not filled in yet" line; `muted` a small print note."""

    text: str
    style: ParagraphStyle = "normal"


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Fields:
    """Labelled values, e.g. the identity of a cooperative."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative column widths (any unit; renderers scale them), one per column, or empty.
    widths: tuple[float, ...] = ()
    # Columns to align right (numbers).
    numeric: frozenset[int] = frozenset()
    # Rows (by index) to set in bold, e.g. a total or the roadmap's tier row.
    strong_rows: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PageBreak:
    """A new page when printed (HTML print, DOCX); nothing in Markdown."""


Block = Heading | Paragraph | ItemList | Fields | Table | PageBreak


@dataclass
class Document:
    title: str
    language: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def headings(self) -> Iterator[Heading]:
        return (b for b in self.blocks if isinstance(b, Heading))


def shifted(blocks: list[Block], by: int) -> list[Block]:
    """The same blocks with every heading `by` levels deeper (a document inside another)."""
    return [Heading(b.level + by, b.text) if isinstance(b, Heading) else b for b in blocks]


def table(
    header: list[str] | tuple[str, ...],
    rows: list[list[str]] | list[tuple[str, ...]],
    *,
    widths: tuple[float, ...] = (),
    numeric: tuple[int, ...] = (),
    strong_rows: tuple[int, ...] = (),
) -> Table:
    """A `Table` from lists (every row padded or cut to the header's width)."""
    size = len(header)
    fixed = tuple(tuple((list(row) + [""] * size)[:size]) for row in rows)
    return Table(
        tuple(header),
        fixed,
        widths=widths,
        numeric=frozenset(numeric),
        strong_rows=frozenset(strong_rows),
    )
