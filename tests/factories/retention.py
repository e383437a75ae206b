"""Retention periods (seeded by migration: fetched and updated, never a second) and holds."""

import factory

from crc.retention.models import RetentionHold, RetentionPeriod
from tests.factories.organisation import StaffFactory


class RetentionPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionPeriod
        django_get_or_create = ("record_type",)

    record_type = "case"
    years = 7
    counted_from = "the end of the person's last order"


class RetentionHoldFactory(factory.django.DjangoModelFactory):
    """Keep a case (A123456 first, then A123457 ...) past its period."""

    class Meta:
        model = RetentionHold

    record_type = "case"
    key = factory.Sequence(lambda n: f"A{123456 + n:06d}")  # one hold per record
    reason = "Complaint under investigation"
    placed_by = factory.SubFactory(StaffFactory)
