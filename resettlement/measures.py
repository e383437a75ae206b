"""Through the Gate's section of the managers' dashboards (issue 13), over the cases the
viewer's dashboard counts (already scoped through crc.access), from the measures
resettlement.selectors publishes. Registered from ResettlementConfig.ready().

Each figure counts custody episodes (a case can have more than one), so none drills
down to a list of cases: the rates are shown with their denominators.
"""

import datetime as dt

from django.db.models import QuerySet

from crc.dashboards.registry import DashboardSection, Figure
from resettlement import selectors
from resettlement.models import CustodyEpisode


def _figure(key: str, label: str, measure: selectors.Measure) -> Figure:
    return Figure(key, label, measure.met, denominator=measure.of, drill_down=False)


def through_the_gate_figures(cases: QuerySet, *, today: dt.date) -> list[Figure]:
    scope = CustodyEpisode.objects.filter(case__in=cases.values("pk"))
    return [
        _figure(
            "ttg_screening_on_time",
            "Screenings on time, of screenings due",
            selectors.screening_on_time(scope, today=today),
        ),
        _figure(
            "ttg_risk_addressed",
            "Resettlement plans addressing risk of harm",
            selectors.plans_with_risk_of_harm_addressed(scope),
        ),
        _figure(
            "ttg_pre_release_contact",
            "Released with a pre-release contact by their officer",
            selectors.pre_release_contact_rate(scope),
        ),
        _figure(
            "ttg_accommodation",
            "Released with accommodation confirmed",
            selectors.accommodation_on_release(scope),
        ),
        _figure(
            "ttg_first_appointment",
            "Released who kept their first appointment",
            selectors.first_appointment_kept(scope),
        ),
    ]


# No drill_down: every figure counts custody episodes, not cases.
SECTION = DashboardSection(
    key="through_the_gate",
    title="Through the Gate",
    order=30,
    figures=through_the_gate_figures,
)
