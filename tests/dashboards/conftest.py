import pytest

from cases import measures


@pytest.fixture(autouse=True)
def dashboard_sections_registered():
    # cases/apps.py will call this from ready(); until it does, the tests register.
    measures.register_dashboard_sections()
