"""Partner API clients in the admin: administrators only.

A new client's secret (and a rotated one) is shown once, on the page that answers the
save, and never again: it is stored hashed. It is deliberately not put in a flash
message, which would travel in a cookie.
"""

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse

from crc.access import roles
from crc.access.roles import has_role
from crc.api import services
from crc.api.models import PartnerApplication
from crc.api.scopes import scopes_for_partner_type
from crc.organisation.models import PartnerOrganisation


def _is_administrator(request) -> bool:
    return has_role(request.user, roles.ADMINISTRATORS)


class PartnerApplicationCreateForm(forms.ModelForm):
    class Meta:
        model = PartnerApplication
        fields = ["partner_organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_organisation"].queryset = PartnerOrganisation.objects.filter(
            api_application__isnull=True
        )


@admin.register(PartnerApplication)
class PartnerApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "partner_organisation",
        "partner_type",
        "client_id",
        "created_at",
        "secret_rotated_at",
        "revoked_at",
    ]
    list_filter = ["partner_organisation__partner_type"]
    list_select_related = ["partner_organisation", "application"]
    search_fields = ["partner_organisation__name", "=application__client_id"]
    actions = ["revoke_tokens", "rotate_secret", "revoke_client"]
    readonly_fields = [
        "partner_organisation",
        "client_id",
        "scopes",
        "created_at",
        "created_by",
        "secret_rotated_at",
        "revoked_at",
    ]

    def has_module_permission(self, request):
        return _is_administrator(request)

    def has_view_permission(self, request, obj=None):
        return _is_administrator(request)

    def has_add_permission(self, request):
        return _is_administrator(request)

    def has_change_permission(self, request, obj=None):
        return _is_administrator(request)

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: the access log refers to the client id.
        return False

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = PartnerApplicationCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_fields(self, request, obj=None):
        return ["partner_organisation"] if obj is None else self.readonly_fields

    @admin.display(description="Partner type")
    def partner_type(self, obj):
        return obj.partner_organisation.get_partner_type_display()

    @admin.display(description="Client id")
    def client_id(self, obj):
        return obj.application.client_id

    @admin.display(description="Scopes it may be issued")
    def scopes(self, obj):
        return ", ".join(scopes_for_partner_type(obj.partner_organisation.partner_type)) or "none"

    def save_model(self, request, obj, form, change):
        if change:
            return
        link, secret = services.partner_application_create(
            partner_organisation=form.cleaned_data["partner_organisation"], by=request.user
        )
        # The admin logs the addition against `obj`; make it the saved row.
        obj.pk, obj.application, obj.created_at = link.pk, link.application, link.created_at
        request._crc_new_secret = (link, secret)

    def response_add(self, request, obj, post_url_continue=None):
        link, secret = request._crc_new_secret
        return self._secret_page(request, link, secret, created=True)

    def _secret_page(self, request, link, secret, *, created):
        context = {
            **self.admin_site.each_context(request),
            "title": "Client secret",
            "link": link,
            "client_id": link.application.client_id,
            "secret": secret,
            "created": created,
            "opts": self.model._meta,
        }
        response = TemplateResponse(request, "api/admin_secret.html", context, using="django")
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Revoke all current tokens (the client may ask for new ones)")
    def revoke_tokens(self, request, queryset):
        total = sum(services.partner_tokens_revoke(link=link) for link in queryset)
        self.message_user(request, f"Revoked {total} token(s).")

    @admin.action(description="Rotate the secret (shows the new one once)")
    def rotate_secret(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Rotate one client at a time.", level="error")
            return None
        link = queryset.select_related("application", "partner_organisation").get()
        secret = services.partner_application_rotate_secret(link=link)
        return self._secret_page(request, link, secret, created=False)

    @admin.action(description="Revoke the client (no more tokens)")
    def revoke_client(self, request, queryset):
        for link in queryset.select_related("application"):
            services.partner_application_revoke(link=link)
        self.message_user(request, f"Revoked {queryset.count()} client(s).")
