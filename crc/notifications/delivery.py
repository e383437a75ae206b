"""The registry of outbox handlers: what delivering a message of each kind means.

crc never imports the domain apps; they register their kinds (partner webhooks, task
creation, ...) from AppConfig.ready():

    from crc.notifications.delivery import register_handler
    register_handler("partner_webhook", services.partner_webhook_deliver)

A handler is called as ``handler(message=message)`` inside the delivery transaction,
with the message row locked. It must be idempotent: Celery delivers at least once, so
a handler may see the same message again after a crash or a lost acknowledgement.
Raise to have the attempt recorded and retried.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from crc.notifications.models import OutboxMessage


class Handler(Protocol):
    def __call__(self, *, message: "OutboxMessage") -> None: ...


class UnknownKindError(LookupError):
    """No handler is registered for an outbox message's kind."""


_handlers: dict[str, Callable[..., None]] = {}


def register_handler(kind: str, func: Handler) -> None:
    existing = _handlers.get(kind)
    if existing is not None and existing is not func:
        # Two apps claiming one kind would silently swap behaviour; refuse at start-up.
        raise ImproperlyConfigured(f"Outbox kind {kind!r} already has a handler: {existing!r}")
    _handlers[kind] = func


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise UnknownKindError(f"No outbox handler is registered for {kind!r}") from None


def is_registered(kind: str) -> bool:
    return kind in _handlers


def registered_kinds() -> list[str]:
    return sorted(_handlers)
