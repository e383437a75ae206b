"""The timeline page reads a registry of event sources: the kinds that moved into it must
show exactly what they showed before. The pages below were recorded from the timeline as
it was before the registry (every kind, ties between kinds, sensitive contacts, two pages,
a filter) and every run compares the page, to the character, with the recording.

The pages share most of their markup (the same events on several pages, the same filter
form), so the recording keeps each block of markup once, one file per kind of block in
timeline_pages/: contacts.html, events.html (the other kinds), filters.html (the
checkboxes), pagination.html (the previous and next links) and frame.html (the markup
between them); pages.json lists, for each page, the blocks it is made of, in order
("event 3" is the fourth in events.html).

After a deliberate change to the page, record again with
`TIMELINE_RECORD=1 .venv/bin/python -m pytest tests/cases/test_timeline_unchanged.py`
and review the diff of tests/cases/timeline_pages/.
"""

import datetime as dt
import json
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases import timeline
from cases.models import (
    Allocation,
    Contact,
    ContactLevelDecision,
    EnforcementAction,
    Escalation,
    InformationRequest,
    OversightEntry,
    Review,
    SignificantChange,
)
from tests.conftest import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_cases_timeline_sources")]

RECORDED = Path(__file__).parent / "timeline_pages"
PAGE_BLOCKS = RECORDED / "pages.json"
LONDON = ZoneInfo("Europe/London")
# Mid-morning on a Tuesday in winter, far from any clock change.
START = dt.datetime(2026, 2, 3, 9, 0, tzinfo=LONDON)


def at(hours: float) -> dt.datetime:
    return START + dt.timedelta(hours=hours)


def _seed(case, officer, spo, colleague) -> None:
    """Every kind the timeline shows, some of them at the same instant (ties keep the
    order of the kinds), and enough contacts for a second page."""
    with time_machine.travel(at(0), tick=False):
        Allocation.objects.create(
            case=case,
            officer=officer,
            team=case.team,
            reason="New case",
            allocated_by=spo,
            started_at=at(0),
        )
        ContactLevelDecision.objects.create(
            case=case,
            contacts=1,
            period_days=7,
            face_to_face=1,
            source="grid",
            reason="The Grid for tier C2",
            status="active",
            requested_at=at(0),
            requested_by=officer,
        )
    for i in range(34):
        Contact.objects.create(
            case=case,
            contact_type="office" if i % 3 else "telephone",
            happened_at=at(2 + i),
            recorded_by=officer if i % 2 else colleague,
            outcome="complied",
            summary=f"Routine contact {i}" if i % 4 else "",
        )
    Contact.objects.create(
        case=case,
        contact_type="home_visit",
        happened_at=at(40),
        recorded_by=officer,
        outcome="acceptable_absence",
        sensitive=True,
        summary="Disclosed abuse in childhood",
        absence_reason="Said they were at the hospital with their mother",
        acceptability_decided_at=at(41),
        acceptability_decided_by=spo,
    )
    failure = Contact.objects.create(
        case=case,
        contact_type="office",
        happened_at=at(42),
        recorded_by=officer,
        outcome="unacceptable_absence",
        summary="Did not come",
        absence_reason="Overslept",
        acceptability_decided_at=at(43),
        acceptability_decided_by=officer,
    )
    EnforcementAction.objects.create(
        case=case,
        failure=failure,
        kind="warning",
        justification="First failure",
        decided_by=officer,
        decided_at=at(43),
    )
    with time_machine.travel(at(44), tick=False):
        request = InformationRequest.objects.create(
            case=case,
            agency="police",
            question="Any call-outs to the address?",
            sent_on=at(44).date(),
            chase_due_on=at(44).date(),
            escalate_due_on=at(44).date(),
            requested_by=officer,
        )
        OversightEntry.objects.create(
            case=case, kind="note", text="Seen in supervision", author=spo
        )
        SignificantChange.objects.create(
            case=case,
            category="injury",
            description="Stabbed in the arm",
            occurred_on=at(43).date(),
            source="staff",
            recorded_by=officer,
        )
    request.answered_at = at(46)
    request.answer = "Two call-outs in January"
    request.answered_by_partner = "PC Jones"
    request.status = "answered"
    request.save()
    Escalation.objects.create(case=case, reasons="RoSH high", raised_at=at(46), raised_by=officer)
    Review.objects.create(
        case=case,
        kind="periodic",
        due_on=at(0).date(),
        status="complete",
        completed_at=at(45),
        completed_by=officer,
        compliance_and_engagement="Attends and engages.",
        source_key="recorded:complete",
    )
    Review.objects.create(
        case=case, kind="significant_change", due_on=at(96).date(), source_key="recorded:due"
    )


