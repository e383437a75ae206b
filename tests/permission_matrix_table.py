"""The designed answer for every URL pattern, for every persona (issue 9).

tests/test_permission_matrix.py walks the URL conf and asks each person for each
pattern (GET, with the officer's case, a restricted case and a case out of scope in
`<crn>`); a pattern with no row here fails that test, naming the pattern.

Answers: OK 200, NF 404, LOGIN a redirect to sign in, REASON a redirect to say why
(administrators before a case opens), NA 405 (the URL takes POST only), UNAUTH 401
(API without a token).
"""

OK, NF, LOGIN, REASON, NA, UNAUTH, FORBIDDEN = 200, 404, "login", "reason", 405, 401, 403

STAFF = [
    "officer",
    "colleague",
    "pso",
    "spo",
    "outsider",
    "area_manager",
    "qpm",
    "service_centre",
    "administrator",
    "excluded",
    "outsider_spo",
    "outsider_area_manager",
    "uw_coordinator",
    "uw_supervisor",
    "resettlement_worker",
    "provider_caseworker",
]
PEOPLE = ["anonymous", *STAFF]
CASES = ["case", "restricted_case", "out_of_scope_case"]
PARTNER_TYPES = [
    "police",
    "childrens_social_care",
    "prison",
    "resettlement_provider",
    "unpaid_work_host",
    "intervention_provider",
    "nps",
]

# --- Case pages: who may do what on which case (written out, not derived) ---------------

READERS = {
    "case": {
        "officer",
        "colleague",
        "pso",
        "spo",
        "area_manager",
        "qpm",
        "service_centre",
        "administrator",
    },
    "restricted_case": {"colleague"},
    "out_of_scope_case": {"outsider", "area_manager", "qpm", "service_centre", "administrator"},
}
CASE_WORK = {
    "case": {"officer", "spo"},
    "restricted_case": {"colleague"},
    "out_of_scope_case": {"outsider"},
}
ACTORS = {
    "read": READERS,
    "case_work": CASE_WORK,
    "edit_person": {
        "case": {"officer", "service_centre", "administrator"},
        "restricted_case": {"colleague"},
        "out_of_scope_case": {"outsider", "service_centre", "administrator"},
    },
    "line_management": {"case": {"spo"}, "restricted_case": set(), "out_of_scope_case": set()},
    "allocate": {
        "case": {"spo", "administrator"},
        "restricted_case": set(),
        "out_of_scope_case": {"administrator"},
    },
    "progress_escalation": {
        "case": {"spo", "service_centre"},
        "restricted_case": set(),
        "out_of_scope_case": {"service_centre"},
    },
}


def case_row(
    actors: str, *, object_on_case: bool = False, post_only: bool = False, allowed_answer=OK
) -> dict:
    """A page of one case. `actors` names a row of ACTORS; `allowed_answer` is what the
    people it admits get (OK unless the case's state makes it something else, per case
    when a dict)."""
    return {
        "kind": "case",
        "actors": actors,
        "object": object_on_case,
        "post_only": post_only,
        "allowed": allowed_answer,
    }


def page_row(answers: dict[str, object], default=NF) -> dict:
    """A page that is not one case's: `answers` for the people it opens for."""
    return {"kind": "page", "answers": answers, "default": default}


def everyone(answer, *, anonymous=LOGIN) -> dict:
    return page_row({"anonymous": anonymous, **{p: answer for p in STAFF}})


def only(people, answer=OK) -> dict:
    return page_row({"anonymous": LOGIN, **{p: answer for p in people}})


CASE_HOLDERS = ["officer", "colleague", "pso", "spo", "outsider", "excluded", "outsider_spo"]
CASE_ROLES = [
    *CASE_HOLDERS,
    "area_manager",
    "outsider_area_manager",
    "qpm",
    "service_centre",
    "administrator",
]

