"""Monthly match statistics, computed from the event history only (see ARCHITECTURE.md)."""
