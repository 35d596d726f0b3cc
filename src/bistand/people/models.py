"""Participants, their referrals, consents, status lifecycle and specialist history."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.audit.models import AppendOnlyModel, AppendOnlyQuerySet

from .enums import (
    ConsentKind,
    Decision,
    DeclineReason,
    EndReason,
    PreferredLanguage,
    ReferralSource,
    ServiceModel,
    Status,
)
from .validators import validate_identity_number

# No 0/O, 1/I/L or U: research ids are read aloud and typed by hand.
PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def new_pseudonym() -> str:
    """A random research id, unrelated to anything identifying (e.g. P-7K2Q9XW4RM)."""
    return "P-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(10))


def participant_visibility(user, prefix: str = "") -> Q | None:
    """The rows of participants `user` may see, as a Q on `prefix` (e.g. "participant__").

    - job specialist: participants assigned to them, and unassigned referrals in their team
    - team leader: everyone in their team
    - program manager, researcher, administrator: everyone in their organisation
      (what each may *see of* a participant is decided per view by the rules)
    None means nothing is visible.
    """
    scope = scope_of(user)
    p = prefix
    q = Q(pk__in=[])
    found = False
    if js_teams := scope.teams(Role.JOB_SPECIALIST):
        q |= Q(**{f"{p}team_id__in": js_teams, f"{p}specialist_id": user.pk})
        q |= Q(**{f"{p}team_id__in": js_teams, f"{p}specialist__isnull": True, f"{p}status": Status.REFERRED})
        found = True
    if tl_teams := scope.teams(Role.TEAM_LEADER):
        q |= Q(**{f"{p}team_id__in": tl_teams})
        found = True
    if orgs := scope.orgs(Role.PROGRAM_MANAGER, Role.RESEARCHER, Role.ADMINISTRATOR):
        q |= Q(**{f"{p}team__organisation_id__in": orgs})
        found = True
    return q if found else None


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def visible_to(self, user) -> ParticipantQuerySet:
        q = participant_visibility(user)
        return self.filter(q) if q is not None else self.none()

    def on_caseload(self) -> ParticipantQuerySet:
        from .enums import CASELOAD_STATUSES

        return self.filter(status__in=CASELOAD_STATUSES)


class ParticipantScopedQuerySet(models.QuerySet):
    """For records that belong to one participant: visible when the participant is."""

    def visible_to(self, user):
        q = participant_visibility(user, prefix="participant__")
        return self.filter(q) if q is not None else self.none()


class StatusChangeQuerySet(AppendOnlyQuerySet, ParticipantScopedQuerySet):
    pass


class Participant(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    national_id = models.CharField(
        _("national identity number"),
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Fødselsnummer or D-number, 11 digits. Optional."),
        validators=[validate_identity_number],
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=PreferredLanguage.choices, default=PreferredLanguage.NB
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="participants", verbose_name=_("team")
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("job specialist"),
    )
    service_model = models.CharField(_("service model"), max_length=32, choices=ServiceModel.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REFERRED)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)
    end_reason = models.CharField(_("reason for ending"), max_length=32, choices=EndReason.choices, blank=True)
    pseudonym = models.CharField(_("research id"), max_length=12, unique=True, default=new_pseudonym, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["specialist", "status"], name="participant_specialist_status"),
            models.Index(fields=["team", "status"], name="participant_team_status"),
            models.Index(fields=["last_name", "first_name", "id"], name="participant_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.ENDED, end_reason__gt="") | (~Q(status=Status.ENDED) & Q(end_reason="")),
                name="participant_end_reason_iff_ended",
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="participant_status_valid"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class StatusChange(AppendOnlyModel):
    """The transition log of a participant's status (append-only)."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "id"]


class SpecialistAssignment(models.Model):
    """Who was the participant's job specialist, from when to when."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="assignments")
    specialist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("from"), auto_now_add=True)
    ended_at = models.DateTimeField(_("to"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(ended_at__isnull=True), name="one_current_assignment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialist} ({self.started_at:%d.%m.%Y}–)"


class Referral(models.Model):
    """A referral to the service. Every referral is recorded and ends in a decision."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="referrals")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="referrals")
    received_on = models.DateField(_("referral date"))
    source = models.CharField(_("referred by"), max_length=32, choices=ReferralSource.choices)
    referrer_name = models.CharField(_("referring person"), max_length=200, blank=True)
    referrer_unit = models.CharField(_("referring unit"), max_length=200, blank=True)
    note = models.TextField(_("what the person wants help with"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=32, choices=DeclineReason.choices, blank=True
    )
    decision_note = models.TextField(_("explanation"), blank=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["team", "decision"], name="referral_team_decision")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision=Decision.PENDING, decided_on__isnull=True)
                | (~Q(decision=Decision.PENDING) & Q(decided_on__isnull=False)),
                name="referral_decided_on_iff_decided",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("received_on")),
                name="referral_decided_after_received",
            ),
            models.CheckConstraint(
                condition=~Q(decision=Decision.DECLINED) | (Q(decline_reason__gt="") & Q(decision_note__gt="")),
                name="referral_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.received_on:%d.%m.%Y}"


class Consent(models.Model):
    """What the participant agreed to, when, and whether it was withdrawn."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(_("consent to"), max_length=32, choices=ConsentKind.choices)
    given_on = models.DateField(_("given on"))
    scope_note = models.TextField(
        _("details"), blank=True, help_text=_("For disclosure to employers: what may be told, and to whom.")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.TextField(_("note on withdrawal"), blank=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["kind", "-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.given_on:%d.%m.%Y})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
