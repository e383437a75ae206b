from django_filters import rest_framework as filters

from cases.models import InformationRequest, InformationRequestStatus


class InformationRequestFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=InformationRequestStatus.choices)
    updated_after = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gt",
        help_text="Only requests changed after this instant (ISO 8601, with offset). "
        "Poll with the updated_at of the last request you saw.",
    )

    class Meta:
        model = InformationRequest
        fields = ["status", "updated_after"]
