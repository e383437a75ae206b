"""Reviews (DOMAIN.md §4)."""
