"""The participant's journey: enrolment in a service model and its phases, contacts (case
notes), outreach, the cooperation agreement, the vocational profile, the inclusion plan,
benefits counselling and the youth follow-up.

Every record belongs to one participant and is reached through `visible_to(user)`.
Records that keep history by adding rows (phase changes, profile versions, plan reviews,
youth follow-ups) are append-only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bistand.audit.models import AppendOnlyModel, AppendOnlyQuerySet
from bistand.people.enums import ServiceModel
from bistand.people.models import Participant, ParticipantScopedQuerySet, participant_visibility

from .enums import (
    PLACE_OF_KIND,
    ActionStatus,
    ContactKind,
    ContactPlace,
    InclusionPath,
    NeedStatus,
    OutreachMethod,
    Party,
    Responsible,
    Transport,
    WorkingTime,
)
from .validators import DOCUMENT_EXTENSIONS, ChoiceListValidator


class ScopedQuerySet(models.QuerySet):
    """Visible when the participant reached through `participant_path` is visible."""

    participant_path = "participant__"

    def visible_to(self, user):
        q = participant_visibility(user, prefix=self.participant_path)
        return self.filter(q) if q is not None else self.none()


class AppendOnlyScopedQuerySet(AppendOnlyQuerySet, ParticipantScopedQuerySet):
    pass


class PlanScopedQuerySet(ScopedQuerySet):
    participant_path = "plan__participant__"


class AppendOnlyPlanScopedQuerySet(AppendOnlyQuerySet, PlanScopedQuerySet):
    pass


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=verbose_name, **kwargs
    )


# --- Service model and phases ---------------------------------------------------------------


class Enrolment(models.Model):
    """A participant's course through one service model; the current phase lives here.

    A participant who changes service model gets a new enrolment; the old one stays as history.
    """

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="enrolments")
    service_model = models.CharField(_("service model"), max_length=32, choices=ServiceModel.choices)
    definition_version = models.PositiveSmallIntegerField(_("definition version"))
    current_phase = models.CharField(_("current phase"), max_length=64)
    phase_since = models.DateTimeField(_("in this phase since"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["participant", "service_model"], name="enrolment_one_per_model"),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_model_display()}: {self.current_phase}"


class PhaseChange(AppendOnlyModel):
    """The log of an enrolment's phases: when, who, from, to. Phases may be revisited."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="phase_changes")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    service_model = models.CharField(_("service model"), max_length=32, choices=ServiceModel.choices)
    definition_version = models.PositiveSmallIntegerField(_("definition version"))
    from_phase = models.CharField(_("from"), max_length=64, blank=True)
    to_phase = models.CharField(_("to"), max_length=64)
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = _user_fk(_("changed by"), null=True)
    note = models.TextField(_("note"), blank=True)

    objects = AppendOnlyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_phase or '–'} → {self.to_phase}"


# --- Contacts and outreach --------------------------------------------------------------------


