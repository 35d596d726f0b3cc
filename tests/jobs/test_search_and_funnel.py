from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bistand.audit.models import AccessLogEntry
from bistand.jobs import selectors, services
from bistand.jobs.enums import LeadStage, OpeningKind
from bistand.jobs.models import JobLead, JobOpening, JobOpeningLocation
from bistand.reference.models import Kommune, Occupation
from tests.factories import EmployerFactory, VacancyFactory

# These tests assert on message texts in English.
pytestmark = pytest.mark.usefixtures("english")


def located(opening, kommune_name):
    kommune = Kommune.objects.get(name=kommune_name)
    JobOpeningLocation.objects.create(opening=opening, kommune=kommune, fylke_number=kommune.fylke_number)
    return opening


def titles(client, **params):
    response = client.get(reverse("jobs:search"), params)
    assert response.status_code == 200
    return [o.title for o in response.context["rows"]]


@pytest.fixture
def vacancies(db):
    now = timezone.now()
    kokk = VacancyFactory(
        title="Kokk",
        styrk_code="5120",
        extent="full_time",
        published_at=now - datetime.timedelta(days=1),
        search_text="kokk kantine bergen",
    )
    lager = VacancyFactory(
        title="Lagermedarbeider",
        styrk_code="9321",
        extent="part_time",
        published_at=now - datetime.timedelta(days=2),
        search_text="lagermedarbeider oslo",
    )
    butikk = VacancyFactory(
        title="Butikkmedarbeider",
        styrk_code="5223",
        extent="part_time",
        published_at=now,
        search_text="butikkmedarbeider rema oslo",
    )
    VacancyFactory(title="Stoppet", styrk_code="5223", is_active=False, published_at=now)
    located(kokk, "Bergen")
    located(lager, "Oslo")
    located(butikk, "Oslo")
    return kokk, lager, butikk


def test_search_lists_active_vacancies_newest_first(world, client_for, vacancies):
    assert titles(client_for(world.js)) == ["Butikkmedarbeider", "Kokk", "Lagermedarbeider"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("5", ["Butikkmedarbeider", "Kokk"]),
        ("52", ["Butikkmedarbeider"]),
        ("512", ["Kokk"]),
        ("9321", ["Lagermedarbeider"]),
    ],
)
def test_search_by_occupation_at_any_level(world, client_for, vacancies, code, expected):
    assert titles(client_for(world.js), occupation=code) == expected


def test_search_by_kommune_fylke_extent_and_text(world, client_for, vacancies):
    client = client_for(world.js)
    oslo = Kommune.objects.get(name="Oslo")
    bergen = Kommune.objects.get(name="Bergen")
    assert titles(client, kommune=oslo.pk) == ["Butikkmedarbeider", "Lagermedarbeider"]
    assert titles(client, fylke=bergen.fylke_number) == ["Kokk"]
    assert titles(client, extent="part_time") == ["Butikkmedarbeider", "Lagermedarbeider"]
    assert titles(client, q="REMA oslo") == ["Butikkmedarbeider"]
    assert "Stoppet" in titles(client, inactive="on")


def test_search_pages_by_keyset(world, client_for, db):
    start = timezone.now()
    for i in range(30):
        VacancyFactory(title=f"Jobb {i:02d}", published_at=start - datetime.timedelta(hours=i))
    client = client_for(world.js)
    first = client.get(reverse("jobs:search"))
    assert len(first.context["rows"]) == 25 and first.context["next_after"]
    second = client.get(reverse("jobs:search"), {"after": first.context["next_after"]})
    assert [o.title for o in second.context["rows"]] == [f"Jobb {i:02d}" for i in range(25, 30)]
    assert second.context["next_after"] == ""


