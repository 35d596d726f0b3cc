import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bistand.audit.models import AccessLogEntry
from bistand.casework import services
from bistand.casework.models import Contact, CooperationAgreement, PhaseChange, VocationalProfileVersion
from bistand.people.enums import ServiceModel, Status
from bistand.reference.models import Kommune, Occupation
from tests.factories import ParticipantFactory

from .factories import (
    BenefitsCounsellingFactory,
    ContactFactory,
    CooperationAgreementFactory,
    InclusionPlanFactory,
    OutreachAttemptFactory,
    PlanActionFactory,
    ProfileVersionFactory,
    YouthFollowUpFactory,
    accept,
    days_ago,
)

# These tests assert on message texts in English.
pytestmark = pytest.mark.usefixtures("english")

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF"


def _access_entries(view_name):
    return list(AccessLogEntry.objects.filter(view=view_name))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- Caseload -------------------------------------------------------------------------------------


def _busy_participant(world, **kwargs):
    p = ParticipantFactory(team=world.team_a1, specialist=world.js, **kwargs)
    accept(p, days_ago=40)
    ContactFactory(participant=p, occurred_at=days_ago(20), with_next_step=True)
    InclusionPlanFactory(participant=p, overdue=True)
    services.enrolment_move_phase(actor=world.js, participant=p, to_phase="job_search")
    return p


def test_caseload_same_query_count_with_1_and_3_rows(world, client_for):
    client = client_for(world.js)
    url = reverse("casework:caseload")
    _busy_participant(world)
    one = _queries(client, url)
    _busy_participant(world)
    _busy_participant(world)
    three = _queries(client, url)
    assert one == three


def test_caseload_shows_phase_days_since_contact_and_work_queue(world, client_for):
    p = _busy_participant(world, first_name="Åse", last_name="Aaberg")
    client = client_for(world.js)
    client.cookies["bistand_language"] = "nb"
    response = client.get(reverse("casework:caseload"))
    html = response.content.decode()
    assert "3. Rask jobbsøking og jobbutvikling" in html  # the current phase, in bokmål
    assert f'data-testid="caseload-row-{p.pk}"' in html
    assert 'data-days="20"' in html
    assert 'data-testid="flag-no_contact"' in html
    assert 'data-testid="queue-no_employer_contact" data-count="1"' in html
    assert 'data-testid="queue-plan_review_overdue" data-count="1"' in html


def test_caseload_work_queue_filter_shows_only_matching_participants(world, client_for):
    flagged = _busy_participant(world)
    response = client_for(world.js).get(reverse("casework:caseload"), {"queue": "no_employer_contact"})
    assert [p.pk for p in response.context["page"]] == [flagged.pk]
    counts = dict(response.context["queue_counts"])
    assert counts["no_employer_contact"] == 1


def test_caseload_logs_one_access_entry_naming_every_row(world, client_for):
    client_for(world.tl).get(reverse("casework:caseload"))
    (entry,) = _access_entries("casework:caseload")
    assert sorted(entry.participants.values_list("pk", flat=True)) == sorted([world.own.pk, world.same_team.pk])


