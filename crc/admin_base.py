"""Admin building blocks every app's admin shares, so that each rule is written once.

- ViewOnlyAdminMixin / ViewOnlyInline: records written elsewhere (by services, or by the
  system) are read in the admin, never added, changed or deleted there.
- GuardedHistoryAdmin: simple-history reverts only for people who may change the object.
- SeededPolicyAdmin: policy rows seeded by migration and read by key from the code.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ViewOnlyAdminMixin:
    """No add, change or delete buttons: the rows are read here and written elsewhere.
    (``obj`` is optional so the same methods serve model admins and inlines.)"""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ViewOnlyInline(ViewOnlyAdminMixin, admin.TabularInline):
    """A read-only table of related rows on a parent's admin page."""

    extra = 0
    can_delete = False


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history saves a POST to an old version's page as a revert without asking
    for change permission; only people who may change the object may revert it."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class SeededPolicyAdmin(SimpleHistoryAdmin):
    """Rows are seeded by migration and read by key from the code, so they are edited in
    place: never added or deleted here, and their key (``key_fields``) never changes."""

    key_fields: list[str] = []

    def get_readonly_fields(self, request, obj=None):
        return self.key_fields if obj is not None else []

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
