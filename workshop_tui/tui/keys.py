"""Keys: stable binding ids, descriptions from the catalog, remapping from a config file.

Every binding has an id `scope.name` (e.g. `timeline.next`); its description is the
catalog entry `keys.<id>`, so the footer, the help screen and the command palette speak
the UI language. Users remap keys in `<data-dir>/keys.toml`:

    [keys]
    "timeline.next" = "n,right"
"""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, _character_to_key

from workshop_tui.i18n import Translator

KEYMAP_FILE = "keys.toml"

GLOBAL_SCOPE = "app"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Keys Textual itself answers everywhere: a remap onto them would never run.
RESERVED_KEYS = {"ctrl+p": "app.palette"}


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


@dataclass(frozen=True)
class KeymapFileProblem:
    """A `keys.toml` that cannot be used at all (the default keys are); worded in the UI
    language. `reason`: "unreadable", "not_text", "not_toml", "too_deep" or "shape"."""

    path: Path
    reason: str
    detail: str = ""

    def describe(self, t: Translator) -> str:
        return t(f"notice.keymap_file_{self.reason}", path=str(self.path), detail=self.detail)


def load_keymap(path: Path) -> tuple[dict[str, str], KeymapFileProblem | None]:
    """Read the user's key remaps. Returns (keymap, problem); a broken file is reported,
    never fatal: the app then runs with its default keys."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, KeymapFileProblem(path, "unreadable", exc.strerror or str(exc))
    except UnicodeDecodeError:
        return {}, KeymapFileProblem(path, "not_text")
    except ValueError as exc:  # not TOML, numbers too long to read
        return {}, KeymapFileProblem(path, "not_toml", str(exc))
    except RecursionError:  # tomllib recurses into nested arrays and tables
        return {}, KeymapFileProblem(path, "too_deep")
    table = data.get("keys", {})
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        return {}, KeymapFileProblem(path, "shape")
    return dict(table), None


@dataclass(frozen=True)
class KeymapProblem:
    """One `keys.toml` entry that is ignored, and why; worded in the UI language."""

    binding_id: str
    keys: str
    reason: str  # "unknown", "bad_key" or "clash"
    key: str = ""
    other: str = ""

    def describe(self, t: Translator) -> str:
        other = t(f"keys.{self.other}") if t.has(f"keys.{self.other}") else self.other
        return t(
            f"notice.keymap_{self.reason}",
            id=self.binding_id,
            keys=self.keys,
            name=self.key,
            other=other,
        )


def normalize_key(name: str) -> str | None:
    """Textual's name of a key (`+` → `plus`), or None if `name` names no key."""
    *modifiers, base = name.strip().split("+") if name.strip() != "+" else ["+"]
    if not base or any(m not in MODIFIERS for m in modifiers):
        return None
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            return None
        base = _character_to_key(base)
    elif not _names_a_key(base):
        return None
    return "+".join([*modifiers, base])


def _names_a_key(base: str) -> bool:
    if base in _KEY_NAMES or base in KEY_NAME_REPLACEMENTS.values():
        return True
    try:
        return len(unicodedata.lookup(base.replace("_", " ").upper())) == 1
    except KeyError:
        return False


_KEY_NAMES = frozenset(k.value.rpartition("+")[2] for k in Keys) - {"<any>", "<ignore>"}


def default_keys() -> dict[str, tuple[str, ...]]:
    """Every binding id of the app and its default keys. Imports every screen and widget,
    so only called when there is a keymap to check."""
    from workshop_tui.tui import app, screens, widgets

    for package in (screens, widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    found: dict[str, tuple[str, ...]] = {}
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("workshop_tui.") or cls is app.WorkshopApp:
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    keys = (normalize_key(k) or k for k in binding.key.split(","))
                    found[binding.id] = tuple(dict.fromkeys(keys))
    return found


def check_keymap(
    table: dict[str, str], defaults: dict[str, tuple[str, ...]]
) -> tuple[dict[str, str], list[KeymapProblem]]:
    """The remaps that can be applied, and the entries ignored. An entry is ignored if its
    id is unknown, a key is no key, or a new key is another action's on the same screen
    or a global one: then the action keeps its default keys, so no action is ever left
    without a key, and no remap silently takes one away."""
    problems: list[KeymapProblem] = []
    wanted: dict[str, tuple[str, ...]] = {}
    for binding_id, value in table.items():
        if binding_id not in defaults:
            problems.append(KeymapProblem(binding_id, value, "unknown"))
            continue
        names = [name.strip() for name in value.split(",") if name.strip()]
        normalized = [normalize_key(name) for name in names]
        bad = next((n for n, k in zip(names, normalized, strict=True) if k is None), None)
        if bad is not None or not names:
            problems.append(KeymapProblem(binding_id, value, "bad_key", key=bad or ""))
            continue
        wanted[binding_id] = tuple(dict.fromkeys(k for k in normalized if k))
    while True:  # refusing one remap gives its action back its defaults: check again
        final = {**defaults, **wanted}
        refused = {}
        for binding_id, keys in wanted.items():
            # A key the action has by default was never another's to lose.
            new_keys = tuple(k for k in keys if k not in defaults[binding_id])
            clash = _first_clash(binding_id, new_keys, final)
            if clash is not None:
                refused[binding_id] = clash
        if not refused:
            break
        for binding_id, (key_name, other) in refused.items():
            problems.append(
                KeymapProblem(binding_id, table[binding_id], "clash", key=key_name, other=other)
            )
            del wanted[binding_id]
    return {binding_id: ",".join(keys) for binding_id, keys in wanted.items()}, problems


def _first_clash(
    binding_id: str,
    keys: tuple[str, ...],
    final: dict[str, tuple[str, ...]],
) -> tuple[str, str] | None:
    scope = _scope(binding_id)
    for key_name in keys:
        if key_name in RESERVED_KEYS:
            return key_name, RESERVED_KEYS[key_name]
        for other, other_keys in final.items():
            shared = scope == GLOBAL_SCOPE or _scope(other) in (scope, GLOBAL_SCOPE)
            if other != binding_id and shared and key_name in other_keys:
                return key_name, other
    return None


def _scope(binding_id: str) -> str:
    return binding_id.partition(".")[0]
