"""IFAS / EFAS factor scoring and the internal–external (IE) matrix. Pure functions.

Each live SWOT note of a cooperative is a *factor*: strengths and weaknesses are the
internal factors (IFAS), opportunities and threats the external ones (EFAS). A factor has
a weight (0–1; the weights of one side should sum to 1) and a rating (1–4), kept as a
`FactorScore` whose id is the note's id. A factor without a score counts with weight 0.
A factor is *unrated* until a rating is given: it has no score (it is never taken for
rated 1), and while one carries weight its side's total is incomplete — it is listed in
`SideScore.unrated` and the IE cell is provisional.

Ratings are entered the same way everywhere (4 = the factor weighs most on the
cooperative) and *reversed for threats*: a threat rated r counts as 5 − r, so a grave
threat lowers the EFAS total (the common Indonesian IFAS/EFAS worksheet; which quadrants
are reversed is a parameter, `REVERSED`, so a facilitator's other convention — e.g.
reversing weaknesses too — is one argument away).

score = weight × rating used; a side's total is the sum of the scores of its rated
factors (1.0–4.0 when its weights sum to 1 and all are rated). A side's weights are *balanced* when they sum to 1 within
`WEIGHT_TOLERANCE`; while they do not, the screen warns.

Numbers are shown exactly (`figure`): a weight has at most four decimals (as typed, or as
`balance` sets it), so weight × rating, and a side's total, have at most four too, and
the screen and the exports show them with as many decimals as they need (two at least):
weight 0,2875 × rating 4 = score 1,15, never "0,29 × 4 = 1,15". A reader can check every
product and sum by hand.

The IE matrix places the cooperative by its totals, each as shown (`figure`, at most four
decimals): 1.00–1.99 weak / low, 2.00–2.99 average / medium, 3.00–4.00 strong / high
(a total under 1 counts as weak / low). Columns run strong → weak by IFAS, rows high →
low by EFAS, cells I–IX read row by row:

              IFAS strong  average  weak
    EFAS high      I         II      III
         medium    IV        V       VI
         low       VII       VIII    IX

I, II, IV: grow and build; III, V, VII: hold and maintain; VI, VIII, IX: harvest or divest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from workshop_tui.domain.state import FactorScore, Note, Quadrant

PLACES = 4
"""Decimals a weight is kept to (`parse_weight`), hence the most a score or total needs."""

WEIGHT_TOLERANCE = 0.005
"""How far from 1 a side's weights may sum and still count as summing to 1."""

RATINGS = (1, 2, 3, 4)
REVERSED: frozenset[Quadrant] = frozenset({Quadrant.THREAT})
"""Quadrants whose rating r counts as 5 − r."""

INTERNAL_QUADRANTS = (Quadrant.STRENGTH, Quadrant.WEAKNESS)
EXTERNAL_QUADRANTS = (Quadrant.OPPORTUNITY, Quadrant.THREAT)


class Side(StrEnum):
    INTERNAL = "IFAS"
    EXTERNAL = "EFAS"


def side_of(quadrant: Quadrant) -> Side:
    return Side.INTERNAL if quadrant in INTERNAL_QUADRANTS else Side.EXTERNAL


class Band(StrEnum):
    """Where a total falls: strong/high, average/medium, weak/low."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Posture(StrEnum):
    GROW = "grow"  # grow and build
    HOLD = "hold"  # hold and maintain
    HARVEST = "harvest"  # harvest or divest


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
_BAND_ORDER = (Band.HIGH, Band.MEDIUM, Band.LOW)
_POSTURE = {
    1: Posture.GROW,
    2: Posture.GROW,
    4: Posture.GROW,
    3: Posture.HOLD,
    5: Posture.HOLD,
    7: Posture.HOLD,
    6: Posture.HARVEST,
    8: Posture.HARVEST,
    9: Posture.HARVEST,
}


@dataclass(frozen=True)
class Factor:
    """One SWOT note as a scored factor."""

    note: Note
    weight: float
    rating: int | None  # as entered; None while not rated
    scored: bool  # a FactorScore exists for it

    @property
    def reversed(self) -> bool:
        return self.note.quadrant in REVERSED

    @property
    def rated(self) -> bool:
        return self.rating is not None

    @property
    def rating_used(self) -> int | None:
        """The rating the score uses (5 − r for threats); None while not rated."""
        return used_rating(self.note.quadrant, self.rating) if self.rating is not None else None

    @property
    def score(self) -> float | None:
        """weight × rating used; None while not rated (no score, not a score of 0)."""
        used = self.rating_used
        return None if used is None else self.weight * used


@dataclass(frozen=True)
class SideScore:
    side: Side
    factors: tuple[Factor, ...]

    @property
    def weight_sum(self) -> float:
        return sum(f.weight for f in self.factors)

    @property
    def total(self) -> float:
        """The sum of the rated factors' scores (unrated ones are left out)."""
        return sum(f.score for f in self.factors if f.score is not None)

    @property
    def unrated(self) -> tuple[Factor, ...]:
        """Factors carrying weight without a rating: the total misses their part. (One
        without weight counts for nothing whatever its rating, so it is not listed.)"""
        return tuple(f for f in self.factors if not f.rated and f.weight > 0)

    @property
    def balanced(self) -> bool:
        return weights_balanced(self.weight_sum)

    @property
    def band(self) -> Band:
        return band(self.total)

    @property
    def scored(self) -> bool:
        """A factor of this side is rated and weighted: the side has a total to speak of
        (with none, "0.00 · weak" would read as a verdict on the cooperative)."""
        return any(f.rated and f.weight > 0 for f in self.factors)


