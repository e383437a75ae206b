"""Every write for quality audits (DOMAIN.md §8).

Cases are reached through the case provider the case app registers (registry.py) and
the case model named by settings.CRC_CASE_MODEL; which cases an auditor may draw is
crc.access's answer (visible_cases). Whether a role may use the audit pages at all is a
page-level check in crc.access, made by the views (part 2), not here.
"""

import datetime as dt
import secrets
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from crc.access.policy import visible_cases
from crc.dashboards import rules
from crc.dashboards.models import (
    AuditAnswer,
    AuditSample,
    AuditStatus,
    KeyQuestion,
    QualityAudit,
    StandardOverride,
)
from crc.dashboards.registry import case_provider
from crc.domain import DomainError, StaleVersionError
from crc.history import attribute, save_as
from crc.stale import version_check


def _case_model():
    return apps.get_model(settings.CRC_CASE_MODEL)


@transaction.atomic
def audit_draw_sample(
    *,
    by,
    title: str,
    area=None,
    team=None,
    today: dt.date | None = None,
    seed: int | None = None,
) -> QualityAudit:
    """Draw an audit sample from the cases `by` may see (narrowed to an area or team),
    6–7 months into supervision: sized for 80% confidence and a 5% margin, and
    stratified by sex, disposal type and RoSH level in proportion to the population."""
    if not title.strip():
        raise DomainError("Give the audit a title", field="title")
    today = today or timezone.localdate()
    cases = visible_cases(by, _case_model().objects.all())
    if team is not None:
        cases = cases.filter(team=team)
    elif area is not None:
        cases = cases.filter(team__office__area=area)
    started_from, started_to = rules.eligibility_window(today)
    population = case_provider().audit_population(
        cases, started_from=started_from, started_to=started_to
    )
    if not population:
        raise DomainError("No case in this scope is 6 to 7 months into supervision")
    strata: dict[tuple, list[int]] = defaultdict(list)
    for row in population:
        strata[row.stratum].append(row.case_id)
    size = rules.sample_size(len(population))
    allocation = rules.stratified_allocation({k: len(v) for k, v in strata.items()}, size)
    seed = seed if seed is not None else secrets.randbits(48)
    drawn = set(rules.draw_stratified(strata, allocation, seed))

    audit = QualityAudit(
        title=title.strip(),
        created_by=by,
        area=area,
        team=team,
        supervision_from=started_from,
        supervision_to=started_to,
        population=len(population),
        sample_size=size,
        confidence=rules.CONFIDENCE,
        margin=rules.MARGIN,
        seed=seed,
    )
    save_as(audit, by)
    samples = [
        AuditSample(
            audit=audit,
            case_id=row.case_id,
            sex=row.sex,
            disposal_type=row.disposal_type or "",
            rosh_level=row.rosh_level or "",
            supervision_start=row.supervision_start,
            officer_id=row.officer_id,
        )
        for row in population
        if row.case_id in drawn
    ]
    bulk_create_with_history(samples, AuditSample, default_user=by)
    return audit


@transaction.atomic
def audit_answer(
    *,
    sample: AuditSample,
    question: KeyQuestion,
    answer: str,
    notes: str = "",
    by,
    expected_version: int | None,
) -> AuditAnswer:
    """Record or change an answer. `expected_version` is the version the auditor
    started from (None for a question they saw unanswered): if someone saved since,
    nothing is overwritten."""
    if answer not in {choice.value for choice in rules.Answer}:
        raise DomainError("Answer yes, no or not applicable", field="answer")
    if answer == rules.Answer.NOT_APPLICABLE and not question.allows_not_applicable:
        raise DomainError(
            f"{question.code} applies to every case: answer yes or no", field="answer"
        )
    audit = QualityAudit.objects.select_for_update().get(pk=sample.audit_id)
    if audit.status == AuditStatus.COMPLETE:
        raise DomainError("This audit is complete; its answers can no longer change")
    existing = (
        AuditAnswer.objects.select_for_update().filter(sample=sample, question=question).first()
    )
    current = existing.version if existing else None
    if current != expected_version:
        raise StaleVersionError(
            f"Someone else answered {question.code} for this case after you opened it. "
            "Their answer is shown; check it before saving again."
        )
    record = existing or AuditAnswer(sample=sample, question=question, version=0)
    record.answer = answer
    record.notes = notes.strip()
    record.answered_by = by
    record.answered_at = timezone.now()
    record.version += 1
    save_as(record, by)
    return record


def case_answers_state(sample: AuditSample) -> dict[str, list[str]]:
    """What the case's answer form edits: question code -> [answer, notes]."""
    return {
        code: [answer, notes]
        for code, answer, notes in AuditAnswer.objects.filter(sample=sample)
        .order_by("question__position")
        .values_list("question__code", "answer", "notes")
    }


