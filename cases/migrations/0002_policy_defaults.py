"""Seed the policy tables with DOMAIN.md's defaults (the Grid, review periods, deadlines,
intervention suggestions). Administrators edit the rows afterwards; re-running changes
nothing that already exists."""

from django.db import migrations


def seed(apps, schema_editor):
    from cases.policy_defaults import (
        DEADLINES,
        DEFAULT_REGISTRATION_REVIEW_MONTHS,
        GRID,
        INTERVENTION_SUGGESTIONS,
        REGISTRATION_REVIEW_MONTHS,
    )

    GridRule = apps.get_model("cases", "GridRule")
    RegistrationPolicy = apps.get_model("cases", "RegistrationPolicy")
    DeadlinePolicy = apps.get_model("cases", "DeadlinePolicy")
    InterventionSuggestion = apps.get_model("cases", "InterventionSuggestion")
    tiers = [f"{band}{change}" for band in "BCD" for change in range(4)] + ["A*"]
    for tier in tiers:
        induction, main = GRID[tier]
        for phase, (contacts, period) in (("induction", induction), ("main", main)):
            GridRule.objects.get_or_create(
                tier=tier,
                phase=phase,
                defaults={"contacts": contacts, "period_days": period, "face_to_face": contacts},
            )
    registration_types = [
        "domestic_abuse", "child_protection", "child_concerns", "risk_to_children",
        "mental_health", "suicide_self_harm", "vulnerability", "adult_at_risk", "street_gangs",
        "weapons", "terrorism", "public_interest",
    ]
    for registration_type in registration_types:
        RegistrationPolicy.objects.get_or_create(
            registration_type=registration_type,
            defaults={
                "review_months": REGISTRATION_REVIEW_MONTHS.get(
                    registration_type, DEFAULT_REGISTRATION_REVIEW_MONTHS
                )
            },
        )
    for key, (description, days) in DEADLINES.items():
        DeadlinePolicy.objects.get_or_create(
            key=key, defaults={"description": description, "working_days": days}
        )
    for trigger, value, intervention in INTERVENTION_SUGGESTIONS:
        InterventionSuggestion.objects.get_or_create(
            trigger=trigger, value=value, intervention=intervention
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
