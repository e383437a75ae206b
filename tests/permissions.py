"""One way to write a permission matrix: who gets which status from a page.

    from tests.permissions import as_persona, persona_matrix

    @persona_matrix({"officer": 200, "colleague": 200, "outsider": 404})
    def test_who_may_open_the_plan(client, personas, persona, expected):
        url = reverse("cases:plan", args=[personas.case.crn])
        assert as_persona(client, personas, persona).get(url).status_code == expected

Names are the people of the `personas` fixture (tests/conftest.py). A name that is not
one of them fails at collection, so a typo cannot quietly test nobody.
"""

import pytest

from tests.conftest import Personas, sign_in


def persona_matrix(expectations: dict[str, object]):
    """Parametrise a test over `persona` (a name) and `expected` (what that persona
    should get: a status code, or whatever the test compares)."""
    unknown = set(expectations) - set(Personas.people())
    if unknown:
        raise ValueError(f"No such persona: {', '.join(sorted(unknown))}")
    return pytest.mark.parametrize(
        ("persona", "expected"), list(expectations.items()), ids=list(expectations)
    )


def as_persona(client, personas: Personas, persona: str):
    """The client, signed in as the named persona (signed out of anyone else first)."""
    client.logout()
    sign_in(client, personas[persona])
    return client
