from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from bistand.accounts.enums import OrganisationType, Role
from bistand.accounts.models import Organisation, Team, User
from bistand.people.enums import Status
from bistand.people.models import Participant
from bistand.people.validators import make_synthetic_identity_number

from .factories import ParticipantFactory, TeamFactory, member


@dataclass
class World:
    """Two organisations; team A1 and A2 in A, B1 in B; a user for every role in A."""

    org_a: Organisation
    org_b: Organisation
    team_a1: Team
    team_a2: Team
    team_b1: Team
    js: User
    js2: User
    js_b: User
    tl: User
    pm: User
    researcher: User
    admin: User
    own: Participant  # assigned to js in A1
    same_team: Participant  # assigned to js2 in A1
    other_team: Participant  # in B1, another organisation
    other_team_same_org: Participant  # in A2

    def persona(self, role: str) -> User:
        return {
            Role.JOB_SPECIALIST: self.js,
            Role.TEAM_LEADER: self.tl,
            Role.PROGRAM_MANAGER: self.pm,
            Role.RESEARCHER: self.researcher,
            Role.ADMINISTRATOR: self.admin,
        }[role]

    def record(self, which: str) -> Participant:
        return {"own": self.own, "same_team": self.same_team, "other_team": self.other_team}[which]


@pytest.fixture
def world(db) -> World:
    org_a = Organisation.objects.create(name="NAV Grünerløkka", type=OrganisationType.NAV_OFFICE)
    org_b = Organisation.objects.create(name="Helse Bergen", type=OrganisationType.HEALTH_TRUST)
    team_a1 = TeamFactory(organisation=org_a, name="IPS-team Øst")
    team_a2 = TeamFactory(organisation=org_a, name="Ungdomsteamet")
    team_b1 = TeamFactory(organisation=org_b, name="IPS Bergen")
    js = member(Role.JOB_SPECIALIST, team=team_a1, first_name="Jenny", last_name="Spesialist", email="js@example.no")
    js2 = member(Role.JOB_SPECIALIST, team=team_a1, first_name="Jonas", last_name="Kollega", email="js2@example.no")
    js_b = member(Role.JOB_SPECIALIST, team=team_b1, first_name="Berit", last_name="Bergen", email="jsb@example.no")
    tl = member(Role.TEAM_LEADER, team=team_a1, first_name="Tone", last_name="Leder", email="tl@example.no")
    pm = member(Role.PROGRAM_MANAGER, organisation=org_a, first_name="Per", last_name="Program", email="pm@example.no")
    researcher = member(
        Role.RESEARCHER, organisation=org_a, first_name="Rita", last_name="Forsker", email="r@example.no"
    )
    admin = member(
        Role.ADMINISTRATOR, organisation=org_a, first_name="Ada", last_name="Admin", email="admin@example.no"
    )
    return World(
        org_a=org_a,
        org_b=org_b,
        team_a1=team_a1,
        team_a2=team_a2,
        team_b1=team_b1,
        js=js,
        js2=js2,
        js_b=js_b,
        tl=tl,
        pm=pm,
        researcher=researcher,
        admin=admin,
        own=ParticipantFactory(
            team=team_a1,
            specialist=js,
            first_name="Ola",
            last_name="Eiensen",
            status=Status.ACTIVE,
            national_id=make_synthetic_identity_number(datetime.date(1990, 5, 17), 123),
            birth_date=datetime.date(1990, 5, 17),
            phone="+47 912 34 567",
            email="ola.eiensen@example.no",
        ),
        same_team=ParticipantFactory(team=team_a1, specialist=js2, first_name="Kari", last_name="Teamsen"),
        other_team=ParticipantFactory(team=team_b1, specialist=js_b, first_name="Nils", last_name="Andresen"),
        other_team_same_org=ParticipantFactory(team=team_a2, first_name="Siv", last_name="Yngvesen"),
    )


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def english(client):
    """For tests that assert on message texts: English in services and in the test client
    (bokmål, the default, has its own tests)."""
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
