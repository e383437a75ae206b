"""The query budget of every page and API endpoint that lists rows (issue 14, item 2).

tests/scale/test_query_budgets.py seeds `n` rows in the viewer's scope, reads the page,
seeds `2n` more, reads it again, and asserts the two counts are equal and within the
ceiling. Every URL pattern is either budgeted here or named in NOT_LISTS with why; a
pattern in neither fails tests/scale/test_query_budgets.py, naming it. One line a page:

    Budget("unpaid-work/new-list/", "uw_coordinator", seeds.some_rows, ceiling=20),

`viewer` is an attribute of tests/scale/world.py's World (a persona, a satellite's
member of staff) or `partner:<type>` for the partner API. `<name>` parts of the route are
filled from the World too (`<str:crn>` is the officer's case). Ceilings are the count
measured when the budget was written (SQLite, November 2026) plus 3: raise one only with a
reason, in the commit that needs it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.scale import api_seeds, seeds


@dataclass(frozen=True)
class Budget:
    route: str
    viewer: str
    seed: Callable
    ceiling: int
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.route or '/'}{self.query} as {self.viewer}"


BUDGETS: list[Budget] = [
    # Home pages: each role's work list
    # Raised (budget2) when the satellites' figures joined the home pages and dashboards:
    # one aggregate per figure (unpaid work, Through the Gate, interventions), the same
    # for N rows as for 3N and on SQLite as on PostgreSQL.
    # Lowered (branch speed): an item's count and rows in one query, the custody
    # alerts in one, no dashboard figure the work list would not show: 27 -> 18, 44 -> 27.
    Budget("", "officer", seeds.officer_work, ceiling=21),
    Budget("", "spo", seeds.spo_work, ceiling=30),
    Budget("", "service_centre", seeds.service_centre_tasks, ceiling=12),
    Budget("", "uw_supervisor", seeds.no_work_list_yet(seeds.supervisor_sessions), ceiling=9),
    Budget("", "resettlement_worker", seeds.no_work_list_yet(seeds.prison_caseload), ceiling=9),
    Budget("", "provider_caseworker", seeds.no_work_list_yet(seeds.provider_referrals), ceiling=9),
    Budget("notifications/", "officer", seeds.notifications, ceiling=11),
    # Caseloads and searches
    Budget("cases/", "officer", seeds.my_cases, ceiling=13),
    Budget("cases/team/", "spo", seeds.team_cases, ceiling=19),
    Budget("cases/search/", "area_manager", seeds.search_hits, ceiling=10, query="?q=Budget"),
    Budget("cases/my/appointments/", "officer", seeds.outcomes_to_record, ceiling=11),
    Budget("cases/my/tasks/", "service_centre", seeds.service_centre_tasks, ceiling=11),
    # One case's tabs, each with every kind of row on the case
    Budget("cases/<str:crn>/", "officer", seeds.case_record, ceiling=17),
    Budget("cases/<str:crn>/risk/", "officer", seeds.case_record, ceiling=22),
    Budget("cases/<str:crn>/sentence/", "officer", seeds.case_record, ceiling=18),
    Budget("cases/<str:crn>/history/", "officer", seeds.case_record, ceiling=25),
    Budget("cases/<str:crn>/assessment/", "officer", seeds.case_record, ceiling=22),
    Budget("cases/<str:crn>/contacts/", "officer", seeds.case_record, ceiling=22),
    Budget("cases/<str:crn>/reviews/", "officer", seeds.case_record, ceiling=18),
    Budget("cases/<str:crn>/timeline/", "officer", seeds.case_timeline, ceiling=40),
    Budget("cases/<str:crn>/access/", "spo", seeds.access_list, ceiling=18),
    Budget("cases/<str:crn>/allocate/", "spo", seeds.team_officers, ceiling=16),
    # The access log
    Budget("access-log/", "administrator", seeds.access_log_rows, ceiling=11),
    Budget("access-log/export.csv", "administrator", seeds.access_log_rows, ceiling=10),
    # Unpaid work
    Budget("unpaid-work/sessions/", "uw_supervisor", seeds.supervisor_sessions, ceiling=10),
    Budget(
        "unpaid-work/sessions/<int:session_id>/", "uw_supervisor", seeds.register_rows, ceiling=11
    ),
    Budget("unpaid-work/projects/", "uw_coordinator", seeds.projects, ceiling=10),
    Budget(
        "unpaid-work/projects/<int:project_id>/",
        "uw_coordinator",
        seeds.project_sessions,
        ceiling=11,
    ),
    Budget("unpaid-work/cases/<str:crn>/", "officer", seeds.case_unpaid_work, ceiling=19),
    # Through the Gate
    Budget("resettlement/caseload/", "resettlement_worker", seeds.prison_caseload, ceiling=12),
    Budget("resettlement/in-custody/", "officer", seeds.officers_in_custody, ceiling=11),
    Budget("resettlement/cases/<str:crn>/", "officer", seeds.episode_rows, ceiling=23),
    # Interventions
    Budget("interventions/provider/", "provider_caseworker", seeds.provider_referrals, ceiling=11),
    Budget(
        "interventions/provider/referrals/<int:referral_id>/",
        "provider_caseworker",
        seeds.referral_rows,
        ceiling=15,
    ),
    Budget("interventions/cases/<str:crn>/", "officer", seeds.case_referrals, ceiling=16),
    Budget(
        "interventions/cases/<str:crn>/directory/", "officer", seeds.directory_services, ceiling=26
    ),
    Budget(
        "interventions/cases/<str:crn>/referrals/<int:referral_id>/",
        "officer",
        seeds.referral_rows,
        ceiling=18,
    ),
    # Unpaid work coordination
    Budget("unpaid-work/orders/", "uw_coordinator", seeds.open_uw_orders, ceiling=11),
    Budget(
        "unpaid-work/orders/<int:uw_order_id>/", "uw_coordinator", seeds.uw_order_rows, ceiling=19
    ),
    Budget("unpaid-work/nominations/", "uw_coordinator", seeds.nominations, ceiling=10),
    # Dashboards
    Budget("dashboards/", "spo", seeds.dashboard_figures, ceiling=38),
    Budget("dashboards/", "area_manager", seeds.dashboard_figures, ceiling=37),
    Budget("dashboards/", "qpm", seeds.dashboard_figures, ceiling=37),
    Budget(
        "dashboards/cases/",
        "spo",
        seeds.dashboard_cases,
        ceiling=17,
        query="?section=supervision&figure=reviews_overdue",
    ),
    Budget(
        "dashboards/export.csv",
        "spo",
        seeds.dashboard_cases,
        ceiling=16,
        query="?section=supervision&figure=reviews_overdue",
    ),
    Budget("dashboards/audits/", "qpm", seeds.audits, ceiling=12),
    Budget("dashboards/audits/<int:audit_id>/", "qpm", seeds.audit_samples, ceiling=13),
    Budget("dashboards/audits/<int:audit_id>/ratings/", "qpm", seeds.audit_ratings, ceiling=14),
    # The partner API: every list endpoint, for every partner type it answers
    Budget(
        "api/v1/information-requests/",
        "partner:police",
        seeds.information_requests_to("police"),
        ceiling=8,
    ),
    Budget(
        "api/v1/information-requests/",
        "partner:childrens_social_care",
        seeds.information_requests_to("childrens_social_care"),
        ceiling=8,
    ),
    Budget(
        "api/v1/resettlement/plans/",
        "partner:resettlement_provider",
        api_seeds.provider_plans,
        ceiling=9,
    ),
    Budget(
        "api/v1/resettlement/plans/<int:pk>/",
        "partner:resettlement_provider",
        api_seeds.provider_plan_actions,
        ceiling=9,
    ),
    Budget(
        "api/v1/unpaid-work/sessions/",
        "partner:unpaid_work_host",
        api_seeds.host_sessions,
        ceiling=9,
    ),
    Budget(
        "api/v1/unpaid-work/sessions/<int:pk>/",
        "partner:unpaid_work_host",
        api_seeds.host_session_register,
        ceiling=9,
    ),
    Budget(
        "api/v1/interventions/referrals/",
        "partner:intervention_provider",
        api_seeds.provider_api_referrals,
        ceiling=8,
    ),
    Budget(
        "api/v1/interventions/referrals/<int:pk>/",
        "partner:intervention_provider",
        api_seeds.provider_api_referral_rows,
        ceiling=11,
    ),
]

# Patterns that list no rows that grow (a form, one record, a POST-only action, a
# sign-in step), with why. A new pattern goes either here or in BUDGETS.
FORM = "a form about one record: its lists are bounded by the form's choices"
POST = "POST only: answers with a redirect"
ONE = "one record, no list of rows"
NOT_LISTS: dict[str, str] = {
    "login/": "sign-in step",
    "logout/": POST,
    "login/two-factor/": "sign-in step",
    "login/two-factor/set-up/": "sign-in step",
    "login/two-factor/backup-codes/": "sign-in step: ten codes, fixed",
    "account/password/": FORM,
    "account/reset/<uidb64>/<token>/": "sign-in step",
    "accessibility/": "static page (the benchmarks' trivial signed-in page)",
    "session/keep-alive/": "204, no body",
    "healthz": "health check",
    "healthz/floor": "a constant: the benchmarks' floor view (bench/ratios.py)",
    "notifications/<int:notification_id>/": ONE,
    "notifications/<int:notification_id>/read/": POST,
    "notifications/read-all/": POST,
    "cases/new/": FORM,
    "cases/my/tasks/<int:task_id>/done/": POST,
    "cases/<str:crn>/reason/": "asks why before a case opens: no rows",
    "cases/<str:crn>/edit/": FORM,
    "cases/<str:crn>/orders/new/": FORM,
    "cases/<str:crn>/orders/<int:order_id>/requirements/new/": FORM,
    "cases/<str:crn>/risk/edit/": FORM,
    "cases/<str:crn>/registrations/new/": FORM,
    "cases/<str:crn>/registrations/<int:registration_id>/review/": FORM,
    "cases/<str:crn>/registrations/<int:registration_id>/end/": FORM,
    "cases/<str:crn>/needs/": FORM,
    "cases/<str:crn>/contact-level/": FORM,
    "cases/<str:crn>/contact-level/grid/": POST,
    "cases/<str:crn>/contact-level/<int:decision_id>/decide/": POST,
    "cases/<str:crn>/escalations/new/": FORM,
    "cases/<str:crn>/escalations/<int:escalation_id>/progress/": FORM,
    "cases/<str:crn>/assessment/edit/": FORM,
    "cases/<str:crn>/assessment/complete/": FORM,
    "cases/<str:crn>/assessment/bring-in-answers/": FORM,
    "cases/<str:crn>/information-requests/new/": FORM,
    "cases/<str:crn>/information-requests/<int:request_id>/answer/": FORM,
    "cases/<str:crn>/information-requests/<int:request_id>/withdraw/": FORM,
    "cases/<str:crn>/plan/edit/": FORM,
    "cases/<str:crn>/plan/objectives/new/": FORM,
    "cases/<str:crn>/plan/actions/new/": FORM,
    "cases/<str:crn>/plan/actions/<int:action_id>/done/": POST,
    "cases/<str:crn>/contacts/new/": FORM,
    "cases/<str:crn>/contacts/<int:contact_id>/absence/": FORM,
    "cases/<str:crn>/contacts/<int:contact_id>/enforcement/": FORM,
    "cases/<str:crn>/appointments/new/": FORM,
    "cases/<str:crn>/significant-changes/new/": FORM,
    "cases/<str:crn>/reviews/<int:review_id>/complete/": FORM,
    "cases/<str:crn>/oversight/new/": FORM,
    "cases/<str:crn>/oversight/countersign/": FORM,
    "interventions/provider/referrals/<int:referral_id>/assign/": POST,
    "unpaid-work/sessions/<int:session_id>/stand-down/": POST,
    "resettlement/cases/<str:crn>/pre-release-contact/": FORM,
    "resettlement/cases/<str:crn>/screening/risk-of-harm/": FORM,
    "resettlement/cases/<str:crn>/screening/complete/": POST,
    "resettlement/cases/<str:crn>/screening/<str:pathway>/": FORM,
    "resettlement/cases/<str:crn>/plan/": FORM,
    "resettlement/cases/<str:crn>/plan/actions/new/": FORM,
    "resettlement/cases/<str:crn>/plan/complete/": POST,
    "api/v1/information-requests/<int:pk>/": ONE,
    "api/v1/information-requests/<int:pk>/answer/": POST,
    "api/v1/events/": POST,
    "api/v1/^.*$": "JSON 404 for anything else",
    "api/schema/": "the OpenAPI document",
    "api/docs/": "the API reference page",
    # Interventions (officer's and provider's forms)
    "interventions/provider/referrals/<int:referral_id>/appointment/": FORM,
    "interventions/provider/referrals/<int:referral_id>/action-plan/": FORM,
    "interventions/provider/referrals/<int:referral_id>/sessions/new/": FORM,
    "interventions/cases/<str:crn>/refer/<int:service_id>/": FORM,
    "interventions/cases/<str:crn>/referrals/<int:referral_id>/approve-plan/": FORM,
    "interventions/cases/<str:crn>/referrals/<int:referral_id>/withdraw/": FORM,
    # Unpaid work coordination
    "unpaid-work/orders/<int:uw_order_id>/induction/book/": POST,
    "unpaid-work/orders/<int:uw_order_id>/induction/record/": POST,
    "unpaid-work/orders/<int:uw_order_id>/allocate/": POST,
    "unpaid-work/orders/<int:uw_order_id>/schedule/": POST,
    "unpaid-work/nominations/<int:nomination_id>/": FORM,
    "unpaid-work/nominate/": "the public's nomination form: no rows",
    "unpaid-work/nominate/thanks/": "static page",
    # Through the Gate release forms
    "resettlement/cases/<str:crn>/plan/actions/<int:action_id>/": FORM,
    "resettlement/cases/<str:crn>/checklist/": FORM,
    "resettlement/cases/<str:crn>/first-appointment/": FORM,
    "resettlement/cases/<str:crn>/handover/": FORM,
    # QPM audits
    "dashboards/audits/<int:audit_id>/cases/<int:sample_id>/": FORM,
    "dashboards/audits/<int:audit_id>/ratings/<str:standard>/override/": FORM,
    "dashboards/audits/<int:audit_id>/complete/": POST,
    # The satellites' APIs
    "api/v1/resettlement/plan-actions/<int:pk>/status/": POST,
    "api/v1/resettlement/receptions/": POST,
    "api/v1/resettlement/release-date-changes/": POST,
    "api/v1/unpaid-work/attendances/<int:pk>/outcome/": POST,
    "api/v1/unpaid-work/^.*$": "JSON 404 for anything else",
    "api/v1/interventions/referrals/<int:pk>/assign/": POST,
    "api/v1/interventions/referrals/<int:pk>/appointments/": POST,
    "api/v1/interventions/referrals/<int:pk>/action-plan/": POST,
    "api/v1/interventions/referrals/<int:pk>/sessions/": POST,
    "api/v1/interventions/referrals/<int:pk>/end-of-service-report/": POST,
    "o/token/": POST,
    "o/revoke_token/": POST,
}
