"""Notifications to a provider are scoped to their referral: a new referral tells the
provider's active caseworkers (no one at another provider), later events only the
assigned caseworker; no case text travels, and the caseworker reads it in their inbox."""

import pytest
from django.test import Client
from django.urls import reverse

from crc.notifications.models import OutboxMessage
from crc.notifications.services import outbox_deliver
from tests.conftest import sign_in
from tests.factories.interventions import provider_caseworker

pytestmark = pytest.mark.django_db


def provider_messages():
    return OutboxMessage.objects.filter(dedupe_key__startswith="intervention-provider:")


def test_a_new_referral_tells_the_providers_caseworkers_only_without_case_text(walk):
    teammate = provider_caseworker(walk.service.provider, username="teammate")
    provider_caseworker(username="elsewhere")
    provider_caseworker(walk.service.provider, username="gone", is_active=False)
    referral = walk.sent()
    (message,) = provider_messages()
    assert message.payload["recipient_ids"] == sorted([walk.caseworker.pk, teammate.pk])
    text = message.payload["subject"] + message.payload["body"]
    assert walk.case.crn not in text and walk.case.last_name not in text
    assert message.payload["url"] == reverse("interventions:provider_referral", args=[referral.pk])


def test_an_approved_plan_and_a_withdrawal_tell_the_assigned_caseworker_once(walk, officer):
    provider_caseworker(walk.service.provider, username="teammate")
    referral = walk.approved()
    from interventions import services

    services.referral_withdraw(referral=referral, by=officer, reason="Recalled")
    later = provider_messages().exclude(dedupe_key__endswith=f"sent:{referral.pk}")
    assert later.count() == 2
    for message in later:
        assert message.payload["recipient_ids"] == [walk.caseworker.pk]


def test_the_caseworker_reads_it_in_their_inbox(walk):
    walk.sent()
    outbox_deliver(message_id=provider_messages().get().pk)
    client = Client()
    sign_in(client, walk.caseworker)
    inbox = client.get(reverse("notifications:inbox"))
    assert inbox.status_code == 200
    assert "New referral to Alcohol Toolkit" in inbox.content.decode()
