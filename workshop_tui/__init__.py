"""workshop-tui: run a live, multi-day strategic-planning workshop from the keyboard."""

__version__ = "0.1.0"
