"""factory_boy factories for every domain, with traits for the common states."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from bistand.accounts.enums import OrganisationType, Role
from bistand.accounts.models import Membership, Organisation, Team, User
from bistand.people.enums import Decision, DeclineReason, ReferralSource, ServiceModel, Status
from bistand.people.models import Participant, Referral

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    type = OrganisationType.SERVICE_PROVIDER


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.no")
    username = factory.SelfAttribute("email")
    first_name = factory.Sequence(lambda n: f"Fornavn{n}")
    last_name = "Etternavn"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def member(role: Role, *, team: Team | None = None, organisation: Organisation | None = None, **user_kwargs) -> User:
    user = UserFactory(**user_kwargs)
    org = organisation or team.organisation
    Membership.objects.create(user=user, organisation=org, team=team, role=role)
    return user


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    team = factory.SubFactory(TeamFactory)
    specialist = None
    service_model = ServiceModel.IPS
    status = Status.ACTIVE

    class Params:
        referred = factory.Trait(status=Status.REFERRED)
        ended = factory.Trait(status=Status.ENDED, end_reason="other")


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    participant = factory.SubFactory(ParticipantFactory, referred=True)
    team = factory.SelfAttribute("participant.team")
    received_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    source = ReferralSource.NAV
    registered_by = factory.SubFactory(UserFactory)

    class Params:
        declined = factory.Trait(
            decision=Decision.DECLINED,
            decided_on=factory.LazyFunction(timezone.localdate),
            decline_reason=DeclineReason.OUTSIDE_AREA,
            decision_note="Bor i en annen kommune",
        )
