"""Contacts (DOMAIN.md §4)."""
