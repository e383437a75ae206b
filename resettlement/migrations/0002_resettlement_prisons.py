"""The 14 resettlement prisons London CRC serves (inspection report §1: 3 prisons for
women, 10 for men and a young offender institution), each with its partner organisation
of type prison. Reference data: administrators can rename or deactivate them later."""

from django.db import migrations

PRISONS = [
    ("HMP Belmarsh", "BMI", "men"),
    ("HMP Brixton", "BXI", "men"),
    ("HMP Chelmsford", "CDI", "men"),
    ("HMP Elmley", "EYI", "men"),
    ("HMP High Down", "HOI", "men"),
    ("HMP Isis", "ISI", "men"),
    ("HMP Pentonville", "PVI", "men"),
    ("HMP Thameside", "TSI", "men"),
    ("HMP Wandsworth", "WWI", "men"),
    ("HMP Wormwood Scrubs", "WSI", "men"),
    ("HMP Bronzefield", "BZI", "women"),
    ("HMP Downview", "DWI", "women"),
    ("HMP Send", "SDI", "women"),
    ("HMP/YOI Feltham", "FMI", "yoi"),
]


def add_prisons(apps, schema_editor):
    PartnerOrganisation = apps.get_model("organisation", "PartnerOrganisation")
    Prison = apps.get_model("resettlement", "Prison")
    for name, code, kind in PRISONS:
        partner, _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"partner_type": "prison"}
        )
        Prison.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "partner": partner})


def remove_prisons(apps, schema_editor):
    Prison = apps.get_model("resettlement", "Prison")
    Prison.objects.filter(code__in=[code for _, code, _ in PRISONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("resettlement", "0001_initial")]

    operations = [migrations.RunPython(add_prisons, remove_prisons)]
