"""The work queue on the caseload: each item is counted, filterable, and disappears when acted on."""

import datetime

import pytest
from django.utils import timezone

from bistand.casework import selectors, services
from bistand.casework.enums import ContactKind, ContactPlace, WorkQueueItem
from bistand.people.enums import Status
from bistand.people.models import Participant
from tests.factories import ParticipantFactory

from .factories import ContactFactory, InclusionPlanFactory, accept, days_ago


def items_of(participant, user) -> list[str]:
    annotated = selectors.with_casework(Participant.objects.visible_to(user)).get(pk=participant.pk)
    return [item.value for item in selectors.work_queue_items(annotated)]


def test_no_contact_flag_after_14_days_and_gone_when_a_contact_is_logged(world):
    accept(world.own, days_ago=60)
    ContactFactory(participant=world.own, occurred_at=days_ago(14))
    assert WorkQueueItem.NO_CONTACT in items_of(world.own, world.js)
    services.contact_log(
        actor=world.js,
        participant=world.own,
        data={
            "occurred_at": timezone.now() - datetime.timedelta(minutes=5),
            "duration_minutes": 20,
            "kind": ContactKind.PHONE_DIGITAL,
            "place": ContactPlace.DIGITAL,
            "with_participant": True,
        },
    )
    assert WorkQueueItem.NO_CONTACT not in items_of(world.own, world.js)


def test_no_contact_flag_not_before_14_days(world):
    accept(world.own, days_ago=60)
    ContactFactory(participant=world.own, occurred_at=days_ago(12))
    assert WorkQueueItem.NO_CONTACT not in items_of(world.own, world.js)


def test_no_contact_counts_only_contacts_the_participant_took_part_in(world):
    accept(world.own, days_ago=60)
    ContactFactory(participant=world.own, occurred_at=days_ago(1), kind=ContactKind.NAV, with_participant=False)
    assert WorkQueueItem.NO_CONTACT in items_of(world.own, world.js)


def test_no_contact_never_contacted_counts_from_acceptance(world):
    accept(world.own, days_ago=10)
    assert WorkQueueItem.NO_CONTACT not in items_of(world.own, world.js)
    other = ParticipantFactory(team=world.team_a1, specialist=world.js)
    accept(other, days_ago=15)
    assert WorkQueueItem.NO_CONTACT in items_of(other, world.js)


def test_no_employer_contact_flag_after_30_days_and_gone_with_an_employer_contact(world):
    accept(world.own, days_ago=31)
    ContactFactory(participant=world.own, occurred_at=days_ago(2))
    assert WorkQueueItem.NO_EMPLOYER_CONTACT in items_of(world.own, world.js)
    ContactFactory(participant=world.own, employer=True, occurred_at=days_ago(1))
    assert WorkQueueItem.NO_EMPLOYER_CONTACT not in items_of(world.own, world.js)


def test_no_employer_contact_not_flagged_within_30_days(world):
    accept(world.own, days_ago=30)
    assert WorkQueueItem.NO_EMPLOYER_CONTACT not in items_of(world.own, world.js)


def test_no_employer_contact_counts_from_the_latest_acceptance(world):
    ContactFactory(participant=world.own, employer=True, occurred_at=days_ago(200))
    accept(world.own, days_ago=300)
    accept(world.own, days_ago=40)  # re-referred and accepted again
    assert WorkQueueItem.NO_EMPLOYER_CONTACT in items_of(world.own, world.js)


def test_no_employer_contact_workplace_visit_counts(world):
    accept(world.own, days_ago=45)
    ContactFactory(
        participant=world.own, kind=ContactKind.WORKPLACE_VISIT, place=ContactPlace.WORKPLACE, occurred_at=days_ago(3)
    )
    assert WorkQueueItem.NO_EMPLOYER_CONTACT not in items_of(world.own, world.js)


def test_no_employer_contact_not_flagged_for_a_participant_in_a_job(world):
    accept(world.own, days_ago=45)
    world.own.status = Status.IN_JOB
    world.own.save()
    assert WorkQueueItem.NO_EMPLOYER_CONTACT not in items_of(world.own, world.js)


