"""Reads for the participant's journey and the caseload. Every query starts from
`visible_to(user)`; per-row facts on the caseload are annotations, never per-row queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import (
    Case,
    DateField,
    F,
    OuterRef,
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


@dataclass(frozen=True)
class QueueFacts:
    """What the work queue reads of a participant (annotated by `with_casework`)."""

    pk: int
    status: str
    created_at: datetime.datetime
    last_contact_at: datetime.datetime | None
    accepted_on: datetime.date | None
    first_employer_contact_at: datetime.date | None
    open_next_step_due: datetime.date | None
    plan_review_on: datetime.date | None


QUEUE_FACTS = tuple(f.name for f in fields(QueueFacts))
EMPLOYER_SEARCH_STATUSES = frozenset({Status.ACCEPTED, Status.ACTIVE, Status.JOB_SEARCH})


def work_queue_items(participant: Any, today: datetime.date | None = None) -> list[WorkQueueItem]:
    """The work-queue items that apply to a participant annotated by `with_casework` (or to
    an object with the same attributes, QUEUE_FACTS). The one definition of the work queue.

    Only participants on the caseload are counted, and each item clears when acted on:
    a contact with the participant, an employer contact, a newer contact or the next step
    done, a recorded plan review. Worked out in Python from the annotated dates: as SQL,
    every item repeated the correlated subqueries it reads, and building that SQL cost more
    than running it (docs/benchmarks.md).
    """
    p = participant
    if p.status not in CASELOAD_STATUSES:
        return []
    today = today or timezone.localdate()
    items = []
    # "No contact for 14 days": the last contact was 14 or more days ago; with none, counted
    # from the acceptance (or, not yet accepted, from the record's creation).
    contact_cutoff = _start_of_day(today - datetime.timedelta(days=NO_CONTACT_DAYS - 1))
    if p.last_contact_at is not None:
        no_contact = p.last_contact_at < contact_cutoff
    elif p.accepted_on is not None:
        no_contact = p.accepted_on <= today - datetime.timedelta(days=NO_CONTACT_DAYS)
    else:
        no_contact = p.created_at < contact_cutoff
    if no_contact:
        items.append(WorkQueueItem.NO_CONTACT)
    # IPS rapid job search: more than 30 days since acceptance and no employer contact
    # since then. A participant in a job has met employers, so is not counted.
    if (
        p.status in EMPLOYER_SEARCH_STATUSES
        and p.accepted_on is not None
        and p.accepted_on < today - datetime.timedelta(days=EMPLOYER_CONTACT_DAYS)
        and p.first_employer_contact_at is None
    ):
        items.append(WorkQueueItem.NO_EMPLOYER_CONTACT)
    if p.open_next_step_due is not None and p.open_next_step_due < today:
        items.append(WorkQueueItem.NEXT_STEP_OVERDUE)
    if p.plan_review_on is not None and p.plan_review_on < today:
        items.append(WorkQueueItem.PLAN_REVIEW_OVERDUE)
    return items


class WorkQueue:
    """The work-queue items of every participant on a caseload queryset annotated by
    `with_casework`: one query of their dates (participants on the caseload only), then
    counted and filtered in Python."""

    def __init__(self, qs: QuerySet[Participant], *, today: datetime.date | None = None) -> None:
        today = today or timezone.localdate()
        rows = qs.filter(status__in=CASELOAD_STATUSES).order_by().values_list(*QUEUE_FACTS)
        self.items: dict[int, list[WorkQueueItem]] = {}
        for row in rows:
            facts = QueueFacts(*row)
            found = work_queue_items(facts, today)
            if found:
                self.items[facts.pk] = found

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(WorkQueueItem.values, 0)
        for found in self.items.values():
            for item in found:
                counts[item] += 1
        return counts

    def filter(self, qs: QuerySet[Participant], item: str) -> QuerySet[Participant]:
        """The participants the item applies to (an unknown item filters nothing)."""
        if item not in WorkQueueItem.values:
            return qs
        return qs.filter(pk__in=[pk for pk, found in self.items.items() if item in found])

    def of(self, pk: int) -> list[WorkQueueItem]:
        return self.items.get(pk, [])


def with_casework(qs: QuerySet[Participant]) -> QuerySet[Participant]:
    """Annotates participants with the current phase, the last contact, the acceptance
    date, the first employer contact, the open next step and the plan review date: what
    the caseload shows and the work queue (`work_queue_items`, `WorkQueue`) reads."""
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
    return qs.annotate(first_employer_contact_at=first_employer_contact_subquery(since=OuterRef("accepted_on")))


def caseload_for(user, *, mine_only: bool) -> QuerySet[Participant]:
    return with_casework(people_selectors.caseload_for(user, mine_only=mine_only))


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


TIMELINE_PAGE = 50  # the journey shows the newest 50 entries, and 50 more at a time


@dataclass
class JourneyCards:
    """The records the journey shows in cards beside the timeline, each newest first. They
    are few for any participant, so they are read whole, and the timeline takes its entries
    of these kinds from them instead of reading them again."""

    plan: InclusionPlan | None
    agreements: list[CooperationAgreement]
    benefits: list[BenefitsCounselling]
    youth: list[YouthFollowUp]


def journey_cards(user, participant: Participant) -> JourneyCards:
    pid = participant.pk
    return JourneyCards(
        plan=InclusionPlan.objects.visible_to(user).filter(participant_id=pid).select_related("created_by").first(),
        agreements=list(
            CooperationAgreement.objects.visible_to(user).filter(participant_id=pid).order_by("-agreed_on", "-pk")
        ),
        benefits=list(
            BenefitsCounselling.objects.visible_to(user).filter(participant_id=pid).order_by("-held_on", "-pk")
        ),
        youth=list(
            YouthFollowUp.objects.visible_to(user)
            .filter(participant_id=pid)
            .select_related("created_by")
            .order_by("-recorded_on", "-pk")
        ),
    )


def timeline_for(
    user, participant: Participant, *, limit: int | None = None, cards: JourneyCards | None = None
) -> tuple[list[TimelineEntry], bool]:
    """One timeline of phases, contacts, outreach, agreements, profile versions, the plan
    and its reviews, benefits counselling, youth follow-ups and status milestones, newest
    first, and whether there is more of it. A fixed number of queries however long the
    journey is; with `limit`, each kind reads only its newest `limit + 1` records, which
    hold the newest `limit` of the whole timeline. With `cards` (read for the same user),
    the plan, agreements, benefits counselling and youth follow-ups come from them."""
    pid = participant.pk
    entries: list[TimelineEntry] = []
    cards = cards or journey_cards(user, participant)

    def newest(qs, *order: str):
        qs = qs.order_by(*(f"-{f}" for f in order), "-pk")
        return qs if limit is None else qs[: limit + 1]

    for change in newest(PhaseChange.objects.visible_to(user).filter(participant_id=pid).select_related("actor"), "at"):
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
    contacts = Contact.objects.visible_to(user).filter(participant_id=pid).select_related("created_by")
    for contact in newest(contacts, "occurred_at"):
        entries.append(TimelineEntry(contact.occurred_at, False, "contact", contact))
    attempts = OutreachAttempt.objects.visible_to(user).filter(participant_id=pid).select_related("created_by")
    for attempt in newest(attempts, "attempted_at"):
        entries.append(TimelineEntry(attempt.attempted_at, False, "outreach", attempt))
    for agreement in cards.agreements:
        entries.append(TimelineEntry(_day(agreement.agreed_on), True, "agreement", agreement))
    versions = VocationalProfileVersion.objects.visible_to(user).filter(participant_id=pid).select_related("created_by")
    for version in newest(versions, "created_at"):
        entries.append(TimelineEntry(version.created_at, False, "profile", version))
    for plan in [cards.plan] if cards.plan else []:
        entries.append(TimelineEntry(plan.created_at, False, "plan", plan))
    reviews = PlanReview.objects.visible_to(user).filter(plan__participant_id=pid).select_related("created_by")
    for review in newest(reviews, "reviewed_on"):
        entries.append(TimelineEntry(_day(review.reviewed_on), True, "plan_review", review))
    for record in cards.benefits:
        entries.append(TimelineEntry(_day(record.held_on), True, "benefits", record))
    for record in cards.youth:
        entries.append(TimelineEntry(_day(record.recorded_on), True, "youth", record))
    statuses = StatusChange.objects.visible_to(user).filter(participant_id=pid).select_related("actor")
    for change in newest(statuses, "at"):
        entries.append(TimelineEntry(change.at, False, "status", change))
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    if limit is not None and len(entries) > limit:
        return entries[:limit], True
    return entries, False


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
