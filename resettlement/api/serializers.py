"""What a resettlement provider or a prison sees, field by field (nothing by default).

A provider sees the plan of a person it works with in custody: who they are, where and
until when, the plan's actions, and its risk-of-harm section (who may be at risk on
release and what the plan does about it), which the provider's own work must respect.
Never the screening notes, the case record or the officer's contacts.
"""

from django.utils import timezone
from rest_framework import serializers

from cases.api.serializers import CRN_PATTERN_TEXT
from resettlement.models import (
    ActionOwner,
    ActionStatus,
    Pathway,
    PlanStatus,
    ReleaseKind,
)

CRN_FIELD = {
    "help_text": f"The case reference number: {CRN_PATTERN_TEXT}.",
    "error_messages": {"invalid": f"Enter a CRN as {CRN_PATTERN_TEXT}."},
}


class PrisonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The prison's NOMIS code.")
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    crn = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class PlanActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pathway = serializers.ChoiceField(choices=Pathway.choices)
    description = serializers.CharField()
    owner = serializers.ChoiceField(choices=ActionOwner.choices)
    due_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    updated_at = serializers.DateTimeField()


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonSerializer(source="episode.case")
    prison = PrisonSerializer(source="episode.prison")
    reception_date = serializers.DateField(source="episode.reception_date")
    expected_release_date = serializers.DateField(source="episode.expected_release_date")
    release_kind = serializers.ChoiceField(
        source="episode.release_kind", choices=ReleaseKind.choices
    )
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    risk_to_whom = serializers.CharField(help_text="Who may be at risk on release.")
    risk_plan = serializers.CharField(help_text="What the plan does about it.")
    prison_delivers = serializers.CharField()
    actions = PlanActionSerializer(many=True)
    updated_at = serializers.DateTimeField()


class ActionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    due_on = serializers.DateField(required=False)


class ReceptionSerializer(serializers.Serializer):
    crn = serializers.RegexField(r"^[A-Za-z][0-9]{6}$", **CRN_FIELD)
    reception_date = serializers.DateField()
    expected_release_date = serializers.DateField()
    release_kind = serializers.ChoiceField(choices=ReleaseKind.choices)

    def validate_reception_date(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError("The date cannot be in the future.")
        return value

    def validate(self, data):
        if data["expected_release_date"] < data["reception_date"]:
            raise serializers.ValidationError(
                {"expected_release_date": ["The release date cannot be before reception."]}
            )
        return data


class EpisodeResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    crn = serializers.CharField(source="case.crn")
    prison = serializers.CharField(source="prison.code")
    reception_date = serializers.DateField()
    expected_release_date = serializers.DateField()
    release_kind = serializers.ChoiceField(choices=ReleaseKind.choices)
    screening_due_on = serializers.DateField(source="screening.due_on")


class ReleaseDateChangeSerializer(serializers.Serializer):
    crn = serializers.RegexField(r"^[A-Za-z][0-9]{6}$", **CRN_FIELD)
    new_date = serializers.DateField(help_text="The new expected release date.")
    reason = serializers.CharField(max_length=2000, trim_whitespace=True)


class ReleaseDateChangeResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    crn = serializers.CharField(source="episode.case.crn")
    old_date = serializers.DateField()
    new_date = serializers.DateField()
    reason = serializers.CharField()
    changed_at = serializers.DateTimeField()
