"""The overview tab's prompts render as markup, not as escaped text."""

import pytest
from django.urls import reverse

from tests.conftest import sign_in
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_not_recorded_prompt_is_markup_and_the_gaps_are_escaped(client, officer, team_a):
    case = CaseFactory(team=team_a, responsible_officer=officer, ethnicity="")
    sign_in(client, officer)

    html = client.get(reverse("cases:overview", args=[case.crn])).content.decode()

    assert "<strong>Not recorded yet:</strong> Ethnicity" in html
    assert "&lt;strong&gt;" not in html
