"""Retention periods and holds, changed through crc.retention.services with history.

Periods are seeded by migration and edited in place (with the stale-save check every
edit form has); holds are placed and released, never edited.
"""

from django import forms
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from crc.domain import DomainError, StaleVersionError
from crc.retention import registry, services
from crc.retention.models import RetentionHold, RetentionPeriod
from crc.stale import version_token


class RetentionPeriodForm(forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RetentionPeriod
        fields = ["years", "counted_from"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = version_token(services.period_state(self.instance))

    def clean(self):
        cleaned = super().clean()
        if self.errors or not self.instance.pk:
            return cleaned
        try:
            # Saved here, inside the admin's transaction, so that a stale save is a form
            # error rather than a page error; save_model then has nothing left to do.
            services.retention_period_update(
                period=self.instance,
                by=self.user,
                years=cleaned["years"],
                counted_from=cleaned.get("counted_from") or "",
                version=cleaned.get("version") or None,
            )
        except StaleVersionError as error:
            data = self.data.copy()
            data[self.add_prefix("version")] = error.version
            self.data = data
            now = ", ".join(f"{k}: {v}" for k, v in error.current.items())
            raise forms.ValidationError([error.message, f"Saved now: {now}"]) from error
        return cleaned


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(SimpleHistoryAdmin):
    form = RetentionPeriodForm
    list_display = ["record_type", "years", "counted_from", "updated_at", "updated_by"]
    fields = ["record_type", "years", "counted_from", "version"]
    readonly_fields = ["record_type"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # The service saved it in the form's clean(), with its checks and history.
        obj.refresh_from_db()


class RetentionHoldForm(forms.ModelForm):
    record_type = forms.ChoiceField(choices=())

    class Meta:
        model = RetentionHold
        fields = ["record_type", "key", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = [
            (t.key, t.label) for t in registry.record_types() if not t.owner_only
        ]


@admin.register(RetentionHold)
class RetentionHoldAdmin(SimpleHistoryAdmin):
    form = RetentionHoldForm
    list_display = ["record_type", "key", "reason", "placed_by", "placed_at"]
    list_select_related = ["placed_by"]
    search_fields = ["=key"]

    def has_change_permission(self, request, obj=None):
        # Placed and released, never edited; the change page is read-only.
        return False

    def save_model(self, request, obj, form, change):
        try:
            hold = services.retention_hold_place(
                record_type=obj.record_type, key=obj.key, reason=obj.reason, by=request.user
            )
        except DomainError as error:
            messages.error(request, str(error))
            return
        obj.pk = hold.pk

    def delete_model(self, request, obj):
        services.retention_hold_release(hold=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for hold in queryset:
            services.retention_hold_release(hold=hold, by=request.user)
