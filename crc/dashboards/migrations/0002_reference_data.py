"""Reference data: the Inspectorate's key questions (report Annex 2) and the workload
policy defaults. Both are edited afterwards through the admin, with history."""

from django.db import migrations

STANDARDS = {
    "2.1": (
        "Assessment",
        "Assessment is well-informed, analytical and personalised, actively involving the "
        "service user",
    ),
    "2.2": (
        "Planning",
        "Planning is well-informed, holistic and personalised, actively involving the "
        "service user",
    ),
    "2.3": (
        "Implementation and delivery",
        "High-quality, well-focused, personalised and coordinated services are delivered, "
        "engaging the service user",
    ),
    "2.4": (
        "Reviewing",
        "Reviewing of progress is well-informed, analytical and personalised, actively "
        "involving the service user",
    ),
    "4.1": (
        "Unpaid work",
        "Unpaid work is delivered safely and effectively, engaging the service user in line "
        "with the expectations of the court",
    ),
    "4.2": (
        "Through the Gate",
        "Through the Gate services are personalised and coordinated, addressing the service "
        "user's resettlement needs",
    ),
}

QUESTIONS = [
    ("2.1.1", "Does assessment focus sufficiently on engaging the service user?"),
    (
        "2.1.2",
        "Does assessment focus sufficiently on the factors linked to offending and desistance?",
    ),
    ("2.1.3", "Does assessment focus sufficiently on keeping other people safe?"),
    ("2.2.1", "Does planning focus sufficiently on engaging the service user?"),
    (
        "2.2.2",
        "Does planning focus sufficiently on reducing reoffending and supporting the service "
        "user's desistance?",
    ),
    ("2.2.3", "Does planning focus sufficiently on keeping other people safe?"),
    (
        "2.3.1",
        "Is the sentence/post-custody period implemented effectively with a focus on engaging "
        "the service user?",
    ),
    (
        "2.3.2",
        "Does the implementation and delivery of services effectively support the service "
        "user's desistance?",
    ),
    (
        "2.3.3",
        "Does the implementation and delivery of services effectively support the safety of "
        "other people?",
    ),
    (
        "2.4.1",
        "Does reviewing focus sufficiently on supporting the service user's compliance and "
        "engagement?",
    ),
    ("2.4.2", "Does reviewing focus sufficiently on supporting the service user's desistance?"),
    ("2.4.3", "Does reviewing focus sufficiently on keeping other people safe?"),
    ("4.1.1", "Does assessment focus on the key issues relevant to unpaid work?"),
    (
        "4.1.2",
        "Do arrangements for unpaid work focus sufficiently on supporting the service user's "
        "engagement and compliance with the sentence?",
    ),
    (
        "4.1.3",
        "Do arrangements for unpaid work maximise the opportunity for the service user's "
        "personal development?",
    ),
    ("4.1.4", "Is the sentence of the court implemented appropriately?"),
    (
        "4.2.1",
        "Does resettlement planning focus sufficiently on the service user's resettlement "
        "needs and on factors linked to offending and desistance?",
    ),
    (
        "4.2.2",
        "Does resettlement activity focus sufficiently on supporting the service user's "
        "resettlement?",
    ),
    ("4.2.3", "Is there effective coordination of resettlement activity?"),
]

# The public workload model gives A3 206 and D0 29 (DOMAIN.md §9). The fourteen tiers
# between are our interpolation, evenly spaced (11.8 points a step, rounded) so the order
# A3 > A2 > … > D0 holds; replace them with the current model's figures in the admin.
TIERS = [f"{letter}{n}" for letter in "ABCD" for n in (3, 2, 1, 0)]
POINTS = {tier: round(206 - index * (206 - 29) / 15) for index, tier in enumerate(TIERS)}

# Ours (default): 100% is 5,500 points, fifty-five cases of a mid tier (C2, 100 points):
# the report's 55-case marker expressed as weighted capacity.
CAPACITY = {"po": 5500, "pso": 5500}


def seed(apps, schema_editor):
    KeyQuestion = apps.get_model("dashboards", "KeyQuestion")
    WorkloadPoints = apps.get_model("dashboards", "WorkloadPoints")
    WorkloadCapacity = apps.get_model("dashboards", "WorkloadCapacity")
    for position, (code, text) in enumerate(QUESTIONS, start=1):
        standard = code.rsplit(".", 1)[0]
        title, standard_text = STANDARDS[standard]
        KeyQuestion.objects.update_or_create(
            code=code,
            defaults={
                "standard": standard,
                "standard_title": title,
                "standard_text": standard_text,
                "text": text,
                # 2.x.3 apply only where risk-of-harm issues do; domain 4 only to unpaid
                # work and custody cases.
                "allows_not_applicable": code.endswith(".3") and code.startswith("2.")
                or code.startswith("4."),
                "position": position,
            },
        )
    for tier, points in POINTS.items():
        WorkloadPoints.objects.update_or_create(tier=tier, defaults={"points": points})
    for role, points in CAPACITY.items():
        WorkloadCapacity.objects.update_or_create(role=role, defaults={"points": points})


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
