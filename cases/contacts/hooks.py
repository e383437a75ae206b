"""Called from CasesConfig.ready(): the demo seeder and timeline for contacts."""


def ready() -> None:
    from cases.contacts import timeline
    from cases.contacts.demo_seed import seed_contacts
    from crc.organisation.demo import register_seeder

    register_seeder(order=40, name="contacts", run=seed_contacts)
    timeline.register()
