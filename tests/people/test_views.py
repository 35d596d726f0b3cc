import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bistand.people.enums import Decision, Status
from bistand.people.models import Participant, Referral

from ..factories import ParticipantFactory, ReferralFactory

TODAY = timezone.localdate()


def referral_post(world, **overrides):
    data = {
        "first_name": "Mari",
        "last_name": "Henvisningsen",
        "national_id": "",
        "preferred_language": "nb",
        "service_model": "ips",
        "team": world.team_a1.pk,
        "specialist": world.js.pk,
        "received_on": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "source": "nav",
    }
    return data | overrides


def test_referral_form_registers_and_goes_to_the_decision(world, client_for):
    response = client_for(world.js).post(reverse("people:referral_create"), referral_post(world))
    referral = Referral.objects.get(participant__last_name="Henvisningsen")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:referral_decide", args=[referral.pk])


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"national_id": "12345678901"}, "national_id", "check digits"),
        ({"national_id": "abc"}, "national_id", "11 digits"),
        ({"first_name": ""}, "first_name", "required"),
        ({"received_on": "2999-01-01"}, "received_on", "future"),
        ({"received_on": "31.02.2026"}, "received_on", "valid date"),
        ({"team": "999999"}, "team", "valid choice"),
        ({"specialist": "not-a-number"}, "specialist", "valid choice"),
        ({"email": "nope"}, "email", "valid email"),
        ({"service_model": "astrology"}, "service_model", "valid choice"),
    ],
)
def test_referral_form_bad_input_gets_a_clear_message_and_saves_nothing(world, client_for, overrides, field, message):
    before = Participant.objects.count()
    client = client_for(world.js)
    client.cookies["bistand_language"] = "en"
    response = client.post(reverse("people:referral_create"), referral_post(world, **overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field]).lower()
    assert message in errors
    assert Participant.objects.count() == before


def test_messages_are_in_bokmal_by_default(world, client_for):
    response = client_for(world.js).post(reverse("people:referral_create"), referral_post(world, first_name=""))
    assert response.context["form"].errors["first_name"] == ["Feltet er påkrevet."]
    assert '<html lang="nb">' in response.content.decode()


def test_referral_for_another_teams_specialist_is_refused(world, client_for):
    response = client_for(world.js).post(
        reverse("people:referral_create"), referral_post(world, specialist=world.js_b.pk)
    )
    assert response.status_code == 400


def test_decline_without_reason_keeps_the_referral_pending(world, client_for):
    referral = ReferralFactory(
        participant__team=world.team_a1, participant__specialist=world.js, registered_by=world.js
    )
    response = client_for(world.js).post(
        reverse("people:referral_decide", args=[referral.pk]),
        {"decision": "decline", "decided_on": TODAY.isoformat(), "decline_reason": "", "note": ""},
    )
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.decision == Decision.PENDING
    assert set(response.context["form"].errors) == {"decline_reason", "note"}


def test_accepting_puts_the_participant_on_the_caseload(world, client_for):
    referral = ReferralFactory(participant__team=world.team_a1, participant__specialist=None, registered_by=world.tl)
    client = client_for(world.js)
    response = client.post(
        reverse("people:referral_decide", args=[referral.pk]),
        {"decision": "accept", "decided_on": TODAY.isoformat(), "specialist": ""},
    )
    assert response.status_code == 302
    referral.participant.refresh_from_db()
    assert (referral.participant.status, referral.participant.specialist) == (Status.ACCEPTED, world.js)
    caseload = client.get(reverse("casework:caseload"))
    assert referral.participant in caseload.context["page"].object_list


def test_malformed_requests_never_give_500(world, client_for):
    client = client_for(world.js)
    for url in [
        reverse("casework:caseload") + "?page=abc&sort=drop+table&status=zzz&service_model=%00",
        reverse("casework:caseload") + "?page=999999999999999999999",
        reverse("people:participant_detail", args=[10**18]),
    ]:
        assert client.get(url).status_code in (200, 404)
    response = client.post(reverse("people:participant_status", args=[world.own.pk]), {"to_status": "in_job\x00"})
    assert response.status_code == 302


