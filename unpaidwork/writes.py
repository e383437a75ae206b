"""What every unpaid work service does to save a row: the stale-version check, guarded
status moves, validation turned into a DomainError, and history attributed."""

from django.core.exceptions import ValidationError

from crc import history
from crc.domain import DomainError, StaleVersionError


def check_version(instance, expected_version: int) -> None:
    if instance.version != expected_version:
        raise StaleVersionError(
            "Someone else saved a change to this since you opened it; nothing was saved. "
            "Reload to see their change."
        )


def save(instance, by, *, bump: bool = False) -> None:
    if bump:
        instance.version += 1
    history.attribute(instance, by)
    try:
        instance.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc
    instance.save()


def move(instance, table: dict, to: str, what: str, *, attribute: str = "status") -> None:
    """Change a status along the model's one transition table, or refuse."""
    current = getattr(instance, attribute)
    if to not in table[current]:
        label = getattr(instance, f"get_{attribute}_display")().lower()
        raise DomainError(f"This {what} is {label}; it cannot be changed so")
    setattr(instance, attribute, to)
