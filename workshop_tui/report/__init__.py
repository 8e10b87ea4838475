"""Exports of a workshop's outputs (built in a later issue)."""
