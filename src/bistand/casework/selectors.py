"""Reads for the participant's journey and the caseload. Every query starts from
`visible_to(user)`; per-row facts on the caseload are annotations, never per-row queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from bistand.employers.models import EmployerContactParticipant
from bistand.people import selectors as people_selectors
from bistand.people.enums import CASELOAD_STATUSES, Decision, Status
from bistand.people.models import Participant, Referral, StatusChange

from .enums import (
    EMPLOYER_CONTACT_DAYS,
    EMPLOYER_CONTACT_KINDS,
    NO_CONTACT_DAYS,
    Transport,
    WorkingTime,
    WorkQueueItem,
)
from .models import (
    PROFILE_FIELDS,
    BenefitsCounselling,
    Contact,
    CooperationAgreement,
    Enrolment,
    InclusionPlan,
    OutreachAttempt,
    PhaseChange,
    PlanAction,
    PlanReview,
    VocationalProfileVersion,
    YouthFollowUp,
)
from .service_models import phase_label

# --- Employer contact: one definition for every measure ----------------------------------------


def first_employer_contact_subquery(*, since: Any = None) -> Least:
    """The date of the participant's first employer contact, as an expression for annotating
    a Participant queryset (correlated on OuterRef("pk")).

    This is the one definition of "first employer contact" for the work queue (IPS rapid
    job search, "no employer contact within 30 days of acceptance"): the earliest of
    - a casework Contact of an employer kind (contact with an employer on the participant's
      behalf, or a workplace visit), and
    - a contact in the employers app's job-development log that names the participant,
    on or after `since` (a date or an expression such as OuterRef("accepted_on")).
    Fidelity item V4 counts face-to-face contacts only: see
    employers.selectors.first_employer_contact_date_subquery(face_to_face_only=True).
    """
    notes = Contact.objects.filter(participant=OuterRef("pk"), kind__in=EMPLOYER_CONTACT_KINDS)
    logged = EmployerContactParticipant.objects.filter(participant=OuterRef("pk"))
    if since is not None:
        notes = notes.filter(occurred_at__date__gte=since)
        logged = logged.filter(contact__contact_date__gte=since)
    from_notes = Subquery(
        notes.order_by("occurred_at", "id").annotate(day=TruncDate("occurred_at")).values("day")[:1],
        output_field=DateField(),
    )
    from_log = Subquery(
        logged.order_by("contact__contact_date").values("contact__contact_date")[:1], output_field=DateField()
    )
    # LEAST is NULL on SQLite when either side is NULL: coalesce each side with the other.
    return Least(Coalesce(from_notes, from_log), Coalesce(from_log, from_notes), output_field=DateField())


# --- The caseload with its casework columns and the work queue ----------------------------------


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def work_queue_conditions(today: datetime.date) -> dict[str, Q]:
    """When each work-queue item applies, on a queryset annotated by `with_casework`.

    Only participants on the caseload are counted, and each item clears when acted on:
    a contact with the participant, an employer contact, a newer contact or the next step
    done, a recorded plan review.
    """
    on_caseload = Q(status__in=CASELOAD_STATUSES)
    # "No contact for 14 days": the last contact was 14 or more days ago.
    contact_cutoff = _start_of_day(today - datetime.timedelta(days=NO_CONTACT_DAYS - 1))
    no_contact_since = Q(last_contact_at__lt=contact_cutoff) | (
        Q(last_contact_at__isnull=True)
        & (
            Q(accepted_on__lte=today - datetime.timedelta(days=NO_CONTACT_DAYS))
            | Q(accepted_on__isnull=True, created_at__lt=contact_cutoff)
        )
    )
    return {
        WorkQueueItem.NO_CONTACT: on_caseload & no_contact_since,
        # IPS rapid job search: more than 30 days since acceptance and no employer contact
        # since then. A participant in a job has met employers, so is not counted.
        WorkQueueItem.NO_EMPLOYER_CONTACT: Q(status__in=[Status.ACCEPTED, Status.ACTIVE, Status.JOB_SEARCH])
        & Q(accepted_on__lt=today - datetime.timedelta(days=EMPLOYER_CONTACT_DAYS))
        & Q(first_employer_contact_at__isnull=True),
        WorkQueueItem.NEXT_STEP_OVERDUE: on_caseload & Q(open_next_step_due__lt=today),
        WorkQueueItem.PLAN_REVIEW_OVERDUE: on_caseload & Q(plan_review_on__lt=today),
    }


def with_casework(qs: QuerySet[Participant], *, today: datetime.date | None = None) -> QuerySet[Participant]:
    """Annotates participants with the current phase, the last contact, the acceptance
    date, the first employer contact, the open next step, the plan review date and one
    boolean `wq_<item>` per work-queue item."""
    today = today or timezone.localdate()
    latest_contact = Contact.objects.filter(participant=OuterRef("pk")).order_by("-occurred_at", "-id")
    qs = qs.annotate(
        current_phase=Subquery(
            Enrolment.objects.filter(participant=OuterRef("pk"), service_model=OuterRef("service_model")).values(
                "current_phase"
            )[:1]
        ),
        last_contact_at=Subquery(latest_contact.filter(with_participant=True).values("occurred_at")[:1]),
        accepted_on=Subquery(
            Referral.objects.filter(participant=OuterRef("pk"), decision=Decision.ACCEPTED)
            .order_by("-decided_on", "-id")
            .values("decided_on")[:1]
        ),
        # The next step of the latest contact, while it is not done (a newer contact replaces it).
        open_next_step_due=Subquery(
            latest_contact.annotate(
                open_due=Case(
                    When(next_step_done_on__isnull=True, then=F("next_step_due")),
                    default=Value(None),
                    output_field=DateField(),
                )
            ).values("open_due")[:1]
        ),
        plan_review_on=Subquery(InclusionPlan.objects.filter(participant=OuterRef("pk")).values("review_on")[:1]),
    )
    qs = qs.annotate(first_employer_contact_at=first_employer_contact_subquery(since=OuterRef("accepted_on")))
    return qs.annotate(
        **{
            f"wq_{item}": ExpressionWrapper(condition, output_field=BooleanField())
            for item, condition in work_queue_conditions(today).items()
        }
    )


def caseload_for(user, *, mine_only: bool, today: datetime.date | None = None) -> QuerySet[Participant]:
    return with_casework(people_selectors.caseload_for(user, mine_only=mine_only), today=today)


def filter_work_queue(qs: QuerySet[Participant], item: str) -> QuerySet[Participant]:
    if item not in WorkQueueItem.values:
        return qs
    return qs.filter(**{f"wq_{item}": True})


def work_queue_counts(qs: QuerySet[Participant]) -> dict[str, int]:
    """How many participants of an annotated queryset each work-queue item applies to (one query)."""
    counts = qs.order_by().aggregate(
        **{item: Count("pk", filter=Q(**{f"wq_{item}": True})) for item in WorkQueueItem.values}
    )
    return {item: counts[item] or 0 for item in WorkQueueItem.values}


def work_queue_items(participant: Participant) -> list[WorkQueueItem]:
    """The work-queue items that apply to a participant annotated by `with_casework`."""
    return [WorkQueueItem(item) for item in WorkQueueItem.values if getattr(participant, f"wq_{item}", False)]


def days_since(value: datetime.datetime | datetime.date | None, today: datetime.date | None = None) -> int | None:
    if value is None:
        return None
    today = today or timezone.localdate()
    day = timezone.localdate(value) if isinstance(value, datetime.datetime) else value
    return (today - day).days


# --- The journey page ---------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    at: datetime.datetime
    date_only: bool
    kind: str
    obj: Any
    label: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.at, self.kind, getattr(self.obj, "pk", 0) or 0)


def _day(value: datetime.date) -> datetime.datetime:
    return _start_of_day(value)


def timeline_for(user, participant: Participant) -> list[TimelineEntry]:
    """One timeline of phases, contacts, outreach, agreements, profile versions, the plan
    and its reviews, benefits counselling, youth follow-ups and status milestones, newest
    first. A fixed number of queries however long the journey is."""
    pid = participant.pk
    entries: list[TimelineEntry] = []
    for change in PhaseChange.objects.visible_to(user).filter(participant_id=pid).select_related("actor"):
        entries.append(
            TimelineEntry(
                change.at,
                False,
                "phase",
                change,
                _("%(from)s → %(to)s")
                % {
                    "from": phase_label(change.service_model, change.from_phase) or _("start"),
                    "to": phase_label(change.service_model, change.to_phase),
                },
            )
        )
    for contact in Contact.objects.visible_to(user).filter(participant_id=pid).select_related("created_by"):
        entries.append(TimelineEntry(contact.occurred_at, False, "contact", contact))
    for attempt in OutreachAttempt.objects.visible_to(user).filter(participant_id=pid).select_related("created_by"):
        entries.append(TimelineEntry(attempt.attempted_at, False, "outreach", attempt))
    for agreement in CooperationAgreement.objects.visible_to(user).filter(participant_id=pid):
        entries.append(TimelineEntry(_day(agreement.agreed_on), True, "agreement", agreement))
    for version in (
        VocationalProfileVersion.objects.visible_to(user).filter(participant_id=pid).select_related("created_by")
    ):
        entries.append(TimelineEntry(version.created_at, False, "profile", version))
    for plan in InclusionPlan.objects.visible_to(user).filter(participant_id=pid).select_related("created_by"):
        entries.append(TimelineEntry(plan.created_at, False, "plan", plan))
    for review in PlanReview.objects.visible_to(user).filter(plan__participant_id=pid).select_related("created_by"):
        entries.append(TimelineEntry(_day(review.reviewed_on), True, "plan_review", review))
    for record in BenefitsCounselling.objects.visible_to(user).filter(participant_id=pid):
        entries.append(TimelineEntry(_day(record.held_on), True, "benefits", record))
    for record in YouthFollowUp.objects.visible_to(user).filter(participant_id=pid).select_related("created_by"):
        entries.append(TimelineEntry(_day(record.recorded_on), True, "youth", record))
    for change in StatusChange.objects.visible_to(user).filter(participant_id=pid).select_related("actor"):
        entries.append(TimelineEntry(change.at, False, "status", change))
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    return entries


def participant_with_casework(user, pk: int) -> Participant:
    """One participant with the caseload annotations (the journey's work-queue flags)."""
    return with_casework(Participant.objects.visible_to(user).select_related("team", "specialist")).get(pk=pk)


def enrolment_for(participant: Participant) -> Enrolment | None:
    return Enrolment.objects.filter(participant=participant, service_model=participant.service_model).first()


def plan_for(user, participant: Participant) -> InclusionPlan | None:
    return InclusionPlan.objects.visible_to(user).filter(participant=participant).first()


def plan_actions_for(user, plan: InclusionPlan | None) -> QuerySet[PlanAction]:
    if plan is None:
        return PlanAction.objects.none()
    return PlanAction.objects.visible_to(user).filter(plan=plan)


def open_next_step(user, participant: Participant) -> Contact | None:
    """The latest contact, if its next step is still open."""
    latest = Contact.objects.visible_to(user).filter(participant=participant).order_by("-occurred_at", "-id").first()
    return latest if latest is not None and latest.next_step_open else None


# --- Vocational profile versions ----------------------------------------------------------------


@dataclass
class FieldChange:
    field: str
    label: str
    before: str
    after: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _display(version: VocationalProfileVersion, name: str) -> tuple[str, list[str]]:
    """The value shown for a profile field, and for lists the items."""
    if name == "job_goals":
        items = [str(o) for o in version.job_goals.all()]
    elif name == "kommuner":
        items = [k.name for k in version.kommuner.all()]
    elif name == "working_times":
        items = [WorkingTime(v).label for v in version.working_times if v in WorkingTime.values]
    elif name == "transport":
        items = [Transport(v).label for v in version.transport if v in Transport.values]
    else:
        value = getattr(version, name)
        return ("" if value is None else str(value)), []
    items = sorted(items)
    return ", ".join(items), items


def profile_diff(before: VocationalProfileVersion | None, after: VocationalProfileVersion) -> list[FieldChange]:
    """What changed from one version to the next (against nothing for the first)."""
    changes = []
    for name in PROFILE_FIELDS:
        after_text, after_items = _display(after, name)
        before_text, before_items = _display(before, name) if before is not None else ("", [])
        if before_text == after_text:
            continue
        changes.append(
            FieldChange(
                field=name,
                label=str(VocationalProfileVersion._meta.get_field(name).verbose_name),
                before=before_text,
                after=after_text,
                added=[i for i in after_items if i not in before_items],
                removed=[i for i in before_items if i not in after_items],
            )
        )
    return changes


def profile_versions_for(user, participant: Participant) -> list[VocationalProfileVersion]:
    """All versions, newest first, each with `.changes` against the version before it."""
    versions = list(
        VocationalProfileVersion.objects.visible_to(user)
        .filter(participant=participant)
        .select_related("created_by")
        .prefetch_related("job_goals", "kommuner")
        .order_by("number")
    )
    previous = None
    for version in versions:
        version.changes = profile_diff(previous, version)
        previous = version
    return versions[::-1]


def latest_profile_for(user, participant: Participant) -> VocationalProfileVersion | None:
    return (
        VocationalProfileVersion.objects.visible_to(user)
        .filter(participant=participant)
        .prefetch_related("job_goals", "kommuner")
        .order_by("-number")
        .first()
    )