@dataclass(frozen=True)
class IECell:
    number: int  # 1..9
    internal: Band
    external: Band

    @property
    def roman(self) -> str:
        return ROMAN[self.number - 1]

    @property
    def posture(self) -> Posture:
        return _POSTURE[self.number]


@dataclass(frozen=True)
class Scoring:
    internal: SideScore
    external: SideScore

    @property
    def balanced(self) -> bool:
        return self.internal.balanced and self.external.balanced

    @property
    def settled(self) -> bool:
        """Both sides' weights sum to 1 and every weighted factor is rated: the IE cell
        is final."""
        return self.balanced and not self.internal.unrated and not self.external.unrated

    @property
    def cell(self) -> IECell:
        """Where the totals fall on the IE matrix (read it as provisional while not
        `settled`)."""
        return ie_cell(self.internal.total, self.external.total)

    @property
    def placed(self) -> bool:
        """Both sides are scored: the cooperative has a cell on the IE matrix (an
        unscored board is not "cell IX")."""
        return self.internal.scored and self.external.scored

    def side(self, side: Side) -> SideScore:
        return self.internal if side is Side.INTERNAL else self.external


def posture_of(number: int) -> Posture:
    """The strategy a cell of the IE matrix (1–9) calls for."""
    return _POSTURE[number]


def used_rating(quadrant: Quadrant, rating: int, reversed_: frozenset[Quadrant] = REVERSED) -> int:
    """The rating a score uses: r, or 5 − r in a reversed quadrant (threats)."""
    return (5 - rating) if quadrant in reversed_ else rating


def weights_balanced(weight_sum: float) -> bool:
    return abs(weight_sum - 1.0) <= WEIGHT_TOLERANCE + 1e-9  # 1e-9: float noise


def band(total: float) -> Band:
    """Strong/high from 3.00, average/medium from 2.00, else weak/low — on the total as it
    is shown (`figure`: rounded to four decimals, which also drops float noise)."""
    shown = round(total, PLACES)
    if shown >= 3.0:
        return Band.HIGH
    if shown >= 2.0:
        return Band.MEDIUM
    return Band.LOW


def figure(value: float, decimal_comma: bool = False) -> str:
    """A weight, score or total as shown: exact to `PLACES` decimals, trailing zeros
    dropped down to two ("0,15", "0,2875", "1,15", "2,0125"); a decimal comma in
    Indonesian. One rule for the strategy screen and the exports."""
    text = f"{round(value, PLACES) + 0.0:.{PLACES}f}"  # + 0.0: never "-0.00"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0").ljust(2, "0")
    return f"{whole}{',' if decimal_comma else '.'}{decimals}"


def ie_cell(internal_total: float, external_total: float) -> IECell:
    internal, external = band(internal_total), band(external_total)
    number = _BAND_ORDER.index(external) * 3 + _BAND_ORDER.index(internal) + 1
    return IECell(number, internal, external)


def factors(notes: Iterable[Note], scores: Mapping[str, FactorScore]) -> list[Factor]:
    """Each note as a factor, in the order given; unscored notes weigh 0."""
    out = []
    for note in notes:
        score = scores.get(note.id)
        if score is None:
            out.append(Factor(note, 0.0, None, scored=False))
        else:
            out.append(Factor(note, score.weight, score.rating, scored=True))
    return out


def score(notes: Iterable[Note], scores: Mapping[str, FactorScore]) -> Scoring:
    """IFAS and EFAS of the given (live) notes, S W O T each in the order given."""
    by_quadrant: dict[Quadrant, list[Note]] = {q: [] for q in Quadrant}
    for note in notes:
        by_quadrant[note.quadrant].append(note)

    def side(quadrants: tuple[Quadrant, ...], name: Side) -> SideScore:
        chosen = [n for q in quadrants for n in by_quadrant[q]]
        return SideScore(name, tuple(factors(chosen, scores)))

    return Scoring(side(INTERNAL_QUADRANTS, Side.INTERNAL), side(EXTERNAL_QUADRANTS, Side.EXTERNAL))


_WEIGHT = re.compile(r"(\d+(?:[.,]\d*)?|[.,]\d+)(\s*%)?")
"""Digits with one decimal point or comma, optionally a percent sign — nothing else
(no sign, exponent, digit separator or space inside the number)."""


def parse_weight(text: str) -> float | None:
    """A weight as typed: "0.15", "0,15" (decimal comma) or "15%" / "15 %". None when it
    is not a number from 0 to 1 (0 % to 100 %): a bare number above 1 ("1,5", "15") is
    refused, never guessed to be a percentage. Kept to 4 decimals."""
    match = _WEIGHT.fullmatch(text.strip())
    if match is None:
        return None
    value = float(match.group(1).replace(",", "."))
    if match.group(2):
        value /= 100
    if value > 1:
        return None
    return round(value, 4)


def parse_rating(text: str) -> int | None:
    raw = text.strip()
    return int(raw) if raw in {str(r) for r in RATINGS} else None


def balance(factors_: Iterable[Factor]) -> dict[str, float]:
    """New weights for one side that sum to 1, keeping their proportions (equal shares
    when every weight is 0). Returns note id -> weight, rounded to 3 decimals, with the
    rounding remainder on the heaviest factor so the sum is exactly 1."""
    chosen = list(factors_)
    if not chosen:
        return {}
    total = sum(f.weight for f in chosen)
    if total <= 0:
        raw = {f.note.id: 1.0 / len(chosen) for f in chosen}
    else:
        raw = {f.note.id: f.weight / total for f in chosen}
    rounded = {k: round(v, 3) for k, v in raw.items()}
    heaviest = max(rounded, key=lambda k: rounded[k])
    rounded[heaviest] = round(rounded[heaviest] + (1.0 - sum(rounded.values())), 3)
    return rounded