def test_first_employer_contact_subquery_is_the_earliest_since(world):
    ContactFactory(participant=world.own, employer=True, occurred_at=days_ago(20))
    first = ContactFactory(participant=world.own, employer=True, occurred_at=days_ago(25))
    ContactFactory(participant=world.own, occurred_at=days_ago(30))
    annotated = Participant.objects.annotate(first=selectors.first_employer_contact_subquery()).get(pk=world.own.pk)
    assert annotated.first == timezone.localdate(first.occurred_at)
    since = Participant.objects.annotate(
        first=selectors.first_employer_contact_subquery(since=timezone.localdate() - datetime.timedelta(days=22))
    ).get(pk=world.own.pk)
    assert since.first == timezone.localdate(days_ago(20))


def test_next_step_overdue_gone_when_marked_done(world):
    contact = ContactFactory(
        participant=world.own,
        occurred_at=days_ago(5),
        next_step="Ringe arbeidsgiver",
        next_step_due=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert WorkQueueItem.NEXT_STEP_OVERDUE in items_of(world.own, world.js)
    services.contact_complete_next_step(actor=world.js, contact=contact)
    assert WorkQueueItem.NEXT_STEP_OVERDUE not in items_of(world.own, world.js)


def test_next_step_overdue_replaced_by_a_newer_contact(world):
    ContactFactory(
        participant=world.own,
        occurred_at=days_ago(5),
        next_step="Ringe arbeidsgiver",
        next_step_due=timezone.localdate() - datetime.timedelta(days=1),
    )
    ContactFactory(participant=world.own, occurred_at=days_ago(0))
    assert WorkQueueItem.NEXT_STEP_OVERDUE not in items_of(world.own, world.js)


def test_plan_review_overdue_gone_after_a_review(world):
    plan = InclusionPlanFactory(participant=world.own, overdue=True)
    assert WorkQueueItem.PLAN_REVIEW_OVERDUE in items_of(world.own, world.js)
    today = timezone.localdate()
    services.plan_review(
        actor=world.js, plan=plan, reviewed_on=today, note="OK", next_review_on=today + datetime.timedelta(days=60)
    )
    assert WorkQueueItem.PLAN_REVIEW_OVERDUE not in items_of(world.own, world.js)


def test_work_queue_skips_referred_and_closed_participants(world):
    referred = ParticipantFactory(team=world.team_a1, specialist=world.js, referred=True)
    ended = ParticipantFactory(team=world.team_a1, specialist=world.js, ended=True)
    for p in (referred, ended):
        accept(p, days_ago=90)
        InclusionPlanFactory(participant=p, overdue=True)
        assert items_of(p, world.js) == []


def test_work_queue_counts_and_filter_agree(world):
    accept(world.own, days_ago=40)
    accept(world.same_team, days_ago=40)
    ContactFactory(participant=world.same_team, employer=True, occurred_at=days_ago(3))
    qs = selectors.caseload_for(world.tl, mine_only=False)
    queue = selectors.WorkQueue(qs)
    counts = queue.counts()
    assert counts[WorkQueueItem.NO_EMPLOYER_CONTACT] == 1
    assert counts[WorkQueueItem.NO_CONTACT] == 2
    assert list(queue.filter(qs, WorkQueueItem.NO_EMPLOYER_CONTACT)) == [world.own]
    for p in qs:
        assert queue.of(p.pk) == selectors.work_queue_items(p)


@pytest.mark.parametrize("item", ["", "nonsense"])
def test_work_queue_filter_ignores_unknown_items(world, item):
    qs = selectors.caseload_for(world.tl, mine_only=False)
    assert selectors.WorkQueue(qs).filter(qs, item).count() == qs.count()


def test_a_job_development_contact_naming_the_participant_clears_the_employer_item(world):
    from bistand.employers.enums import ContactMode, ContactPurpose
    from bistand.employers.models import Employer, EmployerContact, EmployerContactParticipant

    accept(world.own, days_ago=40)
    assert WorkQueueItem.NO_EMPLOYER_CONTACT in items_of(world.own, world.js)
    employer = Employer.objects.create(name="Rema 1000 Grünerløkka", orgnr="974760673", organisation=world.org_a)
    contact = EmployerContact.objects.create(
        employer=employer,
        specialist=world.js,
        team=world.team_a1,
        contact_date=days_ago(3).date(),
        mode=ContactMode.PHONE,
        purpose=ContactPurpose.JOB_DEVELOPMENT,
        created_by=world.js,
    )
    EmployerContactParticipant.objects.create(contact=contact, participant=world.own)
    assert WorkQueueItem.NO_EMPLOYER_CONTACT not in items_of(world.own, world.js)
    first = Participant.objects.annotate(first=selectors.first_employer_contact_subquery()).get(pk=world.own.pk).first
    assert first == days_ago(3).date()
