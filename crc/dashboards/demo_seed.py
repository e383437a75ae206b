"""Demo data for quality audits: one audit drawn by the first quality and performance
manager, with its first cases answered, so the ratings table has something to show.
Idempotent (looked up by title) and deterministic for a given --seed; skipped when no
case is 6 to 7 months into supervision."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from crc.access.pages import Page, may_use
from crc.dashboards import rules, services
from crc.dashboards.models import KeyQuestion, QualityAudit
from crc.domain import DomainError
from crc.organisation.demo import DemoContext

TITLE = "Demo audit: cases 6 to 7 months into supervision"
ANSWERED = 5
# Roughly the report's picture: most answers yes, risk of harm weaker.
YES_SHARE = {"default": 0.8, "risk": 0.55}


def seed_quality_audit(ctx: DemoContext) -> None:
    if QualityAudit.objects.filter(title=TITLE).exists():
        return
    auditor = next(
        (
            person
            for person in get_user_model().objects.filter(is_active=True).order_by("pk")
            if may_use(person, Page.QUALITY_AUDITS)
        ),
        None,
    )
    if auditor is None:
        return
    try:
        audit = services.audit_draw_sample(
            by=auditor, title=TITLE, today=timezone.localdate(), seed=ctx.rng.randrange(2**32)
        )
    except DomainError as error:
        ctx.log(f"quality audit: skipped ({error.message})")
        return
    questions = list(KeyQuestion.objects.order_by("position"))
    for sample in audit.samples.order_by("pk")[:ANSWERED]:
        answers = {}
        for question in questions:
            risk = rules.is_risk_of_harm_question(question.code)
            if question.allows_not_applicable and ctx.rng.random() < 0.2:
                answer = rules.Answer.NOT_APPLICABLE
            else:
                share = YES_SHARE["risk" if risk else "default"]
                answer = rules.Answer.YES if ctx.rng.random() < share else rules.Answer.NO
            answers[question.code] = (answer.value, "")
        services.audit_case_record(sample=sample, answers=answers, by=auditor, version=None)
    ctx.log(f"quality audit: {audit.sample_size} of {audit.population} cases drawn")
