"""The Renstra team of a cooperative, checked against the plan's team rule.

The rule (from the Blora RTL, A2): seats by role — 1 pengurus, 1 pengawas, 1 karyawan,
2 anggota — and "participants who attended MUST be on their cooperative's team".
`check_team` reports every way a team breaks the rule, plainly; it never fixes anything.
The two parts of the rule can contradict each other (three attendees who are all
pengurus do not fit one pengurus seat): then it reports what is true, e.g. a `too_many`
once they are all seated.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from workshop_tui.domain.plan import Role, TeamRule
from workshop_tui.domain.state import TeamSeat

ViolationKind = Literal[
    "missing_role", "too_many", "attendee_missing", "not_a_member_role", "duplicate_person"
]

_ROLE_LABELS = {
    "id": {Role.OTHER: "lainnya"},
    "en": {Role.OTHER: "other"},
}


def role_label(role: Role, language: str) -> str:
    """The role's word in messages: the Indonesian term in both languages
    (pengurus, pengawas, karyawan, anggota, manajer), except "other" / "lainnya"."""
    return _ROLE_LABELS.get(language, _ROLE_LABELS["id"]).get(role, role.value)


def normalise_name(name: str) -> str:
    """A name for comparison: Unicode NFC, case-folded, spaces collapsed and stripped."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class TeamViolation:
    """One way a team breaks the rule.

    - missing_role / too_many: `role`, `expected` seats, `found` seats;
    - not_a_member_role: a seat (`person`, its name) with a `role` the rule gives no
      seat (`expected` 0, `found` = seats with that role);
    - duplicate_person: `person` sits in `found` seats (`role` of the first seat);
    - attendee_missing: attendee `person` (name) with their `role` is on no seat.

    `participant` is the participant key where one is known.
    """

    kind: ViolationKind
    role: Role | None
    person: str | None
    expected: int | None
    found: int | None
    participant: str | None = None

    def message(self, language: str) -> str:
        """Plain text in "id" or "en" (other languages: "id")."""
        en = language == "en"
        role = role_label(self.role, language) if self.role is not None else ""
        counts = (
            f"needs {self.expected}, has {self.found}"
            if en
            else f"perlu {self.expected}, ada {self.found}"
        )
        if self.kind == "missing_role":
            gap = (self.expected or 0) - (self.found or 0)
            return f"Missing {gap} {role} ({counts})" if en else f"Kurang {gap} {role} ({counts})"
        if self.kind == "too_many":
            extra = (self.found or 0) - (self.expected or 0)
            return (
                f"{extra} {role} too many ({counts})"
                if en
                else f"Kelebihan {extra} {role} ({counts})"
            )
        if self.kind == "not_a_member_role":
            return (
                f"{self.person} sits as {role}, a role with no seat on the team"
                if en
                else f"{self.person} duduk sebagai {role}, peran yang tidak ada kursinya di tim"
            )
        if self.kind == "duplicate_person":
            return (
                f"{self.person} is on the team {self.found} times"
                if en
                else f"{self.person} tercatat {self.found} kali di tim"
            )
        return (
            f"Attendee {self.person} is not on the team"
            if en
            else f"Peserta {self.person} belum masuk tim"
        )


def _seat_identity(seat: TeamSeat) -> tuple[str, str]:
    if seat.participant:
        return ("key", seat.participant)
    return ("name", normalise_name(seat.name))


def check_team(
    rule: TeamRule,
    seats: list[TeamSeat],
    attendees: list[tuple[str, str, Role]],
) -> list[TeamViolation]:
    """Every violation of `rule` by a cooperative's team, in a fixed order.

    `seats` are the team's seats (in display order); `attendees` are (participant key,
    name, role) of the cooperative's participants who attended — the caller decides
    what counts as attending.

    Rules and order of the result:
    1. per role of the rule (in `Role` order): fewer seats than the rule → one
       `missing_role`; more → one `too_many` (duplicates and unknown people count as
       seats: the count is of seats);
    2. each seat whose role has no seat in the rule (absent or 0) → `not_a_member_role`,
       in seat order;
    3. the same person in several seats → one `duplicate_person` per person, in order
       of first seat. A seat is a person by its participant key, or (without a key) by
       its normalised name; a keyless seat whose name equals a keyed seat's name is the
       same person as that keyed seat;
    4. when `rule.attendees_must_be_members`: each attendee (in the given order, once
       per key) on no seat → `attendee_missing`. An attendee is on a seat whose
       participant key is theirs, or on a keyless seat with the same normalised name.
    """
    violations: list[TeamViolation] = []

    counts: dict[Role, int] = {}
    for seat in seats:
        counts[seat.role] = counts.get(seat.role, 0) + 1
    for role in Role:
        expected = rule.seats.get(role, 0)
        if expected == 0:
            continue
        found = counts.get(role, 0)
        if found < expected:
            violations.append(TeamViolation("missing_role", role, None, expected, found))
        elif found > expected:
            violations.append(TeamViolation("too_many", role, None, expected, found))

    for seat in seats:
        if rule.seats.get(seat.role, 0) == 0:
            violations.append(
                TeamViolation(
                    "not_a_member_role",
                    seat.role,
                    seat.name,
                    0,
                    counts[seat.role],
                    seat.participant,
                )
            )

    keyed_names: dict[str, str] = {}  # normalised name -> first participant key with it
    for seat in seats:
        if seat.participant:
            keyed_names.setdefault(normalise_name(seat.name), seat.participant)
    people: dict[tuple[str, str], list[TeamSeat]] = {}
    for seat in seats:
        identity = _seat_identity(seat)
        if identity[0] == "name" and identity[1] in keyed_names:
            identity = ("key", keyed_names[identity[1]])
        people.setdefault(identity, []).append(seat)
    for (kind, value), same in people.items():
        if len(same) > 1:
            key = value if kind == "key" else None
            violations.append(
                TeamViolation("duplicate_person", same[0].role, same[0].name, 1, len(same), key)
            )

    if rule.attendees_must_be_members:
        seated_keys = {seat.participant for seat in seats if seat.participant}
        seated_names = {normalise_name(seat.name) for seat in seats if not seat.participant}
        seen: set[str] = set()
        for key, name, role in attendees:
            if key in seen:
                continue
            seen.add(key)
            if key not in seated_keys and normalise_name(name) not in seated_names:
                violations.append(TeamViolation("attendee_missing", role, name, None, None, key))
    return violations
