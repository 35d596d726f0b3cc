"""Placements (arbeidsforhold), the time-unlimited follow-along around them and natural
support measured at each follow-up.

Every record belongs to one participant and is reached through `visible_to(user)`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bistand.casework.models import ScopedQuerySet
from bistand.casework.validators import ChoiceListValidator
from bistand.people.models import ParticipantScopedQuerySet

from .enums import (
    COMPETITIVE_TYPES,
    DEFAULT_AFTER_START_DAYS,
    DEFAULT_BEFORE_START_DAYS,
    DEFAULT_JOB_ENDED_CONTACT_DAYS,
    DEFAULT_MONTHLY_DAYS,
    DEFAULT_WEEKLY_WEEKS,
    CareerGoal,
    DueKind,
    FollowUpMode,
    Permanence,
    PlacementEndReason,
    PlacementType,
    SupportLevel,
    WageSubsidy,
)


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=verbose_name, **kwargs
    )


class PlacementScopedQuerySet(ScopedQuerySet):
    participant_path = "placement__participant__"


# --- The team's follow-along timing ----------------------------------------------------------


class FollowAlongPolicy(models.Model):
    """A team's follow-along timing. Without a row the IPS defaults apply (see enums)."""

    team = models.OneToOneField(
        "accounts.Team", on_delete=models.PROTECT, related_name="follow_along_policy", verbose_name=_("team")
    )
    before_start_days = models.PositiveSmallIntegerField(
        _("contact before the start, within (days)"),
        default=DEFAULT_BEFORE_START_DAYS,
        help_text=_("0: no contact is scheduled before the start."),
    )
    after_start_days = models.PositiveSmallIntegerField(
        _("contact after the start, within (days)"), default=DEFAULT_AFTER_START_DAYS
    )
    weekly_weeks = models.PositiveSmallIntegerField(
        _("weekly contact for the first (weeks)"), default=DEFAULT_WEEKLY_WEEKS
    )
    monthly_days = models.PositiveSmallIntegerField(
        _("then contact at least every (days)"), default=DEFAULT_MONTHLY_DAYS
    )
    job_ended_contact_days = models.PositiveSmallIntegerField(
        _("contact after a job ended, within (days)"), default=DEFAULT_JOB_ENDED_CONTACT_DAYS
    )
    updated_by = _user_fk(_("changed by"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("follow-along timing")
        verbose_name_plural = _("follow-along timings")
        constraints = [
            models.CheckConstraint(condition=Q(before_start_days__lte=30), name="policy_before_start_range"),
            models.CheckConstraint(
                condition=Q(after_start_days__gte=1, after_start_days__lte=14), name="policy_after_start_range"
            ),
            models.CheckConstraint(condition=Q(weekly_weeks__lte=12), name="policy_weekly_range"),
            models.CheckConstraint(condition=Q(monthly_days__gte=7, monthly_days__lte=92), name="policy_monthly_range"),
            models.CheckConstraint(
                condition=Q(job_ended_contact_days__gte=1, job_ended_contact_days__lte=14),
                name="policy_job_ended_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}: {self.team}"


# --- The placement -----------------------------------------------------------------------------


class Placement(models.Model):
    """One employment relationship (arbeidsforhold) of a participant. Several over time, and
    at the same time, are normal; ending one never ends the follow-up."""

    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="placements")
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.PROTECT, related_name="placements", verbose_name=_("employer")
    )
    workplace_mapping = models.ForeignKey(
        "employers.WorkplaceMapping",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("workplace mapping"),
    )
    lead = models.OneToOneField(
        "jobs.JobLead",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
        verbose_name=_("job lead"),
        help_text=_("The hire in the job-finding funnel that this placement came from."),
    )
    job_title = models.CharField(_("job title"), max_length=200)
    occupation = models.ForeignKey(
        "reference.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (STYRK-08)"),
    )
    kind = models.CharField(_("type"), max_length=24, choices=PlacementType.choices, default=PlacementType.ORDINARY)
    permanence = models.CharField(_("permanent or temporary"), max_length=16, choices=Permanence.choices)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    hourly_wage = models.DecimalField(_("hourly wage (NOK)"), max_digits=7, decimal_places=2, null=True, blank=True)
    ordinary_wage = models.BooleanField(
        _("ordinary wage for the job"),
        default=True,
        help_text=_("Paid the same as others doing the same work (tariff or the usual rate)."),
    )
    wage_subsidy = models.CharField(
        _("wage subsidy"), max_length=16, choices=WageSubsidy.choices, default=WageSubsidy.NONE
    )
    wage_subsidy_percent = models.PositiveSmallIntegerField(_("wage subsidy (%)"), null=True, blank=True)
    wage_subsidy_from = models.DateField(_("wage subsidy from"), null=True, blank=True)
    wage_subsidy_to = models.DateField(_("wage subsidy to"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    four_hours_reached_on = models.DateField(
        _("4 hours of paid work reached on"),
        null=True,
        blank=True,
        help_text=_("The day paid work first reached 4 hours in total. The job start counts from then."),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=24, choices=PlacementEndReason.choices, blank=True)
    end_note = models.TextField(_("about the ending"), blank=True)
    ended_at = models.DateTimeField(_("end recorded"), null=True, blank=True)
    job_ended_contact_due = models.DateField(_("contact the participant by"), null=True, blank=True)
    disclosure = models.TextField(
        _("disclosed to the employer"),
        blank=True,
        help_text=_("What the participant chose to tell the employer, and who was told."),
    )
    accommodations = models.TextField(_("accommodations (tilrettelegging)"), blank=True)
    job_carving = models.TextField(
        _("job carving"), blank=True, help_text=_("Tasks carved out or put together for this job.")
    )
    career_goals = models.JSONField(
        _("career goals"), default=list, blank=True, validators=[ChoiceListValidator(CareerGoal.values)]
    )
    career_note = models.TextField(_("career development"), blank=True)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["participant", "end_date"], name="placement_participant_end"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PlacementType.values), name="placement_kind_valid"),
            models.CheckConstraint(condition=Q(permanence__in=Permanence.values), name="placement_permanence_valid"),
            models.CheckConstraint(
                condition=(Q(end_date__isnull=True) & Q(end_reason=""))
                | (Q(end_date__isnull=False) & Q(end_reason__in=PlacementEndReason.values)),
                name="placement_end_reason_iff_ended",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, ended_at__isnull=True)
                | Q(end_date__isnull=False, ended_at__isnull=False),
                name="placement_ended_at_iff_ended",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="placement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(four_hours_reached_on__isnull=True) | Q(four_hours_reached_on__gte=F("start_date")),
                name="placement_four_hours_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__gt=0, hours_per_week__lte=100),
                name="placement_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(hourly_wage__isnull=True) | Q(hourly_wage__gte=0), name="placement_wage_not_negative"
            ),
            models.CheckConstraint(
                condition=(
                    Q(wage_subsidy=WageSubsidy.NONE)
                    & Q(wage_subsidy_percent__isnull=True)
                    & Q(wage_subsidy_from__isnull=True)
                    & Q(wage_subsidy_to__isnull=True)
                )
                | (
                    Q(wage_subsidy__in=[WageSubsidy.TIME_LIMITED, WageSubsidy.PERMANENT, WageSubsidy.OTHER])
                    & Q(wage_subsidy_percent__gte=1, wage_subsidy_percent__lte=100)
                ),
                name="placement_wage_subsidy_consistent",
            ),
            models.CheckConstraint(
                condition=Q(wage_subsidy_from__isnull=True)
                | Q(wage_subsidy_to__isnull=True)
                | Q(wage_subsidy_to__gte=F("wage_subsidy_from")),
                name="placement_wage_subsidy_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_title} – {self.employer}" if self.employer_id else self.job_title

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    @property
    def is_competitive(self) -> bool:
        return self.kind in COMPETITIVE_TYPES

    @property
    def career_goal_labels(self) -> list[str]:
        return [str(CareerGoal(v).label) for v in self.career_goals if v in CareerGoal.values]

    @property
    def job_start(self) -> datetime.date | None:
        """When the job start counts (IPS Grow): the day paid work reached 4 hours."""
        return self.four_hours_reached_on

    def tenure_days(self, today: datetime.date) -> int:
        """Days in the job so far (to the end date when it has ended); 0 before the start."""
        last = self.end_date or today
        return max((last - self.start_date).days, 0)


# --- Follow-ups ----------------------------------------------------------------------------------


class FollowUp(models.Model):
    """One follow-along contact on a placement, with the employee, the employer or both.

    One entry counts every way it should: it is a case note on the participant's journey
    (`contact`, a casework Contact) and, when the employer took part, a contact in the job
    development log (`employer_contact`, purpose "follow-up of a placed employee").
    """

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="follow_ups")
    occurred_at = models.DateTimeField(_("date and time"))
    mode = models.CharField(_("how"), max_length=16, choices=FollowUpMode.choices)
    with_employee = models.BooleanField(_("with the employee"), default=True)
    with_employer = models.BooleanField(_("with the employer"), default=False)
    support_level = models.PositiveSmallIntegerField(_("natural support level"), choices=SupportLevel.choices)
    natural_supports = models.TextField(
        _("who gives support at work"), blank=True, help_text=_("Colleagues or a mentor, and what they help with.")
    )
    note = models.TextField(_("note"), blank=True)
    contact = models.OneToOneField(
        "casework.Contact", on_delete=models.PROTECT, related_name="follow_up", verbose_name=_("case note")
    )
    employer_contact = models.OneToOneField(
        "employers.EmployerContact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up",
        verbose_name=_("employer contact"),
    )
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = PlacementScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["placement", "occurred_at"], name="follow_up_placement_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(with_employee=True) | Q(with_employer=True), name="follow_up_with_someone"
            ),
            models.CheckConstraint(
                condition=Q(support_level__gte=1, support_level__lte=6), name="follow_up_support_level_range"
            ),
            models.CheckConstraint(condition=Q(mode__in=FollowUpMode.values), name="follow_up_mode_valid"),
            models.CheckConstraint(
                condition=(Q(with_employer=True) & Q(employer_contact__isnull=False))
                | (Q(with_employer=False) & Q(employer_contact__isnull=True)),
                name="follow_up_employer_contact_iff_employer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.occurred_at:%d.%m.%Y}"


class FollowUpDue(models.Model):
    """One checkpoint of the follow-along schedule: a follow-up is due by `due_on`; a
    follow-up on or after `opens_on` meets it. Generated from the team's timing when the
    placement is recorded, and one month ahead after each follow-up, for as long as the
    placement lasts (time-unlimited)."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="schedule")
    kind = models.CharField(_("what"), max_length=16, choices=DueKind.choices)
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    opens_on = models.DateField(_("from"))
    due_on = models.DateField(_("due"))
    met_by = models.ForeignKey(
        FollowUp, on_delete=models.PROTECT, null=True, blank=True, related_name="met_dues", verbose_name=_("met by")
    )
    met_on = models.DateField(_("met on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)

    objects = PlacementScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-along checkpoint")
        verbose_name_plural = _("follow-along schedule")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["placement", "met_on", "cancelled_on", "due_on"], name="due_open_by_date")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DueKind.values), name="due_kind_valid"),
            models.CheckConstraint(condition=Q(opens_on__lte=F("due_on")), name="due_opens_before_due"),
            models.CheckConstraint(
                condition=(Q(met_by__isnull=True) & Q(met_on__isnull=True))
                | (Q(met_by__isnull=False) & Q(met_on__isnull=False)),
                name="due_met_by_iff_met_on",
            ),
            models.CheckConstraint(
                condition=Q(met_on__isnull=True) | Q(cancelled_on__isnull=True), name="due_not_met_and_cancelled"
            ),
            models.UniqueConstraint(fields=["placement", "kind", "number"], name="due_unique_per_placement"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.cancelled_on is None

    @property
    def met_late(self) -> bool:
        return self.met_on is not None and self.met_on > self.due_on
