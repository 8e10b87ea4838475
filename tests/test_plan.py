"""Plan files: the bundled plans, the seed's facts, and every kind of bad file."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BLORA, EXAMPLE_EN, SESSIONS

from workshop_tui.cli import main
from workshop_tui.domain.deadlines import Every, Times, Within
from workshop_tui.domain.plan import ItemKind, Plan, Role, WorkScreen
from workshop_tui.storage.plan_file import PlanError, load_plan

ARTICLE_PACT = [
    "Bersungguh-sungguh mengupayakan perubahan cara pandang dan sikap mental kami;",
    "Bersungguh-sungguh mengembangkan cara-cara baru dalam berpikir dan berkarya di koperasi kami.",
    "Bersungguh-sungguh mengawal agenda perubahan dalam bidang organisasi dan usaha koperasi kami;",
    "Bersungguh-sungguh membangun Tim Perubahan untuk menyiapkan perubahan di koperasi kami;",
    "Penuh kesabaran, konsistensi dan integritas untuk merawat perubahan di koperasi kami.",
]


@pytest.mark.parametrize("path", sorted(SESSIONS.glob("*.toml")), ids=lambda p: p.name)
def test_every_bundled_plan_validates(path: Path) -> None:
    assert load_plan(path).plan.days


def blora() -> Plan:
    return load_plan(BLORA).plan


def test_blora_dates_title_and_organiser() -> None:
    plan = blora()
    assert [d.date for d in plan.days] == [dt.date(2018, 2, d) for d in (19, 20, 21, 22)]
    assert plan.workshop.title == "Lokakarya Koperasi Perubahan Menggebrak KPRI Se-Blora"
    assert "Kopkun Institute" in plan.workshop.organiser
    assert plan.workshop.language == "id"


def test_blora_seven_parts_in_order_with_their_people() -> None:
    plan = blora()
    parts: dict[int, list] = {}
    for _, item in plan.items():
        if item.part is not None:
            parts.setdefault(item.part, []).append(item)
    assert list(parts) == [1, 2, 3, 4, 5, 6, 7]  # in running order
    assert parts[1][0].speakers == ["Arsad Dalimunte"]
    assert parts[2][0].speakers == ["Firdaus Putra"]
    assert [i.screen for i in parts[3]] == [
        WorkScreen.SWOT,
        WorkScreen.STRATEGY,
        WorkScreen.ROADMAP,
    ]
    for item in parts[3]:
        assert item.kind is ItemKind.GROUP_WORK and "Herliana" in item.speakers
        assert item.facilitators == ["Vledy Afif", "Anjar Muti", "Anis Saadah"]
    assert parts[4][0].speakers == ["Anjar Muti"]
    assert parts[5][0].speakers == ["Vledy Afif"]
    assert "naik kelas" in parts[6][0].title
    assert {i.screen for i in parts[7]} == {WorkScreen.PACT, WorkScreen.RTL}


def test_blora_groups_pact_rtl_team_roadmap_tiers() -> None:
    plan = blora()
    assert len(plan.groups) == 4
    assert list(plan.pact.clauses) == ARTICLE_PACT
    assert plan.pact.preamble.startswith("Kami peserta Kelas Koperasi Perubahan Angkatan Pertama")
    assert [a.deadline for a in plan.rtl.a][:2] == [
        Within(within_months=1),
        Within(within_months=3),
    ]
    assert isinstance(plan.rtl.a[2].deadline, Times) and plan.rtl.a[2].deadline.times == 2
    assert len(plan.rtl.b) == 3 and isinstance(plan.rtl.b[0].deadline, Every)
    assert plan.rtl.b[1].deadline == Within(within_months=6)
    assert plan.team_rule.seats == {
        Role.PENGURUS: 1, Role.PENGAWAS: 1, Role.KARYAWAN: 1, Role.ANGGOTA: 2,
    }  # fmt: skip
    assert plan.team_rule.attendees_must_be_members
    assert [a.name for a in plan.roadmap.areas] == [
        "Kelembagaan",
        "Usaha",
        "Keuangan",
        "SDM",
        "Anggota",
    ]
    assert plan.roadmap.years == [2018, 2019, 2020, 2021, 2022]
    assert [t.id for t in plan.tiers] == ["mikro", "kecil", "menengah", "besar"]
    assert any(c.id == "pkpri-blora" for _, c in plan.cooperatives())
    assert plan.participants, "the sample roster gives the demo people to work with"


# -- bad files ------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return [(p.where, p.message) for p in caught.value.problems]


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = BLORA.read_text("utf-8").replace('organiser = "', 'organiser = "oops\n', 1)
    [(where, message)] = problems_of(write(tmp_path, text))
    assert where.startswith("line ") and "TOML syntax error" in message


def test_every_problem_is_reported_at_once_with_its_field_path(tmp_path: Path) -> None:
    data = BLORA.read_text("utf-8")
    # Three independent mistakes: a bad duration, an unknown kind, a typo'd key.
    data = data.replace("duration = 150", 'duration = "long"', 1)
    data = data.replace('kind = "break"', 'kind = "coffee"', 1)
    data = data.replace("[team_rule]", "[team_rule]\nseets = 3", 1)
    problems = problems_of(write(tmp_path, data))
    wheres = [w for w, _ in problems]
    assert len(problems) == 3, problems
    assert any(w.startswith("days[0].items[2].duration") for w in wheres)
    assert any(w.startswith("days[0].items[1].kind") for w in wheres)
    assert any(w.startswith("team_rule.seets") for w in wheres)
    duration = next(m for w, m in problems if w.startswith("days[0].items[2].duration"))
    assert "integer" in duration and "'long'" in duration
    # The hint names the item, so the facilitator finds it without counting from 0.
    assert "Filosofi" in next(w for w in wheres if w.startswith("days[0].items[2]"))


def test_deadline_problems_speak_of_the_file_and_suggest(tmp_path: Path) -> None:
    data = BLORA.read_text("utf-8")
    data = data.replace(
        "{ every_months = 1, for_months = 12 }", "{ every_month = 1, for_months = 12 }"
    )
    data = data.replace("{ times = 2, by_year_end = true }", "{ times = 0, by_year_end = true }")
    data = data.replace("deadline = { within_months = 1 }", "deadline = { within_month = 1 }", 1)
    data = data.replace("deadline = { within_months = 3 }", 'deadline = "1 bulan"', 1)
    problems = dict(problems_of(write(tmp_path, data)))
    # The shape is told by the misspelt key: no word about the keys of another shape,
    # and the path is the file's (no `.within.` / `.times.` of the union's tags).
    assert problems["rtl.b[0].deadline.every_month (id b1)"] == (
        "unknown key; did you mean 'every_months'?"
    )
    assert "rtl.b[0].deadline.for_months (id b1)" not in problems
    assert problems["rtl.a[0].deadline.within_month (id a1)"] == (
        "unknown key; did you mean 'within_months'?"
    )
    assert problems["rtl.a[2].deadline.times (id a3)"].startswith(
        "Input should be greater than or equal to 1"
    )
    # Text that is no date lists every form a deadline may take.
    free_text = problems["rtl.a[1].deadline (id a2)"]
    assert free_text.startswith("a deadline is a date (2018-06-30), { on = 2018-06-30 }")
    assert "{ every_months = 1, for_months = 12 }" in free_text
    assert free_text.endswith("found '1 bulan'")


def test_references_to_missing_things_are_each_reported(tmp_path: Path) -> None:
    data = BLORA.read_text("utf-8").replace('cooperative = "pkpri-blora"', 'cooperative = "nope"')
    data = data.replace("years = [2018, 2019, 2020, 2021, 2022]", "years = [2018, 2020]")
    problems = problems_of(write(tmp_path, data))
    messages = " | ".join(m for _, m in problems)
    assert "unknown cooperative 'nope'" in messages
    assert "consecutive" in messages


def test_missing_sections_are_named(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, '[workshop]\ntitle = "x"\n'))
    wheres = {w for w, _ in problems}
    assert {"days", "groups", "pact", "team_rule", "roadmap", "tiers"} <= wheres
    assert ("workshop.organiser", "required but missing") in problems


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"\xff\xfe\x00garbage", "UTF-8"), (b"", "required but missing"), (b"= = =", "TOML")],
)
def test_unreadable_content_is_a_clean_problem(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    assert any(expected in m for _, m in problems_of(path))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.toml") == [("", "file not found")]
    assert "folder" in problems_of(tmp_path)[0][1]


# -- the command line -----------------------------------------------------------------


def test_validate_ok_and_bad_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BLORA)]) == 0
    assert "OK" in capsys.readouterr().out
    bad = write(tmp_path, BLORA.read_text("utf-8").replace("duration = 150", "duration = -5", 1))
    assert main(["validate", str(BLORA), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "days[0].items[2].duration" in err and "greater than 0" in err
    assert "Traceback" not in err


def test_validate_in_a_real_process_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, "[workshop\n")
    out = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "validate", str(bad)], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert "line 1" in out.stderr and "Traceback" not in out.stderr


def test_schema_prints_the_json_schema_of_a_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Plan"
    assert {"workshop", "days", "groups", "pact", "team_rule", "roadmap", "tiers"} <= set(
        schema["required"]
    )


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Windows Notepad saves UTF-8 with a BOM; the plan is the same plan."""
    path = tmp_path / "with-bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BLORA.read_bytes())
    assert load_plan(path).plan == load_plan(BLORA).plan


