"""Celery discovers <app>.tasks; the case jobs live with the reviews."""

from cases.reviews.tasks import *  # noqa: F401,F403
