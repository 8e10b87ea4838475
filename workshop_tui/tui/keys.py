"""Keys: stable binding ids, descriptions from the catalog, remapping from a config file.

Every binding has an id `scope.name` (e.g. `timeline.next`); its description is the
catalog entry `keys.<id>`, so the footer, the help screen and the command palette speak
the UI language. Users remap keys in `<data-dir>/keys.toml`:

    [keys]
    "timeline.next" = "n,right"
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from workshop_tui.i18n import Translator

KEYMAP_FILE = "keys.toml"


def key(
    keys: str, binding_id: str, action: str, *, show: bool = True, priority: bool = False
) -> Binding:
    """A binding whose description is filled in from the catalog (see `localize`)."""
    return Binding(keys, action, binding_id, show=show, priority=priority, id=binding_id)


def localize(node: DOMNode, t: Translator) -> None:
    """Replace the descriptions of `node`'s bindings with the current language's."""
    bindings_map = node._bindings
    for keys, bindings in bindings_map.key_to_bindings.items():
        bindings_map.key_to_bindings[keys] = [
            replace(b, description=t(f"keys.{b.id}")) if b.id and t.has(f"keys.{b.id}") else b
            for b in bindings
        ]


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """Read the user's key remaps. Returns (keymap, problem); a broken file is reported,
    never fatal: the app then runs with its default keys."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError) as exc:  # unreadable, not UTF-8, not TOML, huge numbers
        return {}, f"{path}: {exc}"
    except RecursionError:  # tomllib recurses into nested arrays and tables
        return {}, f"{path}: nested too deeply to read"
    table = data.get("keys", {})
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        return {}, f'{path}: [keys] must map binding ids to key strings, e.g. "timeline.next" = "n"'
    return dict(table), None