def test_search_counts_up_to_a_bound(world, client_for, db, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_COUNT", 27)
    start = timezone.now()
    for i in range(26):
        VacancyFactory(title=f"Jobb {i:02d}", published_at=start - datetime.timedelta(hours=i))
    client = client_for(world.js)
    first = client.get(reverse("jobs:search"))
    assert (first.context["count"], first.context["more"]) == (26, False)
    VacancyFactory.create_batch(2)
    first = client.get(reverse("jobs:search"))
    assert (first.context["count"], first.context["more"]) == (27, True)
    assert "27" in first.content.decode()  # "More than 27 vacancies"


def test_search_with_malformed_parameters_answers_normally(world, client_for, vacancies):
    response = client_for(world.js).get(
        reverse("jobs:search"),
        {"after": "garbage", "occupation": "x", "kommune": "999999", "employer": "-1", "fylke": "zz"},
    )
    assert response.status_code == 200


def test_manual_openings_are_only_seen_by_their_organisation(world, client_for):
    employer = EmployerFactory(organisation=world.org_b)
    opening = services.opening_save(actor=world.js_b, data={"title": "Hemmelig jobb", "employer": employer})
    assert client_for(world.js).get(reverse("jobs:detail", args=[opening.pk])).status_code == 404
    assert "Hemmelig jobb" not in titles(client_for(world.js))


def test_stopped_vacancy_shows_no_contacts(world, client_for, db):
    vacancy = VacancyFactory(is_active=False, contacts=[{"name": "Kari Kontakt"}], application_url="https://x.no")
    html = client_for(world.js).get(reverse("jobs:detail", args=[vacancy.pk])).content.decode()
    assert "Kari Kontakt" not in html and "https://x.no" not in html


def test_carved_job_records_what_was_negotiated(world, client_for):
    employer = EmployerFactory(organisation=world.org_a)
    occupation = Occupation.objects.get(code="9112")
    response = client_for(world.js).post(
        reverse("jobs:create"),
        {
            "kind": "carved",
            "employer": employer.pk,
            "title": "Kantineassistent",
            "occupation": occupation.pk,
            "kommune": Kommune.objects.get(name="Oslo").pk,
            "negotiated_tasks": "Oppvask og påfyll i lunsjen",
            "hours_per_week": "12",
            "accommodations": "Fast kontaktperson",
            "wage_terms": "Tariff",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    opening = JobOpening.objects.get()
    assert (opening.kind, opening.styrk_code, opening.hours_per_week) == (OpeningKind.CARVED, "9112", 12)
    assert titles(client_for(world.js), occupation="91") == ["Kantineassistent"]


def test_carved_job_without_tasks_is_refused(world, client_for):
    employer = EmployerFactory(organisation=world.org_a)
    response = client_for(world.js).post(
        reverse("jobs:create"), {"kind": "carved", "employer": employer.pk, "title": "X"}
    )
    assert response.status_code == 400
    assert "Describe the tasks" in response.content.decode()
    assert JobOpening.objects.count() == 0


# --- The funnel ---------------------------------------------------------------------------


def test_funnel_records_each_step_to_a_hire(world, client_for, vacancies):
    client = client_for(world.js)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("jobs:propose", args=[vacancies[2].pk]), {"participant": world.own.pk, "occurred_on": today}
    )
    assert response.status_code == 302
    lead = JobLead.objects.get()
    for stage in ("interested", "presented", "interview"):
        response = client.post(reverse("jobs:lead_advance", args=[lead.pk]), {"to_stage": stage, "occurred_on": today})
        assert response.status_code == 302
    # The hire is recorded together with its placement: the funnel hands over to that form
    # (tests/placements/test_views.py records it).
    response = client.post(reverse("jobs:lead_advance", args=[lead.pk]), {"to_stage": "hired", "occurred_on": today})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/job-leads/{lead.pk}/hire/?occurred_on={today}")
    lead = services.lead_advance(actor=world.js, lead=lead, to_stage=LeadStage.HIRED, occurred_on=timezone.localdate())
    assert list(lead.steps.values_list("to_stage", flat=True)) == [
        "proposed",
        "interested",
        "presented",
        "interview",
        "hired",
    ]


def test_funnel_skipping_a_step_is_refused(world, vacancies):
    lead = services.lead_propose(
        actor=world.js, participant=world.own, opening=vacancies[0], occurred_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="cannot go from"):
        services.lead_advance(actor=world.js, lead=lead, to_stage=LeadStage.HIRED, occurred_on=timezone.localdate())


def test_funnel_not_hired_needs_a_reason(world, client_for, vacancies):
    lead = services.lead_propose(
        actor=world.js, participant=world.own, opening=vacancies[0], occurred_on=timezone.localdate()
    )
    response = client_for(world.js).post(
        reverse("jobs:lead_advance", args=[lead.pk]),
        {"to_stage": "not_hired", "occurred_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    lead.refresh_from_db()
    assert lead.stage == LeadStage.PROPOSED


def test_funnel_proposes_an_employer(world, client_for):
    employer = EmployerFactory(organisation=world.org_a)
    response = client_for(world.js).post(
        reverse("jobs:funnel", args=[world.own.pk]),
        {"employer": employer.pk, "occurred_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert JobLead.objects.get().employer == employer
    response = client_for(world.js).post(
        reverse("jobs:funnel", args=[world.own.pk]),
        {"employer": employer.pk, "occurred_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400  # already in the job search


def test_funnel_of_another_teams_participant_is_not_found(world, client_for):
    assert client_for(world.js).get(reverse("jobs:funnel", args=[world.other_team.pk])).status_code == 404


def test_funnel_page_logs_the_access(world, client_for):
    client_for(world.js).get(reverse("jobs:funnel", args=[world.own.pk]))
    entry = AccessLogEntry.objects.get(view="jobs:funnel")
    assert list(entry.subjects.values_list("participant_id", flat=True)) == [world.own.pk]


def test_cursor_round_trips(db):
    cursor = selectors.Cursor(timezone.now().replace(microsecond=123456), 42)
    assert selectors.Cursor.decode(cursor.encode()) == cursor
    assert selectors.Cursor.decode("1_2_3") is None
