"""Stale-save protection for every form that edits an existing record (ADR 0008).

A record's *state* is a mapping of the values a form edits (field name to value, as a
service reads them from the row it has locked). Its *version token* is a short hash of
that state. A form carries the token it was opened at in a hidden field; the service,
inside its transaction and after `select_for_update`, works out the token of what is
saved now and refuses the save when the two differ. Nothing is written, and the error
carries the current state so the page can show what differs.

A hash of the values rather than a version column: it works for every model without a
migration, for several rows at once (needs, access lists, a case's contact levels), and
a save that changes nothing the form shows does not make another form stale.
"""

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.db import models

from crc.domain import StaleVersionError

STALE_MESSAGE = (
    "Someone else saved a change to this {what} while you were editing it, so your change "
    "was not saved. What is saved now is shown below; your answers are kept in the form. "
    "Check theirs, change yours if you need to and save again."
)


def plain(value: Any) -> Any:
    """The value as JSON can hold it, the same however it was read: rows by primary key,
    dates and decimals as text, collections in a stable order."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date | dt.datetime | dt.time | decimal.Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((plain(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def version_token(state: Mapping[str, Any]) -> str:
    text = json.dumps(plain(state), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def version_check(version: str | None, state: Mapping[str, Any], *, what: str) -> None:
    """Refuse the save when `version` is not the token of `state`.

    Call it inside the service's transaction, on the state of rows it has locked.
    `version=None` is a caller that read nothing first (a job, the API, a seed): there is
    no earlier reading to be stale against, so nothing is checked.
    """
    if version is None:
        return
    current = version_token(state)
    if version != current:
        raise StaleVersionError(
            STALE_MESSAGE.format(what=what), current=dict(state), version=current
        )
