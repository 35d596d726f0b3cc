"""Factories and helpers for placements. Placements and follow-ups are made through the
services where the schedule or the status matters (`hire`, `follow_up`)."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from bistand.casework.enums import ContactKind, ContactPlace
from bistand.jobs.enums import OpeningSource
from bistand.jobs.models import JobOpening
from bistand.placements import services
from bistand.placements.enums import FollowUpMode, Permanence, PlacementType
from bistand.placements.models import Placement
from tests.factories import EmployerFactory, ParticipantFactory, UserFactory


class PlacementFactory(factory.django.DjangoModelFactory):
    """A bare placement row (no schedule, no status change): for pages and permissions."""

    class Meta:
        model = Placement

    participant = factory.SubFactory(ParticipantFactory)
    employer = factory.SubFactory(EmployerFactory)
    job_title = "Butikkmedarbeider"
    kind = PlacementType.ORDINARY
    permanence = Permanence.PERMANENT
    hours_per_week = 20
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist or UserFactory())


def placement_data(employer, **overrides) -> dict:
    data = {
        "employer": employer,
        "job_title": "Lagermedarbeider",
        "kind": PlacementType.ORDINARY,
        "permanence": Permanence.PERMANENT,
        "hours_per_week": 20,
        "start_date": timezone.localdate(),
    }
    return data | overrides


def hire(actor, participant, *, employer=None, **overrides) -> Placement:
    """A placement recorded through the service (status, schedule, history)."""
    employer = employer or EmployerFactory(organisation=participant.team.organisation)
    return services.placement_record(actor=actor, participant=participant, data=placement_data(employer, **overrides))


def follow_up(actor, placement, *, level=4, when=None, with_employee=True, with_employer=False, mode=None):
    return services.follow_up_record(
        actor=actor,
        placement=placement,
        data={
            "occurred_at": when or timezone.now() - datetime.timedelta(minutes=5),
            "mode": mode or FollowUpMode.WORKPLACE,
            "with_employee": with_employee,
            "with_employer": with_employer,
            "support_level": level,
            "natural_supports": "Kari på lageret viser rutinene",
            "note": "Går bra",
        },
    )


def contact_data(**overrides) -> dict:
    data = {
        "occurred_at": timezone.now() - datetime.timedelta(minutes=1),
        "duration_minutes": 20,
        "kind": ContactKind.PHONE_DIGITAL,
        "place": ContactPlace.DIGITAL,
        "with_participant": True,
    }
    return data | overrides


def opening_for(world, employer, title="Butikkmedarbeider") -> JobOpening:
    """A job opening registered by hand at one of organisation A's employers."""
    return JobOpening.objects.create(
        source=OpeningSource.MANUAL,
        organisation=world.org_a,
        employer=employer,
        employer_name=employer.name,
        title=title,
        published_at=timezone.now(),
    )