ROUTES: dict[str, dict] = {
    # The shell
    "": everyone(OK),
    # Signed in already: sign-in sends you on.
    "login/": everyone("redirect", anonymous=OK),
    "logout/": everyone(NA, anonymous=NA),
    # Verified sessions have nothing to do here; anonymous callers are sent to sign in.
    "login/two-factor/": everyone("redirect", anonymous="redirect"),
    "login/two-factor/set-up/": everyone("redirect", anonymous="redirect"),
    "login/two-factor/backup-codes/": everyone("redirect", anonymous="redirect"),
    "account/password/": everyone(OK),
    "account/reset/<uidb64>/<token>/": everyone(OK, anonymous=OK),
    "accessibility/": everyone(OK, anonymous=OK),
    "session/keep-alive/": everyone(204),
    "healthz": everyone(OK, anonymous=OK),
    "healthz/floor": everyone(OK, anonymous=OK),
    # Inbox: the notification is the officer's
    "notifications/": only([*CASE_ROLES, "resettlement_worker", "provider_caseworker"]),
    "notifications/<int:notification_id>/": page_row({"anonymous": LOGIN, "officer": OK}),
    # POST only: the method is refused before anything else is asked.
    "notifications/<int:notification_id>/read/": everyone(NA),
    "notifications/read-all/": everyone(NA),
    # Lists
    "cases/": only(CASE_HOLDERS),
    "cases/team/": only(["spo", "outsider_spo"]),
    "cases/search/": only(CASE_ROLES),
    "cases/new/": only(["service_centre", "administrator"]),
    "cases/my/appointments/": only(CASE_HOLDERS),
    "cases/my/tasks/": only(["service_centre", "administrator"]),
    "cases/my/tasks/<int:task_id>/done/": everyone(NA),
    "access-log/": only(["administrator"]),
    "access-log/export.csv": only(["administrator"]),
    # --- Unpaid work: the session in `<session_id>` has no supervisor, so only the
    # coordinator may run it; a supervisor sees only their own sessions.
    "unpaid-work/sessions/": only(["uw_coordinator", "uw_supervisor"]),
    "unpaid-work/sessions/<int:session_id>/": only(["uw_coordinator"]),
    "unpaid-work/sessions/<int:session_id>/stand-down/": everyone(NA),
    "unpaid-work/projects/": only(["uw_coordinator"]),
    "unpaid-work/projects/<int:project_id>/": only(["uw_coordinator"]),
    "unpaid-work/cases/<str:crn>/": case_row("read"),
    # The placement coordinator's pages; the writes take POST only.
    "unpaid-work/orders/": only(["uw_coordinator"]),
    "unpaid-work/orders/<int:uw_order_id>/": only(["uw_coordinator"]),
    "unpaid-work/orders/<int:uw_order_id>/induction/book/": everyone(NA),
    "unpaid-work/orders/<int:uw_order_id>/induction/record/": everyone(NA),
    "unpaid-work/orders/<int:uw_order_id>/allocate/": everyone(NA),
    "unpaid-work/orders/<int:uw_order_id>/schedule/": everyone(NA),
    "unpaid-work/nominations/": only(["uw_coordinator"]),
    "unpaid-work/nominations/<int:nomination_id>/": only(["uw_coordinator"]),
    # The public's nomination form: anyone, signed in or not.
    "unpaid-work/nominate/": everyone(OK, anonymous=OK),
    "unpaid-work/nominate/thanks/": everyone(OK, anonymous=OK),
    # One case's pages
    "cases/<str:crn>/": case_row("read"),
    "cases/<str:crn>/risk/": case_row("read"),
    "cases/<str:crn>/sentence/": case_row("read"),
    "cases/<str:crn>/history/": case_row("read"),
    "cases/<str:crn>/assessment/": case_row("read"),
    "cases/<str:crn>/contacts/": case_row("read"),
    "cases/<str:crn>/reviews/": case_row("read"),
    "cases/<str:crn>/timeline/": case_row("read"),
    "cases/<str:crn>/reason/": {"kind": "reason"},
    "cases/<str:crn>/edit/": case_row("edit_person"),
    "cases/<str:crn>/orders/new/": case_row("edit_person"),
    "cases/<str:crn>/orders/<int:order_id>/requirements/new/": case_row(
        "edit_person", object_on_case=True
    ),
    "cases/<str:crn>/allocate/": case_row("allocate"),
    "cases/<str:crn>/access/": case_row("allocate"),
    "cases/<str:crn>/risk/edit/": case_row("case_work"),
    "cases/<str:crn>/registrations/new/": case_row("case_work"),
    "cases/<str:crn>/registrations/<int:registration_id>/review/": case_row(
        "case_work", object_on_case=True
    ),
    "cases/<str:crn>/registrations/<int:registration_id>/end/": case_row(
        "case_work", object_on_case=True
    ),
    "cases/<str:crn>/needs/": case_row("case_work"),
    "cases/<str:crn>/contact-level/": case_row("case_work"),
    "cases/<str:crn>/contact-level/grid/": case_row("case_work", post_only=True),
    "cases/<str:crn>/contact-level/<int:decision_id>/decide/": case_row(
        "line_management", object_on_case=True, post_only=True
    ),
    "cases/<str:crn>/escalations/new/": case_row("case_work"),
    "cases/<str:crn>/escalations/<int:escalation_id>/progress/": case_row(
        "progress_escalation", object_on_case=True
    ),
    "cases/<str:crn>/assessment/edit/": case_row("case_work"),
    # Nothing to complete: no assessment in progress on these cases.
    "cases/<str:crn>/assessment/complete/": case_row("case_work", allowed_answer=NF),
    "cases/<str:crn>/assessment/bring-in-answers/": case_row("case_work"),
    "cases/<str:crn>/information-requests/new/": case_row("case_work"),
    "cases/<str:crn>/information-requests/<int:request_id>/answer/": case_row(
        "case_work", object_on_case=True
    ),
    "cases/<str:crn>/information-requests/<int:request_id>/withdraw/": case_row(
        "case_work", object_on_case=True
    ),
    "cases/<str:crn>/plan/edit/": case_row("case_work"),
    "cases/<str:crn>/plan/objectives/new/": case_row("case_work"),
    # With no objective yet, adding an action sends you to add an objective first.
    "cases/<str:crn>/plan/actions/new/": case_row(
        "case_work", allowed_answer={"restricted_case": "redirect", "out_of_scope_case": "redirect"}
    ),
    "cases/<str:crn>/plan/actions/<int:action_id>/done/": case_row(
        "case_work", object_on_case=True, post_only=True
    ),
    "cases/<str:crn>/contacts/new/": case_row("case_work"),
    # The contact is not an absence awaiting a decision: nothing to decide.
    "cases/<str:crn>/contacts/<int:contact_id>/absence/": case_row(
        "case_work", object_on_case=True, allowed_answer=NF
    ),
    "cases/<str:crn>/contacts/<int:contact_id>/enforcement/": case_row(
        "case_work", object_on_case=True
    ),
    "cases/<str:crn>/appointments/new/": case_row("case_work"),
    "cases/<str:crn>/significant-changes/new/": case_row("case_work"),
    "cases/<str:crn>/reviews/<int:review_id>/complete/": case_row("case_work", object_on_case=True),
    "cases/<str:crn>/oversight/new/": case_row("line_management"),
    # Nothing waits for a countersignature on the officer's case.
    "cases/<str:crn>/oversight/countersign/": case_row("line_management", allowed_answer=NF),
    # Interventions (issue 12): the provider caseworker's pages. The persona belongs to no
    # provider, so their lists are empty and the officer's referral is not theirs.
    "interventions/provider/": only(["provider_caseworker"]),
    "interventions/provider/referrals/<int:referral_id>/": page_row({"anonymous": LOGIN}),
    "interventions/provider/referrals/<int:referral_id>/assign/": everyone(NA),
    "interventions/provider/referrals/<int:referral_id>/appointment/": page_row(
        {"anonymous": LOGIN}
    ),
    "interventions/provider/referrals/<int:referral_id>/action-plan/": page_row(
        {"anonymous": LOGIN}
    ),
    "interventions/provider/referrals/<int:referral_id>/sessions/new/": page_row(
        {"anonymous": LOGIN}
    ),
    # The officer's interventions pages, through the case: reading is reading the case;
    # referring, approving a plan and withdrawing are case work (the plan's actors).
    "interventions/cases/<str:crn>/": case_row("read"),
    "interventions/cases/<str:crn>/directory/": case_row("read"),
    "interventions/cases/<str:crn>/refer/<int:service_id>/": case_row("case_work"),
    "interventions/cases/<str:crn>/referrals/<int:referral_id>/": case_row(
        "read", object_on_case=True
    ),
    "interventions/cases/<str:crn>/referrals/<int:referral_id>/approve-plan/": case_row(
        "case_work", object_on_case=True, post_only=True
    ),
    "interventions/cases/<str:crn>/referrals/<int:referral_id>/withdraw/": case_row(
        "case_work", object_on_case=True
    ),
    # --- Through the Gate (issue 11) ---
    "resettlement/caseload/": only(["resettlement_worker"]),
    "resettlement/in-custody/": only(CASE_HOLDERS),
    # None of the matrix's cases is in custody: nothing to show or record.
    "resettlement/cases/<str:crn>/": case_row("read", allowed_answer=NF),
    "resettlement/cases/<str:crn>/pre-release-contact/": case_row("case_work", allowed_answer=NF),
    "resettlement/cases/<str:crn>/screening/risk-of-harm/": case_row(
        "case_work", allowed_answer=NF
    ),
    "resettlement/cases/<str:crn>/screening/complete/": case_row("case_work", post_only=True),
    "resettlement/cases/<str:crn>/screening/<str:pathway>/": case_row(
        "case_work", allowed_answer=NF
    ),
    "resettlement/cases/<str:crn>/plan/": case_row("case_work", allowed_answer=NF),
    "resettlement/cases/<str:crn>/plan/actions/new/": case_row("case_work", allowed_answer=NF),
    "resettlement/cases/<str:crn>/plan/complete/": case_row("case_work", post_only=True),
    "resettlement/cases/<str:crn>/plan/actions/<int:action_id>/": case_row(
        "case_work", allowed_answer=NF
    ),
    "resettlement/cases/<str:crn>/checklist/": case_row("case_work", allowed_answer=NF),
    "resettlement/cases/<str:crn>/first-appointment/": case_row("case_work", allowed_answer=NF),
    "resettlement/cases/<str:crn>/handover/": case_row("case_work", allowed_answer=NF),
    # --- Dashboards (issue 13) ---
    "dashboards/": only(
        ["spo", "outsider_spo", "area_manager", "outsider_area_manager", "qpm", "administrator"]
    ),
    # With no figure named there are no cases to list.
    "dashboards/cases/": everyone(NF),
    # With no table named there is nothing to export.
    "dashboards/export.csv": everyone(NF),
    # Quality audits: the quality and performance manager only (a sample of the officer's case).
    "dashboards/audits/": only(["qpm"]),
    "dashboards/audits/<int:audit_id>/": only(["qpm"]),
    "dashboards/audits/<int:audit_id>/cases/<int:sample_id>/": only(["qpm"]),
    "dashboards/audits/<int:audit_id>/ratings/": only(["qpm"]),
    "dashboards/audits/<int:audit_id>/ratings/<str:standard>/override/": only(["qpm"]),
    "dashboards/audits/<int:audit_id>/complete/": everyone(NA),
    # The partner API and its schema (partners: see API_ROUTES)
    "api/v1/information-requests/": {"kind": "api"},
    "api/v1/information-requests/<int:pk>/": {"kind": "api"},
    "api/v1/information-requests/<int:pk>/answer/": {"kind": "api"},
    "api/v1/events/": {"kind": "api"},
    "api/v1/resettlement/plans/": {"kind": "api"},
    "api/v1/resettlement/plans/<int:pk>/": {"kind": "api"},
    "api/v1/resettlement/plan-actions/<int:pk>/status/": {"kind": "api"},
    "api/v1/resettlement/receptions/": {"kind": "api"},
    "api/v1/resettlement/release-date-changes/": {"kind": "api"},
    "api/v1/interventions/referrals/": {"kind": "api"},
    "api/v1/interventions/referrals/<int:pk>/": {"kind": "api"},
    "api/v1/interventions/referrals/<int:pk>/assign/": {"kind": "api"},
    "api/v1/interventions/referrals/<int:pk>/appointments/": {"kind": "api"},
    "api/v1/interventions/referrals/<int:pk>/action-plan/": {"kind": "api"},
    "api/v1/interventions/referrals/<int:pk>/sessions/": {"kind": "api"},
    "api/v1/interventions/referrals/<int:pk>/end-of-service-report/": {"kind": "api"},
    "api/v1/^.*$": {"kind": "api"},
    "api/v1/unpaid-work/sessions/": {"kind": "api"},
    "api/v1/unpaid-work/sessions/<int:pk>/": {"kind": "api"},
    "api/v1/unpaid-work/attendances/<int:pk>/outcome/": {"kind": "api"},
    "api/v1/unpaid-work/^.*$": {"kind": "api"},
    "api/schema/": {"kind": "api"},
    "api/docs/": {"kind": "api"},
    # OAuth: client credentials by POST only
    "o/token/": {"kind": "api"},
    "o/revoke_token/": {"kind": "api"},
}

