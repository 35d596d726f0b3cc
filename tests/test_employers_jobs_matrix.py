"""Who gets what on the employers and jobs pages: every URL, role and own / same team / other team.

"own" and "same_team" records belong to organisation A (the personas' organisation; for
participants: js's own and js2's), "other_team" records to organisation B. The lead's
project-wide matrix can take these rows as they are.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from bistand.employers.models import WorkplaceMapping
from bistand.jobs.enums import OpeningSource
from bistand.jobs.models import JobLead, JobOpening
from tests.factories import EmployerFactory, EmployerPersonFactory

ROLES = ("job_specialist", "team_leader", "program_manager", "researcher", "administrator")
ALL_200 = dict.fromkeys(ROLES, (200, 200, 200))

# url name -> role -> (own, same_team, other_team); None for pages without a record.
MATRIX: dict[str, dict[str, tuple[int, int, int]]] = {
    "employers:list": ALL_200,
    "employers:create": {
        "job_specialist": (200,) * 3,
        "team_leader": (200,) * 3,
        "program_manager": (200,) * 3,
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:detail": dict.fromkeys(ROLES, (200, 200, 404)),
    "employers:edit": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200, 200, 404)),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:person_add": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200, 200, 404)),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:mapping_add": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200, 200, 404)),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:person_edit": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200, 200, 404)),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:mapping_edit": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200, 200, 404)),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:contact_add": {
        "job_specialist": (200, 200, 404),
        "team_leader": (200, 200, 404),
        "program_manager": (403,) * 3,
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:contact_log": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200,) * 3),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "employers:contact_weekly": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200,) * 3),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "jobs:search": ALL_200,
    "jobs:create": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200,) * 3),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "jobs:detail": dict.fromkeys(ROLES, (200, 200, 404)),
    "jobs:edit": {
        **dict.fromkeys(("job_specialist", "team_leader", "program_manager"), (200, 200, 404)),
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "jobs:propose": {
        "job_specialist": (200, 200, 404),
        "team_leader": (200, 200, 404),
        "program_manager": (403,) * 3,
        "researcher": (403,) * 3,
        "administrator": (403,) * 3,
    },
    "jobs:funnel": {
        "job_specialist": (200, 404, 404),
        "team_leader": (200, 200, 404),
        "program_manager": (200, 200, 404),
        "researcher": (404, 404, 404),
        "administrator": (404, 404, 404),
    },
    "jobs:lead_advance": {
        "job_specialist": (200, 404, 404),
        "team_leader": (200, 200, 404),
        "program_manager": (403, 403, 404),
        "researcher": (404, 404, 404),
        "administrator": (404, 404, 404),
    },
}
# What the record of each URL is: an employer, a person or mapping at one, a job opening
# registered by hand, a participant, or a participant's job lead.
RECORD_KIND = {
    "employers:detail": "employer",
    "employers:edit": "employer",
    "employers:person_add": "employer",
    "employers:mapping_add": "employer",
    "employers:contact_add": "employer",
    "employers:person_edit": "person",
    "employers:mapping_edit": "mapping",
    "jobs:detail": "opening",
    "jobs:edit": "opening",
    "jobs:propose": "opening",
    "jobs:funnel": "participant",
    "jobs:lead_advance": "lead",
}


@pytest.fixture
def records(world):
    def for_org(org, author, participant):
        employer = EmployerFactory(organisation=org)
        return {
            "employer": employer,
            "person": EmployerPersonFactory(employer=employer),
            "mapping": WorkplaceMapping.objects.create(
                employer=employer, mapped_on=timezone.localdate(), mapped_by=author
            ),
            "opening": JobOpening.objects.create(
                source=OpeningSource.MANUAL,
                organisation=org,
                employer=employer,
                title="Jobb",
                published_at=timezone.now(),
            ),
            "participant": participant,
            "lead": JobLead.objects.create(
                participant=participant, employer=employer, stage_on=timezone.localdate(), created_by=author
            ),
        }

    own = for_org(world.org_a, world.js, world.own)
    same = for_org(world.org_a, world.js2, world.same_team) | {"employer": own["employer"]}
    other = for_org(world.org_b, world.js_b, world.other_team)
    return {"own": own, "same_team": same, "other_team": other}


def test_matrix_covers_every_employers_and_jobs_url():
    from bistand.employers.urls import urlpatterns as employer_urls
    from bistand.jobs.urls import urlpatterns as job_urls

    names = {f"employers:{p.name}" for p in employer_urls} | {f"jobs:{p.name}" for p in job_urls}
    assert names == set(MATRIX)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_status_per_role_and_record(world, records, client_for, url_name, role):
    client = client_for(world.persona(role))
    got = []
    for which in ("own", "same_team", "other_team"):
        kind = RECORD_KIND.get(url_name)
        args = [records[which][kind].pk] if kind else []
        got.append(client.get(reverse(url_name, args=args)).status_code)
    assert tuple(got) == MATRIX[url_name][role]
