"""Idempotency-Key on every partner POST.

- no key: 400;
- first use: the request runs; its outcome (2xx or 4xx, with the body) is stored with a
  fingerprint of method, path and body;
- the same key and the same body again: the stored response, byte for byte the same
  data, with `Idempotent-Replayed: true`;
- the same key with another body (or on another endpoint): 422;
- the same key while the first request is still running: 409.

The in-flight row is committed on its own before the work starts, so a concurrent
second request sees it. A server error (5xx or an unexpected exception) deletes the row:
nothing was saved, so the partner may retry with the same key. A row left in flight by
a crashed process is taken over after IN_FLIGHT_TIMEOUT.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from crc.api.disclosure import Disclosed, disclosure_log
from crc.api.models import IdempotencyRecord, IdempotencyStatus

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
IN_FLIGHT_TIMEOUT = dt.timedelta(minutes=2)


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        "This Idempotency-Key was already used with a different request. "
        "Use a new key for a new request."
    )
    default_code = "idempotency_key_reused"


class IdempotencyKeyInFlight(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "A request with this Idempotency-Key is still being processed. Retry later."
    default_code = "idempotency_key_in_flight"


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method}\n{request.path}\n{body}".encode()).hexdigest()


def _key(request) -> str:
    key = (request.headers.get(HEADER) or "").strip()
    if not key:
        raise ValidationError({HEADER: ["This header is required on every POST."]})
    if len(key) > MAX_KEY_LENGTH:
        raise ValidationError({HEADER: [f"Use at most {MAX_KEY_LENGTH} characters."]})
    return key


def _claim(request, key: str, fingerprint: str) -> tuple[IdempotencyRecord, bool]:
    """The record for this key and whether this request now owns it."""
    application = request.partner.application
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                application=application,
                key=key,
                method=request.method,
                path=request.path[:500],
                fingerprint=fingerprint,
            )
        return record, True
    except IntegrityError:
        record = IdempotencyRecord.objects.get(application=application, key=key)
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    if record.status == IdempotencyStatus.IN_FLIGHT:
        stale_before = timezone.now() - IN_FLIGHT_TIMEOUT
        taken = IdempotencyRecord.objects.filter(
            pk=record.pk, status=IdempotencyStatus.IN_FLIGHT, created_at__lt=stale_before
        ).update(created_at=timezone.now())
        if not taken:
            raise IdempotencyKeyInFlight()
        return record, True
    return record, False


def idempotent(
    view, request, handler: Callable[[], tuple[Response, list[Disclosed]]], *, log_kind
) -> Response:
    """Run `handler` at most once per key. It returns the response and the cases it
    discloses; both the write and the disclosure log commit with the stored response."""
    key = _key(request)
    record, owner = _claim(request, key, _fingerprint(request))
    if not owner:
        disclosed = [Disclosed.from_json(d) for d in record.case_ids]
        disclosure_log(request=request, disclosed=disclosed, kind=log_kind)
        response = Response(record.response_body, status=record.response_status)
        response["Idempotent-Replayed"] = "true"
        return response
    try:
        with transaction.atomic():
            try:
                # Its own savepoint: a handler that fails part-way leaves nothing behind.
                with transaction.atomic():
                    response, disclosed = handler()
            except Exception as exc:
                # Client errors (400, 404, 409) are outcomes too: stored and replayed.
                response = view.handle_exception(exc)
                disclosed = []
                if response.status_code >= 500:
                    raise
            if response.status_code >= 500:
                raise RuntimeError("server error: not stored")
            disclosure_log(request=request, disclosed=disclosed, kind=log_kind)
            record.status = IdempotencyStatus.COMPLETE
            record.response_status = response.status_code
            record.response_body = response.data
            record.case_ids = [d.as_json() for d in disclosed]
            record.completed_at = timezone.now()
            record.save()
    except Exception:
        IdempotencyRecord.objects.filter(pk=record.pk).delete()
        raise
    return response