def test_a_bad_id_is_explained_not_shown_as_a_regex(tmp_path: Path) -> None:
    data = BLORA.read_text("utf-8").replace('id = "pkpri-blora"', 'id = "PKPRI Blora"', 1)
    problems = problems_of(write(tmp_path, data))
    [(where, message)] = [(w, m) for w, m in problems if "cooperatives[0].id" in w]
    assert where.endswith(".id (name PKPRI Kabupaten Blora)"), where
    assert "lower-case letters, digits, '-' or '_'" in message and "'PKPRI Blora'" in message
    assert "pattern" not in message and "^[a-z0-9]" not in message


def test_a_date_that_is_not_one_is_one_problem_and_order_names_the_days(tmp_path: Path) -> None:
    text = EXAMPLE_EN.read_text("utf-8")
    second = text.split("date = ")[2].split("\n")[0]  # the second day's date
    words = text.replace(f"date = {second}", 'date = "11 Maret 2025"', 1)
    problems = problems_of(write(tmp_path, words))
    assert len(problems) == 1 and problems[0][0].startswith("days[1].date"), problems
    assert problems[0][1].startswith("not a date: write it as 2025-03-17"), problems
    earlier = text.replace(f"date = {second}", "date = 2025-03-09", 1)
    [(_, order)] = problems_of(write(tmp_path, earlier))
    assert order.endswith("day 2 (2025-03-09) follows 2025-03-10"), order
