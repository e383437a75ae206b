"""Workload policy and quality audits (crc.dashboards). The policy rows and the key
questions are seeded by a migration: their factories return the seeded row."""

import datetime as dt

import factory
from django.utils import timezone

from crc.dashboards.models import (
    AuditAnswer,
    AuditSample,
    KeyQuestion,
    QualityAudit,
    StandardOverride,
    WorkloadCapacity,
    WorkloadPoints,
)
from crc.organisation.models import Role
from tests.factories.organisation import StaffFactory
from tests.factories.record import CaseRecordFactory


class WorkloadPointsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkloadPoints
        django_get_or_create = ("tier",)

    tier = "C2"
    points = 100


class WorkloadCapacityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkloadCapacity
        django_get_or_create = ("role",)

    role = Role.PROBATION_OFFICER
    points = 5500


class KeyQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyQuestion
        django_get_or_create = ("code",)

    code = "2.1.1"
    standard = "2.1"
    standard_title = "Assessment"
    standard_text = "Assessment is well-informed"
    text = "Does assessment focus sufficiently on engaging the service user?"
    position = 1


class QualityAuditFactory(factory.django.DjangoModelFactory):
    """An audit of cases whose supervision began 6–7 months ago, by a QPM."""

    class Meta:
        model = QualityAudit

    title = factory.Sequence(lambda n: f"Quarterly audit {n}")
    created_by = factory.SubFactory(StaffFactory, role=Role.QUALITY_PERFORMANCE_MANAGER, team=None)
    supervision_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=213))
    supervision_to = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=183))
    population = 1
    sample_size = 1
    seed = 1


class AuditSampleFactory(CaseRecordFactory):
    class Meta:
        model = AuditSample

    audit = factory.SubFactory(QualityAuditFactory)
    sex = factory.SelfAttribute("case.sex")
    disposal_type = "co"
    rosh_level = "low"
    supervision_start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=200))
    officer = factory.SelfAttribute("case.responsible_officer")


class AuditAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditAnswer

    sample = factory.SubFactory(AuditSampleFactory)
    question = factory.SubFactory(KeyQuestionFactory)
    answer = "yes"
    answered_by = factory.SelfAttribute("sample.audit.created_by")
    answered_at = factory.LazyFunction(timezone.now)


class StandardOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardOverride

    audit = factory.SubFactory(QualityAuditFactory)
    standard = "2.4"
    rating = "requires_improvement"
    reason = "Wider evidence gathered about this aspect of practice."
    recorded_by = factory.SelfAttribute("audit.created_by")
    recorded_at = factory.LazyFunction(timezone.now)
