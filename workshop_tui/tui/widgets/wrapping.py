"""Text wrapped under a fixed-width prefix (a hanging indent), for list rows.

`OptionList` re-wraps a Rich table's row from column 0, so rows are wrapped here, to the
list's width, and continuation lines are indented under the text, not the prefix."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

_CONSOLE = Console(width=1000, color_system=None)  # only measures text for wrapping


def hanging(prefix: Text, lines: list[Text], width: int) -> Text:
    """`prefix` then each of `lines` wrapped to what is left of `width`."""
    text = prefix.copy()
    indent = prefix.cell_len
    room = max(8, width - indent)
    first = True
    for line in lines:
        for part in line.wrap(_CONSOLE, room):
            if not first:
                text.append("\n" + " " * indent)
            text.append_text(part)
            first = False
    return text
