"""Policy numbers for interventions: the defaults in rules.DEFAULTS, overridden per key by
settings.INTERVENTIONS (a dict), so an installation changes them without a code change."""

from django.conf import settings

from interventions.rules import DEFAULTS


def number(key: str) -> int:
    return int(getattr(settings, "INTERVENTIONS", {}).get(key, DEFAULTS[key]))
