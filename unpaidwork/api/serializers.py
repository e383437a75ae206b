"""What a placement host sees: field by field, on purpose. Of a person, only what running
a session needs (name, CRN) and the redacted risk view; never the case record."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.api.serializers import RiskSummarySerializer, risk_summary
from crc.access import unpaid_work as uw_access
from unpaidwork import rules
from unpaidwork.forms import RECORDABLE
from unpaidwork.models import Outcome

# A session's times are London wall-clock times with no offset, so not OpenAPI's
# "time" format (RFC 3339 full-time, which needs one): HH:MM, as on the register.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


@extend_schema_field({"type": "string", "pattern": TIME_PATTERN, "example": "09:30"})
class WallClockTimeField(serializers.TimeField):
    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)


class UnpaidWorkAttendeeSerializer(serializers.Serializer):
    crn = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    risk = RiskSummarySerializer()


class UnpaidWorkAttendanceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(
        read_only=True, help_text="Send it back when recording the outcome (stale-save check)."
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices, read_only=True)
    started_at = WallClockTimeField(read_only=True, allow_null=True)
    ended_at = WallClockTimeField(read_only=True, allow_null=True)
    penalty_minutes = serializers.IntegerField(read_only=True)
    work_quality = serializers.IntegerField(read_only=True, allow_null=True)
    behaviour = serializers.IntegerField(read_only=True, allow_null=True)
    person = serializers.SerializerMethodField()

    @extend_schema_field(UnpaidWorkAttendeeSerializer)
    def get_person(self, attendance) -> dict:
        case = attendance.order.case
        shown = {
            field: getattr(case, field)
            for field in uw_access.SUPERVISOR_PERSON_FIELDS
            if field != "rosh_overall"
        }
        return {**shown, "risk": risk_summary(case)}


class UnpaidWorkProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()


class UnpaidWorkSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    project = UnpaidWorkProjectSerializer(read_only=True)
    date = serializers.DateField(read_only=True)
    starts_at = WallClockTimeField(read_only=True)
    ends_at = WallClockTimeField(read_only=True)
    capacity = serializers.IntegerField(read_only=True)
    stood_down = serializers.BooleanField(read_only=True)
    attendances = UnpaidWorkAttendanceSerializer(many=True, read_only=True)


class UnpaidWorkOutcomeSerializer(serializers.Serializer):
    """What the host records for one person at one session."""

    version = serializers.IntegerField(min_value=1, help_text="The attendance's version.")
    outcome = serializers.ChoiceField(choices=RECORDABLE)
    started_at = WallClockTimeField(required=False, allow_null=True, default=None)
    ended_at = WallClockTimeField(required=False, allow_null=True, default=None)
    penalty_minutes = serializers.IntegerField(
        required=False, default=0, min_value=0, max_value=600
    )
    travel_minutes = serializers.IntegerField(
        required=False, default=0, min_value=0, max_value=rules.TRAVEL_CAP_MINUTES
    )
    work_quality = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=5
    )
    behaviour = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=5
    )
    notes = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000, trim_whitespace=True
    )
