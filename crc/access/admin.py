"""The access log in the admin: read-only for everyone, superusers included.

The log is evidence (DPA 2018 s.62); the model and the database's triggers refuse
updates and deletes, and the admin does not offer them in the first place.
"""

from django.contrib import admin

from crc.access.models import AccessLog
from crc.admin_base import ViewOnlyAdminMixin


class RelationshipFilter(admin.AllValuesFieldListFilter):
    """Rows logged with no relationship (partners, erasures) would be an empty link in
    the filter, which has no accessible name (axe "link-name", found by the crawl)."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": "None recorded"}
            yield choice


@admin.register(AccessLog)
class AccessLogAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "at",
        "kind",
        "username",
        "partner_organisation",
        "case_crn",
        "page",
        "method",
        "relationship",
    ]
    list_filter = ["kind", ("relationship", RelationshipFilter), "partner_organisation"]
    # Exact matches on the indexed CRN; partial matches on who and where.
    search_fields = ["=case_crn", "username", "client_id", "page", "reason"]
    date_hierarchy = "at"
    list_select_related = ["partner_organisation"]
    ordering = ["-at", "-id"]
    fields = [
        "at",
        "kind",
        "staff",
        "username",
        "partner_organisation",
        "client_id",
        "acting_person",
        "case_id",
        "case_crn",
        "page",
        "method",
        "relationship",
        "reason",
    ]
    readonly_fields = fields
