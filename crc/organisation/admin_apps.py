from django.contrib.admin.apps import AdminConfig


class CrcAdminConfig(AdminConfig):
    """Django's admin app with our site (two-factor aware); imports no models."""

    default_site = "crc.organisation.admin_site.CrcAdminSite"
