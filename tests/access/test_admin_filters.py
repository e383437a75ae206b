"""The access log's admin filters give every choice a name a screen reader can read."""

import pytest
from django.urls import reverse

from crc.access.models import AccessKind
from crc.access.services import access_log_record
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_relationship_filter_names_the_empty_choice(client, personas):
    for relationship in ("", "holder"):
        access_log_record(
            kind=AccessKind.VIEW,
            staff=personas.officer,
            page="/x/",
            method="GET",
            relationship=relationship,
        )
    sign_in(client, personas.administrator)
    html = client.get(reverse("admin:access_accesslog_changelist")).content.decode()
    assert 'href="?relationship=">None recorded</a>' in html
    assert 'href="?relationship="></a>' not in html