@transaction.atomic
def audit_case_record(
    *, sample: AuditSample, answers: dict[str, tuple[str, str]], by, version: str | None
) -> int:
    """Record the auditor's answers for one case in one save: `answers` maps a key
    question's code to (answer, notes); a blank answer leaves the question as it is.
    `version` is the token of the answers the form was opened at (crc.stale): if anyone
    saved this case's answers since, nothing is written. Returns how many changed."""
    audit = QualityAudit.objects.select_for_update().get(pk=sample.audit_id)
    if audit.status == AuditStatus.COMPLETE:
        raise DomainError("This audit is complete; its answers can no longer change")
    existing = {
        a.question.code: a
        for a in AuditAnswer.objects.select_for_update(of=("self",))
        .filter(sample=sample)
        .select_related("question")
    }
    version_check(
        version,
        {code: [a.answer, a.notes] for code, a in existing.items()},
        what="case's audit answers",
    )
    questions = {q.code: q for q in KeyQuestion.objects.filter(code__in=answers)}
    valid = {choice.value for choice in rules.Answer}
    for code, (answer, _notes) in answers.items():
        if code not in questions:
            raise DomainError(f"No key question {code}")
        if answer and answer not in valid:
            raise DomainError("Answer yes, no or not applicable", field=code)
        if answer == rules.Answer.NOT_APPLICABLE and not questions[code].allows_not_applicable:
            raise DomainError(f"{code} applies to every case: answer yes or no", field=code)
    changed = 0
    now = timezone.now()
    for code, (answer, notes) in answers.items():
        record = existing.get(code)
        if not answer or (record and [record.answer, record.notes] == [answer, notes.strip()]):
            continue
        record = record or AuditAnswer(sample=sample, question=questions[code], version=0)
        record.answer = answer
        record.notes = notes.strip()
        record.answered_by = by
        record.answered_at = now
        record.version += 1
        save_as(record, by)
        changed += 1
    return changed


def override_state(audit: QualityAudit, standard: str) -> dict[str, str]:
    """What the override form edits for one standard."""
    override = StandardOverride.objects.filter(audit=audit, standard=standard).first()
    return {
        "rating": override.rating if override else "",
        "reason": override.reason if override else "",
    }


@transaction.atomic
def override_record(
    *,
    audit: QualityAudit,
    standard: str,
    rating: str,
    reason: str,
    by,
    version: str | None = None,
) -> StandardOverride:
    """A professional-discretion rating for a standard, with its reason; recording it
    again replaces it (history keeps the earlier one). `version`: the token of the
    override the form was opened at (crc.stale); a newer one is never overwritten."""
    if standard not in set(KeyQuestion.objects.values_list("standard", flat=True)):
        raise DomainError(f"No standard {standard}", field="standard")
    if rating not in {band.value for band in rules.Band}:
        raise DomainError("Choose a rating", field="rating")
    if not reason.strip():
        raise DomainError("Say why the rating differs from the computed one", field="reason")
    QualityAudit.objects.select_for_update().get(pk=audit.pk)
    override = (
        StandardOverride.objects.select_for_update().filter(audit=audit, standard=standard).first()
    )
    version_check(version, override_state(audit, standard), what="override")
    override = override or StandardOverride(audit=audit, standard=standard)
    override.rating = rating
    override.reason = reason.strip()
    override.recorded_by = by
    override.recorded_at = timezone.now()
    save_as(override, by)
    return override


@transaction.atomic
def override_remove(*, audit: QualityAudit, standard: str, by, version: str | None = None) -> None:
    """Go back to the computed rating (history keeps the override)."""
    QualityAudit.objects.select_for_update().get(pk=audit.pk)
    version_check(version, override_state(audit, standard), what="override")
    for override in StandardOverride.objects.filter(audit=audit, standard=standard):
        attribute(override, by)
        override.delete()


def findings_text(sample: AuditSample) -> str:
    """The audit's answers for one case as the officer and SPO read them."""
    lines = [f"Quality audit “{sample.audit.title}”: findings for this case."]
    for answer in sample.answers.select_related("question").order_by("question__position"):
        line = f"{answer.question.code} {answer.question.text} {answer.get_answer_display()}."
        if answer.notes:
            line += f" {answer.notes}"
        lines.append(line)
    return "\n".join(lines)


@transaction.atomic
def audit_findings_send(*, sample: AuditSample, by) -> bool:
    """Send one case's findings back as management oversight on the case (the officer
    and their SPO are told). Once per case: False when already sent or unanswered."""
    sample = (
        AuditSample.objects.select_for_update(of=("self",))
        .select_related("audit")
        .get(pk=sample.pk)
    )
    if sample.findings_sent_at is not None or not sample.answers.exists():
        return False
    case_provider().record_finding(case_id=sample.case_id, by=by, text=findings_text(sample))
    sample.findings_sent_at = timezone.now()
    save_as(sample, by, update_fields=["findings_sent_at"])
    return True


@transaction.atomic
def audit_complete(*, audit: QualityAudit, by) -> QualityAudit:
    """Close the audit and send every answered case's findings back."""
    audit = QualityAudit.objects.select_for_update().get(pk=audit.pk)
    if audit.status == AuditStatus.COMPLETE:
        raise DomainError("This audit is already complete")
    for sample in audit.samples.filter(findings_sent_at__isnull=True):
        audit_findings_send(sample=sample, by=by)
    audit.status = AuditStatus.COMPLETE
    save_as(audit, by, update_fields=["status"])
    return audit
