"""The only code that touches TinyDB and the disk."""
