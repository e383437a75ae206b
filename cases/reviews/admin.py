"""Admin for this part of the case record (imported by cases/admin.py)."""
