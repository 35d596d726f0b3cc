"""The placements' work-queue items: each is counted, and disappears when acted on."""

import datetime

from django.utils import timezone

from bistand.casework import services as casework_services
from bistand.casework.enums import ContactKind
from bistand.people.enums import Status
from bistand.people.models import Participant
from bistand.placements import selectors, services
from bistand.placements.enums import PlacementEndReason, PlacementQueueItem
from bistand.placements.models import FollowUpDue
from tests.casework.factories import ContactFactory, days_ago

from .factories import contact_data, follow_up, hire

FOLLOW = PlacementQueueItem.FOLLOW_ALONG_DUE
ENDED = PlacementQueueItem.JOB_ENDED


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def counts(user, **filters) -> dict[str, int]:
    return selectors.queue_counts(Participant.objects.visible_to(user).filter(**filters))


def items_of(participant, user) -> list[str]:
    annotated = selectors.with_placement_queue(Participant.objects.visible_to(user)).get(pk=participant.pk)
    return [item for item in PlacementQueueItem.values if getattr(annotated, f"pq_{item}")]


def test_follow_along_due_appears_after_a_hire_and_clears_with_a_follow_up(world):
    placement = hire(world.js, world.own, start_date=day(0))  # after-start contact due in 3 days
    assert items_of(world.own, world.js) == [FOLLOW]
    assert counts(world.js)[FOLLOW] == 1
    follow_up(world.js, placement)
    assert items_of(world.own, world.js) == []
    assert counts(world.js) == {FOLLOW: 0, ENDED: 0}


def test_follow_along_not_due_while_the_next_checkpoint_is_far_ahead(world):
    hire(world.js, world.own, start_date=day(20))  # before-start contact due in 19 days
    assert items_of(world.own, world.js) == []


def test_follow_along_due_for_an_overdue_checkpoint(world):
    placement = hire(world.js, world.own, start_date=day(20))
    FollowUpDue.objects.filter(placement=placement).update(opens_on=day(-9), due_on=day(-2))
    assert items_of(world.own, world.js) == [FOLLOW]


def test_job_ended_prompt_until_a_contact_with_the_participant(world):
    placement = hire(world.js, world.own, start_date=day(-30))
    follow_up(world.js, placement)
    services.placement_end(
        actor=world.js, placement=placement, end_date=day(0), end_reason=PlacementEndReason.DISMISSED
    )
    world.own.refresh_from_db()
    assert world.own.status == Status.JOB_SEARCH
    # The follow-up before the end does not count; a contact without the participant neither.
    assert items_of(world.own, world.js) == [ENDED]
    ContactFactory(participant=world.own, kind=ContactKind.NAV, with_participant=False, occurred_at=timezone.now())
    assert items_of(world.own, world.js) == [ENDED]
    casework_services.contact_log(actor=world.js, participant=world.own, data=contact_data())
    assert items_of(world.own, world.js) == []


def test_job_ended_counts_a_contact_on_the_day_it_ended(world):
    placement = hire(world.js, world.own, start_date=day(-30))
    services.placement_end(actor=world.js, placement=placement, end_date=day(-2), end_reason=PlacementEndReason.QUIT)
    ContactFactory(participant=world.own, occurred_at=days_ago(2))
    assert items_of(world.own, world.js) == []


def test_placement_items_only_for_participants_on_the_caseload(world):
    hire(world.js, world.own)
    world.own.status, world.own.end_reason = Status.ENDED, "other"
    world.own.save()
    assert items_of(world.own, world.js) == []


def test_placement_items_follow_the_caseload_visibility(world):
    hire(world.js, world.own)
    assert counts(world.js2)[FOLLOW] == 0
    assert counts(world.tl)[FOLLOW] == 1
    assert counts(world.js_b)[FOLLOW] == 0


def test_due_follow_ups_list_the_checkpoints_due(world):
    placement = hire(world.js, world.own, start_date=day(0))
    rows = list(selectors.due_follow_ups(world.js, Participant.objects.visible_to(world.js)))
    assert [(d.placement, d.kind) for d in rows] == [(placement, "after_start")]
    assert list(selectors.due_follow_ups(world.js2, Participant.objects.visible_to(world.js2))) == []