def test_csrf_is_enforced(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.js)
    response = client.post(reverse("people:referral_create"), referral_post(world))
    assert response.status_code == 403


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_participants(world, n):
    for _ in range(n):
        ParticipantFactory(team=world.team_a1, specialist=world.js, status=Status.JOB_SEARCH)


def test_team_overview_query_count_does_not_grow_with_rows(world, client_for):
    client = client_for(world.tl)
    url = reverse("people:team_overview")
    ReferralFactory(participant__team=world.team_a1, registered_by=world.tl)
    ReferralFactory(
        participant__team=world.team_a1, registered_by=world.tl, declined=True, participant__status="declined"
    )
    client.get(url)
    one = _count_queries(client, url)
    for _ in range(2):
        ReferralFactory(participant__team=world.team_a1, registered_by=world.tl)
        ReferralFactory(
            participant__team=world.team_a1, registered_by=world.tl, declined=True, participant__status="declined"
        )
    assert _count_queries(client, url) == one


def test_team_overview_shows_every_decline_25_at_a_time_newest_first(world, client_for):
    from bistand.audit.models import AccessLogEntry

    today = timezone.localdate()
    declined = [
        ReferralFactory(
            participant__team=world.team_a1,
            registered_by=world.tl,
            declined=True,
            received_on=today - datetime.timedelta(days=60),
            decided_on=today - datetime.timedelta(days=i),
            participant__status="declined",
        )
        for i in range(30)
    ]
    client = client_for(world.tl)
    url = reverse("people:team_overview")
    page = client.get(url, {"team": world.team_a1.pk})
    html = page.content.decode()
    assert [r.pk for r in page.context["declined"]] == [r.pk for r in declined[:25]]
    assert "(30)" in html and 'data-testid="declined-older"' in html
    assert f'hx-get="?team={world.team_a1.pk}&amp;declined_page=2"' in html
    before = AccessLogEntry.objects.count()
    older = client.get(url, {"team": world.team_a1.pk, "declined_page": "2"}, headers={"HX-Request": "true"})
    html = older.content.decode()
    assert html.lstrip().startswith('<section id="declined"') and "<html" not in html
    assert html.count("<tr><td><a href=") == 5 and 'data-testid="declined-older"' not in html
    (entry,) = AccessLogEntry.objects.order_by("-pk")[: AccessLogEntry.objects.count() - before]
    assert sorted(entry.participants.values_list("pk", flat=True)) == sorted(r.participant_id for r in declined[25:])
    assert client.get(url, {"team": world.team_a1.pk, "declined_page": "junk"}).status_code == 200


def test_research_list_query_count_does_not_grow_with_rows(world, client_for):
    client = client_for(world.researcher)
    url = reverse("people:research_participants")
    client.get(url)
    one = _count_queries(client, url)
    _add_participants(world, 2)
    assert _count_queries(client, url) == one


def test_access_log_page_query_count_does_not_grow_with_rows(world, client_for, client):
    url = reverse("people:participant_access_log", args=[world.own.pk])
    admin = client_for(world.admin)
    admin.get(url)
    one = _count_queries(admin, url)
    client.logout()
    client_for(world.js).get(reverse("people:participant_detail", args=[world.own.pk]))
    client.logout()
    admin = client_for(world.admin)
    assert _count_queries(admin, url) == one


def test_researcher_list_shows_pseudonyms_not_names(world, client_for):
    body = client_for(world.researcher).get(reverse("people:research_participants")).content.decode()
    assert world.own.pseudonym in body
    assert world.own.last_name not in body


def test_program_manager_sees_every_team_of_the_organisation(world, client_for):
    response = client_for(world.pm).get(reverse("people:team_overview"))
    summaries = {t["team"].name: (t["active"], t["specialists"]) for t in response.context["summaries"]}
    assert summaries == {"IPS-team Øst": (2, 2), "Ungdomsteamet": (1, 0)}


def test_team_leader_sees_specialists_over_the_ips_limit(world, client_for):
    for _ in range(20):
        ParticipantFactory(team=world.team_a1, specialist=world.js2, status=Status.JOB_SEARCH)
    rows = {r["user"]: r for r in client_for(world.tl).get(reverse("people:team_overview")).context["caseloads"]}
    assert (rows[world.js]["caseload"], rows[world.js]["over"]) == (1, False)
    assert (rows[world.js2]["caseload"], rows[world.js2]["over"]) == (21, True)
