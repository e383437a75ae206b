"""Abstract model bases that more than one app's records share."""

from django.conf import settings
from django.db import models


class VersionedRecord(models.Model):
    """Optimistic concurrency: a save must carry the version it was read at. Services
    compare and bump it; a stale save is refused (crc.domain.StaleVersionError) and the
    newer version is shown instead of being overwritten."""

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
