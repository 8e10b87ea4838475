"""ThemeKeyedStylesheet: each CSS source is parsed once per set of theme variables."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import StylesheetParseError

from workshop_tui.tui.stylesheet import ThemeKeyedStylesheet

CSS = "Static { color: $ink; }"
MORE_CSS = "Label { background: $ink; }"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CSS text of every real parse (cache misses) the stylesheet makes."""
    seen: list[str] = []
    real_parse = textual_stylesheet.parse

    def counting_parse(scope, css, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(css)
        return real_parse(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting_parse)
    return seen


def ink(sheet: ThemeKeyedStylesheet, selector: str = "Static") -> Color:
    (rule,) = sheet.rules_map[selector]
    styles = rule.styles
    return styles.color if selector == "Static" else styles.background


def make_sheet() -> ThemeKeyedStylesheet:
    sheet = ThemeKeyedStylesheet(variables={"ink": "#ff0000"})
    sheet.add_source(CSS, read_from=("test", "CSS"))
    return sheet


def test_a_refresh_with_the_same_variables_parses_nothing_again(parses: list[str]) -> None:
    sheet = make_sheet()
    sheet.parse()
    assert parses == [CSS]
    sheet.set_variables({"ink": "#ff0000"})  # what App.refresh_css does on every refresh
    sheet.reparse()
    assert parses == [CSS]
    assert ink(sheet) == Color.parse("#ff0000")


def test_a_new_source_is_parsed_alone(parses: list[str]) -> None:
    sheet = make_sheet()
    sheet.parse()
    sheet.add_source(MORE_CSS, read_from=("test", "MORE"))
    assert sheet.rules_map["Label"]  # the next use parses the new source only
    assert parses == [CSS, MORE_CSS]


def test_new_variables_are_substituted_into_every_source(parses: list[str]) -> None:
    sheet = make_sheet()
    sheet.add_source(MORE_CSS, read_from=("test", "MORE"))
    sheet.parse()
    sheet.set_variables({"ink": "#0000ff"})  # a theme change
    sheet.reparse()
    assert ink(sheet) == Color.parse("#0000ff")
    assert ink(sheet, "Label") == Color.parse("#0000ff")
    assert sorted(parses) == sorted([CSS, MORE_CSS, CSS, MORE_CSS])


def test_a_broken_source_keeps_the_rules_in_use() -> None:
    sheet = make_sheet()
    sheet.parse()
    sheet.add_source("Static { color: not-a-colour; }", read_from=("test", "BROKEN"))
    with pytest.raises(StylesheetParseError):
        sheet.reparse()
    assert ink(sheet) == Color.parse("#ff0000")
