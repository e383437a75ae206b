"""Quality audits (DOMAIN.md §8): the quality and performance manager draws a sample,
answers the Inspectorate's key questions per case and reads the Annex 2 table.

Thin views over crc.dashboards.services and selectors. Who may use these pages is
crc.access's answer (Page.QUALITY_AUDITS); which sampled case they may open is too
(visible_cases: a case restricted since the draw is 404). Opening a case's answers
writes an access-log row, as every view of a case does.
"""

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from crc.access.marks import page_view
from crc.access.pages import Page
from crc.access.policy import visible_cases
from crc.access.services import case_use_record
from crc.dashboards import rules, selectors, services
from crc.dashboards.forms import CaseAnswersForm, DrawSampleForm, OverrideForm
from crc.dashboards.models import AuditSample, AuditStatus, KeyQuestion, QualityAudit
from crc.dashboards.rules import BAND_LABELS
from crc.domain import DomainError, StaleVersionError
from crc.stale import version_token


def _case_model():
    return apps.get_model(settings.CRC_CASE_MODEL)


def _form_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@require_http_methods(["GET", "POST"])
@page_view(Page.QUALITY_AUDITS)
def audits(request: HttpRequest) -> HttpResponse:
    """The audits so far, and the form that draws a new sample."""
    form = DrawSampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.audit_draw_sample(
                by=request.user,
                title=form.cleaned_data["title"],
                area=form.cleaned_data["area"],
                team=form.cleaned_data["team"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                f"{audit.sample_size} of {audit.population} eligible cases drawn "
                f"for “{audit.title}”.",
            )
            return redirect("dashboards:audit", audit_id=audit.pk)
    rows = QualityAudit.objects.select_related("area", "team", "created_by").annotate(
        answered=Count("samples__answers__sample", distinct=True)
    )
    return render(
        request,
        "dashboards/audits/list.html",
        {
            "form": form,
            "audits": list(rows),
            "status": AuditStatus,
            "confidence": rules.CONFIDENCE,
            "margin": rules.MARGIN,
        },
        status=400 if form.errors else 200,
    )


def _audit(audit_id: int) -> QualityAudit:
    return get_object_or_404(QualityAudit.objects.select_related("area", "team"), pk=audit_id)


@require_http_methods(["GET"])
@page_view(Page.QUALITY_AUDITS)
def audit(request: HttpRequest, audit_id: int) -> HttpResponse:
    """The sample: each case by CRN, its stratum, and how far its answers have got."""
    record = _audit(audit_id)
    samples = list(
        record.samples.select_related("case", "officer").annotate(answered=Count("answers"))
    )
    openable = set(
        visible_cases(
            request.user, _case_model().objects.filter(pk__in=[s.case_id for s in samples])
        ).values_list("pk", flat=True)
    )
    return render(
        request,
        "dashboards/audits/audit.html",
        {
            "audit": record,
            "samples": samples,
            "openable": openable,
            "questions": KeyQuestion.objects.count(),
            "complete": record.status == AuditStatus.COMPLETE,
        },
    )


@require_http_methods(["GET", "POST"])
@page_view(Page.QUALITY_AUDITS)
def audit_case(request: HttpRequest, audit_id: int, sample_id: int) -> HttpResponse:
    """The key questions for one sampled case, answered in one form (stale-save)."""
    sample = get_object_or_404(
        AuditSample.objects.select_related("audit", "officer"), pk=sample_id, audit_id=audit_id
    )
    case = (
        visible_cases(request.user, _case_model().objects.filter(pk=sample.case_id))
        .select_related("responsible_officer", "team")
        .first()
    )
    if case is None:
        raise Http404("No case found")
    case_use_record(
        staff=request.user, case=case, page="dashboards:audit_case", method=request.method
    )
    questions = list(KeyQuestion.objects.order_by("position"))
    state = services.case_answers_state(sample)
    complete = sample.audit.status == AuditStatus.COMPLETE
    if request.method == "POST":
        form = CaseAnswersForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                services.audit_case_record(
                    sample=sample,
                    answers=form.answers(),
                    by=request.user,
                    version=form.version_sent(),
                )
            except StaleVersionError as error:
                form.show_stale(error.message, version_token(services.case_answers_state(sample)))
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, f"Answers for {case.crn} saved.")
                return redirect("dashboards:audit", audit_id=audit_id)
    else:
        initial = {}
        for question in questions:
            answer, notes = state.get(question.code, ["", ""])
            initial["q_" + question.code.replace(".", "_")] = answer
            initial["n_" + question.code.replace(".", "_")] = notes
        form = CaseAnswersForm(initial=initial, questions=questions, version=version_token(state))
    standards = []
    for question, answer_field, notes_field in form.rows():
        if not standards or standards[-1][0] != question.standard:
            standards.append((question.standard, question.standard_title, []))
        standards[-1][2].append((question, answer_field, notes_field))
    return render(
        request,
        "dashboards/audits/case.html",
        {
            "audit": sample.audit,
            "sample": sample,
            "case": case,
            "form": form,
            "standards": standards,
            "complete": complete,
            "saved": {code: answer for code, (answer, _n) in state.items()},
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
@page_view(Page.QUALITY_AUDITS)
def ratings(request: HttpRequest, audit_id: int) -> HttpResponse:
    """The report's Annex 2 table for this audit."""
    record = _audit(audit_id)
    return render(
        request,
        "dashboards/audits/ratings.html",
        {
            "audit": record,
            "results": selectors.audit_results(record),
            "band_labels": BAND_LABELS,
            "answered_cases": record.samples.filter(answers__isnull=False).distinct().count(),
        },
    )


def _standard_title(standard: str) -> str:
    question = KeyQuestion.objects.filter(standard=standard).order_by("position").first()
    if question is None:
        raise Http404("No such standard")
    return question.standard_title


@require_http_methods(["GET", "POST"])
@page_view(Page.QUALITY_AUDITS)
def override(request: HttpRequest, audit_id: int, standard: str) -> HttpResponse:
    """Record (or remove) a professional-discretion rating for one standard."""
    record = _audit(audit_id)
    title = _standard_title(standard)
    state = services.override_state(record, standard)
    ratings_url = reverse("dashboards:ratings", args=[record.pk])
    if request.method == "POST":
        form = OverrideForm(request.POST)
        removing = "remove" in request.POST
        if removing:
            # Only the version matters for removal: the rating and reason are not read.
            form.fields["rating"].required = False
            form.fields["reason"].required = False
        if form.is_valid():
            try:
                if removing:
                    services.override_remove(
                        audit=record,
                        standard=standard,
                        by=request.user,
                        version=form.version_sent(),
                    )
                else:
                    services.override_record(
                        audit=record,
                        standard=standard,
                        rating=form.cleaned_data["rating"],
                        reason=form.cleaned_data["reason"],
                        by=request.user,
                        version=form.version_sent(),
                    )
            except StaleVersionError as error:
                form.show_stale(
                    error.message, version_token(services.override_state(record, standard))
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                done = "removed" if removing else "recorded"
                messages.success(request, f"Override for {standard} {title} {done}.")
                return redirect(f"{ratings_url}#standard-{standard}")
    else:
        form = OverrideForm(
            initial={k: v for k, v in state.items() if v}, version=version_token(state)
        )
    computed = next((r for r in selectors.audit_results(record) if r.code == standard), None)
    return render(
        request,
        "dashboards/audits/override.html",
        {
            "audit": record,
            "standard": standard,
            "title": title,
            "form": form,
            "computed": computed.rating.computed if computed else None,
            "saved": state,
            "band_labels": BAND_LABELS,
            "ratings_url": ratings_url,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@page_view(Page.QUALITY_AUDITS)
def complete(request: HttpRequest, audit_id: int) -> HttpResponse:
    """Close the audit: each answered case's findings go back to its officer and SPO as
    management oversight."""
    record = _audit(audit_id)
    try:
        services.audit_complete(audit=record, by=request.user)
    except DomainError as error:
        messages.info(request, error.message)
    else:
        messages.success(
            request, "Audit complete. Each answered case's findings went to its officer and SPO."
        )
    return redirect("dashboards:audit", audit_id=record.pk)
