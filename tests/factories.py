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


# --- Employers and jobs ---------------------------------------------------------------

from bistand.employers.enums import ContactMode, ContactPurpose  # noqa: E402
from bistand.employers.models import Employer, EmployerContact, EmployerContactParticipant, EmployerPerson  # noqa: E402
from bistand.jobs.enums import OpeningSource  # noqa: E402
from bistand.jobs.models import JobOpening  # noqa: E402


def valid_orgnr(n: int) -> str:
    """The n-th valid organisation number (mod-11) after 900000000."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    base = 90000000 + n
    while True:
        digits = f"{base:08d}"
        check = (11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11) % 11
        if check != 10:
            return digits + str(check)
        base += 1000000


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    organisation = factory.SubFactory(OrganisationFactory)
    orgnr = factory.Sequence(valid_orgnr)
    name = factory.Sequence(lambda n: f"Bedrift {n} AS")

    class Params:
        public = factory.Trait(organisation=None)


class EmployerPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerPerson

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Faker("name", locale="no_NO")
    role = "Daglig leder"
    phone = "99887766"


class EmployerContactFactory(factory.django.DjangoModelFactory):
    """A face-to-face contact; pass participants=[...] to name participants."""

    class Meta:
        model = EmployerContact
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory)
    specialist = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    contact_date = factory.LazyFunction(timezone.localdate)
    mode = ContactMode.FACE_TO_FACE
    purpose = ContactPurpose.LEARN_NEEDS
    created_by = factory.SelfAttribute("specialist")

    class Params:
        phone = factory.Trait(mode=ContactMode.PHONE)

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):
        for participant in extracted or []:
            EmployerContactParticipant.objects.create(contact=obj, participant=participant)


class VacancyFactory(factory.django.DjangoModelFactory):
    """A public vacancy from NAV's feed."""

    class Meta:
        model = JobOpening

    source = OpeningSource.NAV_FEED
    nav_uuid = factory.Sequence(lambda n: f"uuid-{n}")
    title = factory.Sequence(lambda n: f"Stilling {n}")
    employer_name = "Rema 1000"
    published_at = factory.Sequence(lambda n: timezone.now() - datetime.timedelta(minutes=n))
    is_active = True
