"""Who the bench scripts measure as, and which case pages, picked the same way in each:
the seeded database's first person of each role, the first officer with cases, and that
officer's case with the longest history (the timeline's worst case). Import it after
django.setup()."""

from django.db.models import Count

from cases.models import Case
from crc.organisation.models import Role, Staff

# Each tab of a case, as (name, path below /cases/<crn>/).
CASE_TABS = [
    ("case overview", ""),
    ("case risk and tier", "risk/"),
    ("case sentence", "sentence/"),
    ("case contacts", "contacts/"),
    ("case assessment", "assessment/"),
    ("case timeline", "timeline/"),
]


def first_of(role: str) -> Staff | None:
    return Staff.objects.filter(role=role).order_by("pk").first()


def officer_with_cases() -> Staff | None:
    return (
        Staff.objects.filter(role=Role.PROBATION_OFFICER, cases__isnull=False)
        .order_by("pk")
        .first()
    )


def busiest_case(officer: Staff) -> Case | None:
    return (
        Case.objects.filter(responsible_officer=officer)
        .annotate(n=Count("contacts"))
        .order_by("-n", "pk")
        .first()
    )


def case_pages(case: Case) -> list[tuple[str, str]]:
    """(name, url) of each tab of the case."""
    return [(name, f"/cases/{case.crn}/{path}") for name, path in CASE_TABS]
