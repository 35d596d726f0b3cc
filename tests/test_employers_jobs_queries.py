"""N+1 guards: every list view answers with the same number of queries for 1 and 3 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bistand.jobs import services as job_services
from bistand.people.enums import Status
from tests.factories import (
    EmployerContactFactory,
    EmployerFactory,
    EmployerPersonFactory,
    ParticipantFactory,
    VacancyFactory,
)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def employer_rows(world, n):
    for _ in range(n):
        employer = EmployerFactory(organisation=world.org_a)
        EmployerPersonFactory(employer=employer)
        participant = ParticipantFactory(team=world.team_a1, specialist=world.js, status=Status.ACTIVE)
        EmployerContactFactory(employer=employer, specialist=world.js, team=world.team_a1, participants=[participant])


def contacts_at(world, employer, n):
    for _ in range(n):
        participant = ParticipantFactory(team=world.team_a1, specialist=world.js, status=Status.ACTIVE)
        EmployerContactFactory(employer=employer, specialist=world.js, team=world.team_a1, participants=[participant])
        EmployerPersonFactory(employer=employer)


def vacancy_rows(world, n):
    for _ in range(n):
        VacancyFactory(employer=EmployerFactory(public=True))


def leads_for(world, n):
    for _ in range(n):
        job_services.lead_propose(
            actor=world.js, participant=world.own, opening=VacancyFactory(), occurred_on=timezone.localdate()
        )


CASES = {
    "employers:list": (lambda w: reverse("employers:list"), employer_rows),
    "employers:contact_log": (lambda w: reverse("employers:contact_log"), employer_rows),
    "employers:contact_weekly": (lambda w: reverse("employers:contact_weekly"), employer_rows),
    "jobs:search": (lambda w: reverse("jobs:search"), vacancy_rows),
    "jobs:funnel": (lambda w: reverse("jobs:funnel", args=[w.own.pk]), leads_for),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_list_query_count_does_not_grow_with_rows(world, client_for, name):
    url_for, add_rows = CASES[name]
    client = client_for(world.tl if name == "employers:contact_weekly" else world.js)
    add_rows(world, 1)
    one = queries(client, url_for(world))
    add_rows(world, 2)
    three = queries(client, url_for(world))
    assert one == three


def test_employer_detail_query_count_does_not_grow_with_contacts_and_people(world, client_for):
    employer = EmployerFactory(organisation=world.org_a)
    client = client_for(world.js)
    contacts_at(world, employer, 1)
    one = queries(client, reverse("employers:detail", args=[employer.pk]))
    contacts_at(world, employer, 2)
    assert queries(client, reverse("employers:detail", args=[employer.pk])) == one
