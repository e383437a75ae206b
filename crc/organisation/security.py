"""The account security record (SecurityEvent) and the lockout log.

Every lockout is written twice: a WARNING line for the operators' log pipeline and a
SecurityEvent row administrators read in the admin.
"""

import logging

from django.http import HttpRequest

from crc.organisation.client_ip import client_ip
from crc.organisation.models import SecurityEvent, Staff

logger = logging.getLogger("crc.security")


def security_event_record(
    *,
    kind: str,
    staff: Staff | None = None,
    actor: Staff | None = None,
    username: str = "",
    request: HttpRequest | None = None,
    detail: str = "",
) -> SecurityEvent:
    return SecurityEvent.objects.create(
        kind=kind,
        staff=staff,
        actor=actor,
        username=username or (staff.get_username() if staff else ""),
        ip_address=client_ip(request) if request is not None else None,
        detail=detail[:300],
    )


def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """django-axes's user_locked_out signal: a lockout, or an attempt during one."""
    logger.warning("Sign-in locked out: username=%r ip=%s", username, ip_address)
    staff = Staff.objects.filter(username=username).first() if username else None
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOCKOUT,
        staff=staff,
        username=(username or "")[:150],
        ip_address=ip_address or None,
        detail="Too many failed sign-ins for this username",
    )
