"""One self-contained HTML file per document: inline CSS, no scripts, no outside resources,
laid out to print cleanly on A4 from a browser (File → Print, or "Save as PDF").

Every piece of text goes through `html.escape`: a note reading `<script>` stays text.
"""

from __future__ import annotations

from html import escape

from workshop_tui.report.model import (
    Document,
    Fields,
    Heading,
    ItemList,
    PageBreak,
    Paragraph,
    Table,
)

CSS = """
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
:root { color-scheme: light; }
html { font-size: 11pt; }
body {
  font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  line-height: 1.4; color: #111; background: #fff;
  max-width: 178mm; margin: 2em auto; padding: 0 1em;
}
h1 { font-size: 1.7em; margin: 0 0 0.2em; }
h2 { font-size: 1.35em; margin: 1.4em 0 0.5em; border-bottom: 1.5px solid #333; }
h3 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 0.3em; }
h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
.subtitle { font-size: 1.05em; color: #333; margin: 0 0 1.2em; }
p { margin: 0.35em 0 0.6em; }
p.empty { font-style: italic; color: #666; }
p.muted { font-size: 0.9em; color: #444; }
p.strong { font-weight: bold; }
blockquote { margin: 0.6em 1.5em; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.9em; font-size: 0.9em; }
th, td {
  border: 1px solid #777; padding: 0.25em 0.4em; vertical-align: top; text-align: left;
  overflow-wrap: anywhere;
}
th { background: #e8e8e8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.strong td { font-weight: bold; background: #f3f3f3; }
table.fields { width: auto; min-width: 60%; }
table.fields th { width: 14em; background: #f3f3f3; }
ol, ul { margin: 0.3em 0 0.8em; padding-left: 1.8em; }
footer { margin-top: 2em; border-top: 1px solid #999; font-size: 0.85em; color: #444; }
.page-break { break-before: page; page-break-before: always; height: 0; }
@media screen { .page-break { border-top: 1px dashed #bbb; margin: 2em 0; } }
@media print {
  body { margin: 0; padding: 0; max-width: none; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  th { background: #e8e8e8 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


def _text(value: str) -> str:
    """Escaped text with its line breaks kept."""
    if "\n" not in value:
        return escape(value)
    return "<br>".join(escape(line) for line in value.split("\n"))


def _table(block: Table) -> list[str]:
    out = ["<table>"]
    total = sum(block.widths) if block.widths else 0
    if total:
        out.append("<colgroup>")
        out += [f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths]
        out.append("</colgroup>")

    def cls(index: int) -> str:
        return ' class="num"' if index in block.numeric else ""

    out.append("<thead><tr>")
    out += [f'<th scope="col"{cls(i)}>{_text(h)}</th>' for i, h in enumerate(block.header)]
    out.append("</tr></thead><tbody>")
    classes = [cls(i) for i in range(len(block.header))]
    for index, row in enumerate(block.rows):
        strong = ' class="strong"' if index in block.strong_rows else ""
        cells = "".join(
            f"<td{numeric}>{_text(c)}</td>" for numeric, c in zip(classes, row, strict=False)
        )
        out.append(f"<tr{strong}>{cells}</tr>")
    out.append("</tbody></table>")
    return out


def render(doc: Document, cache: dict[int, str] | None = None) -> str:
    """The HTML page. `cache` keeps rendered tables by identity, for other documents of
    the same export holding the same `Table` objects."""
    tables = cache if cache is not None else {}
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="workshop-tui">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    if doc.subtitle:
        out.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    out.append("</header>")
    out.append("<main>")
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(6, block.level + 1)
            out.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            if block.style == "quote":
                out.append(f"<blockquote><p>{_text(block.text)}</p></blockquote>")
            elif block.style == "normal":
                out.append(f"<p>{_text(block.text)}</p>")
            else:
                out.append(f'<p class="{block.style}">{_text(block.text)}</p>')
        elif isinstance(block, ItemList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Fields):
            rows = "".join(
                f'<tr><th scope="row">{_text(label)}</th><td>{_text(value)}</td></tr>'
                for label, value in block.rows
            )
            out.append(f'<table class="fields"><tbody>{rows}</tbody></table>')
        elif isinstance(block, Table):
            if id(block) not in tables:
                tables[id(block)] = "\n".join(_table(block))
            out.append(tables[id(block)])
        elif isinstance(block, PageBreak):
            out.append('<div class="page-break"></div>')
    out.append("</main>")
    if doc.footer:
        out.append(f"<footer><p>{_text(doc.footer)}</p></footer>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
