"""The quality-audit demo seeder: one audit with answered cases, once."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.dashboards.demo_seed import ANSWERED, seed_quality_audit
from crc.dashboards.models import AuditAnswer, QualityAudit
from tests.demo import quiet_demo_context
from tests.factories import CaseFactory, OrderFactory

pytestmark = pytest.mark.django_db


def test_the_demo_audit_is_drawn_and_partly_answered_once(qpm, team_a, officer):
    began = timezone.localdate() - dt.timedelta(days=200)
    for case in CaseFactory.create_batch(8, team=team_a, responsible_officer=officer):
        OrderFactory(case=case, start_date=began, sentence_date=began)
    context = quiet_demo_context(1)

    seed_quality_audit(context)
    seed_quality_audit(context)

    audit = QualityAudit.objects.get()
    answered = AuditAnswer.objects.filter(sample__audit=audit).values("sample").distinct()
    assert answered.count() == min(ANSWERED, audit.sample_size)
