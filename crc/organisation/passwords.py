"""Passwords known from breaches, checked offline.

Django's CommonPasswordValidator holds 20,000 common passwords, most shorter than our
12-character minimum; this adds a bundled list of long passwords seen in breach corpora
and the obvious ones for this service. Nothing here calls out to the internet.
"""

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError

LIST_PATH = Path(__file__).resolve().parent / "data" / "breached-passwords.txt"


@cache
def breached_passwords(path: Path = LIST_PATH) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def _variants(password: str) -> set[str]:
    # "Password123!" and "password123" are the same guess to anyone with the list.
    lowered = password.strip().lower()
    bare = re.sub(r"[^a-z0-9]+$", "", lowered)
    return {lowered, bare}


class BreachedPasswordValidator:
    def __init__(self, path: str | None = None):
        self.path = Path(path) if path else LIST_PATH

    def validate(self, password: str, user=None) -> None:
        if _variants(password) & breached_passwords(self.path):
            raise ValidationError(
                "This password has appeared in a data breach. Choose a different one.",
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return "Your password cannot be one known from data breaches."
