"""Exports (issue #7), read back with real parsers: python-docx opens the DOCX, the HTML goes
through `html.parser`, the CSV through `csv`, the JSON through `json` and its JSON Schema.

The bundled Blora workshop is exported after a scripted session (notes, signatures, the
first agenda items run with timers) and the seed's facts are looked for in the report:
its dates, speakers, the five pact clauses verbatim, RTL parts A and B, Indonesian
headings. An English plan gives English headings.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import docx
import jsonschema
import pytest
from conftest import BLORA, EXAMPLE_EN, WIB, FakeClock

from workshop_tui.domain.plan import Role
from workshop_tui.domain.state import (
    CoopAction,
    FactorScore,
    JointAction,
    MissionItem,
    Note,
    Profile,
    Quadrant,
    RoadmapCell,
    Signature,
    Strategy,
    TeamSeat,
    TierTarget,
    TowsCell,
    WalkIn,
    WorkshopState,
)
from workshop_tui.report import csv_export, markdown
from workshop_tui.report import export as export_module
from workshop_tui.report.export import (
    ExportError,
    export_workshop,
    parse_formats,
    target_path,
)
from workshop_tui.report.json_export import (
    StateImportError,
    dump_state,
    load_state_json,
    state_schema,
)
from workshop_tui.report.source import open_saved
from workshop_tui.report.words import Words
from workshop_tui.session import Session, start_session
from workshop_tui.storage.plan_file import load_plan
from workshop_tui.storage.workshop import open_workshop

PKPRI = "pkpri-blora"
SPEAKERS = ("Arsad Dalimunte", "Firdaus Putra", "Herliana", "Anjar Muti", "Vledy Afif")
SCRIPT_NOTE = "Anggota loyal <script>alert('x')</script> & setia"


def blora_clock() -> FakeClock:
    return FakeClock(dt.datetime(2018, 2, 19, 8, 25, tzinfo=WIB).astimezone(dt.UTC))


class PageText(HTMLParser):
    """The text of an HTML page, its headings, and every tag opened."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self.headings.append((tag, "".join(self._heading)))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        if self._heading is not None:
            self._heading.append(data)

    @property
    def text(self) -> str:
        return "\n".join(self.chunks)

    def heading_texts(self) -> list[str]:
        return [text for _, text in self.headings]


