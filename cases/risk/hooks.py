"""Called from CasesConfig.ready(): register the risk wing's timeline sources."""


def ready() -> None:
    from cases.risk import timeline

    timeline.register()
