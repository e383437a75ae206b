"""What a partner sees. Field by field, on purpose: nothing is exposed by default.

The case is the minimum needed to answer a request: identity and a redacted risk
view (overall RoSH, who is at risk at medium or above, risk to staff). Never the
assessment, the plan, contacts, addresses or the officer's notes.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import ROSH_GROUPS, InformationRequest, RoshLevel

CRN_PATTERN_TEXT = "one letter and six digits, like X123456"

AT_RISK_LEVELS = {RoshLevel.MEDIUM, RoshLevel.HIGH, RoshLevel.VERY_HIGH}
RISK_GROUP_KEYS = {
    "rosh_children": "children",
    "rosh_public": "public",
    "rosh_known_adult": "known_adult",
    "rosh_staff": "staff",
}


class AtRiskSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=sorted(RISK_GROUP_KEYS.values()))
    level = serializers.ChoiceField(choices=RoshLevel.choices)


class RiskSummarySerializer(serializers.Serializer):
    overall_rosh = serializers.ChoiceField(choices=RoshLevel.choices, allow_null=True)
    at_risk = AtRiskSerializer(many=True)
    risk_to_staff = serializers.ChoiceField(choices=RoshLevel.choices, allow_null=True)


def risk_summary(case) -> dict:
    at_risk = [
        {"group": RISK_GROUP_KEYS[field], "level": getattr(case, field)}
        for field in ROSH_GROUPS
        if getattr(case, field) in AT_RISK_LEVELS
    ]
    return {
        "overall_rosh": case.rosh_overall or None,
        "at_risk": at_risk,
        "risk_to_staff": case.rosh_staff or None,
    }


class CaseMinimumSerializer(serializers.Serializer):
    crn = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    date_of_birth = serializers.DateField()
    risk = serializers.SerializerMethodField()

    @extend_schema_field(RiskSummarySerializer)
    def get_risk(self, case) -> dict:
        return risk_summary(case)


# What a withdrawn (or closed) request still shows its partner: that it is over, and
# when. Everything else, the person above all, is null from then on.
KEPT_WHEN_OVER = frozenset({"id", "status", "sent_on", "due_on", "answered_at", "updated_at"})
WITHHELD_HELP = " Null once the request is withdrawn: it discloses nothing further."


class InformationRequestSerializer(serializers.ModelSerializer):
    crn = serializers.CharField(
        source="case.crn", read_only=True, allow_null=True, help_text=WITHHELD_HELP.strip()
    )
    due_on = serializers.DateField(
        source="chase_due_on", read_only=True, help_text="Please answer by this date."
    )

    def to_representation(self, instance):
        if instance.discloses_to_partner:
            return super().to_representation(instance)
        # Built by hand, not by blanking the full representation: the person's details
        # and risk are never even read for a request that is over.
        return {
            name: (
                field.to_representation(field.get_attribute(instance))
                if name in KEPT_WHEN_OVER and field.get_attribute(instance) is not None
                else None
            )
            for name, field in self.fields.items()
        }

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "crn",
            "agency",
            "question",
            "status",
            "sent_on",
            "due_on",
            "answered_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "agency": {"allow_null": True, "help_text": WITHHELD_HELP.strip()},
            "question": {"allow_null": True, "help_text": WITHHELD_HELP.strip()},
        }


class InformationRequestDetailSerializer(InformationRequestSerializer):
    case = CaseMinimumSerializer(read_only=True, allow_null=True, help_text=WITHHELD_HELP.strip())
    answered_by = serializers.CharField(
        source="answered_by_partner",
        read_only=True,
        allow_null=True,
        help_text="The acting person who answered through the API, if any." + WITHHELD_HELP,
    )

    class Meta(InformationRequestSerializer.Meta):
        fields = [*InformationRequestSerializer.Meta.fields, "answer", "answered_by", "case"]
        read_only_fields = fields
        extra_kwargs = {
            **InformationRequestSerializer.Meta.extra_kwargs,
            "answer": {"allow_null": True, "help_text": "The answer." + WITHHELD_HELP},
        }


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=20000, trim_whitespace=True)


class EventCategory:
    ARREST = "arrest"
    CALL_OUT = "call_out"
    INTELLIGENCE = "intelligence"
    DOMESTIC_ABUSE_INCIDENT = "domestic_abuse_incident"
    CHOICES = [
        (ARREST, "Arrest"),
        (CALL_OUT, "Police call-out"),
        (INTELLIGENCE, "Intelligence"),
        (DOMESTIC_ABUSE_INCIDENT, "Domestic-abuse incident"),
    ]


class EventSerializer(serializers.Serializer):
    crn = serializers.RegexField(
        r"^[A-Za-z][0-9]{6}$",
        help_text=f"The case reference number: {CRN_PATTERN_TEXT}.",
        error_messages={"invalid": f"Enter a CRN as {CRN_PATTERN_TEXT}."},
    )
    category = serializers.ChoiceField(choices=EventCategory.CHOICES)
    description = serializers.CharField(max_length=5000, trim_whitespace=True)
    occurred_on = serializers.DateField()

    def validate_occurred_on(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError("The date cannot be in the future.")
        return value


class EventResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    crn = serializers.CharField()
    category = serializers.ChoiceField(choices=EventCategory.CHOICES)
    occurred_on = serializers.DateField()
    received_at = serializers.DateTimeField()
    review_due_on = serializers.DateField(
        allow_null=True, help_text="The triggered review on the case is due by this date."
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ScopeErrorSerializer(ErrorSerializer):
    required_scopes = serializers.ListField(child=serializers.CharField(), required=False)
