"""Areas, offices, teams, staff and partner organisations (DOMAIN.md §1)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from simple_history.models import HistoricalRecords


class Area(models.Model):
    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=20, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """A local delivery unit."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="offices")
    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=20, unique=True)
    address = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=100)
    code = models.SlugField(max_length=30, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["office__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="team_name_unique_in_office")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.office.name})"


class Role(models.TextChoices):
    PROBATION_OFFICER = "po", "Probation officer"
    PROBATION_SERVICES_OFFICER = "pso", "Probation services officer"
    SENIOR_PROBATION_OFFICER = "spo", "Senior probation officer"
    AREA_MANAGER = "area_manager", "Area manager"
    SERVICE_CENTRE = "service_centre", "Service centre"
    QUALITY_PERFORMANCE_MANAGER = "qpm", "Quality and performance manager"
    ADMINISTRATOR = "administrator", "System administrator"
    # Unpaid work (DOMAIN.md §5): the coordinator runs projects, inductions and the
    # schedule; the supervisor runs sessions and sees only the people on them.
    UNPAID_WORK_COORDINATOR = "uw_coordinator", "Unpaid work placement coordinator"
    UNPAID_WORK_SUPERVISOR = "uw_supervisor", "Unpaid work supervisor"
    # Through the Gate (§6): works in a prison, on that prison's custody cases.
    RESETTLEMENT_WORKER = "resettlement_worker", "Resettlement worker"
    # Interventions (§7): a provider's own caseworker, signed in to the browser and
    # scoped to the referrals made to their organisation.
    PROVIDER_CASEWORKER = "provider_caseworker", "Intervention provider caseworker"


RESPONSIBLE_OFFICER_ROLES = frozenset({Role.PROBATION_OFFICER, Role.PROBATION_SERVICES_OFFICER})
ADMIN_SITE_ROLES = frozenset({Role.SERVICE_CENTRE, Role.ADMINISTRATOR})


class Staff(AbstractUser):
    """Everyone who signs in to the browser or the admin. Partners use the API instead."""

    role = models.CharField(max_length=20, choices=Role.choices)
    staff_number = models.CharField(max_length=20, blank=True)
    # The team an officer holds cases in, or an SPO sits in.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    # Teams an SPO line-manages (usually their own; sometimes two).
    managed_teams = models.ManyToManyField(Team, blank=True, related_name="managers")
    # The area an area manager runs; for others it follows from their team.
    managed_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="managers"
    )
    # The partner organisation the account works for (a provider caseworker's provider)
    # or in (a resettlement worker's prison); empty for the CRC's own office staff.
    partner_organisation = models.ForeignKey(
        "PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    # Raised to end every session the person has (a second-factor reset): the session
    # hash covers it, so Django signs out each session at its next request.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "staff member"
        verbose_name_plural = "staff"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[choice.value for choice in Role]) | models.Q(role=""),
                name="staff_role_known",
            )
        ]

    def __str__(self) -> str:
        full = self.get_full_name()
        return full or self.username

    @property
    def is_responsible_officer(self) -> bool:
        return self.role in RESPONSIBLE_OFFICER_ROLES

    @property
    def area(self) -> Area | None:
        if self.managed_area_id:
            return self.managed_area
        return self.team.office.area if self.team_id else None

    def get_session_auth_hash(self) -> str:
        return self._session_hash(secret=None)

    def get_session_auth_fallback_hash(self):
        from django.conf import settings

        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=secret)

    def _session_hash(self, *, secret: str | None) -> str:
        # Generation 0 keeps Django's own value, so no session ends on deploy.
        salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        value = self.password
        if self.session_generation:
            value = f"{self.password}:{self.session_generation}"
        return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()

    def save(self, *args, **kwargs) -> None:
        # Admin access follows the role; it is never granted by hand.
        if self.role:
            self.is_staff = self.role in ADMIN_SITE_ROLES
            self.is_superuser = self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)


class PartnerType(models.TextChoices):
    POLICE = "police", "Police"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    PRISON = "prison", "Prison"
    RESETTLEMENT_PROVIDER = "resettlement_provider", "Resettlement provider"
    UNPAID_WORK_HOST = "unpaid_work_host", "Unpaid work placement host"
    INTERVENTION_PROVIDER = "intervention_provider", "Intervention provider"
    NPS = "nps", "National Probation Service"


class PartnerOrganisation(models.Model):
    """An agency that exchanges information with us through the partner API."""

    name = models.CharField(max_length=150, unique=True)
    partner_type = models.CharField(max_length=30, choices=PartnerType.choices)
    contact_email = models.EmailField(blank=True)
    areas_served = models.ManyToManyField(Area, blank=True, related_name="partners")
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SecurityEvent(models.Model):
    """An account's security record: lockouts, second-factor resets, password links.

    Append-only by use (the admin shows it read-only); administrators read it.
    """

    class Kind(models.TextChoices):
        LOCKOUT = "lockout", "Sign-in locked out"
        IP_THROTTLED = "ip_throttled", "Sign-in refused for an address"
        TOKEN_THROTTLED = "token_throttled", "Token requests throttled"
        TWO_FACTOR_ENROLLED = "2fa_enrolled", "Two-factor set up"
        TWO_FACTOR_RESET = "2fa_reset", "Two-factor reset"
        PASSWORD_LINK_SENT = "password_link", "Password reset link sent"
        PASSWORD_CHANGED = "password_changed", "Password changed"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The account concerned (when known) and who did it (for administrator actions).
    staff = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="security_events"
    )
    actor = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username} {self.at:%Y-%m-%d %H:%M}"
