"""Colour themes. `projector` is high-contrast: pure black, white text, saturated accents
that survive a washed-out beamer."""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "textual-dark"
PROJECTOR_THEME = "projector"

PROJECTOR = Theme(
    name=PROJECTOR_THEME,
    primary="#FFD400",
    secondary="#00C8FF",
    accent="#00E5FF",
    warning="#FFB000",
    error="#FF3B3B",
    success="#3DFF7A",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
    variables={
        "footer-key-foreground": "#FFD400",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFD400",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)