PAGES = {
    # name: (persona, query)
    "officer-page-1": ("officer", ""),
    "officer-page-2": ("officer", "?page=2"),
    "officer-page-3": ("officer", "?page=3"),
    "colleague-page-1": ("colleague", ""),
    "spo-filtered": ("spo", "?kind=outcome&kind=information_request&kind=review"),
    "officer-unknown-kind": ("officer", "?kind=nonsense"),
    "officer-filtered-page-2": ("officer", "?kind=contact&page=2"),
}


def main_content(html: str) -> str:
    """The tab's own content: from its heading to the end of <main>, blank-trimmed."""
    start = html.index('<h1 class="govuk-heading-l">Timeline</h1>')
    end = html.index("</main>", start)
    lines = (line.rstrip() for line in html[start:end].splitlines())
    return re.sub(r"\n{2,}", "\n", "\n".join(line for line in lines if line)) + "\n"


# A block starts at one of these lines and ends at the `</div>` indented as far as it;
# what lies between blocks is a "frame" block.
BLOCK_OPENERS = {
    "event": '<div class="moj-timeline__item"',
    "filter": '<div class="govuk-checkboxes__item">',
    "pagination": '<div class="govuk-pagination__',
}
CATALOGUES = {
    "contact": RECORDED / "contacts.html",
    "event": RECORDED / "events.html",
    "filter": RECORDED / "filters.html",
    "pagination": RECORDED / "pagination.html",
    "frame": RECORDED / "frame.html",
}
BLOCK_MARK = re.compile(r"^<!-- [a-z]+ \d+ -->\n", flags=re.MULTILINE)


def blocks(page: str) -> list[str]:
    """The page cut into blocks: each event, filter checkbox and pagination link on its
    own, and the markup between them. Joined together they give the page back."""
    openers = tuple(BLOCK_OPENERS.values())
    cut, current, closer = [], [], None
    for line in page.splitlines(keepends=True):
        stripped = line.lstrip()
        if closer is None and stripped.startswith(openers):
            if current:
                cut.append("".join(current))
            current, closer = [line], line[: len(line) - len(stripped)] + "</div>\n"
            continue
        current.append(line)
        if line == closer:
            cut.append("".join(current))
            current, closer = [], None
    if current:
        cut.append("".join(current))
    return cut


def kind_of(block: str) -> str:
    """The block's catalogue; contacts, the most numerous events, have their own."""
    first = block.lstrip()
    kind = next((k for k, opener in BLOCK_OPENERS.items() if first.startswith(opener)), "frame")
    return "contact" if kind == "event" and 'data-kind="contact"' in block else kind


def recorded_pages() -> dict[str, list[str]]:
    """Each recorded page as the list of its blocks."""
    catalogues = {kind: BLOCK_MARK.split(path.read_text())[1:] for kind, path in CATALOGUES.items()}
    index = json.loads(PAGE_BLOCKS.read_text())
    return {
        name: [catalogues[kind][int(number)] for kind, number in map(str.split, names)]
        for name, names in index.items()
    }


def record(pages: dict[str, list[str]]) -> None:
    """Write every page's blocks, each distinct block once in its kind's file, numbered
    as first met."""
    numbers: dict[str, dict[str, int]] = {kind: {} for kind in CATALOGUES}

    def name_of(block: str) -> str:
        kind = kind_of(block)
        return f"{kind} {numbers[kind].setdefault(block, len(numbers[kind]))}"

    index = {name: [name_of(block) for block in pages[name]] for name in PAGES if name in pages}
    RECORDED.mkdir(exist_ok=True)
    for kind, path in CATALOGUES.items():
        path.write_text("".join(f"<!-- {kind} {n} -->\n{b}" for b, n in numbers[kind].items()))
    lines = (f"  {json.dumps(name)}: {json.dumps(names)}" for name, names in index.items())
    PAGE_BLOCKS.write_text("{\n" + ",\n".join(lines) + "\n}\n")


@pytest.mark.parametrize("name", PAGES)
def test_the_timeline_page_shows_what_it_showed_before_the_registry(
    client, request, case, officer, spo, colleague, name
):
    _seed(case, officer, spo, colleague)
    persona, query = PAGES[name]
    sign_in(client, request.getfixturevalue(persona))
    with time_machine.travel(at(100), tick=False):
        response = client.get(reverse("cases:timeline", args=[case.crn]) + query)
    assert response.status_code == 200
    page = main_content(response.content.decode())
    if os.environ.get("TIMELINE_RECORD"):
        pages = recorded_pages() if PAGE_BLOCKS.exists() else {}
        record({**pages, name: blocks(page)})
    assert page == "".join(recorded_pages()[name])


def test_the_recorded_case_has_events_of_every_registered_kind_and_each_filters_alone(
    client, case, officer, spo, colleague
):
    _seed(case, officer, spo, colleague)
    sign_in(client, officer)
    url = reverse("cases:timeline", args=[case.crn])
    for kind, label in timeline.kind_choices():
        page = client.get(f"{url}?kind={kind}").content.decode()
        assert set(re.findall(r'data-kind="([a-z_]+)"', page)) == {kind}, label
