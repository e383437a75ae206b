"""Errors every service raises and every surface translates the same way.

Views turn a DomainError into a form error; the API turns it into 409 Conflict.
"""


class DomainError(Exception):
    """A refused state change: the request was well formed but not allowed now."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleVersionError(DomainError):
    """Someone else saved a newer version first; nothing was overwritten.

    `current` is what is saved now (field name to value) and `version` its token, when
    the refusal came from crc.stale: the form shows the one and carries the other."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        current: dict | None = None,
        version: str | None = None,
    ):
        super().__init__(message, field=field)
        self.current = current or {}
        self.version = version