class Contact(models.Model):
    """A case note: one contact with or about the participant."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="contacts")
    occurred_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    kind = models.CharField(_("kind of contact"), max_length=32, choices=ContactKind.choices)
    place = models.CharField(_("place"), max_length=16, choices=ContactPlace.choices)
    with_participant = models.BooleanField(_("the participant took part"), default=True)
    other_parties = models.JSONField(
        _("others who took part"), default=list, blank=True, validators=[ChoiceListValidator(Party.values)]
    )
    note = models.TextField(_("note"), blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    next_step_done_on = models.DateField(_("next step done"), null=True, blank=True)
    created_by = _user_fk(_("written by"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["participant", "occurred_at"], name="contact_participant_time"),
            models.Index(fields=["participant", "kind", "occurred_at"], name="contact_participant_kind"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ContactKind.values), name="contact_kind_valid"),
            models.CheckConstraint(condition=Q(place__in=ContactPlace.values), name="contact_place_valid"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=720), name="contact_duration_range"
            ),
            models.CheckConstraint(
                condition=(Q(next_step="") & Q(next_step_due__isnull=True))
                | (~Q(next_step="") & Q(next_step_due__isnull=False)),
                name="contact_next_step_has_due_date",
            ),
            *(
                models.CheckConstraint(condition=~Q(kind=kind) | Q(place=place), name=f"contact_{kind}_place")
                for kind, place in PLACE_OF_KIND.items()
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%d.%m.%Y}"

    @property
    def next_step_open(self) -> bool:
        return bool(self.next_step) and self.next_step_done_on is None


class OutreachAttempt(models.Model):
    """An attempt to reach a participant who did not show up. Nothing discharges automatically."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="outreach_attempts")
    attempted_at = models.DateTimeField(_("date and time"))
    method = models.CharField(_("how"), max_length=32, choices=OutreachMethod.choices)
    reached = models.BooleanField(_("reached the participant"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach attempt")
        verbose_name_plural = _("outreach attempts")
        ordering = ["-attempted_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(method__in=OutreachMethod.values), name="outreach_method")]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.attempted_at:%d.%m.%Y}"


# --- Cooperation agreement ----------------------------------------------------------------------


def agreement_document_path(instance: CooperationAgreement, filename: str) -> str:
    """A random name under MEDIA_ROOT; the original name is kept only in `document_name`."""
    ext = DOCUMENT_EXTENSIONS.get(instance.document_type, "")
    return f"agreements/{instance.participant_id}/{uuid.uuid4().hex}{ext}"


class CooperationAgreement(models.Model):
    """The samarbeidsavtale between the participant and the service."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="cooperation_agreements")
    agreed_on = models.DateField(_("date"))
    parties = models.JSONField(
        _("other parties"), default=list, blank=True, validators=[ChoiceListValidator(Party.values)]
    )
    summary = models.TextField(_("what you agreed"), blank=True)
    accepted_by_participant = models.BooleanField(_("accepted by the participant"), default=False)
    document = models.FileField(_("signed document"), upload_to=agreement_document_path, blank=True, max_length=200)
    document_name = models.CharField(_("file name"), max_length=200, blank=True)
    document_type = models.CharField(_("file type"), max_length=32, blank=True)
    document_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["-agreed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document="") | Q(document_type__in=list(DOCUMENT_EXTENSIONS)),
                name="agreement_document_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.agreed_on:%d.%m.%Y}"


# --- Vocational profile -------------------------------------------------------------------------


class VocationalProfileVersion(AppendOnlyModel):
    """One saved version of the vocational profile (yrkeskartlegging / Discovery).

    Every save adds a version; the profile is updated with every job experience (IPS V3).
    """

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="profile_versions")
    number = models.PositiveIntegerField(_("version"))
    job_goals = models.ManyToManyField(
        "reference.Occupation", related_name="+", blank=True, verbose_name=_("job goals (STYRK-08)")
    )
    interests = models.TextField(_("interests"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    work_history = models.TextField(_("work history"), blank=True)
    education = models.TextField(_("education"), blank=True)
    hours_min = models.PositiveSmallIntegerField(_("hours per week, from"), null=True, blank=True)
    hours_max = models.PositiveSmallIntegerField(_("hours per week, to"), null=True, blank=True)
    working_times = models.JSONField(
        _("working times"), default=list, blank=True, validators=[ChoiceListValidator(WorkingTime.values)]
    )
    kommuner = models.ManyToManyField(
        "reference.Kommune", related_name="+", blank=True, verbose_name=_("municipalities where they will work")
    )
    max_commute_minutes = models.PositiveSmallIntegerField(_("longest commute (minutes)"), null=True, blank=True)
    transport = models.JSONField(
        _("transport"), default=list, blank=True, validators=[ChoiceListValidator(Transport.values)]
    )
    does_not_want = models.TextField(_("does not want"), blank=True)
    support_needs = models.TextField(_("support needs and coping strategies"), blank=True)
    disclosure = models.TextField(_("what may be disclosed to employers"), blank=True)
    created_by = _user_fk(_("saved by"))
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    objects = AppendOnlyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vocational profile version")
        verbose_name_plural = _("vocational profile versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "number"], name="profile_version_unique"),
            models.CheckConstraint(
                condition=Q(hours_min__isnull=True) | Q(hours_max__isnull=True) | Q(hours_min__lte=F("hours_max")),
                name="profile_hours_range",
            ),
            models.CheckConstraint(
                condition=(Q(hours_min__isnull=True) | Q(hours_min__lte=100))
                & (Q(hours_max__isnull=True) | Q(hours_max__lte=100)),
                name="profile_hours_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number}"


# The profile's fields in the order they are shown and compared between versions.
PROFILE_M2M_FIELDS = ["job_goals", "kommuner"]
PROFILE_FIELDS = [
    "job_goals",
    "interests",
    "strengths",
    "work_history",
    "education",
    "hours_min",
    "hours_max",
    "working_times",
    "kommuner",
    "max_commute_minutes",
    "transport",
    "does_not_want",
    "support_needs",
    "disclosure",
]


# --- Inclusion plan -----------------------------------------------------------------------------


class InclusionPlan(models.Model):
    """The participant's inkluderingsplan: goals, actions and when it is next reviewed."""

    participant = models.OneToOneField(Participant, on_delete=models.PROTECT, related_name="inclusion_plan")
    goals = models.TextField(_("goals"))
    review_on = models.DateField(_("next review"))
    created_by = _user_fk(_("made by"))
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inclusion plan")
        verbose_name_plural = _("inclusion plans")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class PlanAction(models.Model):
    plan = models.ForeignKey(InclusionPlan, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(pgettext_lazy("plan action", "action"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=32, choices=Responsible.choices)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = [F("due_on").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(condition=Q(responsible__in=Responsible.values), name="plan_action_responsible"),
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="plan_action_status"),
        ]

    def __str__(self) -> str:
        return self.description


class PlanReview(AppendOnlyModel):
    plan = models.ForeignKey(InclusionPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    note = models.TextField(_("what came out of the review"))
    next_review_on = models.DateField(_("next review"))
    created_by = _user_fk(_("reviewed by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = AppendOnlyPlanScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=F("reviewed_on")), name="plan_review_next_after_review"
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.reviewed_on:%d.%m.%Y}"


# --- Benefits counselling -------------------------------------------------------------------------


class BenefitsCounselling(models.Model):
    """Individual benefits counselling (IPS principle 4, fidelity item V1)."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="benefits_counselling")
    held_on = models.DateField(_("date"))
    covered = models.TextField(_("what was covered"))
    before_job_start = models.BooleanField(_("before a job start"), default=False)
    counsellor = models.CharField(_("given by"), max_length=200, blank=True)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("benefits counselling")
        verbose_name_plural = _("benefits counselling")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.held_on:%d.%m.%Y}"


# --- Youth ------------------------------------------------------------------------------------------


def _need(label):
    return models.CharField(label, max_length=16, choices=NeedStatus.choices, default=NeedStatus.OK)


class YouthFollowUp(AppendOnlyModel):
    """Where a young participant stands on the helper's four roles and the inclusion path
    (Frøyland 2018). Each record is a dated snapshot; together they track the course."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="youth_follow_ups")
    recorded_on = models.DateField(_("date"))
    economy = _need(_("economy"))
    economy_note = models.TextField(_("note on economy"), blank=True)
    housing = _need(_("housing"))
    housing_note = models.TextField(_("note on housing"), blank=True)
    health = _need(_("health"))
    health_note = models.TextField(_("note on health"), blank=True)
    activity = _need(_("activity"))
    activity_note = models.TextField(_("note on activity"), blank=True)
    contact_relation = models.BooleanField(_("contact and relation in place"), default=False)
    contact_relation_note = models.TextField(_("note on contact and relation"), blank=True)
    job_enabling = models.BooleanField(_("job enabling under way"), default=False)
    job_enabling_note = models.TextField(_("note on job enabling"), blank=True)
    job_customising = models.BooleanField(_("job customising under way"), default=False)
    job_customising_note = models.TextField(_("note on job customising"), blank=True)
    inclusion_path = models.CharField(_("inclusion path"), max_length=32, choices=InclusionPath.choices, blank=True)
    inclusion_path_note = models.TextField(_("note on the inclusion path"), blank=True)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = AppendOnlyScopedQuerySet.as_manager()

    NEEDS = ("economy", "housing", "health", "activity")
    ROLES = ("contact_relation", "job_enabling", "job_customising")

    class Meta:
        verbose_name = _("youth follow-up")
        verbose_name_plural = _("youth follow-ups")
        ordering = ["-recorded_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(economy__in=NeedStatus.values)
                & Q(housing__in=NeedStatus.values)
                & Q(health__in=NeedStatus.values)
                & Q(activity__in=NeedStatus.values),
                name="youth_need_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(inclusion_path="") | Q(inclusion_path__in=InclusionPath.values),
                name="youth_inclusion_path_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.recorded_on:%d.%m.%Y}"

    @property
    def basic_needs_attended(self) -> bool:
        """Role 1 is taken care of when no basic need is left at 'needs help'."""
        return all(getattr(self, need) != NeedStatus.NEEDS_HELP for need in self.NEEDS)

    @property
    def success_pattern(self) -> bool:
        """Roles (1 and 2) + (3 or 4): the combination that more often led to success."""
        return self.basic_needs_attended and self.contact_relation and (self.job_enabling or self.job_customising)
