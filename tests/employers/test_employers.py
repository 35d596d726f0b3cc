from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bistand.audit.models import AccessLogEntry, ChangeEntry
from bistand.employers import selectors, services
from bistand.employers.enums import ContactMode, ContactPurpose, RelationshipStatus
from bistand.employers.models import Employer, EmployerContact
from bistand.people.models import Participant
from tests.factories import EmployerContactFactory, EmployerFactory, EmployerPersonFactory
from tests.fakes import FakeBrreg, brreg_unit, closed_port_url, serve

# These tests assert on message texts in English.
pytestmark = pytest.mark.usefixtures("english")

ORGNR = "974760673"


@pytest.fixture
def register_url(settings):
    register = FakeBrreg()
    register.underenheter[ORGNR] = brreg_unit(ORGNR, "REMA 1000 GRÜNERLØKKA")
    with serve(register) as url:
        settings.BISTAND_BRREG_URL = url
        yield url


@pytest.fixture
def employer(world):
    return EmployerFactory(organisation=world.org_a, name="Kiwi Torshov")


def contact(world, employer, **kwargs):
    defaults = {
        "actor": world.js,
        "employer": employer,
        "specialist": world.js,
        "contact_date": timezone.localdate(),
        "mode": ContactMode.FACE_TO_FACE,
        "purpose": ContactPurpose.JOB_DEVELOPMENT,
        "participants": [world.own],
    }
    return services.employer_contact_log(**(defaults | kwargs))


# --- Registering ------------------------------------------------------------------------