# What a signed-in member of staff (session, no token), a caller with no credentials at
# all, and each partner type (with a token of its type's scopes) get from each API URL.
_NO_ENDPOINTS = dict.fromkeys(PARTNER_TYPES, NF)
API_ROUTES: dict[str, dict[str, object]] = {
    "api/v1/information-requests/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "police": OK,
        "childrens_social_care": OK,
    },
    "api/v1/information-requests/<int:pk>/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "police": OK,
        "childrens_social_care": NF,
    },
    "api/v1/information-requests/<int:pk>/answer/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "police": NA,
        "childrens_social_care": NA,
    },
    # GET is no method of this endpoint's scopes: refused by the scope check.
    "api/v1/events/": {"staff": UNAUTH, "anonymous": UNAUTH, **_NO_ENDPOINTS, "police": FORBIDDEN},
    # Interventions (issue 12): the provider's referrals. `<pk>` is no referral of theirs.
    "api/v1/interventions/referrals/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "intervention_provider": OK,
    },
    "api/v1/interventions/referrals/<int:pk>/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
    },
    "api/v1/interventions/referrals/<int:pk>/assign/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "intervention_provider": NA,
    },
    "api/v1/interventions/referrals/<int:pk>/appointments/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "intervention_provider": NA,
    },
    "api/v1/interventions/referrals/<int:pk>/action-plan/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "intervention_provider": NA,
    },
    "api/v1/interventions/referrals/<int:pk>/sessions/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "intervention_provider": NA,
    },
    "api/v1/interventions/referrals/<int:pk>/end-of-service-report/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "intervention_provider": NA,
    },
    "api/v1/^.*$": {"staff": NF, "anonymous": NF, **_NO_ENDPOINTS},
    # --- Through the Gate (issue 11) ---
    "api/v1/resettlement/plans/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "resettlement_provider": OK,
    },
    # The matrix's provider has no custody cases: every plan id is not theirs.
    "api/v1/resettlement/plans/<int:pk>/": {"staff": UNAUTH, "anonymous": UNAUTH, **_NO_ENDPOINTS},
    # POST-only endpoints: a GET carries no scope of theirs, refused by the scope check.
    "api/v1/resettlement/plan-actions/<int:pk>/status/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "resettlement_provider": FORBIDDEN,
    },
    "api/v1/resettlement/receptions/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "prison": FORBIDDEN,
    },
    "api/v1/resettlement/release-date-changes/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "prison": FORBIDDEN,
    },
    # The placement host's endpoints (the `<pk>` is no session or attendance of its own).
    "api/v1/unpaid-work/sessions/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "unpaid_work_host": OK,
    },
    "api/v1/unpaid-work/sessions/<int:pk>/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
    },
    "api/v1/unpaid-work/attendances/<int:pk>/outcome/": {
        "staff": UNAUTH,
        "anonymous": UNAUTH,
        **_NO_ENDPOINTS,
        "unpaid_work_host": NA,
    },
    "api/v1/unpaid-work/^.*$": {"staff": NF, "anonymous": NF, **_NO_ENDPOINTS},
    "api/schema/": {"staff": OK, "anonymous": UNAUTH, **dict.fromkeys(PARTNER_TYPES, OK)},
    "api/docs/": {"staff": OK, "anonymous": LOGIN, **dict.fromkeys(PARTNER_TYPES, OK)},
    "o/token/": {"staff": NA, "anonymous": NA, **dict.fromkeys(PARTNER_TYPES, NA)},
    "o/revoke_token/": {"staff": NA, "anonymous": NA, **dict.fromkeys(PARTNER_TYPES, NA)},
}
