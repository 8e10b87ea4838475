"""The agenda timeline: every day as a section, every item with its time, kind and leads."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets.option_list import Option, OptionDoesNotExist

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import ItemProgress
from workshop_tui.domain.timeline import Phase, phase
from workshop_tui.i18n import Translator
from workshop_tui.tui.widgets.paging import PagedOptionList
from workshop_tui.tui.widgets.wrapping import hanging

KIND_WIDTH = 14
KIND_STYLE = {"talk": "cyan", "group_work": "green", "break": "dim", "closing": "magenta"}
PHASE_MARK = {Phase.READY: " ", Phase.RUNNING: "▶", Phase.PAUSED: "‖", Phase.DONE: "✓"}


def local_hm(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M") if moment else "--:--"


class AgendaList(PagedOptionList):
    """One option per agenda item (id = item key); day headings are disabled options."""

    _shown: tuple[Plan, dict[str, ItemProgress], str, Translator] | None = None
    _wrapped_at = 0

    def on_resize(self) -> None:
        self._rewrap_if_width_changed()

    def _rewrap_if_width_changed(self) -> None:
        if self._shown is not None and self._text_width() != self._wrapped_at:
            self.show_plan(*self._shown)

    def show_plan(
        self, plan: Plan, progress: dict[str, ItemProgress], current: str, t: Translator
    ) -> None:
        self._shown = (plan, progress, current, t)
        if not self.scrollable_content_region.width:
            return  # not laid out yet: drawn once its width is known (on_resize)
        self._wrapped_at = self._text_width()
        highlighted = self.highlighted_key
        options: list[Option] = []
        for number, day in enumerate(plan.days, start=1):
            heading = Text(
                f"{t('timeline.day', n=number)} · {t.date(day.date, weekday=True)}",
                style="bold reverse",
            )
            if day.title:
                heading.append(f" · {day.title}")
            options.append(Option(heading, id=f"day:{day.date}", disabled=True))
            for item in day.items:
                options.append(
                    Option(self._prompt(item.key, plan, progress, current, t), id=item.key)
                )
        self.set_options(options)
        self.highlight_key(highlighted or current)

    def _prompt(
        self, key: str, plan: Plan, progress: dict[str, ItemProgress], current: str, t: Translator
    ) -> Text:
        """Fixed columns, wrapped here to the list's width so a long title or list of
        people wraps under itself rather than under the time (OptionList would re-wrap a
        Rich table from column 0)."""
        item = plan.item(key)
        assert item is not None
        p = progress.get(key)
        is_current = key == current
        strong = "bold" if is_current else ""
        kind = t(f"kind.{item.kind.value}")[:KIND_WIDTH]
        text = Text()
        text.append(("▸" if is_current else " ") + PHASE_MARK[phase(p)] + " ", style="bold")
        text.append(item.start.strftime("%H:%M"), style=strong)
        text.append(f" {t('timeline.minutes_short', minutes=item.duration):>7} ")
        text.append(f"{kind:<{KIND_WIDTH}} ", style=KIND_STYLE[item.kind.value])
        lines = [Text(item.title, style=strong)]
        leads = [*item.speakers, *item.facilitators]
        if leads:
            lines.append(Text(", ".join(leads), style="dim"))
        if p is not None and p.actual_start is not None:
            ran = f"{local_hm(p.actual_start)}–{local_hm(p.actual_end) if p.actual_end else ''}"
            lines.append(Text(t("timeline.ran", times=ran), style="italic dim"))
        return hanging(text, lines, self._text_width())

    def _text_width(self) -> int:
        # The option's own padding takes a cell on each side.
        return (self.scrollable_content_region.width or 80) - 2

    @property
    def highlighted_key(self) -> str | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if (option.id or "").startswith("day:") else option.id

    def highlight_key(self, key: str) -> None:
        try:
            self.highlighted = self.get_option_index(key)
        except OptionDoesNotExist:  # an item the plan no longer has: stay put
            return
        self.scroll_to_highlight()
