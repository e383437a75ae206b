"""What an intervention provider sees of a referral made to it, field by field: the CRN,
the service, the status, why, the risk information stored when it was sent (the redacted
provider view unless the officer chose to share more), the desired outcomes, and its own
side of the lifecycle. Never the case record itself."""

from rest_framework import serializers

from crc.api.fields import InstantField
from interventions.models import (
    Achievement,
    AppointmentKind,
    Attendance,
    ReferralStatus,
)


class OutcomeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()


class ActionPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    activities = serializers.ListField(child=serializers.CharField())
    number_of_sessions = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    approved_at = serializers.DateTimeField(allow_null=True)


class AppointmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AppointmentKind.choices)
    number = serializers.IntegerField(help_text="Session number (0: the initial assessment)")
    starts_at = serializers.DateTimeField()
    location = serializers.CharField(allow_blank=True)
    attendance = serializers.ChoiceField(choices=Attendance.choices, allow_blank=True)
    recorded_at = serializers.DateTimeField(allow_null=True)


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    crn = serializers.CharField(source="case.crn")
    service = serializers.CharField(source="service.name")
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    sent_at = serializers.DateTimeField()
    caseworker = serializers.CharField(source="caseworker.username", allow_null=True, default=None)


class ReferralDetailSerializer(ReferralSerializer):
    reason = serializers.CharField(allow_blank=True)
    risk_information = serializers.CharField(allow_blank=True)
    desired_outcomes = OutcomeSerializer(many=True, source="outcomes.all")
    action_plans = ActionPlanSerializer(many=True, source="action_plans.all")
    appointments = AppointmentSerializer(many=True, source="appointments.all")


class AssignSerializer(serializers.Serializer):
    caseworker = serializers.CharField(
        max_length=150, help_text="The username of one of your caseworkers"
    )


class AppointmentInSerializer(serializers.Serializer):
    starts_at = InstantField()
    location = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class ActionPlanInSerializer(serializers.Serializer):
    activities = serializers.ListField(
        child=serializers.CharField(max_length=500), min_length=1, max_length=50
    )
    number_of_sessions = serializers.IntegerField(min_value=1, max_value=200)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When revising a plan awaiting approval: the version you revised",
    )


_TEXT = {"required": False, "default": "", "allow_blank": True, "max_length": 5000}


class SessionInSerializer(serializers.Serializer):
    appointment = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The booked initial assessment's id; leave out for a delivery session",
    )
    starts_at = InstantField()
    attendance = serializers.ChoiceField(choices=Attendance.choices)
    summary = serializers.CharField(**_TEXT)
    response = serializers.CharField(**_TEXT)
    behaviour = serializers.CharField(**_TEXT)
    concerns = serializers.CharField(
        **_TEXT, help_text="Anything here is passed to the probation officer"
    )
    absence_acceptable = serializers.BooleanField(required=False, allow_null=True, default=None)
    absence_reason = serializers.CharField(**_TEXT)


class AchievementInSerializer(serializers.Serializer):
    outcome = serializers.IntegerField(help_text="A desired outcome's id")
    achievement = serializers.ChoiceField(choices=Achievement.choices)
    notes = serializers.CharField(**_TEXT)


class EndOfServiceReportInSerializer(serializers.Serializer):
    achievements = AchievementInSerializer(many=True)
    further_information = serializers.CharField(**_TEXT)
