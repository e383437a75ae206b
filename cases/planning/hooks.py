"""Called from CasesConfig.ready(): register navigation, seeders, beat jobs, risk concerns."""


def ready() -> None:
    from cases.planning import timeline
    from cases.planning.demo import seed_planning
    from crc.organisation.demo import register_seeder

    # After the cases (20), which this reads; before reviews (50), which may read plans.
    register_seeder(order=30, name="planning", run=seed_planning)
    timeline.register()
