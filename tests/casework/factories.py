"""Factories for casework records, with traits for the common states."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from bistand.casework.enums import ActionStatus, ContactKind, ContactPlace, OutreachMethod, Responsible
from bistand.casework.models import (
    BenefitsCounselling,
    Contact,
    CooperationAgreement,
    InclusionPlan,
    OutreachAttempt,
    PlanAction,
    VocationalProfileVersion,
    YouthFollowUp,
)
from bistand.people.enums import Decision, ReferralSource
from bistand.people.models import Referral
from tests.factories import ParticipantFactory, UserFactory


def days_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)


def accept(participant, *, days_ago: int, by=None) -> Referral:
    """An accepted referral, decided `days_ago` days ago (what the 30-day rule counts from)."""
    decided_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return Referral.objects.create(
        participant=participant,
        team=participant.team,
        received_on=decided_on - datetime.timedelta(days=3),
        source=ReferralSource.NAV,
        registered_by=by or participant.specialist or UserFactory(),
        decision=Decision.ACCEPTED,
        decided_on=decided_on,
        decided_by=by or participant.specialist,
    )


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    participant = factory.SubFactory(ParticipantFactory)
    occurred_at = factory.LazyFunction(lambda: days_ago(1))
    duration_minutes = 45
    kind = ContactKind.MEETING
    place = ContactPlace.COMMUNITY
    with_participant = True
    note = "Snakket om hvilke jobber hen ønsker."
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())

    class Params:
        employer = factory.Trait(kind=ContactKind.EMPLOYER, place=ContactPlace.WORKPLACE, with_participant=False)
        with_next_step = factory.Trait(
            next_step="Ringe arbeidsgiveren",
            next_step_due=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3)),
        )


class OutreachAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachAttempt

    participant = factory.SubFactory(ParticipantFactory)
    attempted_at = factory.LazyFunction(lambda: days_ago(1))
    method = OutreachMethod.PHONE
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())


class CooperationAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAgreement

    participant = factory.SubFactory(ParticipantFactory)
    agreed_on = factory.LazyFunction(timezone.localdate)
    summary = "Vi samarbeider om å finne en jobb i butikk."
    accepted_by_participant = True
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())


class ProfileVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VocationalProfileVersion

    participant = factory.SubFactory(ParticipantFactory)
    number = factory.Sequence(lambda n: n + 1)
    interests = "Dyr og friluftsliv"
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())


class InclusionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InclusionPlan

    participant = factory.SubFactory(ParticipantFactory)
    goals = "Jobb i butikk, 20 timer i uka"
    review_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())

    class Params:
        overdue = factory.Trait(
            review_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
        )


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(InclusionPlanFactory)
    description = "Lage CV"
    responsible = Responsible.PARTICIPANT
    status = ActionStatus.PLANNED


class BenefitsCounsellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenefitsCounselling

    participant = factory.SubFactory(ParticipantFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    covered = "AAP og hvordan lønn påvirker den"
    before_job_start = True
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())


class YouthFollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouthFollowUp

    participant = factory.SubFactory(ParticipantFactory)
    recorded_on = factory.LazyFunction(timezone.localdate)
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())
