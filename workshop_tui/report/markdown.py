"""Markdown (CommonMark with pipe tables, as GitHub and most editors read it).

User text is escaped: Markdown punctuation and `<`, `>`, `&` get a backslash, so a note
can neither format the document nor smuggle in HTML for a Markdown viewer to run.
"""

from __future__ import annotations

import re

from workshop_tui.report.model import (
    Document,
    Fields,
    Heading,
    ItemList,
    PageBreak,
    Paragraph,
    Table,
)

# ASCII punctuation that means something anywhere in CommonMark (or in GitHub's tables and
# strikethrough). `(`, `!` only matter next to `[`, which is escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# At the start of a line: list markers, setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)


_MAY_START_BLOCK = frozenset("-+=0123456789 \t")


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text."""
    if _SPECIAL.search(text):
        text = _SPECIAL.sub(r"\\\1", text)
    if text[:1] in _MAY_START_BLOCK or "\n" in text:
        text = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)
    return text


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def _inline(text: str) -> str:
    """Text inside a paragraph: escaped, line breaks kept as hard breaks."""
    lines = [escape(line) for line in text.splitlines()] or [""]
    return "\\\n".join(lines)


def _cell(text: str) -> str:
    if "\n" not in text and "\r" not in text:
        return escape(text.strip()) or " "
    lines = [escape(line.strip()) for line in text.splitlines()]
    return "<br>".join(line for line in lines if line) or " "


def _table(block: Table) -> list[str]:
    def row(cells: tuple[str, ...], strong: bool = False) -> str:
        shown = [_cell(c) for c in cells]
        if strong:
            shown = [f"**{c}**" if c.strip() else c for c in shown]
        return "| " + " | ".join(shown) + " |"

    rule = (
        "| "
        + " | ".join("--:" if i in block.numeric else "---" for i in range(len(block.header)))
        + " |"
    )
    lines = [row(block.header), rule]
    lines += [row(r, i in block.strong_rows) for i, r in enumerate(block.rows)]
    return lines


def render(doc: Document, cache: dict[int, str] | None = None) -> str:
    """The Markdown text. `cache` keeps rendered tables by identity, for other documents
    of the same export holding the same `Table` objects."""
    tables = cache if cache is not None else {}
    out: list[str] = [f"# {escape(doc.title)}", ""]
    if doc.subtitle:
        out += [f"*{escape(doc.subtitle)}*", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(6, block.level + 1)
            out += [f"{'#' * level} {escape(block.text)}", ""]
        elif isinstance(block, Paragraph):
            text = _inline(block.text)
            if block.style == "empty" or block.style == "muted":
                text = f"*{text}*"
            elif block.style == "strong":
                text = f"**{text}**"
            elif block.style == "quote":
                text = "> " + text.replace("\n", "\n> ")
            out += [text, ""]
        elif isinstance(block, ItemList):
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}." if block.ordered else "-"
                body = _inline(item).replace("\n", "\n" + " " * (len(marker) + 1))
                out.append(f"{marker} {body}")
            out.append("")
        elif isinstance(block, Fields):
            for label, value in block.rows:
                out.append(f"- **{escape(label)}:** {_inline(value)}")
            out.append("")
        elif isinstance(block, Table):
            if id(block) not in tables:
                tables[id(block)] = "\n".join(_table(block))
            out += [tables[id(block)], ""]
        elif isinstance(block, PageBreak):
            continue
    if doc.footer:
        out += ["---", "", f"*{_inline(doc.footer)}*", ""]
    return "\n".join(out)
