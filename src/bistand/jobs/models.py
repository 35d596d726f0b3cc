"""Job openings (by hand, carved jobs, and vacancies from NAV's feed), the feed position,
and the job-finding funnel per participant."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.audit.models import AppendOnlyModel
from bistand.people.models import ParticipantScopedQuerySet

from .enums import Extent, LeadStage, NotHiredReason, OpeningKind, OpeningSource


class JobOpeningQuerySet(models.QuerySet["JobOpening"]):
    def visible_to(self, user) -> JobOpeningQuerySet:
        """NAV's public vacancies for every user with a role; openings registered by hand
        (job development, carved jobs) for the organisation that registered them."""
        orgs = scope_of(user).orgs(*Role)
        if not orgs:
            return self.none()
        return self.filter(Q(organisation__isnull=True) | Q(organisation_id__in=orgs))


class JobOpening(models.Model):
    source = models.CharField(_("source"), max_length=16, choices=OpeningSource.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=OpeningKind.choices, default=OpeningKind.ORDINARY)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_openings",
        help_text=_("Empty for public vacancies from NAV's feed."),
        # No index: with one, SQLite answers the visibility OR (public or own organisation)
        # by reading every row through it and sorting, instead of walking the newest-first index.
        db_index=False,
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_openings",
        verbose_name=_("employer"),
    )
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the job is: tasks, hours, place and what the employer looks for."),
    )
    styrk_code = models.CharField(_("occupation code (STYRK-08)"), max_length=4, blank=True)
    occupation = models.ForeignKey(
        "reference.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
    )
    nav_occupation_code = models.CharField(_("NAV occupation code"), max_length=20, blank=True)
    esco_code = models.CharField(_("ESCO code"), max_length=300, blank=True)
    esco_label = models.CharField(_("ESCO occupation"), max_length=300, blank=True)
    extent = models.CharField(_("extent"), max_length=16, choices=Extent.choices, blank=True)
    engagement_type = models.CharField(_("engagement type"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("published"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    application_due = models.CharField(_("application deadline"), max_length=100, blank=True)
    start_time = models.CharField(_("start"), max_length=100, blank=True)
    position_count = models.PositiveIntegerField(_("positions"), null=True, blank=True)
    application_url = models.URLField(_("application link"), max_length=1000, blank=True)
    source_url = models.URLField(_("original ad"), max_length=1000, blank=True)
    contacts = models.JSONField(_("contacts"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    nav_uuid = models.CharField(_("NAV id"), max_length=64, null=True, blank=True, unique=True)
    source_modified = models.DateTimeField(_("changed at the source"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    # Carved or customised jobs: what was negotiated with the employer.
    negotiated_tasks = models.TextField(_("negotiated tasks"), blank=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    accommodations = models.TextField(_("accommodations"), blank=True)
    wage_terms = models.TextField(_("wage terms"), blank=True, help_text=_("Ordinary wages per the principles of SE."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    kommuner = models.ManyToManyField(
        "reference.Kommune", through="JobOpeningLocation", related_name="+", verbose_name=_("work locations")
    )

    objects = JobOpeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The vacancy search walks this newest first and stops after a page (keyset, no
            # OFFSET). `is_active` is deliberately not in it: Django writes `WHERE is_active`
            # (a bare column), which SQLite cannot match to an index column anyway.
            models.Index(fields=["-published_at", "-id"], name="opening_published"),
            models.Index(fields=["styrk_code", "-published_at"], name="opening_styrk_published"),
            models.Index(fields=["extent", "-published_at", "-id"], name="opening_extent_published"),
            models.Index(fields=["employer", "-published_at"], name="opening_employer_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(source=OpeningSource.MANUAL, organisation__isnull=False)
                | Q(source=OpeningSource.NAV_FEED, organisation__isnull=True, nav_uuid__isnull=False),
                name="opening_source_owner",
            ),
            models.CheckConstraint(condition=Q(kind__in=OpeningKind.values), name="opening_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=OpeningKind.ORDINARY) | Q(source=OpeningSource.MANUAL), name="opening_carved_by_hand"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.employer_name}" if self.employer_name else self.title


class JobOpeningLocation(models.Model):
    """A work location in a kommune (the county number is copied for the county filter)."""

    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="locations")
    kommune = models.ForeignKey("reference.Kommune", on_delete=models.PROTECT, related_name="+")
    fylke_number = models.CharField(max_length=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["opening", "kommune"], name="opening_location_unique")]
        indexes = [
            models.Index(fields=["kommune", "opening"], name="opening_location_kommune"),
            models.Index(fields=["fylke_number", "opening"], name="opening_location_fylke"),
        ]

    def __str__(self) -> str:
        return f"{self.opening_id}: {self.kommune_id}"


class FeedState(models.Model):
    """Where the sync of one feed stands: the page it is on and the last item done there.

    Saved in the same transaction as each item, so a run that stops anywhere resumes
    with the next item and never stores one twice."""

    feed_url = models.CharField(max_length=500, unique=True)
    page_path = models.CharField(max_length=500, blank=True)
    last_item_id = models.CharField(max_length=100, blank=True)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.feed_url} @ {self.page_path or '-'}"


class JobLead(models.Model):
    """One job possibility for one participant, followed through the job-finding funnel."""

    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="job_leads")
    opening = models.ForeignKey(
        JobOpening, on_delete=models.PROTECT, null=True, blank=True, related_name="leads", verbose_name=_("job opening")
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("employer"),
    )
    stage = models.CharField(_("stage"), max_length=16, choices=LeadStage.choices, default=LeadStage.PROPOSED)
    stage_on = models.DateField(_("since"))
    not_hired_reason = models.CharField(_("reason"), max_length=32, choices=NotHiredReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("job lead")
        verbose_name_plural = _("job leads")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opening__isnull=False) | Q(employer__isnull=False), name="lead_has_opening_or_employer"
            ),
            models.CheckConstraint(
                condition=Q(stage=LeadStage.NOT_HIRED, not_hired_reason__in=NotHiredReason.values)
                | (~Q(stage=LeadStage.NOT_HIRED) & Q(not_hired_reason="")),
                name="lead_reason_iff_not_hired",
            ),
            models.CheckConstraint(condition=Q(stage__in=LeadStage.values), name="lead_stage_valid"),
        ]

    def __str__(self) -> str:
        return str(self.opening or self.employer)


class JobLeadStep(AppendOnlyModel):
    """The funnel's transition log (append-only)."""

    lead = models.ForeignKey(JobLead, on_delete=models.PROTECT, related_name="steps")
    from_stage = models.CharField(max_length=16, choices=LeadStage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=LeadStage.choices)
    occurred_on = models.DateField(_("date"))
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_stage=F("to_stage")), name="lead_step_changes_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.lead_id}: {self.from_stage} → {self.to_stage}"
