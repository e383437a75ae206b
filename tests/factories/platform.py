"""The cross-cutting apps: notifications and the outbox, partner API clients and
idempotency records, and the access log."""

import hashlib

import factory
from django.utils import timezone
from oauth2_provider.models import get_application_model

from crc.access.models import AccessKind, AccessLog
from crc.api.models import IdempotencyRecord, PartnerApplication
from crc.notifications.models import Notification, OutboxMessage
from tests.factories.organisation import PartnerOrganisationFactory, StaffFactory

CLIENT_SECRET = "a-partner-client-secret-for-tests"


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """An undelivered message of a kind no handler is registered for: tests that deliver
    register their own handler or pass a registered kind."""

    class Meta:
        model = OutboxMessage

    kind = "test.noop"
    payload = factory.Dict({"note": "from a test"})
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")

    class Params:
        delivered = factory.Trait(delivered_at=factory.LazyFunction(timezone.now))


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(StaffFactory)
    subject = "A case needs your attention"
    body = "Open the case to see what changed."
    url = "/cases/"
    category = "case"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An OAuth client as partner_application_create makes it: confidential, client
    credentials only, secret hashed (the plain secret is CLIENT_SECRET)."""

    class Meta:
        model = get_application_model()

    name = factory.Sequence(lambda n: f"Partner client {n}")
    client_type = "confidential"
    authorization_grant_type = "client-credentials"
    redirect_uris = ""
    client_secret = CLIENT_SECRET
    hash_client_secret = True
    skip_authorization = True


class PartnerApplicationFactory(factory.django.DjangoModelFactory):
    """A partner organisation's API client. Tests that need tokens use the `Partner`
    helpers in tests/api/conftest.py, which go through the service."""

    class Meta:
        model = PartnerApplication

    partner_organisation = factory.SubFactory(PartnerOrganisationFactory)
    application = factory.SubFactory(
        ApplicationFactory,
        name=factory.LazyAttribute(lambda o: f"{o.factory_parent.partner_organisation.name} (API)"),
    )


class IdempotencyRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdempotencyRecord

    application = factory.SubFactory(ApplicationFactory)
    key = factory.Faker("uuid4")
    method = "POST"
    path = "/api/v1/significant-changes/"
    fingerprint = factory.LazyAttribute(lambda o: hashlib.sha256(o.key.encode()).hexdigest())


class AccessLogFactory(factory.django.DjangoModelFactory):
    """A staff member's view of a case page (rows are append-only: build, never edit).
    Pass `case=` to log a view of that case."""

    class Meta:
        model = AccessLog
        exclude = ("case",)

    case = None
    kind = AccessKind.VIEW
    staff = factory.SubFactory(StaffFactory)
    username = factory.SelfAttribute("staff.username")
    case_id = factory.LazyAttribute(lambda o: o.case.pk if o.case else None)
    case_crn = factory.LazyAttribute(lambda o: o.case.crn if o.case else "")
    page = "cases:detail"
    method = "GET"
    relationship = "responsible_officer"
