"""The agenda timeline: every day as a section, every item with its time, kind and leads."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import ItemProgress
from workshop_tui.domain.timeline import Phase, phase
from workshop_tui.i18n import Translator

KIND_STYLE = {"talk": "cyan", "group_work": "green", "break": "dim", "closing": "magenta"}
PHASE_MARK = {Phase.READY: " ", Phase.RUNNING: "▶", Phase.PAUSED: "‖", Phase.DONE: "✓"}


def local_hm(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M") if moment else "--:--"


class AgendaList(OptionList):
    """One option per agenda item (id = item key); day headings are disabled options."""

    def show_plan(
        self, plan: Plan, progress: dict[str, ItemProgress], current: str, t: Translator
    ) -> None:
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

    @staticmethod
    def _prompt(
        key: str, plan: Plan, progress: dict[str, ItemProgress], current: str, t: Translator
    ) -> Text:
        item = plan.item(key)
        assert item is not None
        p = progress.get(key)
        ph = phase(p)
        is_current = key == current
        text = Text()
        text.append("▸ " if is_current else "  ", style="bold")
        text.append(f"{PHASE_MARK[ph]} ", style="bold")
        text.append(item.start.strftime("%H:%M"), style="bold" if is_current else "")
        text.append(f" {t('timeline.minutes_short', minutes=item.duration):>7}  ")
        text.append(f"{t(f'kind.{item.kind.value}')}  ", style=KIND_STYLE[item.kind.value])
        text.append(item.title, style="bold" if is_current else "")
        leads = [*item.speakers, *item.facilitators]
        if leads:
            text.append(f"\n        {', '.join(leads)}", style="dim")
        if p is not None and p.actual_start is not None:
            ran = f"{local_hm(p.actual_start)}–{local_hm(p.actual_end) if p.actual_end else ''}"
            text.append(f"\n        {t('timeline.ran', times=ran)}", style="italic dim")
        return text

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
