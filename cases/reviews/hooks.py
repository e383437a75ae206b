"""Called from CasesConfig.ready(): register navigation, seeders, beat jobs, risk concerns."""


def ready() -> None:
    pass
