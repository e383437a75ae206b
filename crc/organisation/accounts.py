"""Account services: an administrator's one-time password link."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from crc.organisation.models import SecurityEvent, Staff
from crc.organisation.security import security_event_record


def password_link_url(*, staff: Staff, request: HttpRequest | None = None) -> str:
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(staff.pk)),
            "token": default_token_generator.make_token(staff),
        },
    )
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


@transaction.atomic
def password_link_send(*, staff: Staff, actor: Staff, request: HttpRequest | None = None) -> None:
    """End the old password (and so every session) and e-mail the person a link that
    works once, for PASSWORD_RESET_TIMEOUT, to choose a new one. Only the person sees
    the link: whoever sends it cannot use it to sign in as them."""
    staff.set_unusable_password()
    staff.save(update_fields=["password"])
    # Made after the password changed: Django's tokens cover the password hash, so the
    # link stops working once it has been used.
    url = password_link_url(staff=staff, request=request)
    security_event_record(
        kind=SecurityEvent.Kind.PASSWORD_LINK_SENT,
        staff=staff,
        actor=actor,
        request=request,
        detail=f"Sent by {actor.get_username()} to {staff.email}",
    )
    body = (
        f"Hello {staff.get_full_name() or staff.get_username()},\n\n"
        f"An administrator of {settings.SERVICE_NAME} has reset your password. "
        "Choose a new one here (the link works once, within 3 days):\n\n"
        f"{url}\n\n"
        "If you did not expect this, contact the service centre.\n"
    )
    transaction.on_commit(
        lambda: send_mail(
            f"{settings.SERVICE_NAME}: set your password",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [staff.email],
        )
    )
