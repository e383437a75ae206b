"""Admin for Through the Gate. The prisons are reference data, edited in place with
history. Everything hanging off a case is read-only, scoped through crc.access and
logged like the rest of the case record (cases.admin_base.CaseRecordAdmin); the one
write, closing an episode recorded in error, goes through the service."""

from django.contrib import admin, messages

from cases.admin_base import CaseRecordAdmin, PolicyAdmin
from crc.domain import DomainError
from resettlement import release
from resettlement.models import (
    CustodyEpisode,
    PathwayScreening,
    PlanAction,
    PreReleaseContact,
    PreReleaseReview,
    Prison,
    ReleaseChecklist,
    ReleaseDateChange,
    ResettlementPlan,
    Screening,
)


@admin.register(Prison)
class PrisonAdmin(PolicyAdmin):
    list_display = ["name", "code", "kind", "partner", "active"]
    list_filter = ["kind", "active"]
    key_fields = ["code", "partner"]


@admin.register(CustodyEpisode)
class CustodyEpisodeAdmin(CaseRecordAdmin):
    list_display = ["case", "prison", "reception_date", "expected_release_date", "status"]
    list_filter = ["status", "prison", "release_kind"]
    date_hierarchy = "expected_release_date"
    actions = ["close_recorded_in_error"]

    @admin.action(description="Close the episode: recorded in error")
    def close_recorded_in_error(self, request, queryset):
        closed = 0
        for episode in queryset:
            try:
                release.episode_close(
                    episode=episode,
                    by=request.user,
                    expected_version=episode.version,
                    reason="Recorded in error (closed by the service centre)",
                )
                closed += 1
            except DomainError as error:
                self.message_user(request, f"{episode}: {error.message}", messages.WARNING)
        self.message_user(request, f"{closed} episode(s) closed")


class EpisodePartAdmin(CaseRecordAdmin):
    case_path = "episode__case"
    # An episode names its prison: both joined, not a query a row.
    list_select_related = ["episode__case", "episode__prison"]


@admin.register(ReleaseDateChange)
class ReleaseDateChangeAdmin(EpisodePartAdmin):
    list_display = ["episode", "old_date", "new_date", "source", "changed_at"]
    list_filter = ["source"]


@admin.register(Screening)
class ScreeningAdmin(EpisodePartAdmin):
    list_display = ["episode", "due_on", "completed_at"]


@admin.register(PathwayScreening)
class PathwayScreeningAdmin(CaseRecordAdmin):
    case_path = "screening__episode__case"
    list_display = ["screening", "pathway", "status"]
    list_filter = ["pathway", "status"]
    list_select_related = ["screening__episode__case", "screening__episode__prison"]


@admin.register(ResettlementPlan)
class ResettlementPlanAdmin(EpisodePartAdmin):
    list_display = ["episode", "status", "completed_at"]
    list_filter = ["status"]


@admin.register(PlanAction)
class PlanActionAdmin(CaseRecordAdmin):
    case_path = "plan__episode__case"
    list_display = ["plan", "pathway", "owner", "due_on", "status"]
    list_filter = ["pathway", "owner", "status"]
    list_select_related = ["plan__episode__case", "plan__episode__prison"]


@admin.register(PreReleaseReview)
class PreReleaseReviewAdmin(EpisodePartAdmin):
    list_display = ["episode", "due_on", "held_on", "held_by"]
    list_select_related = [*EpisodePartAdmin.list_select_related, "held_by"]


@admin.register(PreReleaseContact)
class PreReleaseContactAdmin(EpisodePartAdmin):
    list_display = ["episode", "method", "contact"]
    list_select_related = [*EpisodePartAdmin.list_select_related, "contact__case"]
    list_filter = ["method"]


@admin.register(ReleaseChecklist)
class ReleaseChecklistAdmin(EpisodePartAdmin):
    list_display = [
        "episode",
        "accommodation_confirmed",
        "no_fixed_abode_flagged",
        "licence_conditions_known",
        "handover_recorded_at",
    ]
