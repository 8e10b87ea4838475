"""The agenda timeline: every day as a section, every item with its time, kind and leads."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option, OptionDoesNotExist

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import ItemProgress
from workshop_tui.domain.timeline import Phase, phase
from workshop_tui.i18n import Translator
from workshop_tui.tui.keys import key
from workshop_tui.tui.widgets.paging import PagedOptionList
from workshop_tui.tui.widgets.wrapping import hanging

KIND_WIDTH = 14
MIN_TITLE_WIDTH = 20
"""Narrower than this beside the time and kind columns, a row drops its kind column and
names the kind under the title (a title cut into 4-letter pieces is unreadable)."""
KIND_STYLE = {"talk": "cyan", "group_work": "green", "break": "dim", "closing": "magenta"}
PHASE_MARK = {Phase.READY: " ", Phase.RUNNING: "▶", Phase.PAUSED: "‖", Phase.DONE: "✓"}


def local_hm(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M") if moment else "--:--"


class AgendaList(PagedOptionList):
    """One option per agenda item (id = item key); day headings are disabled options."""

    # OptionList's own movement keys, with ids so help, palette and keys.toml know them.
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("up", "timeline.up", "cursor_up", show=False),
        key("down", "timeline.down", "cursor_down", show=False),
        key("pageup", "timeline.page_up", "page_up", show=False),
        key("pagedown", "timeline.page_down", "page_down", show=False),
        key("home", "timeline.first", "first", show=False),
        key("end", "timeline.last", "last", show=False),
    ]

    _shown: tuple[Plan, dict[str, ItemProgress], str, Translator] | None = None
    _wrapped_at = 0
    _plain_key: str | None = None  # the highlighted item, drawn without colours of its own

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
        self._plain_key = None  # all drawn in colour; highlighting the row makes it plain
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
        # On the highlighted row the cursor's colours alone: a kind's colour or dim text on
        # the cursor's background is unreadable on a projector.
        plain = key == self._plain_key
        strong = "bold" if is_current else ""
        dim = "" if plain else "dim"
        kind = t(f"kind.{item.kind.value}")
        kind_style = "" if plain else KIND_STYLE[item.kind.value]
        text = Text()
        text.append(("▸" if is_current else " ") + PHASE_MARK[phase(p)] + " ", style="bold")
        text.append(item.start.strftime("%H:%M"), style=strong)
        text.append(f" {t('timeline.minutes_short', minutes=item.duration):>7} ")
        compact = self._text_width() - text.cell_len - KIND_WIDTH - 1 < MIN_TITLE_WIDTH
        if not compact:
            text.append(f"{kind[:KIND_WIDTH]:<{KIND_WIDTH}} ", style=kind_style)
        lines = [Text(item.title, style=strong)]
        leads = ", ".join([*item.speakers, *item.facilitators])
        if compact:
            lines.append(Text.assemble((kind, kind_style), (f" · {leads}" if leads else "", dim)))
        elif leads:
            lines.append(Text(leads, style=dim))
        if p is not None and (when := _when_it_ran(p, t)):
            lines.append(Text(when, style=f"italic {dim}".strip()))
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

    def watch_highlighted(self, highlighted: int | None) -> None:
        self._draw_plain(self.highlighted_key if highlighted is not None else None)
        super().watch_highlighted(highlighted)

    def _draw_plain(self, key: str | None) -> None:
        """Redraw the row losing the highlight in colour and the row gaining it plain."""
        if key == self._plain_key:
            return
        previous, self._plain_key = self._plain_key, key
        if self._shown is None:
            return
        for changed in (previous, key):
            try:
                if changed is not None:
                    self.replace_option_prompt(changed, self._prompt(changed, *self._shown))
            except OptionDoesNotExist:  # the options are being replaced
                pass

    # Up and down stop at the first and last item (OptionList wraps round to the other end,
    # and a fast run of ↓ past the end would land on the first day).

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            if direction > 0:
                self.action_first()
            else:
                self.action_last()
            return
        end = self.option_count if direction > 0 else -1
        candidates = range(self.highlighted + direction, end, direction)
        target = next((i for i in candidates if not self.get_option_at_index(i).disabled), None)
        if target is not None:
            self.highlighted = target
        elif direction < 0:
            self.scroll_home(animate=False)  # the first item: show its day's heading too


def _when_it_ran(progress: ItemProgress, t: Translator) -> str:
    """'running since 08:25', 'started 08:25, paused', 'ran 08:25–09:10'; '' if not started."""
    started = progress.actual_start
    if started is None:
        return ""
    match phase(progress):
        case Phase.RUNNING:
            return t("timeline.running_since", time=local_hm(started))
        case Phase.PAUSED:
            return t("timeline.started_paused", time=local_hm(started))
        case _:
            return t("timeline.ran", times=f"{local_hm(started)}–{local_hm(progress.actual_end)}")
