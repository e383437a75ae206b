"""What a provider's caseworkers are told (crc.access.interventions decides who): a new
referral to pick up, an approved plan, a withdrawal. Referral-scoped and carrying no case
text (no name, no CRN): the link opens the referral page, where the access policy and the
disclosure log apply. Through crc.notifications and the outbox, once per event."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from crc.access import interventions as access_interventions
from crc.notifications.services import notification_send


def provider_notify(*, referral, subject: str, body: str, event: str) -> None:
    people = access_interventions.notifiable_caseworkers(referral, get_user_model().objects.all())
    recipients = [p for p in people if access_interventions.may_notify_provider(p, referral)]
    notification_send(
        recipients=recipients,
        subject=subject,
        body=body,
        url=reverse("interventions:provider_referral", args=[referral.pk]),
        category="intervention_provider",
        dedupe_key=f"intervention-provider:{event}:{referral.pk}",
        case_crn="",
    )


def _what(referral) -> str:
    return f"{referral.service.name} referral {referral.pk}"


def referral_sent(referral) -> None:
    provider_notify(
        referral=referral,
        subject=f"New referral to {referral.service.name}",
        body=f"{_what(referral)} is waiting to be picked up.",
        event="sent",
    )


def plan_approved(referral, plan) -> None:
    provider_notify(
        referral=referral,
        subject=f"Action plan approved: {_what(referral)}",
        body=f"The probation officer approved the action plan for {_what(referral)}.",
        event=f"plan-approved-{plan.pk}-{plan.version}",
    )


def referral_withdrawn(referral) -> None:
    provider_notify(
        referral=referral,
        subject=f"Referral withdrawn: {_what(referral)}",
        body=f"The probation officer withdrew {_what(referral)}.",
        event="withdrawn",
    )