def test_caseload_htmx_request_gets_the_results_partial(world, client_for):
    response = client_for(world.js).get(reverse("casework:caseload"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html


@pytest.mark.parametrize("query", ["?queue=bogus&sort=bogus&page=abc", "?status=nope&mine=7", "?q=" + "x" * 500])
def test_caseload_malformed_filters_do_not_fail(world, client_for, query):
    response = client_for(world.js).get(reverse("casework:caseload") + query)
    assert response.status_code == 200


def test_caseload_sort_by_longest_since_contact(world, client_for):
    recent = ParticipantFactory(team=world.team_a1, specialist=world.js)
    ContactFactory(participant=recent, occurred_at=days_ago(1))
    ContactFactory(participant=world.own, occurred_at=days_ago(9))
    never = ParticipantFactory(team=world.team_a1, specialist=world.js)
    response = client_for(world.js).get(reverse("casework:caseload"), {"sort": "contact"})
    assert [p.pk for p in response.context["page"]] == [never.pk, world.own.pk, recent.pk]


# --- Quick contact log from the caseload ----------------------------------------------------------


def test_quicklog_htmx_get_returns_the_inline_form(world, client_for):
    response = client_for(world.js).get(reverse("casework:contact_create", args=[world.own.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'data-testid="quicklog-form"' in html
    assert "<html" not in html
    assert "autofocus" in html
    assert len(_access_entries("casework:contact_create")) == 1


def test_quicklog_htmx_post_logs_the_contact_and_refreshes_the_caseload(world, client_for):
    now = timezone.localtime() - datetime.timedelta(minutes=2)
    response = client_for(world.js).post(
        reverse("casework:contact_create", args=[world.own.pk]),
        {
            "kind": "meeting",
            "place": "office",
            "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "30",
            "with_participant": "on",
            "note": "Kort prat",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "contactLogged"
    assert 'hx-swap-oob="true"' in response.content.decode()
    contact = Contact.objects.get(participant=world.own)
    assert (contact.note, contact.created_by) == ("Kort prat", world.js)


def test_quicklog_htmx_post_invalid_shows_errors_and_saves_nothing(world, client_for):
    response = client_for(world.js).post(
        reverse("casework:contact_create", args=[world.own.pk]),
        {"kind": "workplace_visit", "place": "office", "occurred_at": "not a date", "duration_minutes": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers
    form = response.context["form"]
    assert {"place", "occurred_at", "duration_minutes"} <= set(form.errors)
    assert not Contact.objects.exists()
    assert "HX-Trigger" not in response


def test_contact_create_full_page_invalid_answers_400(world, client_for):
    response = client_for(world.js).post(reverse("casework:contact_create", args=[world.own.pk]), {"kind": "??"})
    assert response.status_code == 400
    assert not Contact.objects.exists()


def test_contact_create_for_a_closed_participant_shows_why(world, client_for):
    world.own.status, world.own.end_reason = Status.ENDED, "other"
    world.own.save()
    response = client_for(world.js).post(
        reverse("casework:contact_create", args=[world.own.pk]),
        {
            "kind": "meeting",
            "place": "office",
            "occurred_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "30",
        },
    )
    assert response.status_code == 400
    assert "closed" in " ".join(response.context["form"].non_field_errors())


def test_contact_create_employer_link_prefills_the_kind(world, client_for):
    response = client_for(world.js).get(reverse("casework:contact_create", args=[world.own.pk]) + "?kind=employer")
    form = response.context["form"]
    assert (form["kind"].value(), form["with_participant"].value()) == ("employer", False)


# --- Journey and phases -----------------------------------------------------------------------------


def _fill_journey(world, participant, n):
    for _ in range(n):
        ContactFactory(participant=participant, occurred_at=days_ago(2), with_next_step=True)
        OutreachAttemptFactory(participant=participant)
        CooperationAgreementFactory(participant=participant)
        BenefitsCounsellingFactory(participant=participant)
        YouthFollowUpFactory(participant=participant)
    for phase in ["contact_relation", "discovery", "job_search"][:n]:
        services.enrolment_move_phase(actor=world.js, participant=participant, to_phase=phase)
    for i in range(n):
        services.vocational_profile_save(
            actor=world.js,
            participant=participant,
            data={"interests": f"Interesse {i}", "job_goals": list(Occupation.objects.filter(code="5120"))},
        )
    plan = InclusionPlanFactory(participant=participant)
    for _ in range(n):
        PlanActionFactory(plan=plan)
        today = timezone.localdate()
        services.plan_review(
            actor=world.js, plan=plan, reviewed_on=today, note="ok", next_review_on=today + datetime.timedelta(30)
        )


def test_journey_same_query_count_with_1_and_3_of_everything(world, client_for):
    client = client_for(world.js)
    one_p = ParticipantFactory(team=world.team_a1, specialist=world.js, service_model=ServiceModel.IPS_YOUTH)
    three_p = ParticipantFactory(team=world.team_a1, specialist=world.js, service_model=ServiceModel.IPS_YOUTH)
    _fill_journey(world, one_p, 1)
    _fill_journey(world, three_p, 3)
    one = _queries(client, reverse("casework:journey", args=[one_p.pk]))
    three = _queries(client, reverse("casework:journey", args=[three_p.pk]))
    assert one == three


def test_journey_shows_one_timeline_and_logs_access_once(world, client_for):
    world.own.service_model = ServiceModel.IPS_YOUTH
    world.own.save()
    _fill_journey(world, world.own, 1)
    response = client_for(world.js).get(reverse("casework:journey", args=[world.own.pk]))
    kinds = {e.kind for e in response.context["timeline"]}
    assert kinds == {"phase", "contact", "outreach", "agreement", "profile", "plan", "plan_review", "benefits", "youth"}
    (entry,) = _access_entries("casework:journey")
    assert list(entry.participants.values_list("pk", flat=True)) == [world.own.pk]


def test_journey_shows_the_newest_50_entries_then_50_older_at_a_time(world, client_for):
    from bistand.casework import selectors

    world.own.service_model = ServiceModel.IPS_YOUTH
    world.own.save()
    _fill_journey(world, world.own, 3)
    for i in range(60):
        ContactFactory(participant=world.own, occurred_at=days_ago(10 + i))
    whole, more = selectors.timeline_for(world.js, world.own)
    assert not more and len(whole) > 70
    for n in (1, 7, 50, len(whole) - 1):  # each kind's newest n + 1 hold the newest n of all
        part, more = selectors.timeline_for(world.js, world.own, limit=n)
        assert [(e.kind, e.obj.pk) for e in part] == [(e.kind, e.obj.pk) for e in whole[:n]] and more
    assert selectors.timeline_for(world.js, world.own, limit=len(whole)) == (whole, False)

    client = client_for(world.js)
    url = reverse("casework:journey", args=[world.own.pk])
    page = client.get(url)
    assert len(page.context["timeline"]) == 50 and 'data-testid="timeline-older"' in page.content.decode()
    assert 'hx-get="?timeline=100"' in page.content.decode()
    older = client.get(url, {"timeline": "100"}, headers={"HX-Request": "true"})
    html = older.content.decode()
    assert html.lstrip().startswith('<section id="timeline"') and "<html" not in html
    assert html.count('<li class="tl ') == len(whole) and 'data-testid="timeline-older"' not in html
    for junk in ("abc", "-5", "0", "99999999999"):
        assert client.get(url, {"timeline": junk}).status_code == 200
    assert len(client.get(url, {"timeline": "abc"}).context["timeline"]) == 50
    assert len(client.get(url, {"timeline": "51"}).context["timeline"]) == len(whole)  # whole pages of 50


def test_journey_for_a_program_manager_is_read_only(world, client_for):
    response = client_for(world.pm).get(reverse("casework:journey", args=[world.own.pk]))
    html = response.content.decode()
    assert response.context["can_work"] is False
    assert 'data-testid="phase-form"' not in html
    assert reverse("casework:contact_create", args=[world.own.pk]) not in html


def test_phase_move_records_the_change(world, client_for):
    response = client_for(world.js).post(
        reverse("casework:phase_move", args=[world.own.pk]), {"to_phase": "job_search"}
    )
    assert response.status_code == 302
    assert PhaseChange.objects.get(participant=world.own).to_phase == "job_search"


@pytest.mark.parametrize("data", [{}, {"to_phase": "bogus"}, {"to_phase": "employer_engagement", "note": "x" * 3000}])
def test_phase_move_bad_input_changes_nothing(world, client_for, data):
    client = client_for(world.js)
    response = client.post(reverse("casework:phase_move", args=[world.own.pk]), data, follow=True)
    assert response.status_code == 200
    assert not PhaseChange.objects.exists()
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels
    assert set(levels) == {"error"}


# --- Cooperation agreement and its document ---------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _agreement_post(client, participant, upload):
    return client.post(
        reverse("casework:agreement_create", args=[participant.pk]),
        {"agreed_on": timezone.localdate().isoformat(), "accepted_by_participant": "on", "upload": upload},
    )


def test_agreement_document_is_stored_outside_the_web_root_and_served_as_a_download(world, client_for, media):
    client = client_for(world.js)
    response = _agreement_post(client, world.own, SimpleUploadedFile("Avtale Ola.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    agreement = CooperationAgreement.objects.get(participant=world.own)
    assert (media / agreement.document.name).read_bytes() == PDF
    download = client.get(reverse("casework:agreement_document", args=[agreement.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Avtale_Ola.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    assert len(_access_entries("casework:agreement_document")) == 1
    assert client.get("/media/" + agreement.document.name).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [("avtale.pdf", b"MZ\x90\x00 an executable"), ("avtale.png", b""), ("avtale.svg", b"<svg></svg>")],
)
def test_agreement_document_of_the_wrong_type_is_refused(world, client_for, media, name, content):
    response = _agreement_post(client_for(world.js), world.own, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert "upload" in response.context["form"].errors
    assert not CooperationAgreement.objects.exists()


def test_agreement_document_over_10_mb_is_refused(world, client_for, media):
    big = SimpleUploadedFile("stor.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = _agreement_post(client_for(world.js), world.own, big)
    assert response.status_code == 400
    assert "10 MB" in str(response.context["form"].errors["upload"])
    assert not CooperationAgreement.objects.exists()


def test_agreement_without_a_document_answers_404_for_the_document(world, client_for):
    agreement = CooperationAgreementFactory(participant=world.own)
    response = client_for(world.js).get(reverse("casework:agreement_document", args=[agreement.pk]))
    assert response.status_code == 404


# --- Vocational profile -----------------------------------------------------------------------------


def _profile_post(client, participant, **data):
    return client.post(reverse("casework:profile_edit", args=[participant.pk]), data)


def test_profile_edit_twice_shows_what_changed_and_the_earlier_version(world, client_for):
    client = client_for(world.js)
    kokk = Occupation.objects.get(code="5120")
    oslo = Kommune.objects.get(number="0301")
    assert _profile_post(client, world.own, job_goals=[kokk.pk], kommuner=[oslo.pk], interests="Mat").status_code == 302
    butikk = Occupation.objects.get(code="5223")
    response = _profile_post(
        client, world.own, job_goals=[kokk.pk, butikk.pk], kommuner=[oslo.pk], interests="Mat og folk"
    )
    assert response.status_code == 302
    page = client.get(reverse("casework:profile", args=[world.own.pk]))
    latest = page.context["versions"][0]
    assert latest.number == 2
    changes = {c.field: c for c in latest.changes}
    assert set(changes) == {"job_goals", "interests"}
    assert changes["job_goals"].added == [str(butikk)]
    assert (changes["interests"].before, changes["interests"].after) == ("Mat", "Mat og folk")
    earlier = client.get(reverse("casework:profile", args=[world.own.pk]), {"version": "1"})
    assert earlier.context["shown"].interests == "Mat"
    assert earlier.context["is_latest"] is False


def test_profile_edit_without_changes_says_so(world, client_for):
    client = client_for(world.js)
    _profile_post(client, world.own, interests="Mat")
    response = _profile_post(client, world.own, interests="Mat")
    assert response.status_code == 400
    assert "Nothing has changed" in " ".join(response.context["form"].non_field_errors())
    assert VocationalProfileVersion.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"job_goals": ["999999"]},
        {"job_goals": ["abc"]},
        {"kommuner": ["-1"]},
        {"hours_min": "30", "hours_max": "10"},
        {"hours_max": "1000"},
        {"working_times": ["sometimes"]},
    ],
)
def test_profile_edit_bad_input_is_refused_with_a_message(world, client_for, data):
    response = _profile_post(client_for(world.js), world.own, **data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not VocationalProfileVersion.objects.exists()


def test_profile_edit_more_than_10_goals_is_refused(world, client_for):
    goals = list(Occupation.objects.filter(level=4).values_list("pk", flat=True)[:11])
    response = _profile_post(client_for(world.js), world.own, job_goals=goals)
    assert response.status_code == 400
    assert "job_goals" in response.context["form"].errors


@pytest.mark.parametrize("version", ["99", "abc", "-1"])
def test_profile_unknown_version_answers_404(world, client_for, version):
    ProfileVersionFactory(participant=world.own, number=1)
    response = client_for(world.js).get(reverse("casework:profile", args=[world.own.pk]), {"version": version})
    assert response.status_code == 404


def test_profile_same_query_count_with_1_and_3_versions(world, client_for):
    client = client_for(world.js)
    goals = list(Occupation.objects.filter(code__in=["5120", "5223"]))
    for i in range(1):
        services.vocational_profile_save(
            actor=world.js, participant=world.own, data={"interests": str(i), "job_goals": goals}
        )
    one = _queries(client, reverse("casework:profile", args=[world.own.pk]))
    for i in range(1, 3):
        services.vocational_profile_save(
            actor=world.js, participant=world.own, data={"interests": str(i), "job_goals": goals}
        )
    three = _queries(client, reverse("casework:profile", args=[world.own.pk]))
    assert one == three


# --- Picker -------------------------------------------------------------------------------------------


def test_picker_search_keeps_the_chosen_and_finds_matches(world, client_for):
    kokk = Occupation.objects.get(code="5120")
    response = client_for(world.js).get(
        reverse("casework:picker_search", args=["occupation"]),
        {"name": "job_goals", "job_goals": [kokk.pk], "q": "butikk"},
    )
    assert response.context["chosen"] == [kokk]
    assert response.context["matches"]
    assert all("butikk" in o.name.lower() or o.code.startswith("butikk") for o in response.context["matches"])
    assert kokk not in response.context["matches"]
    assert len(_access_entries("casework:picker_search")) == 0


def test_picker_search_municipalities(world, client_for):
    response = client_for(world.js).get(reverse("casework:picker_search", args=["kommune"]), {"q": "bergen"})
    assert [k.number for k in response.context["matches"]] == ["4601"]


@pytest.mark.parametrize("params", [{"name": "<script>", "q": "a" * 1000}, {"job_goals": ["x", "99999999999999"]}])
def test_picker_search_malformed_input_does_not_fail(world, client_for, params):
    response = client_for(world.js).get(reverse("casework:picker_search", args=["occupation"]), params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_picker_search_unknown_list_answers_404(world, client_for):
    assert client_for(world.js).get(reverse("casework:picker_search", args=["diagnoses"])).status_code == 404


# --- Plan, youth -------------------------------------------------------------------------------------


def test_plan_action_before_a_plan_leads_to_making_the_plan(world, client_for):
    response = client_for(world.js).get(reverse("casework:plan_action_create", args=[world.own.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:plan_edit", args=[world.own.pk])


def test_plan_edit_creates_the_plan(world, client_for):
    review_on = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    response = client_for(world.js).post(
        reverse("casework:plan_edit", args=[world.own.pk]), {"goals": "Jobb i barnehage", "review_on": review_on}
    )
    assert response.status_code == 302
    assert world.own.inclusion_plan.goals == "Jobb i barnehage"


def test_youth_page_for_an_adult_outside_the_youth_models_answers_404(world, client_for):
    assert client_for(world.js).get(reverse("casework:youth_create", args=[world.own.pk])).status_code == 404
