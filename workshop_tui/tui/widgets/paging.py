"""An OptionList whose PgUp / PgDn do nothing, rather than fail, while it has no room,
and whose highlighted row stays in view when the list shrinks."""

from __future__ import annotations

from textual import events, on
from textual.widgets import OptionList


class PagedOptionList(OptionList):
    """Textual 8.2.8's OptionList pages through a map of its lines that stays empty while
    the list has no room at all (squeezed to 0 rows: a 40×12 terminal, a crowded screen or
    modal), and PgUp / PgDn then raise KeyError. With no rows on screen there is no page to
    move by: nothing to do."""

    def action_page_up(self) -> None:
        if self.scrollable_content_region.height and self.option_count:
            super().action_page_up()  # type: ignore[no-untyped-call]

    def action_page_down(self) -> None:
        if self.scrollable_content_region.height and self.option_count:
            super().action_page_down()  # type: ignore[no-untyped-call]

    @on(events.Resize)
    def _keep_highlight_in_view(self) -> None:
        # Besides a subclass's own `on_resize`. A list shrinks when the key bar below grows
        # a row (the focus moved to a list with more keys): the highlighted row, just
        # scrolled into view, would be cut.
        if self.highlighted is not None:
            self.call_after_refresh(self.scroll_to_highlight)
