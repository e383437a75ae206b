"""Called from CasesConfig.ready(): navigation and the demo seeder for contacts."""

from crc import navigation
from crc.access.pages import Page


def ready() -> None:
    from cases.contacts import timeline
    from cases.contacts.demo_seed import seed_contacts
    from crc.organisation.demo import register_seeder

    navigation.register(
        navigation.NavItem(
            key="appointments_needing_outcome",
            text="Appointments",
            url_name="cases:appointments_needing_outcome",
            order=25,
            page=Page.APPOINTMENTS,
            description="Past appointments on your cases that still need an outcome recorded.",
        ),
        navigation.NavItem(
            key="service_centre_tasks",
            text="Tasks",
            url_name="cases:service_centre_tasks",
            order=45,
            page=Page.TASKS,
            description="Warning letters, breach packs and referrals to do, overdue first.",
        ),
    )
    register_seeder(order=40, name="contacts", run=seed_contacts)
    timeline.register()
