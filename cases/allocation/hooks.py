"""Called from CasesConfig.ready(): register the allocation wing's timeline sources."""


def ready() -> None:
    from cases.allocation import timeline

    timeline.register()
