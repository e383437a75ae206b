"""Who made a change: every service saves through these so that the history row
(django-simple-history) names its author, in a request or outside one (Celery, the shell)."""

from typing import TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Model

M = TypeVar("M", bound=Model)


def attribute(instance, user) -> None:
    """Say who made the next save of `instance`. simple-history reads _history_user;
    without it, changes made outside a request (Celery, the shell) would be anonymous."""
    instance._history_user = user


def save_as(instance: M, by, *, update_fields: list[str] | None = None, clean: bool = False) -> M:
    """Save `instance` as `by`'s change (validated first when `clean`) and return it."""
    attribute(instance, by)
    if clean:
        instance.full_clean()
    instance.save(update_fields=update_fields)
    return instance


def save_new_version(row: M, by, *, update_fields: list[str] | None = None) -> M:
    """Save a row that carries a version (the stale-edit check) and an updated_by as `by`'s
    change: the version goes up by one, so a form opened on the old one is refused."""
    row.version += 1
    row.updated_by = by
    return save_as(row, by, update_fields=update_fields)


def save_new_once(instance: M, by, *, refused: Exception) -> M:
    """Save a new row as `by`'s change inside a savepoint: when a unique key refuses it
    (someone made the same row first), raise `refused`, the caller's transaction intact."""
    attribute(instance, by)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise refused from error
    return instance
