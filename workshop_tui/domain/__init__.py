"""Pydantic models and pure rules. No Textual, no TinyDB, no I/O."""
