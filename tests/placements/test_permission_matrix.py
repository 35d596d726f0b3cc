"""Every placements URL, for every role, on an own, same-team and other-team record.

EXPECTED is the table handed to the project-wide permission matrix. Each participant is in
a job with a placement, and has a job lead at the interview stage (so the hire form can
answer 200). The team URL (follow-along timing) takes team A1 for "own" and "same_team",
team B1 (another organisation) for "other_team".
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from bistand.accounts.enums import Role
from bistand.jobs.enums import LeadStage
from bistand.jobs.models import JobLead
from bistand.people.enums import Status
from tests.factories import EmployerFactory

from .factories import PlacementFactory

ROLES = [Role.JOB_SPECIALIST, Role.TEAM_LEADER, Role.PROGRAM_MANAGER, Role.RESEARCHER, Role.ADMINISTRATOR]
WHICH = ["own", "same_team", "other_team"]

READ = {"js": (200, 404, 404), "tl": (200, 200, 404), "pm": (200, 200, 404), "r": (404, 404, 404), "a": (404, 404, 404)}
WRITE = {
    "js": (200, 404, 404),
    "tl": (200, 200, 404),
    "pm": (403, 403, 404),
    "r": (404, 404, 404),
    "a": (404, 404, 404),
}
NO_RECORD = {"js": 200, "tl": 200, "pm": 200, "r": 403, "a": 403}
TEAM_LEADER_ONLY = {
    "js": (403, 403, 404),
    "tl": (200, 200, 404),
    "pm": (403, 403, 404),
    "r": (403, 403, 404),
    "a": (403, 403, 404),
}

# url name: (what the pk names, method, expected by role)
EXPECTED = {
    "placements:participant_placements": ("participant", "get", READ),
    "placements:detail": ("placement", "get", READ),
    "placements:create": ("participant", "get", WRITE),
    "placements:hire_from_lead": ("lead", "get", WRITE),
    "placements:edit": ("placement", "get", WRITE),
    "placements:end": ("placement", "get", WRITE),
    "placements:follow_up_create": ("placement", "get", WRITE),
    "placements:follow_along": (None, "get", NO_RECORD),
    "placements:work_queue": (None, "get", NO_RECORD),
    "placements:policy": ("team", "get", TEAM_LEADER_ONLY),
}
SHORT = {
    Role.JOB_SPECIALIST: "js",
    Role.TEAM_LEADER: "tl",
    Role.PROGRAM_MANAGER: "pm",
    Role.RESEARCHER: "r",
    Role.ADMINISTRATOR: "a",
}


@pytest.fixture
def records(world):
    made = {}
    for which in WHICH:
        participant = world.record(which)
        participant.status = Status.IN_JOB
        participant.save()
        employer = EmployerFactory(organisation=participant.team.organisation)
        author = participant.specialist
        made[which] = {
            "participant": participant.pk,
            "placement": PlacementFactory(participant=participant, employer=employer, created_by=author).pk,
            "lead": JobLead.objects.create(
                participant=participant,
                employer=employer,
                stage=LeadStage.INTERVIEW,
                stage_on=timezone.localdate(),
                created_by=author,
            ).pk,
            "team": world.team_b1.pk if which == "other_team" else world.team_a1.pk,
        }
    return made


def _url(name, target, pks):
    if target is None:
        return reverse(name)
    return reverse(name, args=[pks[target]])


@pytest.mark.parametrize("name", EXPECTED)
def test_permission_matrix_placements(world, records, client, name):
    target, method, expected = EXPECTED[name]
    got, want = {}, {}
    for role in ROLES:
        client.force_login(world.persona(role))
        for index, which in enumerate(WHICH):
            response = getattr(client, method)(_url(name, target, records[which]))
            got[(SHORT[role], which)] = response.status_code
            row = expected[SHORT[role]]
            want[(SHORT[role], which)] = row if isinstance(row, int) else row[index]
            if target is None:
                break
    assert got == want


@pytest.mark.parametrize("name", EXPECTED)
def test_permission_matrix_anonymous_goes_to_login(records, client, name):
    target, method, _ = EXPECTED[name]
    response = getattr(client, method)(_url(name, target, records["own"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_researcher_sees_no_name_on_any_placements_page(world, records, client):
    client.force_login(world.researcher)
    names = [p.last_name for p in (world.own, world.same_team, world.other_team)]
    for name, (target, _, _) in EXPECTED.items():
        for which in WHICH:
            body = client.get(_url(name, target, records[which]), follow=True).content.decode()
            assert [n for n in names if n in body] == [], name
