"""The case timeline as `cases` alone registers it, for the tests that pin its kinds and
recorded pages: sources other apps add (unpaid work, resettlement, interventions) are set
aside for the test and put back after it. Import the fixture into a test module to use it:

    from tests.cases.timeline_isolation import only_case_sources  # noqa: F401
"""

import pytest

from cases import timeline


def registered_outside_cases() -> list[timeline.TimelineSource]:
    return [
        source
        for source in timeline.sources()
        if not getattr(source.reader, "__module__", "").startswith("cases.")
        and not getattr(source.reader, "__module__", "").startswith("tests.")
    ]


@pytest.fixture(autouse=True)
def only_case_sources():
    set_aside = registered_outside_cases()
    for source in set_aside:
        timeline.unregister_source(source.kind)
    try:
        yield
    finally:
        for source in set_aside:
            timeline.register_source(
                kind=source.kind,
                label=source.label,
                reader=source.reader,
                order=source.order,
                sensitive_detail_for=source.sensitive_detail_for,
            )
