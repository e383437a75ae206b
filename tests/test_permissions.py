"""The permission-matrix helper refuses names that are not personas."""

import pytest

from crc.organisation.models import PartnerType
from tests.permissions import persona_matrix


def test_a_matrix_naming_someone_who_is_not_a_persona_is_refused():
    with pytest.raises(ValueError, match="No such persona: other_officer"):
        persona_matrix({"officer": 200, "other_officer": 404})


def test_a_matrix_parametrises_persona_and_expected_status():
    mark = persona_matrix({"officer": 200, "outsider": 404}).mark
    assert mark.args == (("persona", "expected"), [("officer", 200), ("outsider", 404)])


@pytest.mark.django_db
def test_personas_include_one_api_client_per_partner_type(personas):
    police = personas.partner(PartnerType.POLICE)
    assert personas.partner(PartnerType.POLICE) is police
    response = police.client().get("/api/v1/information-requests/")
    assert response.status_code == 200
    prison = personas.partner(PartnerType.PRISON)
    assert prison.client().get("/api/v1/information-requests/").status_code == 404
