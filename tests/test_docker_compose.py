"""docker-compose.yml, the production-shaped topology (issue 9, finding 7 and 10): it loads,
gunicorn listens on the host's loopback only, and only the migrate service connects as
the tables' owner."""

import re
from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"
APP_SERVICES = ["web", "worker", "beat"]


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def _database_user(service: dict) -> str:
    # Not urlsplit: the ${VAR:?message} placeholders are not URL syntax.
    match = re.match(r"postgres://(?P<user>[^:@/]+)[:@]", service["environment"]["DATABASE_URL"])
    return match["user"] if match else ""


def test_the_file_loads_with_every_service(services):
    assert {"migrate", "web", "worker", "beat", "postgres", "redis"} <= set(services)


def test_no_port_is_published_beyond_the_hosts_loopback(services):
    published = [
        (name, port) for name, service in services.items() for port in service.get("ports", [])
    ]
    assert published, "web must be reachable by the proxy on the host"
    for name, port in published:
        assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} on all interfaces"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_web_worker_and_beat_connect_as_the_limited_role(services, name):
    assert _database_user(services[name]) == "crc_app"


def test_only_migrate_connects_as_the_owner_and_it_refreshes_the_app_role(services):
    migrate = services["migrate"]
    assert _database_user(migrate) == services["postgres"]["environment"]["POSTGRES_USER"]
    command = " ".join(migrate["command"])
    assert "migrate --noinput && python manage.py db_app_role --role crc_app" in command
    assert "CRC_APP_DB_PASSWORD" in migrate["environment"]
