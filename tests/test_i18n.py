"""Every string comes from the catalogs, and both catalogs say everything."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop_tui.i18n import LANGUAGES, Translator, catalog
from workshop_tui.tui.app import MAIN_SCREENS, WorkshopApp
from workshop_tui.tui.screens.help import HelpScreen
from workshop_tui.tui.screens.launcher import LauncherScreen
from workshop_tui.tui.screens.timeline import TimelineScreen


def test_both_catalogs_hold_the_same_keys() -> None:
    assert set(catalog("id")) == set(catalog("en"))


def test_both_catalogs_use_the_same_placeholders() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, text in catalog("en").items():
        assert fields(text) == fields(catalog("id")[key]), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_binding_has_a_description(language: str) -> None:
    words = catalog(language)
    for owner in (WorkshopApp, TimelineScreen, LauncherScreen, HelpScreen):
        for binding in owner.BINDINGS:
            assert not isinstance(binding, tuple), "bindings need stable ids"
            assert binding.id and f"keys.{binding.id}" in words, (owner.__name__, binding)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_main_screen_and_kind_has_a_name(language: str) -> None:
    words = catalog(language)
    for screen in (*MAIN_SCREENS, "launcher"):
        assert f"screen.{screen}" in words
    for kind in ("talk", "group_work", "break", "closing"):
        assert f"kind.{kind}" in words


def test_dates_read_naturally_in_each_language() -> None:
    day = dt.date(2018, 2, 19)
    assert Translator("id").date(day, weekday=True) == "Senin, 19 Februari 2018"
    assert Translator("en").date(day, weekday=True) == "Monday, 19 February 2018"


def test_a_missing_key_shows_itself_instead_of_crashing() -> None:
    assert Translator("id")("no.such.key") == "no.such.key"


def test_a_count_of_one_picks_the_singular_form() -> None:
    en, id_ = Translator("en"), Translator("id")
    assert en("strategy.mission_count", count=1) == "1 statement"
    assert en("strategy.mission_count", count=2) == "2 statements"
    assert en("strategy.mission_count", count=0) == "0 statements"
    assert en("followup.due", date="1 May", days=1) == "due 1 May (in 1 day)"
    assert en("followup.overdue", date="1 May", days=4) == "OVERDUE since 1 May (4 days)"
    assert en.plural("notice.exported", 1, count=1, folder="x") == "Exported 1 file to x"
    # Indonesian does not inflect: one form, whatever the count.
    assert id_("strategy.mission_count", count=1) == "1 butir"
    assert id_("strategy.mission_count", count=2) == "2 butir"
    assert id_("followup.due", date="1 Mei", days=1) == "terjadwal 1 Mei (1 hari lagi)"


def test_every_singular_has_its_plural_and_no_string_of_ours_says_s_in_brackets() -> None:
    from workshop_tui.report.words import EN

    for language in LANGUAGES:
        words = catalog(language)
        for key in words:
            if key.endswith("_one"):
                assert key.removesuffix("_one") in words, key
    for key in EN:
        if key.endswith("_one"):
            assert key.removesuffix("_one") in EN, key
    ours = ("strategy.", "followup.", "notice.", "swot.", "launcher.", "timeline.", "recovery.")
    english = {k: v for k, v in catalog("en").items() if k.startswith(ours)}
    assert not [k for k, v in {**english, **EN}.items() if "(s)" in v]