def docx_texts(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """(style name, text) of every paragraph, and every table's cell texts."""
    document = docx.Document(str(path))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def scripted_blora(root: Path, clock: FakeClock) -> Session:
    """The Blora workshop after a short scripted session."""
    session = start_session(open_workshop(BLORA, root), clock, WIB)
    store = session.store
    s1 = session.swot.add(PKPRI, Quadrant.STRENGTH, SCRIPT_NOTE)
    session.swot.add(PKPRI, Quadrant.WEAKNESS, "Modal usaha masih kecil")
    o1 = session.swot.add(PKPRI, Quadrant.OPPORTUNITY, "Pasar ritel di Cepu tumbuh")
    session.swot.add("kpri-guru-randublatung", Quadrant.THREAT, "Minimarket berjejaring")
    assert s1 is not None and o1 is not None
    gone = session.swot.add(PKPRI, Quadrant.STRENGTH, "Catatan yang dihapus")
    assert gone is not None
    store.put(PKPRI, Strategy(cell=TowsCell.SO, text="Buka toko kedua", cites=[s1.id, gone.id]))
    session.swot.delete(PKPRI, gone.id)
    for key in ("p01", "p02", "p04"):
        store.put("workshop", Signature(id=key, signed_at=clock()))
    # The opening starts at 08:30 and runs 52 of its 45 minutes; the break runs to time;
    # part 1 is under way when the export is made.
    clock.advance(minutes=5)
    session.toggle_timer()
    clock.advance(minutes=52)
    session.next_item()
    session.toggle_timer()
    clock.advance(minutes=15)
    session.next_item()
    session.toggle_timer()
    clock.advance(minutes=20)
    return session


@dataclass
class Exported:
    out: Path
    paths: list[Path]

    def file(self, name: str) -> Path:
        path = self.out / name
        assert path in self.paths, f"{name} not written: {[p.name for p in self.paths]}"
        return path


@pytest.fixture(scope="module")
def blora_export(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    base = tmp_path_factory.mktemp("blora")
    clock = blora_clock()
    session = scripted_blora(base / "data", clock)
    out = base / "out"
    paths = export_workshop(session.opened, out_dir=out, now=clock(), tz=WIB)
    session.close()
    yield Exported(out, paths)


# -- what is written ----------------------------------------------------------------------


def test_every_format_writes_its_files(blora_export: Exported) -> None:
    names = {p.name for p in blora_export.paths}
    for ext in ("md", "html", "docx"):
        assert f"laporan-kegiatan.{ext}" in names
        assert f"renstra-pkpri-kabupaten-blora.{ext}" in names
        assert sum(1 for n in names if n.startswith("renstra-") and n.endswith(ext)) == 8
    assert {"actions.csv", "signatures.csv", "notes.csv"} <= names
    assert {"workshop-state.json", "workshop-state.schema.json"} <= names
    assert all(p.parent == blora_export.out for p in blora_export.paths)
    assert all(p.stat().st_mode & 0o077 == 0 for p in blora_export.paths), "private files"


# -- the workshop report: the seed's facts --------------------------------------------------


def test_report_html_holds_the_seeds_facts(blora_export: Exported) -> None:
    page = PageText(blora_export.file("laporan-kegiatan.html").read_text("utf-8"))
    text = page.text
    assert "19–22 Februari 2018" in text
    for day in ("19 Februari 2018", "20 Februari 2018", "21 Februari 2018", "22 Februari 2018"):
        assert day in text
    assert "Lokakarya Koperasi Perubahan Menggebrak KPRI Se-Blora" in text
    assert "Dinas Koperasi UKM Kabupaten Blora bersama Kopkun Institute" in text
    assert "Blora, Jawa Tengah" in text
    for name in SPEAKERS:
        assert name in text
    plan = load_plan(BLORA).plan
    assert len(plan.pact.clauses) == 5
    for clause in plan.pact.clauses:
        assert clause in page.chunks  # verbatim, each its own list item
    for template in [*plan.rtl.a, *plan.rtl.b]:
        assert template.activity in text
    headings = page.heading_texts()
    assert headings[0] == "Laporan Kegiatan"
    for heading in (
        "Informasi Kegiatan",
        "Agenda: Rencana dan Pelaksanaan",
        "Narasumber dan Fasilitator",
        "Daftar Hadir dan Tanda Tangan",
        "Pakta Perubahan",
        "Rencana Tindak Lanjut (RTL) bagian B — bersama",
        "Hasil per Koperasi",
        "PKPRI Kabupaten Blora",
        "Analisis SWOT",
        "Peta Jalan 5 Tahun",
        "Tim Renstra",
        "Rencana Tindak Lanjut (RTL) bagian A",
    ):
        assert heading in headings, heading


def test_report_shows_the_agenda_as_run(blora_export: Exported) -> None:
    markdown_text = blora_export.file("laporan-kegiatan.md").read_text("utf-8")
    opening = next(line for line in markdown_text.splitlines() if "Pembukaan" in line)
    cells = [c.strip() for c in opening.strip("|").split("|")]
    # planned, item, people, started, ended, ran, allotted, over
    assert cells[0] == "08:30–09:15"
    assert cells[3:8] == ["08:30", "09:22", "52", "45", "\\+7"]
    pause = next(line for line in markdown_text.splitlines() if "| Istirahat |" in line)
    assert "| 09:22 | 09:37 | 15 | 15 | 0 |" in pause
    running = next(line for line in markdown_text.splitlines() if "Filosofi" in line)
    assert "| 09:37 | berjalan | 20 | 150 | — |" in running
    assert "Arsad Dalimunte" in running
    assert "Belum dilaksanakan." in markdown_text  # days 2-4


def test_report_lists_attendance_and_signatures(blora_export: Exported) -> None:
    page = PageText(blora_export.file("laporan-kegiatan.html").read_text("utf-8"))
    assert "ditandatangani 19 Februari 2018 08:25" in page.chunks
    assert "3 dari 20 peserta telah menandatangani." in page.text
    assert "Ma'ruf Hidayat" in page.text and "Dédé Kurniawan" in page.text


def test_renstra_of_a_cooperative(blora_export: Exported) -> None:
    page = PageText(blora_export.file("renstra-pkpri-kabupaten-blora.html").read_text("utf-8"))
    text = page.text
    assert page.headings[0] == ("h1", "Draf Rencana Strategis (Renstra): PKPRI Kabupaten Blora")
    for part in (
        "Identitas",
        "Peserta",
        "Analisis SWOT",
        "Kekuatan (Strengths)",
        "Strategi (matriks TOWS)",
        "Skor faktor (IFAS/EFAS)",  # factor scoring is on in the Blora plan
        "Visi dan Misi",
        "Peta Jalan 5 Tahun",
        "Tim Renstra",
        "Rencana Tindak Lanjut (RTL) bagian A",
        "Pakta Perubahan",
        "Tanda tangan",
    ):
        assert part in page.heading_texts(), part
    assert "Kelompok 1" in text and "Vledy Afif" in text  # group and facilitator
    assert "S1" in page.chunks and "Pasar ritel di Cepu tumbuh" in text
    # The strategy cites S1 and a note deleted since, flagged.
    assert "S2 Catatan yang dihapus (dihapus)" in page.chunks
    # Nothing captured yet: said so, sections kept.
    assert "Belum diisi." in page.chunks
    # RTL A from the plan's templates, marked, with deadlines resolved from 22 Feb 2018.
    assert "Belum diisi. Daftar awal dari templat rencana lokakarya:" in text
    assert "maksimal 1 bulan setelah pelatihan (22 Maret 2018)" in page.chunks
    assert "maksimal 3 bulan setelah pelatihan (22 Mei 2018)" in page.chunks
    assert "templat" in page.chunks
    assert "2 dari 3 peserta telah menandatangani." in text


# -- formats, read with their parsers ------------------------------------------------------


def test_html_is_one_self_contained_printable_page(blora_export: Exported) -> None:
    raw = blora_export.file("laporan-kegiatan.html").read_text("utf-8")
    page = PageText(raw)
    assert raw.startswith("<!DOCTYPE html>")
    assert '<html lang="id">' in raw
    assert "@page { size: A4" in raw and "@media print" in raw
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert "thead" in page.tags


def test_html_escapes_user_text(blora_export: Exported) -> None:
    for name in ("renstra-pkpri-kabupaten-blora.html", "laporan-kegiatan.html"):
        raw = blora_export.file(name).read_text("utf-8")
        page = PageText(raw)
        assert "script" not in page.tags
        assert "<script>" not in raw
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; setia" in raw
        assert SCRIPT_NOTE in page.chunks  # the note reads back as the text typed


def test_docx_has_real_headings_and_tables(blora_export: Exported) -> None:
    paragraphs, tables = docx_texts(blora_export.file("laporan-kegiatan.docx"))
    assert paragraphs[0] == ("Title", "Laporan Kegiatan")
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert ("Heading 1", "Agenda: Rencana dan Pelaksanaan") in headings
    assert ("Heading 1", "Pakta Perubahan") in headings
    assert ("Heading 2", "PKPRI Kabupaten Blora") in headings
    assert ("Heading 3", "Analisis SWOT") in headings
    texts = [text for _, text in paragraphs]
    for clause in load_plan(BLORA).plan.pact.clauses:
        assert clause in texts
    cells = {cell for table in tables for row in table for cell in row}
    assert {*SPEAKERS} <= cells
    assert SCRIPT_NOTE in cells
    assert "19–22 Februari 2018" in cells
    assert "Mendorong percepatan Blora Kota Koperasi" in cells
    agenda = next(t for t in tables if t[0][0] == "Jadwal")
    assert agenda[1][:8] == [
        "08:30–09:15",
        "Pembukaan dan sambutan Kepala Dinas Koperasi UKM Blora",
        "—",
        "08:30",
        "09:22",
        "52",
        "45",
        "+7",
    ]


def test_docx_is_a4_in_indonesian_with_lists_numbered_apart(blora_export: Exported) -> None:
    document = docx.Document(str(blora_export.file("renstra-pkpri-kabupaten-blora.docx")))
    section = document.sections[0]
    assert section.page_width is not None and round(section.page_width.mm) == 210
    assert section.page_height is not None and round(section.page_height.mm) == 297
    assert document.core_properties.language == "id-ID"
    assert "PKPRI Kabupaten Blora" in document.core_properties.title
    assert "workshop-tui" in section.footer.paragraphs[0].text
    numbered = [p for p in document.paragraphs if p.style and p.style.name == "List Number"]
    assert [p.text for p in numbered] == list(load_plan(BLORA).plan.pact.clauses)
    # Data tables' header row repeats on every page (the identity fields have none).
    participants = document.tables[1]
    assert [c.text for c in participants.rows[0].cells] == ["No", "Nama", "Peran"]
    first_row = participants.rows[0]._tr
    assert first_row.trPr is not None and "tblHeader" in first_row.trPr.xml


def test_csv_files_read_back(blora_export: Exported) -> None:
    notes = read_csv(blora_export.file("notes.csv"))
    assert list(notes[0]) == list(csv_export.NOTE_COLUMNS)
    pkpri = [n for n in notes if n["cooperative_id"] == PKPRI]
    assert [n["label"] for n in pkpri] == ["S1", "S2", "W1", "O1"]
    assert pkpri[0]["text"] == SCRIPT_NOTE and pkpri[0]["deleted_at"] == ""
    assert pkpri[1]["deleted_at"] != "", "a note in the trash is exported, marked"
    assert pkpri[0]["created_at"] == "2018-02-19 08:25:00"  # local time (WIB)

    signatures = read_csv(blora_export.file("signatures.csv"))
    assert len(signatures) == 20
    sutrisno = next(s for s in signatures if s["participant_id"] == "p01")
    assert sutrisno["name"] == "Sutrisno" and sutrisno["signed"] == "yes"
    assert next(s for s in signatures if s["participant_id"] == "p03")["signed"] == "no"

    actions = read_csv(blora_export.file("actions.csv"))
    part_a = [a for a in actions if a["part"] == "A" and a["cooperative_id"] == PKPRI]
    assert [a["template_id"] for a in part_a] == ["a1", "a2", "a3"]
    assert all(a["source"] == "template" for a in part_a)
    assert part_a[0]["due_dates"] == "2018-03-22"
    assert part_a[2]["due_dates"] == "2018-07-27; 2018-12-31"  # twice by the end of 2018
    part_b = [a for a in actions if a["part"] == "B"]
    assert len(part_b) == 3 and part_b[0]["due_dates"].count(";") == 11  # monthly, a year


def test_json_validates_and_round_trips(blora_export: Exported) -> None:
    envelope = json.loads(blora_export.file("workshop-state.json").read_text("utf-8"))
    schema = json.loads(blora_export.file("workshop-state.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(envelope)
    assert envelope["format"] == "workshop-tui/state" and envelope["version"] == 1
    assert envelope["workshop_id"] == "blora-2018"
    notes = envelope["state"]["cooperatives"][PKPRI]["notes"]
    assert SCRIPT_NOTE in [n["text"] for n in notes]

    plan, state = load_state_json(blora_export.file("workshop-state.json"))
    assert plan == load_plan(BLORA).plan
    assert state.workshop.get(Signature, "p01") is not None
    assert len(state.cooperative(PKPRI).table(Note)) == 4
    # Exported again, the re-imported state gives the very same tables.
    again = dump_state(plan, state, exported_at=dt.datetime.fromisoformat(envelope["exported_at"]))
    assert again["state"] == envelope["state"]
    assert again["plan"] == envelope["plan"]


def test_json_round_trips_every_kind_of_entity(tmp_path: Path) -> None:
    clock = blora_clock()
    session = scripted_blora(tmp_path / "data", clock)
    store = session.store
    note = next(iter(session.state.cooperative(PKPRI).table(Note).values()))
    store.put_many(
        PKPRI,
        [
            FactorScore(id=note.id, weight=0.2, rating=3),
            Profile(vision="Menjadi koperasi modern"),
            MissionItem(text="Melayani anggota"),
            RoadmapCell(id="usaha:2018", area="usaha", year=2018, text="Toko kedua"),
            TierTarget(id="2019", year=2019, tier="besar"),
            TeamSeat(role=Role.PENGURUS, name="Sutrisno", participant="p01"),
            CoopAction(activity="Lapor", deadline={"within_months": 1}, template_id="a1"),
        ],
    )
    store.put("workshop", JointAction(activity="Kopdar", deadline={"every_months": 1}))
    store.put("workshop", WalkIn(name="Tamu", cooperative=PKPRI, role=Role.ANGGOTA))
    session.store.load_all()
    envelope = dump_state(session.plan, session.state)
    jsonschema.Draft202012Validator(state_schema()).validate(envelope)
    _, state = load_state_json(json.dumps(envelope))
    for shard in session.state.shards():
        other = state.workshop if shard.kind == "workshop" else state.cooperative(shard.name)
        for table, entities in shard.tables.items():
            assert other.tables.get(table, {}) == entities, (shard.name, table)
    session.close()


def test_json_import_refuses_what_it_cannot_read() -> None:
    with pytest.raises(StateImportError, match="not a workshop-tui state export"):
        load_state_json({"format": "other"})
    with pytest.raises(StateImportError, match="newer"):
        load_state_json({"format": "workshop-tui/state", "version": 99})
    with pytest.raises(StateImportError, match="not valid JSON"):
        load_state_json("{")
    plan = load_plan(BLORA).plan
    envelope = dump_state(plan, WorkshopState())
    envelope["state"]["cooperatives"] = {"../evil": {}}
    with pytest.raises(StateImportError, match="not a cooperative id"):
        load_state_json(envelope)
    envelope["state"]["cooperatives"] = {PKPRI: {"notes": [{"quadrant": "X", "text": "a"}]}}
    with pytest.raises(StateImportError, match=r"cooperatives\.pkpri-blora\.notes\[0\]"):
        load_state_json(envelope)


# -- English plan ---------------------------------------------------------------------------


def test_an_english_plan_exports_in_english(data_root: Path, clock: FakeClock) -> None:
    opened = open_workshop(EXAMPLE_EN, data_root)
    out = data_root / "out"
    paths = export_workshop(opened, ["html", "md", "docx"], out, now=clock(), tz=WIB)
    opened.close()
    names = {p.name for p in paths}
    assert "workshop-report.html" in names
    assert "strategic-plan-riverside-workers-cooperative.html" in names
    page = PageText((out / "workshop-report.html").read_text("utf-8"))
    headings = page.heading_texts()
    assert headings[0] == "Workshop Report"
    for heading in (
        "About the Workshop",
        "Agenda: Planned and As Run",
        "Speakers and Facilitators",
        "Attendance and Signatures",
        "Results per Cooperative",
        "SWOT Analysis",
        "Strategies (TOWS matrix)",
        "Vision and Mission",
        "5-Year Roadmap",
        "Renstra Team",
        "Follow-up Action Plan (RTL), Part A",
    ):
        assert heading in headings, heading
    assert "Not filled in yet." in page.chunks
    assert "10–11 March 2025" in page.text
    assert "Laporan" not in page.text and "Belum diisi" not in page.text
    paragraphs, _ = docx_texts(out / "workshop-report.docx")
    assert ("Heading 1", "About the Workshop") in paragraphs
    assert '<html lang="en">' in (out / "workshop-report.html").read_text("utf-8")


# -- safety ---------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_formulas(data_root: Path, clock: FakeClock, start: str) -> None:
    opened = open_workshop(BLORA, data_root)
    value = f'{start}HYPERLINK("http://evil.example","klik")'
    opened.store.put(PKPRI, Note(quadrant=Quadrant.STRENGTH, text=value, number=1))
    opened.store.put("workshop", WalkIn(id="w1", name=value, cooperative=PKPRI, role=Role.OTHER))
    out = data_root / "out"
    export_workshop(opened, ["csv"], out, now=clock())
    opened.close()
    note = read_csv(out / "notes.csv")[0]
    assert note["text"] == "'" + value
    walk_in = next(s for s in read_csv(out / "signatures.csv") if s["participant_id"] == "w1")
    assert walk_in["name"] == "'" + value
    assert walk_in["walk_in"] == "yes"
    assert csv_export.neutralise("Biasa saja") == "Biasa saja"
    assert csv_export.neutralise("") == ""


def traversal_plan(tmp_path: Path, names: dict[str, str]) -> Path:
    text = EXAMPLE_EN.read_text("utf-8")
    for old, new in names.items():
        text = text.replace(f'name = "{old}"', f"name = {json.dumps(new)}", 1)
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    return plan


def test_file_names_from_cooperative_names_stay_in_the_folder(
    data_root: Path, tmp_path: Path, clock: FakeClock
) -> None:
    plan = traversal_plan(
        tmp_path,
        {
            "Riverside Workers' Cooperative": "../../evil",
            "Hilltop Savings and Credit Cooperative": "/etc/passwd\x00 ☃",
        },
    )
    opened = open_workshop(plan, data_root)
    out = tmp_path / "exports" / "here"
    paths = export_workshop(opened, ["html"], out, now=clock())
    opened.close()
    assert {p.name for p in paths} == {
        "workshop-report.html",
        "strategic-plan-evil.html",
        "strategic-plan-etc-passwd.html",
    }
    assert all(p.parent == out for p in paths)
    assert sorted(p.name for p in tmp_path.rglob("*.html")) == sorted(p.name for p in paths)
    page = PageText((out / "strategic-plan-evil.html").read_text("utf-8"))
    assert "Draft Strategic Plan (Renstra): ../../evil" in page.heading_texts()


def test_names_without_letters_fall_back_to_the_id(
    data_root: Path, tmp_path: Path, clock: FakeClock
) -> None:
    plan = traversal_plan(
        tmp_path,
        {
            "Riverside Workers' Cooperative": "..",
            "Hilltop Savings and Credit Cooperative": "合作社",
        },
    )
    opened = open_workshop(plan, data_root)
    paths = export_workshop(opened, ["md"], tmp_path / "out", now=clock())
    opened.close()
    assert {p.name for p in paths} == {
        "workshop-report.md",
        "strategic-plan-riverside-workers.md",
        "strategic-plan-hilltop-credit.md",
    }


def test_target_path_refuses_anything_but_a_plain_name(tmp_path: Path) -> None:
    for bad in ("../x.md", "a/b.md", "..", ".", "", ".hidden", "a\\b", "x\x00.md", "/etc/x"):
        with pytest.raises(ExportError):
            target_path(tmp_path, bad)
    assert target_path(tmp_path, "renstra-a.md") == tmp_path / "renstra-a.md"


def test_never_overwrites_without_force(data_root: Path, clock: FakeClock) -> None:
    opened = open_workshop(BLORA, data_root)
    out = data_root / "out"
    first = export_workshop(opened, ["md", "csv"], out, now=clock())
    (out / "notes.csv").write_text("mine", encoding="utf-8")
    (out / "unrelated.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ExportError) as refused:
        export_workshop(opened, ["md", "csv"], out, now=clock())
    message = str(refused.value)
    assert "--force" in message and str(out / "notes.csv") in message
    assert (out / "notes.csv").read_text("utf-8") == "mine", "nothing written when refused"
    again = export_workshop(opened, ["md", "csv"], out, force=True, now=clock())
    opened.close()
    assert again == first
    assert (out / "notes.csv").read_text("utf-8-sig").startswith("cooperative_id,")
    assert (out / "unrelated.txt").read_text("utf-8") == "keep"


def test_markdown_escapes_user_text() -> None:
    assert markdown.escape("<script>x</script>") == "\\<script\\>x\\</script\\>"
    assert markdown.escape("a|b *c* [d](e)") == "a\\|b \\*c\\* \\[d\\](e)"
    assert markdown.escape("- item\n1. one\n# h") == "\\- item\n1\\. one\n\\# h"
    assert markdown.escape("Bersungguh-sungguh kami;") == "Bersungguh-sungguh kami;"


# -- sources --------------------------------------------------------------------------------


def test_exports_a_saved_folder_while_the_app_holds_it(data_root: Path, clock: FakeClock) -> None:
    session = scripted_blora(data_root, clock)
    folder = session.store.folder
    with open_saved(folder) as source:
        assert source.mode == "read-only"
        assert source.holder is not None and source.holder.pid > 0
        assert len(source.state.cooperative(PKPRI).table(Note)) == 4
    paths = export_workshop(folder, ["csv"], data_root / "out", now=clock())
    assert len(read_csv(data_root / "out" / "notes.csv")) == 5
    assert len(paths) == 3
    session.close()
    with open_saved(folder) as source:
        assert source.mode == "locked"
        assert source.state.workshop.get(Signature, "p02") is not None


def test_one_cooperative_only(data_root: Path, clock: FakeClock) -> None:
    session = scripted_blora(data_root, clock)
    store = session.store
    store.put("workshop", WalkIn(id="w1", name="Tamu", cooperative=PKPRI, role=Role.ANGGOTA))
    store.put("workshop", Signature(id="w1", signed_at=clock()))
    other = WalkIn(id="w2", name="Lain", cooperative="kpri-guru-randublatung", role=Role.OTHER)
    store.put("workshop", other)
    store.put("workshop", Signature(id="w2", signed_at=clock()))
    out = data_root / "out"
    paths = export_workshop(
        session.opened, ["md", "csv", "json"], out, "PKPRI kabupaten  blora", now=clock()
    )
    with pytest.raises(ExportError, match="No cooperative 'nope'"):
        export_workshop(session.opened, ["md"], out, "nope")
    session.close()
    assert sorted(p.name for p in paths) == sorted(
        [
            "renstra-pkpri-kabupaten-blora.md",
            "actions.csv",
            "signatures.csv",
            "notes.csv",
            "workshop-state.json",
            "workshop-state.schema.json",
        ]
    )
    assert {n["cooperative_id"] for n in read_csv(out / "notes.csv")} == {PKPRI}
    signatures = read_csv(out / "signatures.csv")
    assert [s["participant_id"] for s in signatures] == ["p01", "p02", "p03", "w1"]
    assert {a["part"] for a in read_csv(out / "actions.csv")} == {"A"}
    envelope = json.loads((out / "workshop-state.json").read_text("utf-8"))
    assert envelope["cooperative"] == PKPRI
    assert list(envelope["state"]["cooperatives"]) == [PKPRI]
    # Of the workshop's shard, only this cooperative's people: walk-in w1 and the
    # signatures of p01, p02 (p04 and w2 are of other cooperatives).
    people = envelope["state"]["workshop"]
    assert sorted(people) == ["signatures", "walk_ins"]
    assert sorted(s["id"] for s in people["signatures"]) == ["p01", "p02", "w1"]
    assert [w["id"] for w in people["walk_ins"]] == ["w1"]
    signed = [s["participant_id"] for s in signatures if s["signed"] == "yes"]
    assert sorted(signed) == ["p01", "p02", "w1"]


def test_factor_scores_are_exported_as_the_screen_scores_them(
    data_root: Path, clock: FakeClock
) -> None:
    # Threats' ratings reversed (a grave threat rated 1 counts 4), a factor not rated yet
    # has no score and is left out of the total: as domain/scoring.py and the screen.
    session = scripted_blora(data_root, clock)
    t1 = session.swot.add(PKPRI, Quadrant.THREAT, "Minimarket berjejaring masuk desa")
    t2 = session.swot.add(PKPRI, Quadrant.THREAT, "Pinjol ilegal")
    assert t1 is not None and t2 is not None
    session.store.put(PKPRI, FactorScore(id=t1.id, weight=0.4, rating=1))
    session.store.put(PKPRI, FactorScore(id=t2.id, weight=0.6))
    out = data_root / "scores"
    export_workshop(session.opened, ["md"], out, PKPRI, now=clock())
    session.close()
    text = (out / "renstra-pkpri-kabupaten-blora.md").read_text("utf-8")
    efas = text.split("### EFAS")[1]
    assert re.search(r"T\d Minimarket berjejaring masuk desa \| 0,40 \| 1 → 4 \| 1,60", efas)
    assert re.search(r"T\d Pinjol ilegal \| 0,60 \| – \| –", efas)
    assert "| **Jumlah** | **1,00** |   | **1,60** |" in efas  # weights 0,4 + 0,6; total 1,6


def _live_note(session: Session, text: str) -> Note:
    return next(n for n in session.state.cooperative(PKPRI).live(Note) if n.text == text)


def test_renstra_places_the_cooperative_on_the_ie_matrix(data_root: Path, clock: FakeClock) -> None:
    # IFAS 0,6 × 4 + 0,4 × 2 = 3,20 (strong); EFAS 1,0 × 2 = 2,00 (medium): cell IV, grow.
    session = scripted_blora(data_root, clock)
    put = session.store.put
    put(PKPRI, FactorScore(id=_live_note(session, SCRIPT_NOTE).id, weight=0.6, rating=4))
    put(
        PKPRI,
        FactorScore(id=_live_note(session, "Modal usaha masih kecil").id, weight=0.4, rating=2),
    )
    put(
        PKPRI,
        FactorScore(id=_live_note(session, "Pasar ritel di Cepu tumbuh").id, weight=1, rating=2),
    )
    out = data_root / "ie"
    export_workshop(session.opened, ["md", "html", "docx"], out, PKPRI, now=clock())
    session.close()
    text = (out / "renstra-pkpri-kabupaten-blora.md").read_text("utf-8")
    ie = text.split("### Matriks IE (Internal–Eksternal)")[1]
    assert "- **Total IFAS (internal):** 3,20 — kuat" in ie
    assert "- **Total EFAS (eksternal):** 2,00 — sedang" in ie  # the screen's EFAS words
    assert "- **Sel matriks IE:** IV" in ie
    assert "- **Arah strategi:** tumbuh dan bina" in ie
    assert "sementara" not in ie.lower()  # weights sum to 1, all rated: final
    page = PageText((out / "renstra-pkpri-kabupaten-blora.html").read_text("utf-8"))
    assert "Matriks IE (Internal–Eksternal)" in page.heading_texts()
    assert "IV" in page.chunks and "tumbuh dan bina" in page.chunks
    _, tables = docx_texts(out / "renstra-pkpri-kabupaten-blora.docx")
    rows = [row for rows_ in tables for row in rows_]
    assert ["Sel matriks IE", "IV"] in rows
    assert ["Arah strategi", "tumbuh dan bina"] in rows


def test_renstra_says_when_the_ie_matrix_has_no_cell_yet(data_root: Path, clock: FakeClock) -> None:
    session = scripted_blora(data_root, clock)
    # Only the internal side scored, and its weights not summing to 1.
    put = session.store.put
    put(PKPRI, FactorScore(id=_live_note(session, SCRIPT_NOTE).id, weight=0.5, rating=4))
    out = data_root / "half"
    export_workshop(session.opened, ["md"], out, PKPRI, now=clock())
    session.close()
    ie = (out / "renstra-pkpri-kabupaten-blora.md").read_text("utf-8").split("### Matriks IE")[1]
    assert "- **Total IFAS (internal):** 2,00 — rata-rata" in ie
    assert "- **Total EFAS (eksternal):** belum dinilai" in ie
    assert "Sel matriks IE" not in ie and "IX" not in ie
    assert "Belum ada sel matriks IE" in ie


def test_a_provisional_ie_cell_is_said_to_be_so(data_root: Path, clock: FakeClock) -> None:
    session = scripted_blora(data_root, clock)
    put = session.store.put
    put(PKPRI, FactorScore(id=_live_note(session, SCRIPT_NOTE).id, weight=0.5, rating=4))
    put(
        PKPRI,
        FactorScore(id=_live_note(session, "Pasar ritel di Cepu tumbuh").id, weight=1, rating=1),
    )
    out = data_root / "provisional"
    export_workshop(session.opened, ["md"], out, PKPRI, now=clock())
    session.close()
    ie = (out / "renstra-pkpri-kabupaten-blora.md").read_text("utf-8").split("### Matriks IE")[1]
    assert "- **Sel matriks IE:** VIII" in ie  # IFAS 2,00 average, EFAS 1,00 low
    assert "- **Arah strategi:** panen atau divestasi" in ie
    assert "**Sementara: jumlah bobot belum 1.**" in ie


def test_an_unscored_renstra_has_no_ie_cell(blora_export: Exported) -> None:
    text = blora_export.file("renstra-pkpri-kabupaten-blora.md").read_text("utf-8")
    ie = text.split("### Matriks IE")[1].split("\n# ")[0]
    assert "- **Total IFAS (internal):** belum dinilai" in ie
    assert "- **Total EFAS (eksternal):** belum dinilai" in ie
    assert "Belum ada sel matriks IE" in ie and "Sel matriks IE:" not in ie


def test_an_english_renstra_names_the_cell_and_posture(data_root: Path, clock: FakeClock) -> None:
    opened = open_workshop(EXAMPLE_EN, data_root)
    coop = opened.plan.cooperatives()[0][1].id
    s1 = Note(quadrant=Quadrant.STRENGTH, text="Loyal members", number=1)
    o1 = Note(quadrant=Quadrant.OPPORTUNITY, text="New market", number=1)
    t1 = Note(quadrant=Quadrant.THREAT, text="Chain stores", number=1)
    for note_ in (s1, o1, t1):
        opened.store.put(coop, note_)
    opened.store.put(coop, FactorScore(id=s1.id, weight=1, rating=1))  # IFAS 1.00: weak
    opened.store.put(coop, FactorScore(id=o1.id, weight=0.5, rating=4))  # 2.00
    opened.store.put(coop, FactorScore(id=t1.id, weight=0.5, rating=1))  # 1 → 4: 2.00
    out = data_root / "en"
    export_workshop(opened, ["md"], out, coop, now=clock())
    opened.close()
    (path,) = out.glob("strategic-plan-*.md")
    ie = path.read_text("utf-8").split("### IE Matrix (Internal–External)")[1]
    assert "- **IFAS total (internal):** 1\\.00 — weak" in ie  # Markdown escapes the dot
    assert "- **EFAS total (external):** 4\\.00 — high" in ie
    assert "- **IE matrix cell:** III" in ie
    assert "- **Strategy:** hold and maintain" in ie


def test_english_documents_say_one_note_not_one_notes(data_root: Path, clock: FakeClock) -> None:
    opened = open_workshop(EXAMPLE_EN, data_root)
    coop = opened.plan.cooperatives()[0][1].id
    opened.store.put(
        coop, Note(quadrant=Quadrant.STRENGTH, text="Loyal members", number=1, votes=1)
    )
    out = data_root / "en"
    export_workshop(opened, ["md"], out, coop, now=clock())
    opened.close()
    (path,) = out.glob("strategic-plan-*.md")
    assert "*1 note, 1 vote.*" in path.read_text("utf-8")
    w = Words("en")
    assert w.plural("swot.notes", 2, n=2) == "2 notes"
    assert w.plural("pact.count", 1, signed=0, total=1) == "0 of 1 participant has signed."
    assert w.plural("pact.count", 3, signed=1, total=3) == "1 of 3 participants have signed."
    assert Words("id").plural("swot.notes", 1, n=1) == "1 catatan"


def test_tows_cells_are_titled_as_on_the_strategy_screen(blora_export: Exported) -> None:
    from workshop_tui.i18n import Translator

    t = Translator("id")
    page = PageText(blora_export.file("renstra-pkpri-kabupaten-blora.html").read_text("utf-8"))
    headings = page.heading_texts()
    for cell in TowsCell:
        assert f"{cell.value} — {t(f'strategy.cell.{cell.value}')}" in headings
        assert f"{t(f'strategy.cell_aim.{cell.value}')}." in page.chunks
    assert "SO — Kekuatan raih peluang" in headings


def test_exported_factor_rows_multiply_as_shown(data_root: Path, clock: FakeClock) -> None:
    # A weight of 0,2875 is shown as it is, so weight × rating = score by hand.
    session = scripted_blora(data_root, clock)
    put = session.store.put
    put(PKPRI, FactorScore(id=_live_note(session, SCRIPT_NOTE).id, weight=0.2875, rating=4))
    put(
        PKPRI,
        FactorScore(id=_live_note(session, "Modal usaha masih kecil").id, weight=0.7125, rating=3),
    )
    out = data_root / "rows"
    export_workshop(session.opened, ["md"], out, PKPRI, now=clock())
    session.close()
    ifas = (out / "renstra-pkpri-kabupaten-blora.md").read_text("utf-8").split("### IFAS")[1]
    assert re.search(r"S1 .* \| 0,2875 \| 4 \| 1,15 \|", ifas)
    assert re.search(r"W1 Modal usaha masih kecil \| 0,7125 \| 3 \| 2,1375 \|", ifas)
    assert "| **Jumlah** | **1,00** |   | **3,2875** |" in ifas  # 1,15 + 2,1375


def test_parse_formats() -> None:
    assert parse_formats(None) == ["md", "html", "docx", "csv", "json"]
    assert parse_formats(["md,csv", "HTML", "md"]) == ["md", "csv", "html"]
    assert parse_formats(["all"]) == ["md", "html", "docx", "csv", "json"]
    with pytest.raises(ExportError, match="Unknown format 'pdf'"):
        parse_formats(["md,pdf"])
    for nothing in ([""], [" , "], []):
        with pytest.raises(ExportError, match="No format given"):
            parse_formats(nothing)


def test_a_failed_write_leaves_no_half_export(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = scripted_blora(data_root, clock)
    real_write = export_module.write_temp
    calls: list[Path] = []

    def disk_fills_up(path: Path, payload: bytes, *, durable: bool = True) -> Path:
        calls.append(path)
        if len(calls) == 4:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, payload, durable=durable)

    monkeypatch.setattr(export_module, "write_temp", disk_fills_up)
    out = data_root / "out"
    with pytest.raises(ExportError) as failed:
        export_workshop(session.opened, ["md", "csv"], out, now=clock())
    message = str(failed.value)
    assert f"Cannot write {calls[3]}: No space left on device." in message
    assert "Nothing was exported and no file in" in message and "--out" in message
    assert not out.exists()  # the folder it made is gone too, temp files and all
    # Into a folder that holds an earlier export, with --force: the earlier files are
    # untouched (all are written aside before any takes its place).
    monkeypatch.setattr(export_module, "write_temp", real_write)
    export_workshop(session.opened, ["csv"], out, now=clock())
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    session.swot.add("pkpri-blora", Quadrant.STRENGTH, "Catatan baru sesudah ekspor")
    calls.clear()
    monkeypatch.setattr(export_module, "write_temp", disk_fills_up)
    with pytest.raises(ExportError) as failed:
        export_workshop(session.opened, ["csv", "md"], out, force=True, now=clock())
    assert "no file in" in str(failed.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # A rename refused half-way (seldom): what it had overwritten is said.
    monkeypatch.setattr(export_module, "write_temp", real_write)
    real_replace = os.replace
    renames: list[Path] = []

    def rename_refused(src: Path, dst: Path) -> None:
        renames.append(Path(dst))
        if len(renames) == 2:
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(export_module.os, "replace", rename_refused)
    with pytest.raises(ExportError) as failed:
        export_workshop(session.opened, ["csv"], out, force=True, now=clock())
    assert "1 file of an earlier export there had been overwritten." in str(failed.value)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp file left
    session.close()


def test_importing_the_exports_pulls_in_neither_textual_nor_python_docx() -> None:
    code = (
        "import sys\n"
        "import workshop_tui.report\n"
        "import workshop_tui.report.export, workshop_tui.report.command\n"
        "import workshop_tui.report.markdown, workshop_tui.report.html\n"
        "import workshop_tui.report.csv_export, workshop_tui.report.json_export\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_finished_day_compares_its_end_with_the_plan(data_root: Path, clock: FakeClock) -> None:
    session = start_session(open_workshop(EXAMPLE_EN, data_root), clock, WIB)
    clock.advance(minutes=35)  # 09:00, a rehearsal on another date than the plan's
    first_day = session.plan.days[0].items
    for index, item in enumerate(first_day):
        session.toggle_timer()
        if index == 0:
            session.adjust_timer(10)  # the welcome is given ten more minutes
        clock.advance(minutes=item.duration + 2 + (10 if index == 0 else 0))
        session.next_item()
    out = data_root / "out"
    export_workshop(session.opened, ["html"], out, now=clock(), tz=WIB)
    session.close()
    page = PageText((out / "workshop-report.html").read_text("utf-8"))
    assert "Planned end 15:00; actual end 15:22 (22 min late)." in page.text
    start = page.chunks.index("Welcome and introductions") - 1
    # planned, item, people, started, ended, ran, allotted (extension), over
    assert page.chunks[start : start + 8] == [
        "09:00–09:30",
        "Welcome and introductions",
        "—",
        "09:00",
        "09:42",
        "42",
        "40 (+10)",
        "+2",
    ]
    assert "Not run yet." in page.chunks  # day 2


def _md_row(text: str, title: str) -> str:
    return next(line for line in text.splitlines() if f" {title} |" in line)


def test_every_day_is_summarised_skipped_apart_from_not_reached_paused_flagged(
    data_root: Path, clock: FakeClock
) -> None:
    session = start_session(open_workshop(EXAMPLE_EN, data_root), clock, WIB)
    clock.advance(minutes=35)  # 09:00
    day_one, day_two = session.plan.days[0].items, session.plan.days[1].items
    # Day 1: the second item and the last are skipped (stepped past, never started).
    for index, item in enumerate(day_one):
        if index not in (1, len(day_one) - 1):
            session.toggle_timer()
            clock.advance(minutes=item.duration)
        session.next_item()
    # Day 2: the roadmap is started, paused and left so; the break after it runs.
    assert session.current_item.key == day_two[0].key
    session.toggle_timer()
    clock.advance(minutes=10)
    session.toggle_timer()
    session.go_to(day_two[1].key)
    session.toggle_timer()
    clock.advance(minutes=15)
    session.next_item()
    out = data_root / "out"
    export_workshop(session.opened, ["md", "html"], out, now=clock(), tz=WIB)
    session.close()
    text = (out / "workshop-report.md").read_text("utf-8")
    day1, day2 = text.split("## Day 2")
    # Day 1 ran to 12:00 (its last item skipped): still summarised, skips counted.
    assert "Planned end 15:00; actual end 12:00 (180 min early). 4 of 6 items done; 2 skipped." in (
        day1.replace("\\", "")
    )
    assert "| — | skipped | — |" in _md_row(day1, "Cooperative identity and principles")
    assert "| — | skipped | — |" in _md_row(day1, "Strategic plan: strategies, vision and mission")
    # Day 2: the paused item is flagged; items still to come are "not yet", not skipped.
    roadmap = _md_row(day2, "Strategic plan: five-year roadmap")
    assert "| paused, not finished ⚠ | 10 |" in roadmap
    assert "| — | not yet | — |" in _md_row(day2, "Pact of Change")
    plain = day2.replace("\\", "")
    assert "1 of 6 items done; 1 left paused, not finished; 4 not reached yet." in plain
    assert "To check: 2. Strategic plan: five-year roadmap was started but left paused" in plain
    page = PageText((out / "workshop-report.html").read_text("utf-8"))
    assert "skipped" in page.chunks and "not yet" in page.chunks
    assert "paused, not finished ⚠" in page.chunks


def test_indonesian_report_names_skipped_items(data_root: Path, clock: FakeClock) -> None:
    session = scripted_blora(data_root, clock)
    session.next_item()  # part 1 finished
    skipped = session.current_item
    session.next_item()  # stepped past, never started
    session.toggle_timer()
    clock.advance(minutes=5)
    session.toggle_timer()  # left paused
    paused = session.current_item
    out = data_root / "out"
    export_workshop(session.opened, ["md"], out, now=clock(), tz=WIB)
    session.close()
    text = (out / "laporan-kegiatan.md").read_text("utf-8").replace("\\", "")
    assert "| — | dilewati | — |" in _md_row(text, skipped.title)
    assert "| dijeda, belum selesai ⚠ |" in _md_row(text, paused.title)
    day1 = text.split("## Hari 2")[0]
    assert "1 dilewati; 1 dijeda dan belum selesai" in day1
    name = f"{paused.part}. {paused.title}" if paused.part else paused.title
    assert f"Perlu diperiksa: {name} sudah dimulai tetapi dijeda" in day1


def test_work_of_a_cooperative_the_plan_no_longer_lists_is_kept(
    data_root: Path, tmp_path: Path, clock: FakeClock
) -> None:
    opened = open_workshop(EXAMPLE_EN, data_root)
    opened.store.put(
        "riverside-workers", Note(quadrant=Quadrant.THREAT, text="Kept after all", number=1)
    )
    opened.close()
    edited = tmp_path / "example-en.toml"
    edited.write_text(
        EXAMPLE_EN.read_text("utf-8").replace("riverside-workers", "riverside-coop"), "utf-8"
    )
    opened = open_workshop(edited, data_root)
    paths = export_workshop(opened, ["html", "csv"], tmp_path / "out", now=clock())
    opened.close()
    assert "strategic-plan-riverside-workers.html" in {p.name for p in paths}
    page = PageText((tmp_path / "out" / "workshop-report.html").read_text("utf-8"))
    assert "riverside-workers" in page.heading_texts()
    assert "Kept after all" in page.chunks
    notes = read_csv(tmp_path / "out" / "notes.csv")
    assert [(n["cooperative_id"], n["text"]) for n in notes] == [
        ("riverside-workers", "Kept after all")
    ]


def test_the_default_folder_is_beside_the_workshops(data_root: Path, clock: FakeClock) -> None:
    opened = open_workshop(BLORA, data_root)
    first = export_workshop(opened, ["md"], now=clock())
    second = export_workshop(opened, ["md"], now=clock())
    opened.close()
    assert first[0].parent.parent == data_root / "exports"
    assert first[0].parent.name.startswith("blora-2018-")
    assert second[0].parent != first[0].parent, "a second export never mixes with the first"


def test_a_reopened_item_shows_its_first_end_beside_its_last(
    data_root: Path, clock: FakeClock
) -> None:
    # The row showed only the last end: the report never said the item had been reopened.
    session = start_session(open_workshop(EXAMPLE_EN, data_root), clock, WIB)
    first = session.current_item
    session.toggle_timer()
    clock.advance(minutes=20)
    session.finish_item()  # 08:45 (the clock starts 08:25 WIB)
    clock.advance(minutes=5)
    assert session.reopen_item()
    clock.advance(minutes=10)
    session.finish_item()
    out = data_root / "out"
    export_workshop(session.opened, ["md"], out, now=clock(), tz=WIB)
    session.close()
    row = _md_row((out / "workshop-report.md").read_text("utf-8"), first.title)
    assert "| 09:00 (reopened; first ended 08:45) | 30 |" in row, row
