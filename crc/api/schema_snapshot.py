"""The served OpenAPI schema, and the committed snapshot CI compares it with.

Every contract change then shows up in review as a diff of docs/openapi.json.
Regenerate the snapshot after an intended change with:

    UPDATE_SCHEMA_SNAPSHOT=1 CRC_VAR_DIR=/tmp/crc-schema .venv/bin/pytest tests/api/test_schema.py
"""

import json
from pathlib import Path

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
REGENERATE = (
    "UPDATE_SCHEMA_SNAPSHOT=1 CRC_VAR_DIR=/tmp/crc-schema .venv/bin/pytest tests/api/test_schema.py"
)
PARTNER_API_PREFIX = "/api/v1/"


class PartnerSchemaGenerator(SchemaGenerator):
    """Only the versioned partner endpoints: staff-facing DRF views elsewhere in the
    project are not part of the partner contract."""

    def _initialise_endpoints(self):
        super()._initialise_endpoints()
        self.endpoints = [e for e in self.endpoints if e[0].startswith(PARTNER_API_PREFIX)]


def schema_generate() -> dict:
    """The schema exactly as /api/schema/?format=json serves it."""
    schema = PartnerSchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
