"""Reads for placements, follow-along and the placements' part of the work queue. Every query
starts from `visible_to(user)`; per-row facts are annotations, never per-row queries."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from bistand.casework.models import Contact
from bistand.people.enums import CASELOAD_STATUSES
from bistand.people.models import Participant

from .enums import DUE_SOON_DAYS, PlacementQueueItem
from .models import FollowUp, FollowUpDue, Placement

# --- Placements ------------------------------------------------------------------------------


def _open_dues() -> QuerySet[FollowUpDue]:
    return FollowUpDue.objects.filter(met_on__isnull=True, cancelled_on__isnull=True)


def with_follow_along(qs: QuerySet[Placement]) -> QuerySet[Placement]:
    """Placements with the latest support level, the number of follow-ups and the next
    open checkpoint (`next_due_on`)."""
    latest = FollowUp.objects.filter(placement=OuterRef("pk")).order_by("-occurred_at", "-id")
    return qs.annotate(
        latest_support_level=Subquery(latest.values("support_level")[:1]),
        last_follow_up_at=Subquery(latest.values("occurred_at")[:1]),
        follow_up_count=Count("follow_ups", distinct=True),
        next_due_on=Subquery(_open_dues().filter(placement=OuterRef("pk")).order_by("due_on").values("due_on")[:1]),
    )


def placements_for_participant(user, participant: Participant) -> QuerySet[Placement]:
    """A participant's placements, open ones first, then newest first."""
    return with_follow_along(
        Placement.objects.visible_to(user)
        .filter(participant=participant)
        .select_related("employer", "occupation", "participant")
    ).order_by(F("end_date").desc(nulls_first=True), "-start_date", "-id")


def placement_queryset() -> QuerySet[Placement]:
    return Placement.objects.select_related(
        "participant__team", "participant__specialist", "employer", "occupation", "workplace_mapping", "lead"
    )


def follow_ups_for(user, placement: Placement) -> list[FollowUp]:
    """The placement's follow-ups, oldest first (the order of the chart)."""
    return list(
        FollowUp.objects.visible_to(user)
        .filter(placement=placement)
        .select_related("created_by", "employer_contact__employer_person")
        .order_by("occurred_at", "id")
    )


def latest_follow_up(user, placement: Placement) -> FollowUp | None:
    return FollowUp.objects.visible_to(user).filter(placement=placement).order_by("-occurred_at", "-id").first()


def schedule_for(user, placement: Placement) -> list[FollowUpDue]:
    return list(FollowUpDue.objects.visible_to(user).filter(placement=placement).order_by("due_on", "kind", "number"))


def open_placements_for(user, participant: Participant) -> QuerySet[Placement]:
    return Placement.objects.visible_to(user).filter(participant=participant, end_date__isnull=True)


# --- The work queue --------------------------------------------------------------------------


def _due_soon(today: datetime.date) -> Q:
    return Q(due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))


def _ended_without_contact() -> QuerySet[Placement]:
    """Ended placements with no contact with the participant since (the "contact within 3
    days of a job loss" prompt). Any contact they take part in clears it, when it took place
    on or after the last day in the job and was logged after the end was recorded (so the
    follow-up at which the ending was discussed does not count as the contact after it)."""
    contact_since_end = Contact.objects.filter(
        participant=OuterRef("participant"),
        with_participant=True,
        occurred_at__date__gte=OuterRef("end_date"),
        created_at__gte=OuterRef("ended_at"),
    )
    return Placement.objects.filter(end_date__isnull=False).filter(~Exists(contact_since_end))


def waiting_for_contact(placement: Placement) -> bool:
    """The placement has ended and the participant has not been contacted since."""
    return placement.end_date is not None and _ended_without_contact().filter(pk=placement.pk).exists()


def queue_conditions() -> dict[str, Q]:
    """When each placement work-queue item applies, on a queryset annotated by `with_placement_queue`."""
    on_caseload = Q(status__in=CASELOAD_STATUSES)
    return {
        PlacementQueueItem.FOLLOW_ALONG_DUE: on_caseload & Q(pl_follow_along_due=True),
        PlacementQueueItem.JOB_ENDED: on_caseload & Q(pl_job_ended=True),
    }


def with_placement_queue(qs: QuerySet[Participant], *, today: datetime.date | None = None) -> QuerySet[Participant]:
    """Annotates participants with one boolean `pq_<item>` per placement work-queue item."""
    today = today or timezone.localdate()
    qs = qs.annotate(
        pl_follow_along_due=Exists(
            _open_dues().filter(_due_soon(today), placement__participant=OuterRef("pk"), placement__end_date=None)
        ),
        pl_job_ended=Exists(_ended_without_contact().filter(participant=OuterRef("pk"))),
    )
    return qs.annotate(
        **{
            f"pq_{item}": ExpressionWrapper(condition, output_field=BooleanField())
            for item, condition in queue_conditions().items()
        }
    )


def queue_counts(qs: QuerySet[Participant], *, today: datetime.date | None = None) -> dict[str, int]:
    """How many participants each placement work-queue item applies to (one query)."""
    annotated = with_placement_queue(qs, today=today).order_by()
    counts = annotated.aggregate(
        **{item: Count("pk", filter=Q(**{f"pq_{item}": True})) for item in PlacementQueueItem.values}
    )
    return {item: counts[item] or 0 for item in PlacementQueueItem.values}


def due_follow_ups(
    user, participants: QuerySet[Participant], *, today: datetime.date | None = None
) -> QuerySet[FollowUpDue]:
    """The follow-along checkpoints due now or within DUE_SOON_DAYS, earliest first, for the
    participants of `participants` on the caseload."""
    today = today or timezone.localdate()
    return (
        _open_dues()
        .filter(_due_soon(today), placement__end_date=None)
        .filter(placement__participant__in=participants.filter(status__in=CASELOAD_STATUSES).values("pk"))
        .filter(pk__in=FollowUpDue.objects.visible_to(user).values("pk"))
        .select_related("placement__participant", "placement__employer")
        .order_by("due_on", "placement__participant__last_name", "id")
    )


def ended_without_contact(user, participants: QuerySet[Participant]) -> QuerySet[Placement]:
    """Ended placements still waiting for a contact with the participant, oldest due first."""
    return (
        _ended_without_contact()
        .filter(participant__in=participants.filter(status__in=CASELOAD_STATUSES).values("pk"))
        .filter(pk__in=Placement.objects.visible_to(user).values("pk"))
        .select_related("participant", "employer")
        .order_by("job_ended_contact_due", "id")
    )
