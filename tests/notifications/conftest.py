import pytest

from crc.notifications import tasks


@pytest.fixture(autouse=True)
def published(monkeypatch):
    """Record delivery-task publishes instead of sending them to a broker.

    Without this, tests would drop messages into the developer's var/broker queue for
    their own worker to pick up. Tests of the real publish path undo it explicitly.
    """
    calls: list[str] = []

    def record(args=None, kwargs=None, **options):
        calls.append(args[0])

    monkeypatch.setattr(tasks.deliver_outbox_message, "apply_async", record)
    return calls


@pytest.fixture
def real_publish(monkeypatch, published):
    monkeypatch.undo()
