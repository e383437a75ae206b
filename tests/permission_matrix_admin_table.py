"""The designed answer for the admin site's pages, per persona (issue 9): the part of
tests/permission_matrix_table.py for the Django admin, in its own file for size."""

from tests.permission_matrix_table import FORBIDDEN, LOGIN, NF, OK, REASON

# The admin site: people without ADMIN_SITE_ROLES are sent to its sign-in page (LOGIN).
# The service centre works the case record and the organisation in the admin; the
# security, audit, partner-client and token models are the administrators' alone (403).
ADMINISTRATORS_ONLY = {
    "oauth2_provider.application",
    "oauth2_provider.grant",
    "oauth2_provider.accesstoken",
    "oauth2_provider.refreshtoken",
    "oauth2_provider.idtoken",
    "axes.accessfailurelog",
    "axes.accessattempt",
    "axes.accesslog",
    "organisation.securityevent",
    "access.accesslog",
    "api.partnerapplication",
    # The satellite apps' records: the service centre has no model permissions for them
    # yet (crc/organisation/roles.py), so only administrators reach them in the admin.
    "dashboards.workloadpoints",
    "dashboards.workloadcapacity",
    "dashboards.keyquestion",
    # Retention periods and holds (crc.retention): the administrators' decision.
    "retention.retentionperiod",
    "retention.retentionhold",
    *(
        f"resettlement.{name}"
        for name in [
            "prison",
            "custodyepisode",
            "releasedatechange",
            "screening",
            "pathwayscreening",
            "resettlementplan",
            "planaction",
            "prereleasereview",
            "prereleasecontact",
            "releasechecklist",
        ]
    ),
    "interventions.interventionservice",
    "interventions.referral",
    "interventions.rarcredit",
}
BOTH = {
    # Unpaid work: the service centre reads the records and keeps projects (issue 10).
    *(
        f"unpaidwork.{name}"
        for name in [
            "project",
            "nomination",
            "unpaidworkorder",
            "unpaidworkpolicy",
            "extension",
            "induction",
            "etereferral",
            "placement",
            "knowntension",
            "projectsession",
            "attendance",
        ]
    ),
    "organisation.area",
    "organisation.office",
    "organisation.team",
    "organisation.staff",
    "organisation.partnerorganisation",
    # Lists scoped to the cases the reader may see.
    "notifications.outboxmessage",
    "notifications.notification",
    *(
        f"cases.{name}"
        for name in [
            "case",
            "order",
            "requirement",
            "licencecondition",
            "allocation",
            "caseaccessentry",
            "appointment",
            "contact",
            "enforcementaction",
            "registrationpolicy",
            "registration",
            "criminogenicneed",
            "gridrule",
            "interventionsuggestion",
            "contactleveldecision",
            "escalation",
            "assessment",
            "informationrequest",
            "sentenceplan",
            "planaction",
            "significantchange",
            "review",
            "oversightentry",
            "servicecentretask",
            "deadlinepolicy",
        ]
    ),
}
ADMIN_CHANGELISTS: dict[str, dict[str, object]] = {
    **{
        label: {"anonymous": LOGIN, "service_centre": FORBIDDEN, "administrator": OK}
        for label in ADMINISTRATORS_ONLY
    },
    **{label: {"anonymous": LOGIN, "service_centre": OK, "administrator": OK} for label in BOTH},
}
# A case's change page. The restricted case is hidden from both (limited access binds
# administrators too); administrators state a reason first, as on the case pages.
ADMIN_CASE_CHANGE: dict[str, dict[str, object]] = {
    "case": {"service_centre": OK, "administrator": REASON},
    "restricted_case": {"service_centre": NF, "administrator": NF},
    "out_of_scope_case": {"service_centre": OK, "administrator": REASON},
}