def test_lookup_fills_the_form_from_the_register(world, client_for, register_url):
    response = client_for(world.js).get(reverse("employers:create"), {"orgnr": "974 760 673"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="REMA 1000 GRÜNERLØKKA"' in html
    assert 'value="47.111"' in html
    assert 'name="from_register" value="1"' in html


def test_lookup_when_the_register_is_unreachable_lets_the_user_type(world, client_for, settings):
    settings.BISTAND_BRREG_URL = closed_port_url()
    response = client_for(world.js).get(reverse("employers:create"), {"orgnr": ORGNR})
    assert response.status_code == 200
    assert "cannot be reached" in response.content.decode()
    assert 'name="name"' in response.content.decode()


def test_lookup_of_a_mistyped_number_explains_the_check_digit(world, client_for):
    response = client_for(world.js).get(reverse("employers:create"), {"orgnr": "974760674"})
    assert response.status_code == 400
    assert "check digit does not match" in response.content.decode()


def test_register_employer_saves_it_with_its_history(world, client_for):
    response = client_for(world.js).post(
        reverse("employers:create"),
        {
            "orgnr": ORGNR,
            "name": "Rema 1000",
            "website": "www.rema.no",
            "relationship_status": "new",
            "from_register": "1",
        },
    )
    employer = Employer.objects.get(orgnr=ORGNR)
    assert response.status_code == 302
    assert (employer.organisation, employer.registered_by, employer.website) == (
        world.org_a,
        world.js,
        "https://www.rema.no",
    )
    assert employer.register_checked_at is not None
    assert ChangeEntry.objects.get(action="employers.employer.created").changes["name"] == [None, "Rema 1000"]


def test_register_employer_twice_in_one_organisation_is_refused(world, client_for, employer):
    response = client_for(world.js).post(
        reverse("employers:create"), {"orgnr": employer.orgnr, "name": "Kopi", "relationship_status": "new"}
    )
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert Employer.objects.filter(orgnr=employer.orgnr).count() == 1


def test_register_employer_known_to_another_organisation_is_allowed(world, client_for):
    EmployerFactory(organisation=world.org_b, orgnr=ORGNR)
    response = client_for(world.js).post(
        reverse("employers:create"), {"orgnr": ORGNR, "name": "Rema", "relationship_status": "new"}
    )
    assert response.status_code == 302
    assert Employer.objects.filter(orgnr=ORGNR).count() == 2


def test_register_employer_with_bad_input_explains_and_saves_nothing(world, client_for):
    response = client_for(world.js).post(
        reverse("employers:create"),
        {"orgnr": "12345", "name": "", "website": "ikke en adresse", "employee_count": "-3"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "9 digits" in html
    assert Employer.objects.count() == 0


def test_relationship_cannot_go_back_to_new(world, employer):
    services.employer_update(
        actor=world.js, employer=employer, data={"relationship_status": RelationshipStatus.DORMANT}
    )
    with pytest.raises(ValidationError, match="cannot go from"):
        services.employer_update(
            actor=world.js, employer=employer, data={"relationship_status": RelationshipStatus.NEW}
        )


def test_researcher_cannot_register_employers(world, client_for):
    assert client_for(world.researcher).get(reverse("employers:create")).status_code == 403


# --- Seeing employers ---------------------------------------------------------------------


def test_employer_of_another_organisation_is_not_found(world, client_for):
    other = EmployerFactory(organisation=world.org_b)
    assert client_for(world.js).get(reverse("employers:detail", args=[other.pk])).status_code == 404


def test_researcher_sees_the_employer_but_not_its_people(world, client_for, employer):
    EmployerPersonFactory(employer=employer, name="Hilde Daglig", phone="45454545")
    html_js = client_for(world.js).get(reverse("employers:detail", args=[employer.pk])).content.decode()
    html_r = client_for(world.researcher).get(reverse("employers:detail", args=[employer.pk])).content.decode()
    assert "Hilde Daglig" in html_js and "45454545" in html_js
    assert "Kiwi Torshov" in html_r and "Hilde Daglig" not in html_r and "45454545" not in html_r


def test_employer_detail_logs_the_participants_its_contacts_name(world, client_for, employer):
    contact(world, employer)
    client_for(world.tl).get(reverse("employers:detail", args=[employer.pk]))
    entry = AccessLogEntry.objects.get(view="employers:detail")
    assert list(entry.subjects.values_list("participant_id", flat=True)) == [world.own.pk]


def test_contact_naming_someone_elses_participant_is_hidden(world, client_for, employer):
    contact(world, employer, outcome="Ola kan starte på mandag")
    assert (
        "Ola kan starte"
        not in client_for(world.js2).get(reverse("employers:detail", args=[employer.pk])).content.decode()
    )
    assert EmployerContact.objects.visible_to(world.js2).count() == 0
    assert EmployerContact.objects.visible_to(world.tl).count() == 1


# --- The job development log ----------------------------------------------------------------


def test_log_face_to_face_contact_for_a_participant(world, client_for, employer):
    response = client_for(world.js).post(
        reverse("employers:contact_add", args=[employer.pk]),
        {
            "specialist": world.js.pk,
            "contact_date": timezone.localdate().isoformat(),
            "mode": "face_to_face",
            "purpose": "job_development",
            "participants": [world.own.pk],
            "outcome": "Positive to a trial",
        },
    )
    assert response.status_code == 302
    saved = EmployerContact.objects.get()
    assert (saved.team, list(saved.participants.all())) == (world.team_a1, [world.own])
    assert ChangeEntry.objects.get(action="employers.contact.created").participant_id == world.own.pk


def test_log_contact_refuses_a_participant_off_the_specialists_caseload(world, employer):
    with pytest.raises(ValidationError, match="caseload"):
        contact(world, employer, participants=[world.same_team])
    assert EmployerContact.objects.count() == 0


def test_log_contact_in_the_future_is_refused(world, client_for, employer):
    response = client_for(world.js).post(
        reverse("employers:contact_add", args=[employer.pk]),
        {"specialist": world.js.pk, "contact_date": "2999-01-01", "mode": "face_to_face", "purpose": "learn_needs"},
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert EmployerContact.objects.count() == 0


def test_log_contact_for_job_development_must_name_participants(world, employer):
    with pytest.raises(ValidationError, match="Name the participants"):
        contact(world, employer, participants=[])


def test_log_contact_with_a_malformed_post_gives_messages_not_500(world, client_for, employer):
    response = client_for(world.js).post(
        reverse("employers:contact_add", args=[employer.pk]),
        {"specialist": "x", "contact_date": "yesterday", "mode": "walk", "purpose": "", "participants": ["abc"]},
    )
    assert response.status_code == 400
    assert EmployerContact.objects.count() == 0


def test_team_leader_logs_for_a_specialist_in_the_team(world, employer):
    saved = contact(world, employer, actor=world.tl, specialist=world.js2, participants=[world.same_team])
    assert saved.specialist == world.js2


def test_specialist_cannot_log_for_a_colleague(world, employer):
    with pytest.raises(ValidationError, match="for yourself"):
        contact(world, employer, specialist=world.js2, participants=[world.same_team])


def test_contact_with_a_feed_employer_needs_registering_first(world):
    public = EmployerFactory(public=True)
    with pytest.raises(ValidationError, match="Register the employer"):
        contact(world, public)


# --- Weekly face-to-face table and the first contact ---------------------------------------


def test_weekly_table_counts_face_to_face_contacts_per_specialist_and_week(world, employer):
    today = datetime.date(2026, 11, 25)  # a Wednesday in ISO week 48
    for day in (today, today - datetime.timedelta(days=2), today - datetime.timedelta(days=7)):
        EmployerContactFactory(employer=employer, specialist=world.js, team=world.team_a1, contact_date=day)
    EmployerContactFactory(employer=employer, specialist=world.js, team=world.team_a1, contact_date=today, phone=True)
    EmployerContactFactory(employer=employer, specialist=world.js2, team=world.team_a1, contact_date=today)
    table = selectors.weekly_face_to_face(world.team_a1, weeks=3, today=today)
    assert table["mondays"] == [datetime.date(2026, 11, 9), datetime.date(2026, 11, 16), datetime.date(2026, 11, 23)]
    rows = {row["user"]: [c["count"] for c in row["cells"]] for row in table["rows"]}
    assert rows == {world.js: [0, 1, 2], world.js2: [0, 0, 1]}


def test_weekly_target_is_two_per_job_seeker_below_three(world, employer):
    Participant.objects.filter(pk=world.own.pk).update(status="job_search")
    table = selectors.weekly_face_to_face(world.team_a1, weeks=1, today=timezone.localdate())
    targets = {row["user"]: row["target"] for row in table["rows"]}
    assert targets == {world.js: 2, world.js2: 6}


def test_weekly_page_shows_the_count(world, client_for, employer):
    contact(world, employer)
    response = client_for(world.tl).get(reverse("employers:contact_weekly"))
    monday = selectors.iso_monday(timezone.localdate())
    assert f'data-testid="cell-{world.js.pk}-{monday:%Y-%m-%d}" class="warn">1<' in response.content.decode()


def test_first_employer_contact_dates_count_face_to_face_only(world, employer):
    day = timezone.localdate()
    contact(world, employer, contact_date=day - datetime.timedelta(days=9), mode=ContactMode.PHONE)
    contact(world, employer, contact_date=day - datetime.timedelta(days=5))
    contact(world, employer, contact_date=day - datetime.timedelta(days=2))
    assert selectors.first_employer_contact_dates([world.own.pk, world.same_team.pk]) == {
        world.own.pk: day - datetime.timedelta(days=5)
    }
    assert selectors.first_employer_contact_dates([world.own.pk], face_to_face_only=False) == {
        world.own.pk: day - datetime.timedelta(days=9)
    }
    annotated = Participant.objects.visible_to(world.tl).annotate(
        first=selectors.first_employer_contact_date_subquery()
    )
    assert dict(annotated.values_list("pk", "first")) == {
        world.own.pk: day - datetime.timedelta(days=5),
        world.same_team.pk: None,
    }
