"""DOCX through python-docx: A4 pages, Word's own Title / Heading N styles (so the navigation
pane and a table of contents work), real tables with a repeating header row, numbered
lists that restart for each list, the document language set for spell checking, and the
export's date in the page footer.

How: python-docx builds one prototype package per export (`prototype`): its default
document trimmed to the styles used here (its ~900 KB of styles would otherwise be parsed
and compressed again for every document, ~35 ms each), set to A4 and the plan's
language, with the export's footer. Each document is that package with its body, title
and numbered lists added: the body is WordprocessingML written as text (the same markup
python-docx writes: `w:p` with `w:pStyle`, `w:tbl` with `w:tblStyle`...), since building
it element by element through python-docx costs ~100x more and a workshop's notes run to
thousands of table rows. Every text goes through `_escape` (XML escaping, characters XML
cannot hold dropped).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from docx import Document as open_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from workshop_tui.report.model import (
    Document,
    Fields,
    Heading,
    ItemList,
    PageBreak,
    Paragraph,
    Table,
)

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_MM = 20
TEXT_WIDTH_TWIPS = round((PAGE_WIDTH_MM - 2 * MARGIN_MM) / 25.4 * 1440)
LANGUAGE_TAGS = {"id": "id-ID", "en": "en-GB"}
TITLE_MARK = "WORKSHOP-TUI-DOCUMENT-TITLE"  # in the prototype, replaced by each title

# Styles the documents use (by name as python-docx shows them); the rest are dropped from
# the template, keeping those these are based on or linked to.
USED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    *(f"Heading {n}" for n in range(1, 10)),
    "Quote",
    "List Number",
    "List Bullet",
    "Table Grid",
    "Footer",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
)

# Characters XML 1.0 cannot hold (python-docx refuses them): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_VAL = qn("w:val")


@dataclass(frozen=True)
class Prototype:
    """The package every document of an export starts from (see `prototype`)."""

    parts: dict[str, bytes]
    style_ids: dict[str, str]
    list_abstract: int | None
    """The abstract numbering of the List Number style: each numbered list gets its own
    instance of it, so that each starts again at 1."""
    first_num_id: int


@functools.lru_cache(maxsize=8)
def prototype(language: str, footer: str) -> Prototype:
    """python-docx's default document trimmed to the styles used (its 900 KB of styles
    would be parsed and compressed again for every document), on A4, in `language`, with
    `footer` at the foot of every page. Built once per export (the footer holds its
    date): each document then only adds its body, title and lists."""
    doc = open_docx()
    styles: Any = doc.styles
    keep: set[str] = set()
    pending = [styles[name].element for name in USED_STYLES]
    by_id = {s.get(qn("w:styleId")): s for s in styles.element.findall(qn("w:style"))}
    while pending:
        element = pending.pop()
        style_id = element.get(qn("w:styleId"))
        if style_id in keep:
            continue
        keep.add(style_id)
        for ref in ("w:basedOn", "w:link", "w:next"):
            found = element.find(qn(ref))
            if found is not None and found.get(_VAL) in by_id:
                pending.append(by_id[found.get(_VAL)])
    for style_id, element in by_id.items():
        if style_id not in keep:
            styles.element.remove(element)
    latent = styles.element.find(qn("w:latentStyles"))
    if latent is not None:
        styles.element.remove(latent)
    part: Any = doc.part
    for rel_id, rel in list(part.rels.items()):
        if (
            rel.reltype
            == "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
        ):
            del part.rels[rel_id]
    package_rels: Any = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]

    section = doc.sections[0]
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    normal: Any = styles["Normal"]
    normal.font.size = Pt(10.5)
    tag = LANGUAGE_TAGS.get(language, language)
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)
    r_pr.append(lang)
    props = doc.core_properties
    props.language = tag
    props.author = "workshop-tui"
    props.last_modified_by = "workshop-tui"
    props.comments = ""
    props.title = TITLE_MARK
    if footer:
        paragraph = section.footer.paragraphs[0]._p
        for child in _parse(_run(footer, _FOOTER)):
            paragraph.append(child)
    when = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = when
    out = io.BytesIO()
    doc.save(out)
    with zipfile.ZipFile(out) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    style_ids = {name: styles[name].style_id for name in USED_STYLES}
    list_style: Any = styles["List Number"]
    p_pr = list_style.element.pPr
    abstract = None
    if p_pr is not None and p_pr.numPr is not None and p_pr.numPr.numId is not None:
        numbering: Any = doc.part.numbering_part.element
        abstract = int(numbering.num_having_numId(p_pr.numPr.numId.val).abstractNumId.val)
        first_free = 1 + max(int(n) for n in numbering.xpath("./w:num/@w:numId"))
    return Prototype(parts, style_ids, abstract, first_free if abstract is not None else 0)


def _widths(block: Table) -> list[int]:
    """Column widths in twips, filling the text width."""
    count = len(block.header)
    weights = list(block.widths) if len(block.widths) == count else [1.0] * count
    total = sum(weights) or 1.0
    return [max(300, round(TEXT_WIDTH_TWIPS * w / total)) for w in weights]


def _escape(text: str) -> str:
    """Text for an XML text node (never an attribute)."""
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(text: str, props: str = "") -> str:
    """A run of text, its line breaks as <w:br/>; `props` is the run's <w:rPr> content."""
    r_pr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if "\n" not in text:
        return f'<w:r>{r_pr}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>'
    lines = '</w:t><w:br/><w:t xml:space="preserve">'.join(_escape(t) for t in text.split("\n"))
    return f'<w:r>{r_pr}<w:t xml:space="preserve">{lines}</w:t></w:r>'


