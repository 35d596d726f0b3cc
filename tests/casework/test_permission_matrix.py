"""Every casework URL, for every role, on an own, same-team and other-team record.

EXPECTED is the table handed to the lead's project-wide permission matrix. Records are
made so that every page can answer 200: the participants follow IPS for youth, have an
inclusion plan, a contact with an open next step, an agreement with a document and a plan
action. GET on a POST-only URL answers 405 for every role.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from bistand.accounts.enums import Role
from bistand.people.enums import ServiceModel

from .factories import ContactFactory, CooperationAgreementFactory, InclusionPlanFactory, PlanActionFactory

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
POST = {"js": (302, 404, 404), "tl": (302, 302, 404), "pm": (403, 403, 404), "r": (404, 404, 404), "a": (404, 404, 404)}
NO_RECORD = {"js": 200, "tl": 200, "pm": 200, "r": 403, "a": 403}

# url name: (what the pk names, method, expected by role)
EXPECTED = {
    "casework:caseload": (None, "get", NO_RECORD),
    "casework:picker_search": ("kind", "get", NO_RECORD),
    "casework:journey": ("participant", "get", READ),
    "casework:profile": ("participant", "get", READ),
    "casework:agreement_document": ("agreement", "get", READ),
    "casework:phase_move": ("participant", "post", POST),
    "casework:contact_next_step_done": ("contact", "post", POST),
    "casework:contact_create": ("participant", "get", WRITE),
    "casework:contact_edit": ("contact", "get", WRITE),
    "casework:outreach_create": ("participant", "get", WRITE),
    "casework:agreement_create": ("participant", "get", WRITE),
    "casework:agreement_edit": ("agreement", "get", WRITE),
    "casework:profile_edit": ("participant", "get", WRITE),
    "casework:plan_edit": ("participant", "get", WRITE),
    "casework:plan_action_create": ("participant", "get", WRITE),
    "casework:plan_action_edit": ("plan_action", "get", WRITE),
    "casework:plan_review": ("participant", "get", WRITE),
    "casework:benefits_create": ("participant", "get", WRITE),
    "casework:youth_create": ("participant", "get", WRITE),
}
SHORT = {
    Role.JOB_SPECIALIST: "js",
    Role.TEAM_LEADER: "tl",
    Role.PROGRAM_MANAGER: "pm",
    Role.RESEARCHER: "r",
    Role.ADMINISTRATOR: "a",
}


@pytest.fixture
def records(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    made = {}
    for which in WHICH:
        participant = world.record(which)
        participant.service_model = ServiceModel.IPS_YOUTH
        participant.save()
        plan = InclusionPlanFactory(participant=participant)
        agreement = CooperationAgreementFactory(participant=participant, document_type="application/pdf")
        agreement.document.save("a.pdf", ContentFile(b"%PDF-1.4 test"))
        made[which] = {
            "participant": participant.pk,
            "contact": ContactFactory(participant=participant, with_next_step=True).pk,
            "agreement": agreement.pk,
            "plan_action": PlanActionFactory(plan=plan).pk,
        }
    return made


def _url(name, target, pks):
    if target is None:
        return reverse(name)
    if target == "kind":
        return reverse(name, args=["occupation"])
    return reverse(name, args=[pks[target]])


POST_DATA = {"casework:phase_move": {"to_phase": "discovery"}}


@pytest.mark.parametrize("name", EXPECTED)
def test_permission_matrix_casework(world, records, client, name):
    target, method, expected = EXPECTED[name]
    got, want = {}, {}
    for role in ROLES:
        client.force_login(world.persona(role))
        for index, which in enumerate(WHICH):
            url = _url(name, target, records[which])
            response = getattr(client, method)(url, POST_DATA.get(name, {}))
            got[(SHORT[role], which)] = response.status_code
            row = expected[SHORT[role]]
            want[(SHORT[role], which)] = row if isinstance(row, int) else row[index]
            if target is None or target == "kind":
                break
    assert got == want


@pytest.mark.parametrize("name", [n for n, (_, method, _) in EXPECTED.items() if method == "post"])
def test_permission_matrix_post_only_urls_refuse_get(world, records, client, name):
    client.force_login(world.js)
    assert client.get(_url(name, EXPECTED[name][0], records["own"])).status_code == 405


@pytest.mark.parametrize("name", EXPECTED)
def test_permission_matrix_anonymous_goes_to_login(records, client, name):
    target, method, _ = EXPECTED[name]
    response = getattr(client, method)(_url(name, target, records["own"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
