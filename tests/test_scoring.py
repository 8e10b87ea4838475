"""IFAS/EFAS scoring maths and the IE matrix (domain/scoring.py), and how strategies cite
SWOT notes (domain/tows.py). Pure functions, no store."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain import scoring, tows
from workshop_tui.domain.scoring import Band, Posture, Side
from workshop_tui.domain.state import FactorScore, Note, Quadrant, Shard, Strategy, TowsCell

S, W, O, T = Quadrant.STRENGTH, Quadrant.WEAKNESS, Quadrant.OPPORTUNITY, Quadrant.THREAT  # noqa: E741
AT = dt.datetime(2018, 2, 20, 9, 0, tzinfo=dt.UTC)


def note(quadrant: Quadrant, number: int, text: str = "", deleted: bool = False) -> Note:
    return Note(
        id=f"{quadrant.value}{number}-id",
        quadrant=quadrant,
        number=number,
        text=text or f"{quadrant.value}{number}",
        deleted_at=AT if deleted else None,
    )


def scores(*rows: tuple[Note, float, int]) -> dict[str, FactorScore]:
    return {n.id: FactorScore(id=n.id, weight=w, rating=r) for n, w, r in rows}


# -- per factor and per side ------------------------------------------------------------


def test_score_is_weight_times_rating() -> None:
    s1, s2, w1 = note(S, 1), note(S, 2), note(W, 1)
    result = scoring.score([s1, s2, w1], scores((s1, 0.3, 4), (s2, 0.2, 3), (w1, 0.5, 2)))
    internal = result.internal
    assert [f.score for f in internal.factors] == pytest.approx([1.2, 0.6, 1.0])
    assert internal.total == pytest.approx(2.8)
    assert internal.weight_sum == pytest.approx(1.0)
    assert internal.balanced
    assert internal.band is Band.MEDIUM


def test_threat_ratings_are_reversed_and_only_threats() -> None:
    o1, t1, t2 = note(O, 1), note(T, 1), note(T, 2)
    s1, w1 = note(S, 1), note(W, 1)
    result = scoring.score(
        [s1, w1, o1, t1, t2],
        scores((s1, 0.5, 4), (w1, 0.5, 4), (o1, 0.4, 4), (t1, 0.4, 4), (t2, 0.2, 1)),
    )
    by_label = {f.note.id: f for f in (*result.internal.factors, *result.external.factors)}
    assert by_label[s1.id].rating_used == 4
    assert by_label[w1.id].rating_used == 4  # weaknesses are not reversed
    assert by_label[o1.id].rating_used == 4
    assert by_label[t1.id].rating_used == 1 and by_label[t1.id].reversed
    assert by_label[t2.id].rating_used == 4
    assert result.external.total == pytest.approx(0.4 * 4 + 0.4 * 1 + 0.2 * 4)
    assert scoring.used_rating(T, 3) == 2
    assert scoring.used_rating(W, 3, frozenset({W, T})) == 2  # another convention


def test_missing_scores_weigh_nothing() -> None:
    s1, s2, o1 = note(S, 1), note(S, 2), note(O, 1)
    result = scoring.score([s1, s2, o1], scores((s1, 0.6, 3)))
    s2_factor = result.internal.factors[1]
    assert not s2_factor.scored and s2_factor.weight == 0 and s2_factor.rating is None
    assert not s2_factor.rated and s2_factor.score is None and s2_factor.rating_used is None
    assert result.internal.weight_sum == pytest.approx(0.6)
    assert not result.internal.balanced
    assert result.external.weight_sum == 0 and result.external.total == 0
    assert not result.balanced


def factor(n: Note, weight: float, rating: int | None) -> scoring.Factor:
    return scoring.Factor(n, weight, rating, scored=True)


def test_unrated_factors_are_left_out_of_the_total_and_counted() -> None:
    # A weight typed before the rating: the factor has no score yet, and is not taken
    # for rated 1 (nor, on a threat, for a reversed 4).
    s1, s2, o1, t1 = note(S, 1), note(S, 2), note(O, 1), note(T, 1)
    internal = scoring.SideScore(Side.INTERNAL, (factor(s1, 0.6, 3), factor(s2, 0.4, None)))
    external = scoring.SideScore(Side.EXTERNAL, (factor(o1, 0.7, 4), factor(t1, 0.3, None)))
    t1_factor = external.factors[1]
    assert not t1_factor.rated and t1_factor.rating_used is None and t1_factor.score is None
    assert internal.total == pytest.approx(1.8) and external.total == pytest.approx(2.8)
    assert internal.unrated == (internal.factors[1],)
    assert [f.note.id for f in external.unrated] == [t1.id]
    assert internal.balanced and external.balanced  # the weights do sum to 1...
    result = scoring.Scoring(internal, external)
    assert result.balanced and not result.settled  # ...but the IE cell is provisional
    rated = scoring.Scoring(
        scoring.SideScore(Side.INTERNAL, (factor(s1, 0.6, 3), factor(s2, 0.4, 2))),
        scoring.SideScore(Side.EXTERNAL, (factor(o1, 0.7, 4), factor(t1, 0.3, 1))),
    )
    assert rated.settled and rated.internal.unrated == ()


def test_only_a_factor_carrying_weight_awaits_a_rating() -> None:
    # A factor without weight counts for nothing whatever its rating: not flagged.
    s1, s2, s3 = note(S, 1), note(S, 2), note(S, 3)
    side = scoring.score([s1, s2, s3], scores((s1, 0.5, 2))).internal
    assert not side.factors[1].rated and side.unrated == ()
    side = scoring.SideScore(Side.INTERNAL, (factor(s1, 0.5, 2), factor(s3, 0.0, None)))
    assert side.unrated == ()


def test_sides_split_internal_and_external_in_board_order() -> None:
    notes = [note(O, 1), note(S, 1), note(T, 1), note(W, 1), note(S, 2)]
    result = scoring.score(notes, {})
    assert [f.note.id for f in result.internal.factors] == ["S1-id", "S2-id", "W1-id"]
    assert [f.note.id for f in result.external.factors] == ["O1-id", "T1-id"]
    assert result.side(Side.INTERNAL) is result.internal
    assert result.side(Side.EXTERNAL) is result.external
    assert scoring.side_of(W) is Side.INTERNAL and scoring.side_of(T) is Side.EXTERNAL


# -- the weight warning ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weight_sum", "balanced"),
    [(1.0, True), (0.995, True), (1.005, True), (0.994, False), (1.006, False), (0.0, False)],
)
def test_weights_must_sum_to_one_within_a_tolerance(weight_sum: float, balanced: bool) -> None:
    assert scoring.weights_balanced(weight_sum) is balanced


def test_float_noise_does_not_raise_the_warning() -> None:
    notes = [note(S, i) for i in range(1, 11)]
    result = scoring.score(notes, scores(*((n, 0.1, 2) for n in notes)))
    assert result.internal.weight_sum != 1.0  # 0.1 ten times is 0.9999999999999999
    assert result.internal.balanced


# -- the IE matrix ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0.0, Band.LOW),
        (1.0, Band.LOW),
        (1.99, Band.LOW),
        (1.994, Band.LOW),
        (1.996, Band.LOW),  # shown as 1.996 (`figure`), not rounded up to 2.00
        (1.99996, Band.MEDIUM),  # shown as 2.00
        (2.0, Band.MEDIUM),
        (2.99, Band.MEDIUM),
        (2.9999999999999996, Band.HIGH),  # float noise of 3.0
        (3.0, Band.HIGH),
        (4.0, Band.HIGH),
    ],
)
def test_bands_at_the_boundaries(total: float, expected: Band) -> None:
    assert scoring.band(total) is expected


@pytest.mark.parametrize(
    ("value", "comma", "shown"),
    [
        (0.2875, True, "0,2875"),
        (0.2875 * 4, True, "1,15"),
        (0.15, False, "0.15"),
        (0.3 * 3, False, "0.90"),  # float noise dropped
        (2.0125, False, "2.0125"),
        (1.0, True, "1,00"),
        (0.0, True, "0,00"),
        (-0.0, False, "0.00"),
    ],
)
def test_figures_are_shown_exactly(value: float, comma: bool, shown: str) -> None:
    assert scoring.figure(value, comma) == shown


@given(
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(scoring.RATINGS)), min_size=1, max_size=8
    )
)
def test_shown_weights_times_ratings_add_up_to_the_shown_total(
    rows: list[tuple[int, int]],
) -> None:
    # Weights as kept (four decimals): every product and the sum check out by hand.
    notes = [note(S, i + 1) for i in range(len(rows))]
    result = scoring.score(
        notes, scores(*((n, w / 10_000, r) for n, (w, r) in zip(notes, rows, strict=True)))
    )
    side = result.internal
    for factor in side.factors:
        assert factor.score is not None
        weight = float(scoring.figure(factor.weight))
        assert float(scoring.figure(factor.score)) == pytest.approx(weight * factor.rating_used)
    shown = [float(scoring.figure(f.score)) for f in side.factors if f.score is not None]
    assert float(scoring.figure(side.total)) == pytest.approx(sum(shown))
    assert scoring.band(side.total) is scoring.band(float(scoring.figure(side.total)))


def test_placed_only_once_both_sides_are_scored() -> None:
    s1, o1 = note(S, 1), note(O, 1)
    assert not scoring.score([s1, o1], {}).placed
    assert not scoring.score([s1, o1], scores((s1, 1.0, 3))).placed
    assert not scoring.score([s1, o1], scores((s1, 1.0, 3), (o1, 0.0, 3))).placed
    assert scoring.score([s1, o1], scores((s1, 1.0, 3), (o1, 1.0, 3))).placed


@pytest.mark.parametrize(
    ("ifas", "efas", "roman", "posture"),
    [
        (3.5, 3.2, "I", Posture.GROW),
        (2.5, 3.0, "II", Posture.GROW),
        (1.5, 3.9, "III", Posture.HOLD),
        (3.0, 2.0, "IV", Posture.GROW),
        (2.0, 2.99, "V", Posture.HOLD),
        (1.99, 2.5, "VI", Posture.HARVEST),
        (3.1, 1.99, "VII", Posture.HOLD),
        (2.5, 1.0, "VIII", Posture.HARVEST),
        (1.2, 1.2, "IX", Posture.HARVEST),
    ],
)
def test_every_cell_of_the_ie_matrix(
    ifas: float, efas: float, roman: str, posture: Posture
) -> None:
    cell = scoring.ie_cell(ifas, efas)
    assert cell.roman == roman
    assert cell.posture is posture
    assert cell.number == scoring.ROMAN.index(roman) + 1


def test_a_worked_example_lands_in_its_cell() -> None:
    # A KPRI: strong internally (IFAS 3.05), medium chances outside (EFAS 2.60): cell IV.
    s1, s2, w1, w2 = note(S, 1), note(S, 2), note(W, 1), note(W, 2)
    o1, o2, t1 = note(O, 1), note(O, 2), note(T, 1)
    result = scoring.score(
        [s1, s2, w1, w2, o1, o2, t1],
        scores(
            (s1, 0.35, 4),
            (s2, 0.25, 3),
            (w1, 0.25, 2),
            (w2, 0.15, 3),
            (o1, 0.30, 4),
            (o2, 0.30, 2),
            (t1, 0.40, 3),  # counts as 2
        ),
    )
    assert result.internal.total == pytest.approx(1.4 + 0.75 + 0.5 + 0.45)
    assert result.external.total == pytest.approx(1.2 + 0.6 + 0.8)
    assert result.balanced
    assert result.cell.roman == "IV" and result.cell.posture is Posture.GROW
    assert (result.cell.internal, result.cell.external) == (Band.HIGH, Band.MEDIUM)


@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(1, 4), st.sampled_from([S, W, O, T])),
        max_size=12,
    )
)
def test_totals_stay_within_the_weight_sums(rows: list[tuple[float, int, Quadrant]]) -> None:
    notes = [note(q, i) for i, (_, _, q) in enumerate(rows, start=1)]
    result = scoring.score(
        notes, scores(*((n, w, r) for n, (w, r, _) in zip(notes, rows, strict=True)))
    )
    for side in (result.internal, result.external):
        assert side.weight_sum - 1e-9 <= side.total <= 4 * side.weight_sum + 1e-9


# -- typing weights and ratings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "weight"),
    [
        ("0.15", 0.15),
        ("0,15", 0.15),
        (" 0,2 ", 0.2),
        ("15%", 0.15),
        ("15 %", 0.15),
        ("0,5%", 0.005),
        ("1", 1.0),
        ("1,0", 1.0),
        ("0", 0.0),
        ("100%", 1.0),
        ("0.125", 0.125),
        (".5", 0.5),
    ],
)
def test_weights_as_typed(typed: str, weight: float) -> None:
    assert scoring.parse_weight(typed) == pytest.approx(weight)


@pytest.mark.parametrize("typed", ["", "abc", "-0.1", "150", "120%", "nan", "0,1,2", "%"])
def test_weights_that_are_refused(typed: str) -> None:
    assert scoring.parse_weight(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "1,5",  # not 0.015: a bare number above 1 is not read as a percentage
        "1.5",
        "15",
        "2",
        "0 5",  # not 0.05: spaces inside the number are not dropped
        "0, 15",
        "1e-1",  # no exponents, digit separators, signs or infinities
        "0_5",
        "0.1_5",
        "+0.5",
        "inf",
        "0x1",
    ],
)
def test_weights_are_never_reinterpreted(typed: str) -> None:
    assert scoring.parse_weight(typed) is None


def test_ratings_are_one_to_four() -> None:
    assert [scoring.parse_rating(t) for t in ("1", " 4 ", "0", "5", "2.5", "x")] == [
        1,
        4,
        None,
        None,
        None,
        None,
    ]


def test_balance_keeps_proportions_and_sums_to_one() -> None:
    s1, s2, s3 = note(S, 1), note(S, 2), note(S, 3)
    result = scoring.score([s1, s2, s3], scores((s1, 0.2, 3), (s2, 0.2, 3), (s3, 0.4, 3)))
    weights = scoring.balance(result.internal.factors)
    assert weights == {s1.id: 0.25, s2.id: 0.25, s3.id: 0.5}
    equal = scoring.balance(scoring.score([s1, s2, s3], {}).internal.factors)
    assert sum(equal.values()) == pytest.approx(1.0) and scoring.weights_balanced(
        sum(equal.values())
    )
    assert sorted(equal.values()) == pytest.approx([0.333, 0.333, 0.334])
    assert scoring.balance([]) == {}


# -- citations ------------------------------------------------------------------------------


def test_labels_are_found_case_insensitively_as_whole_words() -> None:
    text = "Pakai s1 dan O2 (lihat S1 lagi), bukan SO1, ST2, Tahun2020 atau W3a; T4."
    assert tows.cited_labels(text) == ["S1", "O2", "T4"]
    assert tows.cited_labels("S01 dan o02") == ["S1", "O2"]


def test_citations_resolve_to_note_ids_live_and_deleted() -> None:
    notes = [note(S, 1), note(O, 2), note(W, 3, deleted=True)]
    citations = tows.parse_citations("S1 + O2 mengatasi W3 dan T9", notes)
    assert citations.note_ids == ["S1-id", "O2-id", "W3-id"]
    assert citations.unknown == ["T9"]


def test_a_live_note_wins_over_a_deleted_one_of_the_same_label() -> None:
    old = note(S, 2, "lama", deleted=True).model_copy(update={"id": "old"})
    new = note(S, 2, "baru").model_copy(update={"id": "new"})
    assert tows.notes_by_label([new, old])["S2"].id == "new"
    assert tows.notes_by_label([old, new])["S2"].id == "new"


def test_a_moved_note_is_relabelled_in_the_text() -> None:
    s1, s2 = note(S, 1), note(S, 2)
    text = "Gunakan S1 dan S2 untuk peluang"
    cites = tows.parse_citations(text, [s1, s2]).note_ids
    moved = s2.model_copy(update={"quadrant": O, "number": 3})  # S2 is now O3
    assert tows.relabelled(text, cites, [s1, moved]) == "Gunakan S1 dan O3 untuk peluang"
    # A new note took the old label: the citation still follows the moved note.
    newcomer = note(S, 2, "baru").model_copy(update={"id": "newcomer"})
    assert tows.relabelled(text, cites, [s1, moved, newcomer]) == "Gunakan S1 dan O3 untuk peluang"
    # Nothing moved: unchanged.
    assert tows.relabelled(text, cites, [s1, s2]) == text
    # Not one to one: left alone rather than guessed.
    assert tows.relabelled("S1 S2 S7", cites, [s1, moved]) == "S1 S2 S7"


def test_labels_in_a_strategy_that_cite_no_note_are_found() -> None:
    # Saved when "T4" named no note (before such labels were refused): a note that takes
    # the label later is not cited by it, and the text must not read as if it were.
    s3, t1 = note(S, 3), note(T, 1)
    text = "Edukasi anggota soal bahaya pinjol S3 T1 T4"
    cites = tows.parse_citations(text, [s3, t1]).note_ids
    assert tows.uncited_labels(text, cites, [s3, t1]) == ["T4"]
    newcomer = note(T, 4, "Kenaikan harga BBM")
    assert tows.uncited_labels(text, cites, [s3, t1, newcomer]) == ["T4"]
    # A cited note that moved is not "uncited": its label is rewritten to the new one.
    moved = t1.model_copy(update={"quadrant": W, "number": 4})
    assert tows.uncited_labels("S3 dan T1", cites, [s3, moved]) == []
    assert tows.uncited_labels(text, cites, [s3, t1, newcomer]) == ["T4"]


def test_strategy_rules_on_a_bare_shard() -> None:
    shard = Shard("kpri", "cooperative")
    for n in (note(S, 1), note(O, 1)):
        shard.table(Note)[n.id] = n

    def put(strategy: Strategy) -> Strategy:
        shard.table(Strategy)[strategy.id] = strategy
        return strategy

    first, cites = tows.new_strategy(shard, TowsCell.SO, "S1 untuk O1")
    put(first)
    assert first.cites == ["S1-id", "O1-id"] and cites.unknown == []
    second = put(tows.new_strategy(shard, TowsCell.SO, "Lainnya")[0])
    assert (first.position, second.position) == (1.0, 2.0)
    assert tows.reordered(shard, first, -1) == []
    swapped = {s.id: s.position for s in tows.reordered(shard, first, 1)}
    assert swapped == {first.id: 2.0, second.id: 1.0}
    assert tows.moved(shard, first, TowsCell.SO) is first
    moved = tows.moved(shard, first, TowsCell.WT)
    assert moved.cell is TowsCell.WT and moved.position == 1.0
    assert tows.strategy_label(TowsCell.WO, 0) == "WO1"
    assert tows.CELL_QUADRANTS[TowsCell.WT] == (W, T)
