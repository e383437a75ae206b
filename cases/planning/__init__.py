"""Planning (DOMAIN.md §4)."""
