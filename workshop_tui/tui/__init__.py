"""The Textual app: screens, widgets, keys, themes."""
