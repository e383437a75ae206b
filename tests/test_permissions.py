"""The permission-matrix helper refuses names that are not personas."""

import pytest

from tests.permissions import persona_matrix


def test_a_matrix_naming_someone_who_is_not_a_persona_is_refused():
    with pytest.raises(ValueError, match="No such persona: other_officer"):
        persona_matrix({"officer": 200, "other_officer": 404})


def test_a_matrix_parametrises_persona_and_expected_status():
    mark = persona_matrix({"officer": 200, "outsider": 404}).mark
    assert mark.args == (("persona", "expected"), [("officer", 200), ("outsider", 404)])
