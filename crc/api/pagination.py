"""Cursor pagination: {"results": [...], "next": <url or null>}.

A cursor (not a page number) stays correct while new rows arrive between polls. The
cursor only encodes a position in the ordering; the queryset it is applied to is
always the caller's own, so a cursor taken from another partner reveals nothing.
"""

from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


class PartnerCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # Oldest change first, so a poller can walk forward with updated_after.
    ordering = ("updated_at", "id")

    def get_paginated_response(self, data):
        return Response({"results": data, "next": self.get_next_link()})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "results": schema,
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The URL of the next page, or null on the last page.",
                },
            },
        }
