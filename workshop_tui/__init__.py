"""workshop-tui: run a live, multi-day strategic-planning workshop from the keyboard."""

import os

__version__ = "0.1.0"

# pydantic looks through every installed package's entry points for plugins when it builds
# its first model (~5 ms of each start); this app uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
