"""The Renstra team rule: seats by role, and attendees must be on the team."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import BLORA
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.plan import Participant, Plan, Role, TeamRule
from workshop_tui.domain.state import TeamSeat
from workshop_tui.domain.team import (
    TeamViolation,
    ViolationKind,
    check_team,
    normalise_name,
    role_label,
)
from workshop_tui.storage.plan_file import load_plan

R = Role


@cache
def blora() -> Plan:
    return load_plan(BLORA).plan


def rule() -> TeamRule:
    return blora().team_rule


def seat(role: Role, name: str, participant: str | None = None) -> TeamSeat:
    return TeamSeat(role=role, name=name, participant=participant)


def attendees(coop: str) -> list[tuple[str, str, Role]]:
    people: list[Participant] = [p for p in blora().participants if p.cooperative == coop]
    return [(p.key, p.name, p.role) for p in people]


# KPRI Guru Randublatung: Suparman (pengurus), Siti Nur'aini (anggota), Agus Setiawan
# (pengawas) attended.
GURU = "kpri-guru-randublatung"


def guru_team() -> list[TeamSeat]:
    return [
        seat(R.PENGURUS, "Suparman", "p06"),
        seat(R.PENGAWAS, "Agus Setiawan", "p08"),
        seat(R.KARYAWAN, "Wahyu Hidayat"),
        seat(R.ANGGOTA, "Siti Nur'aini", "p07"),
        seat(R.ANGGOTA, "Rina Kartika"),
    ]


def test_blora_rule_is_the_articles() -> None:
    assert rule().seats == {R.PENGURUS: 1, R.PENGAWAS: 1, R.KARYAWAN: 1, R.ANGGOTA: 2}
    assert rule().attendees_must_be_members


def test_a_complete_blora_team_passes() -> None:
    assert check_team(rule(), guru_team(), attendees(GURU)) == []


def test_an_empty_team_misses_every_role_and_every_attendee() -> None:
    got = check_team(rule(), [], attendees(GURU))
    assert [(v.kind, v.role, v.expected, v.found) for v in got[:4]] == [
        ("missing_role", R.PENGURUS, 1, 0),
        ("missing_role", R.PENGAWAS, 1, 0),
        ("missing_role", R.KARYAWAN, 1, 0),
        ("missing_role", R.ANGGOTA, 2, 0),
    ]
    assert [(v.kind, v.person, v.participant, v.role) for v in got[4:]] == [
        ("attendee_missing", "Suparman", "p06", R.PENGURUS),
        ("attendee_missing", "Siti Nur'aini", "p07", R.ANGGOTA),
        ("attendee_missing", "Agus Setiawan", "p08", R.PENGAWAS),
    ]


def test_missing_role() -> None:
    team = [s for s in guru_team() if s.name != "Rina Kartika"]
    got = check_team(rule(), team, attendees(GURU))
    assert got == [TeamViolation("missing_role", R.ANGGOTA, None, 2, 1)]
    assert got[0].message("id") == "Kurang 1 anggota (perlu 2, ada 1)"
    assert got[0].message("en") == "Missing 1 anggota (needs 2, has 1)"


def test_too_many() -> None:
    team = [*guru_team(), seat(R.ANGGOTA, "Budi"), seat(R.ANGGOTA, "Wati")]
    got = check_team(rule(), team, attendees(GURU))
    assert got == [TeamViolation("too_many", R.ANGGOTA, None, 2, 4)]
    assert got[0].message("id") == "Kelebihan 2 anggota (perlu 2, ada 4)"
    assert got[0].message("en") == "2 anggota too many (needs 2, has 4)"


def test_attendee_left_out() -> None:
    team = [s for s in guru_team() if s.participant != "p07"] + [seat(R.ANGGOTA, "Budi")]
    got = check_team(rule(), team, attendees(GURU))
    assert got == [TeamViolation("attendee_missing", R.ANGGOTA, "Siti Nur'aini", None, None, "p07")]
    assert got[0].message("id") == "Peserta Siti Nur'aini belum masuk tim"
    assert got[0].message("en") == "Attendee Siti Nur'aini is not on the team"


def test_attendees_need_not_be_members_when_the_rule_says_so() -> None:
    relaxed = TeamRule(seats=rule().seats, attendees_must_be_members=False)
    team = [
        seat(R.PENGURUS, "A"),
        seat(R.PENGAWAS, "B"),
        seat(R.KARYAWAN, "C"),
        seat(R.ANGGOTA, "D"),
        seat(R.ANGGOTA, "E"),
    ]
    assert check_team(relaxed, team, attendees(GURU)) == []
    assert len(check_team(rule(), team, attendees(GURU))) == 3


def test_a_new_name_matches_an_attendee_case_insensitively() -> None:
    team = guru_team()
    team[3] = seat(R.ANGGOTA, "  siti NUR'AINI ")  # typed by hand, no participant key
    assert check_team(rule(), team, attendees(GURU)) == []


def test_names_match_across_unicode_forms_and_inner_spaces() -> None:
    people = [("p17", "Dédé Kurniawan", R.ANGGOTA)]
    decomposed = "De\u0301de\u0301   kurniawan"
    only = TeamRule(seats={R.ANGGOTA: 1})
    assert check_team(only, [seat(R.ANGGOTA, decomposed)], people) == []
    assert normalise_name(decomposed) == normalise_name("DÉDÉ KURNIAWAN")


def test_a_keyed_seat_matches_by_key_not_by_name() -> None:
    # The seat belongs to another participant with the same name: not the attendee.
    only = TeamRule(seats={R.PENGURUS: 1})
    people = [("p06", "Suparman", R.PENGURUS)]
    assert check_team(only, [seat(R.PENGURUS, "Suparman", "p99")], people) == [
        TeamViolation("attendee_missing", R.PENGURUS, "Suparman", None, None, "p06")
    ]
    # ... and a renamed seat still matches by its key.
    assert check_team(only, [seat(R.PENGURUS, "Pak Parman", "p06")], people) == []


def test_duplicate_person_by_key_and_by_name() -> None:
    team = [*guru_team(), seat(R.ANGGOTA, "Suparman", "p06")]
    got = check_team(rule(), team, attendees(GURU))
    assert got == [
        TeamViolation("too_many", R.ANGGOTA, None, 2, 3),
        TeamViolation("duplicate_person", R.PENGURUS, "Suparman", 1, 2, "p06"),
    ]
    assert got[1].message("id") == "Suparman tercatat 2 kali di tim"
    assert got[1].message("en") == "Suparman is on the team 2 times"

    by_name = [seat(R.ANGGOTA, "Rina Kartika"), seat(R.KARYAWAN, "rina  kartika")]
    got = check_team(TeamRule(seats={R.ANGGOTA: 1, R.KARYAWAN: 1}), by_name, [])
    assert got == [TeamViolation("duplicate_person", R.ANGGOTA, "Rina Kartika", 1, 2)]


def test_a_typed_name_equal_to_a_seated_participant_is_the_same_person() -> None:
    team = [seat(R.PENGURUS, "Suparman", "p06"), seat(R.ANGGOTA, "SUPARMAN")]
    got = check_team(TeamRule(seats={R.PENGURUS: 1, R.ANGGOTA: 1}), team, [])
    assert [v.kind for v in got] == ["duplicate_person"]
    assert got[0].participant == "p06" and got[0].found == 2


def test_two_participants_with_the_same_name_are_not_duplicates() -> None:
    team = [seat(R.PENGURUS, "Suparman", "p06"), seat(R.ANGGOTA, "Suparman", "p99")]
    assert check_team(TeamRule(seats={R.PENGURUS: 1, R.ANGGOTA: 1}), team, []) == []


def test_a_role_not_in_the_rule() -> None:
    # PKPRI sent a manajer (Sri Wahyuni): she must be on the team, but the rule has no
    # manajer seat. Seated as manajer, that is reported; nothing is invented.
    pkpri = attendees("pkpri-blora")
    team = [
        seat(R.PENGURUS, "Sutrisno", "p01"),
        seat(R.PENGAWAS, "Hartono"),
        seat(R.KARYAWAN, "Ma'ruf Hidayat", "p03"),
        seat(R.ANGGOTA, "Sri Lestari"),
        seat(R.ANGGOTA, "Teguh"),
        seat(R.MANAJER, "Sri Wahyuni", "p02"),
    ]
    got = check_team(rule(), team, pkpri)
    assert got == [TeamViolation("not_a_member_role", R.MANAJER, "Sri Wahyuni", 0, 1, "p02")]
    assert got[0].message("en") == "Sri Wahyuni sits as manajer, a role with no seat on the team"
    assert "Sri Wahyuni duduk sebagai manajer" in got[0].message("id")
    # Seated as anggota instead: one anggota too many, and no attendee is missing.
    team[-1] = seat(R.ANGGOTA, "Sri Wahyuni", "p02")
    assert check_team(rule(), team, pkpri) == [TeamViolation("too_many", R.ANGGOTA, None, 2, 3)]


def test_a_role_with_zero_seats_is_not_a_member_role() -> None:
    zero = TeamRule(seats={R.PENGURUS: 1, R.OTHER: 0})
    team = [seat(R.PENGURUS, "A"), seat(R.OTHER, "B"), seat(R.OTHER, "C")]
    got = check_team(zero, team, [])
    assert [(v.kind, v.person, v.found) for v in got] == [
        ("not_a_member_role", "B", 2),
        ("not_a_member_role", "C", 2),
    ]
    assert got[0].message("id") == "B duduk sebagai lainnya, peran yang tidak ada kursinya di tim"
    assert role_label(R.OTHER, "en") == "other" and role_label(R.ANGGOTA, "en") == "anggota"


def test_violations_come_in_a_fixed_order() -> None:
    team = [
        seat(R.MANAJER, "Yulianto", "p14"),
        seat(R.ANGGOTA, "Budi"),
        seat(R.ANGGOTA, "budi"),
        seat(R.ANGGOTA, "Wati"),
    ]
    people = [("p15", "Ani Kurniasih", R.KARYAWAN), ("p14", "Yulianto", R.MANAJER)]
    got = check_team(rule(), team, people)
    assert [(v.kind, v.role) for v in got] == [
        ("missing_role", R.PENGURUS),
        ("missing_role", R.PENGAWAS),
        ("missing_role", R.KARYAWAN),
        ("too_many", R.ANGGOTA),
        ("not_a_member_role", R.MANAJER),
        ("duplicate_person", R.ANGGOTA),
        ("attendee_missing", R.KARYAWAN),
    ]
    assert got == check_team(rule(), team, people)  # same input, same answer


def test_an_attendee_listed_twice_is_reported_once() -> None:
    people = [("p07", "Siti Nur'aini", R.ANGGOTA)] * 2
    got = check_team(TeamRule(seats={R.ANGGOTA: 1}), [seat(R.ANGGOTA, "X")], people)
    assert [v.kind for v in got] == ["attendee_missing"]


@pytest.mark.parametrize("language", ["id", "en", "fr"])
def test_every_message_is_plain_text(language: str) -> None:
    kinds: list[ViolationKind] = [
        "missing_role",
        "too_many",
        "attendee_missing",
        "not_a_member_role",
        "duplicate_person",
    ]
    for kind in kinds:
        text = TeamViolation(kind, R.ANGGOTA, "Siti", 2, 1).message(language)
        assert text and "None" not in text


roles = st.sampled_from(list(Role))
names = st.sampled_from(["Sutrisno", "Siti", "Budi", "Wati", "Agus", "Rina"])


@given(
    st.lists(st.tuples(roles, names, st.one_of(st.none(), st.sampled_from(["p1", "p2"])))),
    st.dictionaries(roles, st.integers(min_value=0, max_value=3)),
)
def test_role_counts_are_reported_exactly(
    raw: list[tuple[Role, str, str | None]], seats: dict[Role, int]
) -> None:
    team = [seat(role, name, key) for role, name, key in raw]
    got = check_team(TeamRule(seats=seats), team, [])
    for role in Role:
        expected, found = seats.get(role, 0), sum(1 for s in team if s.role is role)
        counted = [v for v in got if v.role is role and v.kind in ("missing_role", "too_many")]
        if expected == 0 or expected == found:
            assert counted == []
        else:
            kind: ViolationKind = "missing_role" if found < expected else "too_many"
            assert counted == [TeamViolation(kind, role, None, expected, found)]
        strays = [v for v in got if v.kind == "not_a_member_role" and v.role is role]
        assert len(strays) == (found if expected == 0 else 0)
