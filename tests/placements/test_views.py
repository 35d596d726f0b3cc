"""The placement pages: record a hire from the funnel, follow-ups, ending, the work queue
and its list, the team's timing; access logging and N+1 guards on every list."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bistand.audit.models import AccessLogEntry
from bistand.employers.models import EmployerContact
from bistand.jobs import services as job_services
from bistand.jobs.enums import LeadStage
from bistand.people.enums import Status
from bistand.people.models import Participant
from bistand.placements import services
from bistand.placements.models import FollowAlongPolicy, FollowUp, Placement
from tests.factories import EmployerFactory, ParticipantFactory

from .factories import follow_up, hire, opening_for

TODAY = timezone.localdate


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def logged(view: str) -> list[list[int]]:
    return [
        sorted(e.subjects.values_list("participant_id", flat=True))
        for e in AccessLogEntry.objects.filter(view=view).order_by("id")
    ]


# --- The hire from the funnel --------------------------------------------------------------------


@pytest.fixture
def lead(world):
    employer = EmployerFactory(organisation=world.org_a, name="Kiwi Torshov")
    opening = opening_for(world, employer)
    lead = job_services.lead_propose(actor=world.js, participant=world.own, opening=opening, occurred_on=TODAY())
    for stage in (LeadStage.INTERESTED, LeadStage.PRESENTED):
        lead = job_services.lead_advance(actor=world.js, lead=lead, to_stage=stage, occurred_on=TODAY())
    return lead


def test_funnel_hire_step_hands_over_to_the_placement_form(world, client_for, lead):
    response = client_for(world.js).post(
        reverse("jobs:lead_advance", args=[lead.pk]),
        {"to_stage": "hired", "occurred_on": TODAY().isoformat(), "note": "Ringte i dag"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("placements:hire_from_lead", args=[lead.pk]) + "?")
    lead.refresh_from_db()
    assert lead.stage == LeadStage.PRESENTED  # nothing is hired until the placement is saved


def test_hire_form_is_prefilled_from_the_lead(world, client_for, lead):
    url = reverse("placements:hire_from_lead", args=[lead.pk]) + f"?occurred_on={day(-1).isoformat()}&note=Ringte"
    html = client_for(world.js).get(url).content.decode()
    assert 'value="Butikkmedarbeider"' in html  # the opening's title
    assert f'value="{day(-1).isoformat()}"' in html
    assert "Ringte" in html
    assert re.search(rf'<option value="{lead.employer_id}" selected>', html)
    assert logged("placements:hire_from_lead") == [[world.own.pk]]


def test_hire_form_records_the_hire_and_the_placement(world, client_for, lead):
    response = client_for(world.js).post(
        reverse("placements:hire_from_lead", args=[lead.pk]),
        {
            "hired_on": TODAY().isoformat(),
            "employer": lead.employer_id,
            "job_title": "Butikkmedarbeider",
            "kind": "ordinary",
            "permanence": "permanent",
            "start_date": day(7).isoformat(),
            "hours_per_week": "18.5",
            "hourly_wage": "212.50",
            "ordinary_wage": "on",
            "wage_subsidy": "none",
        },
    )
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("placements:detail", args=[placement.pk])
    lead.refresh_from_db()
    world.own.refresh_from_db()
    assert (lead.stage, placement.lead, world.own.status) == (LeadStage.HIRED, lead, Status.IN_JOB)
    assert str(placement.hours_per_week) == "18.5"


def test_hire_form_with_bad_input_saves_nothing(world, client_for, lead):
    response = client_for(world.js).post(
        reverse("placements:hire_from_lead", args=[lead.pk]),
        {"hired_on": day(3).isoformat(), "employer": lead.employer_id, "job_title": "", "wage_subsidy": "none"},
    )
    assert response.status_code == 400
    lead.refresh_from_db()
    assert (lead.stage, Placement.objects.count()) == (LeadStage.PRESENTED, 0)


def test_hire_form_for_a_lead_not_yet_presented_goes_back_to_the_funnel(world, client_for):
    early = job_services.lead_propose(
        actor=world.js, participant=world.own, employer=EmployerFactory(organisation=world.org_a), occurred_on=TODAY()
    )
    response = client_for(world.js).get(reverse("placements:hire_from_lead", args=[early.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:funnel", args=[world.own.pk])


# --- Recording, following up and ending ---------------------------------------------------------


def test_record_a_placement_outside_the_funnel(world, client_for):
    employer = EmployerFactory(organisation=world.org_a)
    response = client_for(world.js).post(
        reverse("placements:create", args=[world.own.pk]),
        {
            "employer": employer.pk,
            "job_title": "Selvstendig vaskehjelp",
            "kind": "self_employment",
            "permanence": "permanent",
            "start_date": TODAY().isoformat(),
            "wage_subsidy": "none",
            "career_goals": ["education"],
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.kind, placement.career_goals) == ("self_employment", ["education"])


def test_record_a_placement_with_a_subsidy_but_no_share_is_refused(world, client_for):
    response = client_for(world.js).post(
        reverse("placements:create", args=[world.own.pk]),
        {
            "employer": EmployerFactory(organisation=world.org_a).pk,
            "job_title": "Kokk",
            "kind": "ordinary",
            "permanence": "temporary",
            "start_date": TODAY().isoformat(),
            "wage_subsidy": "time_limited",
        },
    )
    assert response.status_code == 400
    assert 'id="field-wage_subsidy_percent"' in response.content.decode()
    assert Placement.objects.count() == 0


def test_record_a_follow_up_with_both_from_the_form(world, client_for):
    placement = hire(world.js, world.own)
    response = client_for(world.js).post(
        reverse("placements:follow_up_create", args=[placement.pk]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 40,
            "mode": "workplace",
            "with_employee": "on",
            "with_employer": "on",
            "support_level": "4",
            "natural_supports": "Mentor: Ali",
        },
    )
    assert response.status_code == 302
    f = FollowUp.objects.get()
    assert (f.support_level, f.contact.duration_minutes, EmployerContact.objects.get()) == (
        4,
        40,
        f.employer_contact,
    )


def test_follow_up_form_starts_from_the_last_level_and_supports(world, client_for):
    placement = hire(world.js, world.own)
    follow_up(world.js, placement, level=4)
    html = client_for(world.js).get(reverse("placements:follow_up_create", args=[placement.pk])).content.decode()
    assert re.search(r'name="support_level" value="4"[^>]*checked', html)
    assert "Kari på lageret viser rutinene</textarea>" in html


def test_record_a_follow_up_with_nobody_is_refused(world, client_for):
    placement = hire(world.js, world.own)
    response = client_for(world.js).post(
        reverse("placements:follow_up_create", args=[placement.pk]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 40,
            "mode": "phone",
            "support_level": "4",
        },
    )
    assert response.status_code == 400
    assert FollowUp.objects.count() == 0


def test_end_a_placement_from_the_form_shows_the_contact_prompt(world, client_for):
    placement = hire(world.js, world.own, start_date=day(-40))
    client = client_for(world.js)
    response = client.post(
        reverse("placements:end", args=[placement.pk]),
        {"end_date": TODAY().isoformat(), "end_reason": "quit", "note": "Ville prøve noe annet"},
    )
    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.status == Status.JOB_SEARCH
    html = client.get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert 'data-testid="job-ended-prompt"' in html
    assert 'data-state="ended"' in html


# --- Pages -------------------------------------------------------------------------------------


def test_placement_page_shows_the_chart_and_logs_access(world, client_for):
    placement = hire(world.js, world.own, start_date=day(-20))
    for n, level in ((-15, 5), (-8, 4), (-1, 3)):
        follow_up(
            world.js,
            placement,
            level=level,
            when=timezone.now() + datetime.timedelta(days=n),
            with_employer=n == -8,
        )
    html = client_for(world.js).get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert 'data-testid="support-chart"' in html
    assert 'data-points="3"' in html
    assert html.count('data-testid="follow-up-row"') == 3
    assert 'data-shape="diamond"' in html and 'data-shape="circle"' in html
    # Coordinates are never localised (a decimal comma would break the SVG).
    assert not re.search(r'(?:cx|cy|x1|y1)="\d+,\d', html)
    assert logged("placements:detail") == [[world.own.pk]]


def test_placement_page_without_follow_ups_has_no_chart(world, client_for):
    placement = hire(world.js, world.own)
    html = client_for(world.js).get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert 'data-testid="no-chart"' in html


def test_caseload_fetches_the_placement_work_queue(world, client_for):
    html = client_for(world.js).get(reverse("casework:caseload")).content.decode()
    assert f'hx-get="{reverse("placements:work_queue")}?' in html


def test_work_queue_counts_with_the_caseload_filters_and_logs_nothing(world, client_for):
    hire(world.js, world.own)
    client = client_for(world.tl)
    html = client.get(reverse("placements:work_queue"), {"mine": "0"}).content.decode()
    assert 'data-testid="queue-follow_along_due" data-count="1"' in html
    html = client.get(reverse("placements:work_queue"), {"mine": "0", "q": "Nobody"}).content.decode()
    assert 'data-testid="queue-follow_along_due" data-count="0"' in html
    assert AccessLogEntry.objects.filter(view="placements:work_queue").count() == 0


def test_follow_along_list_filters_by_item(world, client_for):
    placement = hire(world.js, world.own)
    client = client_for(world.js)
    html = client.get(reverse("placements:follow_along"), {"queue": "follow_along_due"}).content.decode()
    assert 'data-testid="due-list"' in html and 'data-testid="ended-list"' not in html
    assert reverse("placements:follow_up_create", args=[placement.pk]) in html
    html = client.get(reverse("placements:follow_along"), {"queue": "job_ended"}).content.decode()
    assert 'data-testid="due-list"' not in html and 'data-testid="ended-list"' in html
    assert logged("placements:follow_along") == [[world.own.pk]]  # the second list shows nobody


def test_journey_links_to_the_placements(world, client_for):
    html = client_for(world.js).get(reverse("casework:journey", args=[world.own.pk])).content.decode()
    assert reverse("placements:participant_placements", args=[world.own.pk]) in html


def test_team_leader_changes_the_teams_timing(world, client_for):
    client = client_for(world.tl)
    url = reverse("placements:policy", args=[world.team_a1.pk])
    assert 'value="7"' in client.get(url).content.decode()
    data = {
        "before_start_days": 7,
        "after_start_days": 2,
        "weekly_weeks": 6,
        "monthly_days": 21,
        "job_ended_contact_days": 3,
    }
    assert client.post(url, data).status_code == 302
    policy = FollowAlongPolicy.objects.get(team=world.team_a1)
    assert (policy.weekly_weeks, policy.monthly_days, policy.updated_by) == (6, 21, world.tl)
    assert client.post(url, data | {"monthly_days": 200}).status_code == 400


# --- N+1 guards ------------------------------------------------------------------------------------


def _placements_of(world, participant, n):
    for i in range(n):
        placement = hire(world.js, participant, start_date=day(-30 - i), job_title=f"Jobb {i}")
        follow_up(world.js, placement, with_employer=True)


def test_participant_placements_queries_do_not_grow_with_rows(world, client_for):
    client = client_for(world.js)
    url = reverse("placements:participant_placements", args=[world.own.pk])
    _placements_of(world, world.own, 1)
    one = queries(client, url)
    _placements_of(world, world.own, 2)
    assert queries(client, url) == one


def test_placement_page_queries_do_not_grow_with_follow_ups(world, client_for):
    client = client_for(world.js)
    placement = hire(world.js, world.own, start_date=day(-30))
    url = reverse("placements:detail", args=[placement.pk])
    follow_up(world.js, placement, with_employer=True, when=timezone.now() - datetime.timedelta(days=3))
    one = queries(client, url)
    for n in (2, 1):
        follow_up(world.js, placement, with_employer=True, when=timezone.now() - datetime.timedelta(days=n))
    assert queries(client, url) == one


def test_follow_along_list_queries_do_not_grow_with_rows(world, client_for):
    client = client_for(world.js)
    url = reverse("placements:follow_along")

    def rows(n):
        for _ in range(n):
            participant = ParticipantFactory(team=world.team_a1, specialist=world.js, status=Status.ACTIVE)
            hire(world.js, participant)
            ended = hire(world.js, participant, start_date=day(-10), job_title="Sommerjobb")
            services.placement_end(actor=world.js, placement=ended, end_date=TODAY(), end_reason="temporary_ended")

    rows(1)
    one = queries(client, url)
    rows(2)
    assert queries(client, url) == one
    assert Participant.objects.filter(status=Status.IN_JOB).count() == 3
