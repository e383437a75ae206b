from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "crc.organisation"
    label = "organisation"
    verbose_name = "Organisation and staff"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save

        from crc.organisation import roles
        from crc.organisation.models import Staff

        # No sender: run after every app's post_migrate, so later apps' permissions exist.
        post_migrate.connect(roles.sync_role_groups_after_migrate)
        post_save.connect(roles.assign_role_group_after_save, sender=Staff)

        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from crc.organisation.middleware import stamp_sign_in
        from crc.organisation.security import log_lockout

        user_logged_in.connect(stamp_sign_in, dispatch_uid="crc_stamp_sign_in")
        user_locked_out.connect(log_lockout, dispatch_uid="crc_log_lockout")

        from crc.organisation.demo import register_seeder
        from crc.organisation.demo_seed import seed_organisation

        register_seeder(order=10, name="organisation", run=seed_organisation)