def _table_xml(block: Table, style_id: str, *, header: bool, bold_columns: frozenset[int]) -> str:
    widths = _widths(block)
    cells = [
        (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>',
            '<w:pPr><w:jc w:val="right"/></w:pPr>' if index in block.numeric else "",
        )
        for index, width in enumerate(widths)
    ]
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/>'
        "</w:tblCellMar>"
        f'<w:tblLook w:val="04A0" w:firstRow="{int(header)}" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    if header:
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>")
        for (start, p_pr), text in zip(cells, block.header, strict=True):
            out.append(
                f'{start}<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/></w:tcPr>'
                f"<w:p>{p_pr}{_run(text, '<w:b/>' + _CELL)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    for row_index, row in enumerate(block.rows):
        strong = row_index in block.strong_rows
        out.append("<w:tr>")
        for index, ((start, p_pr), text) in enumerate(zip(cells, row, strict=True)):
            props = _BOLD_CELL if strong or index in bold_columns else _CELL
            out.append(f"{start}</w:tcPr><w:p>{p_pr}{_run(text, props)}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl><w:p/>")  # Word joins tables that touch; keep them apart
    return "".join(out)


_EMPTY = '<w:i/><w:color w:val="555555"/>'
_MUTED = '<w:color w:val="444444"/><w:sz w:val="18"/>'
_CELL = '<w:sz w:val="18"/>'  # 9 pt: tables hold the most text
_BOLD_CELL = "<w:b/>" + _CELL
_FOOTER = '<w:color w:val="444444"/><w:sz w:val="16"/>'
_PARAGRAPH_RUN = {"empty": _EMPTY, "muted": _MUTED, "strong": "<w:b/>", "normal": ""}
_XMLNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class _Writer:
    def __init__(self, doc: Document, cache: dict[int, str] | None) -> None:
        self.source = doc
        self.cache = cache if cache is not None else {}
        self.base = prototype(doc.language, doc.footer)
        self.nums: list[int] = []

    def style(self, name: str) -> str:
        return self.base.style_ids[name]

    def paragraph(self, text: str, style: str | None = None, props: str = "") -> str:
        p_pr = f'<w:pPr><w:pStyle w:val="{self.style(style)}"/></w:pPr>' if style else ""
        return f"<w:p>{p_pr}{_run(text, props)}</w:p>"

    def body(self) -> str:
        out: list[str] = [self.paragraph(self.source.title, "Title")]
        if self.source.subtitle:
            out.append(self.paragraph(self.source.subtitle, "Subtitle"))
        for block in self.source.blocks:
            if isinstance(block, Heading):
                out.append(self.paragraph(block.text, f"Heading {min(9, max(1, block.level))}"))
            elif isinstance(block, Paragraph):
                if block.style == "quote":
                    out.append(self.paragraph(block.text, "Quote"))
                else:
                    out.append(self.paragraph(block.text, props=_PARAGRAPH_RUN[block.style]))
            elif isinstance(block, ItemList):
                out.append(self._list(block))
            elif isinstance(block, Fields):
                fields = Table(("", ""), block.rows, widths=(1, 2.4))
                out.append(
                    _table_xml(
                        fields,
                        self.style("Table Grid"),
                        header=False,
                        bold_columns=frozenset({0}),
                    )
                )
            elif isinstance(block, Table):
                key = id(block)
                if key not in self.cache:
                    self.cache[key] = _table_xml(
                        block, self.style("Table Grid"), header=True, bold_columns=frozenset()
                    )
                out.append(self.cache[key])
            elif isinstance(block, PageBreak):
                out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        return "".join(out)

    def _list(self, block: ItemList) -> str:
        style = "List Number" if block.ordered else "List Bullet"
        style_id = self.style(style)
        num_pr = ""
        if block.ordered and self.base.list_abstract is not None:
            num_id = self.base.first_num_id + len(self.nums)
            self.nums.append(num_id)
            num_pr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        return "".join(
            f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{num_pr}</w:pPr>{_run(item)}</w:p>'
            for item in block.items
        )

    def write(self) -> bytes:
        body = self.body()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name, data in self.base.parts.items():
                if name == "word/document.xml":
                    data = _splice(data, "<w:sectPr", body, last=True)
                elif name == "word/numbering.xml" and self.nums:
                    nums = "".join(
                        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{self.base.list_abstract}"/>'
                        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                        "</w:num>"
                        for n in self.nums
                    )
                    data = _splice(data, "</w:numbering>", nums, last=True)
                elif name == "docProps/core.xml":
                    title = _escape(self.source.title[:255])
                    data = data.replace(TITLE_MARK.encode(), title.encode("utf-8"))
                package.writestr(name, data)
        return out.getvalue()


def _splice(data: bytes, before: str, insert: str, *, last: bool) -> bytes:
    """`insert` put into an XML part just before the (last) occurrence of `before`."""
    xml = data.decode("utf-8")
    at = xml.rfind(before) if last else xml.find(before)
    if at < 0:
        raise ValueError(f"{before!r} not found in the DOCX prototype")
    return (xml[:at] + insert + xml[at:]).encode("utf-8")


def _parse(fragment: str) -> list[Any]:
    """Elements of a small WordprocessingML fragment."""
    return list(etree.fromstring(f"<w:body {_XMLNS}>{fragment}</w:body>".encode()))


def render(doc: Document, cache: dict[int, str] | None = None) -> bytes:
    """The DOCX file. `cache` keeps each table's markup (by the table's identity) for other
    documents of the same export that hold the same table (the report embeds every
    Renstra's tables)."""
    return _Writer(doc, cache).write()
