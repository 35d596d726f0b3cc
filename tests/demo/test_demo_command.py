"""The demo world in the database. One organisation of it (NAV Ishavskysten: every service
model, Sami areas) is loaded once for the module, through the services as `bistand demo`
does, and rolled back afterwards; the plan tests cover the whole catalogue, and
test_demo_refusals the command's checks."""

import datetime
import io
import itertools
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from bistand.accounts.enums import Role
from bistand.accounts.models import Membership, Organisation, Team, User
from bistand.audit.models import ChangeEntry
from bistand.demo import catalogue
from bistand.demo.catalogue import LOCAL_PASSWORD
from bistand.demo.load import load_plan
from bistand.demo.management.commands.demo import DEFAULT_SEED, Command
from bistand.demo.plan import build_plan, is_workday
from bistand.people.enums import CASELOAD_STATUSES, CLOSED_STATUSES, TRANSITIONS, Decision, ServiceModel, Status
from bistand.people.models import Consent, Participant, Referral, StatusChange
from bistand.people.validators import birth_date_of, is_synthetic, normalise_identity_number
from bistand.reference.models import Kommune

UNTIL = datetime.date(2025, 6, 30)
END = timezone.make_aware(datetime.datetime(2025, 6, 30, 15, 30))
ORGANISATIONS = [o for o in catalogue.ORGANISATIONS if o.name == "NAV Ishavskysten"]


@pytest.fixture(scope="module")
def demo_plan(django_db_setup, django_db_blocker):
    plan = build_plan(seed=DEFAULT_SEED, until=UNTIL, now=timezone.now(), organisations=ORGANISATIONS)
    with django_db_blocker.unblock(), transaction.atomic():
        load_plan(plan, password=LOCAL_PASSWORD)
        yield plan
        transaction.set_rollback(True)


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def first_member(role: str) -> User:
    return Membership.objects.filter(role=role).order_by("id").first().user


# --- the world it builds ------------------------------------------------------------------
def test_demo_builds_every_organisation_team_and_role(demo_plan, db):
    teams = sum(len(o.teams) for o in ORGANISATIONS)

    assert Organisation.objects.count() == len(ORGANISATIONS)
    assert Team.objects.count() == teams
    for team in Team.objects.all():
        roles = list(team.memberships.values_list("role", flat=True))
        assert roles.count(Role.TEAM_LEADER) == 1
        assert roles.count(Role.JOB_SPECIALIST) >= 2
    for org in Organisation.objects.all():
        assert {Role.PROGRAM_MANAGER, Role.RESEARCHER, Role.ADMINISTRATOR} <= set(
            org.memberships.values_list("role", flat=True)
        )


def test_demo_participants_cover_every_status_and_service_model(demo_plan, db):
    statuses = set(Participant.objects.values_list("status", flat=True))
    models = set(Participant.objects.values_list("service_model", flat=True))

    assert statuses == set(Status.values)
    assert models == set(ServiceModel.values)
    assert Participant.objects.count() > 80


def test_demo_caseloads_keep_to_the_ips_limit_except_one_specialist(demo_plan, db):
    caseloads = (
        Membership.objects.filter(role=Role.JOB_SPECIALIST)
        .annotate(n=Count("user__caseload", filter=Q(user__caseload__status__in=CASELOAD_STATUSES)))
        .select_related("user")
    )
    over = [(m.user.email, m.n) for m in caseloads if m.n > 20 * m.fte]

    assert over == [(first_member(Role.JOB_SPECIALIST).email, catalogue.OVERLOADED)]
    assert all(m.n > 0 for m in caseloads)


def test_demo_teams_have_an_intake_queue_and_declines_with_reasons(demo_plan, db):
    for team in Team.objects.all():
        referrals = Referral.objects.filter(team=team)
        assert referrals.filter(decision=Decision.PENDING).exists()
        assert referrals.filter(decision=Decision.DECLINED).exists()
    declined = Referral.objects.filter(decision=Decision.DECLINED)
    assert not declined.filter(decline_reason="").exists()
    assert not declined.filter(decision_note="").exists()


def test_demo_status_history_follows_the_state_machine_to_the_current_status(demo_plan, db):
    history = defaultdict(list)
    for change in StatusChange.objects.order_by("at", "id"):
        history[change.participant_id].append(change)

    for participant in Participant.objects.all():
        changes = history[participant.pk]
        assert changes[0].from_status == ""
        for before, after in itertools.pairwise(changes):
            assert after.from_status == before.to_status
            referred_again = before.to_status in CLOSED_STATUSES and after.to_status == Status.REFERRED
            assert after.to_status in TRANSITIONS[before.to_status] or referred_again
        assert changes[-1].to_status == participant.status
        assert changes[-1].at == participant.status_changed_at


def test_demo_history_spans_years_of_working_days_and_ends_on_time(demo_plan, db):
    times = [timezone.localtime(at) for at in StatusChange.objects.values_list("at", flat=True)]

    assert min(times).date() < UNTIL - datetime.timedelta(days=2 * 365)
    assert max(times) <= END
    assert all(is_workday(t.date()) and datetime.time(8) <= t.time() <= datetime.time(15, 30) for t in times)
    assert ChangeEntry.objects.filter(at__gt=END).count() == 0


def test_demo_dates_agree_with_each_other(demo_plan, db):
    for referral in Referral.objects.select_related("participant"):
        assert referral.received_on <= timezone.localdate(referral.registered_at)
        assert referral.decided_on is None or referral.decided_on >= timezone.localdate(referral.registered_at)
    first_referral = dict(Referral.objects.values_list("participant").annotate(first=Min("received_on")))
    for consent in Consent.objects.all():
        assert consent.given_on >= first_referral[consent.participant_id]
        assert consent.withdrawn_on is None or consent.withdrawn_on >= consent.given_on


def test_demo_identity_numbers_are_synthetic_and_match_birth_dates(demo_plan, db):
    people = Participant.objects.exclude(national_id=None)

    assert people.count() > Participant.objects.count() / 2
    for person in people:
        assert is_synthetic(person.national_id)
        assert normalise_identity_number(person.national_id) == person.national_id
        assert birth_date_of(person.national_id) == person.birth_date


def test_demo_contact_details_cannot_reach_anyone(demo_plan, db):
    participant_domains = {
        e.rsplit("@", 1)[1] for e in Participant.objects.exclude(email="").values_list("email", flat=True)
    }
    staff_domains = {e.rsplit("@", 1)[1] for e in User.objects.values_list("email", flat=True)}

    assert participant_domains == set(catalogue.PARTICIPANT_EMAIL_DOMAINS)
    assert all(d.endswith(".example") for d in staff_domains)


def test_demo_speaks_the_languages_of_its_areas(demo_plan, db):
    sami_areas = Kommune.objects.filter(number__in=["5430", "5437"])

    assert Participant.objects.filter(preferred_language="se", kommune__in=sami_areas).exists()
    assert not Participant.objects.filter(preferred_language="se").exclude(kommune__in=sami_areas).exists()


def test_demo_change_history_records_every_write_at_its_time(demo_plan, db):
    entries = ChangeEntry.objects.all()
    status_changes = StatusChange.objects.count()
    referrals = Referral.objects.count()

    assert set(entries.values_list("request_id", flat=True)) == {f"demo-{DEFAULT_SEED}"}
    # Registering a referral logs the participant's creation or update; every other
    # status change logs a status_changed entry.
    assert entries.filter(action="people.participant.status_changed").count() == status_changes - referrals
    assert entries.filter(action="people.participant.created").count() == Participant.objects.count()
    created = dict(entries.filter(action="people.participant.created").values_list("participant_id", "at"))
    assert all(created[p.pk] == p.created_at for p in Participant.objects.all())


def test_demo_database_is_the_plan_replayed(demo_plan, db):
    """Together with the plan's determinism test: the same seed and date give the same data."""
    to_status = {
        "register": lambda a: Status.REFERRED,
        "accept": lambda a: Status.ACCEPTED,
        "decline": lambda a: Status.DECLINED,
        "withdraw": lambda a: Status.WITHDRAWN,
        "status": lambda a: a["to_status"],
    }
    planned = {
        s.person["pseudonym"]: [(st.at, to_status[st.kind](st.args)) for st in s.steps if st.kind in to_status]
        for s in demo_plan.stories
    }
    loaded = defaultdict(list)
    for pseudonym, at, status in StatusChange.objects.order_by("at", "id").values_list(
        "participant__pseudonym", "at", "to_status"
    ):
        loaded[pseudonym].append((at, status))

    assert loaded == planned
    assert sorted(User.objects.values_list("email", flat=True)) == sorted(m.email for m in demo_plan.staff)


# --- using it -----------------------------------------------------------------------------
def test_demo_report_counts_what_was_loaded_and_one_login_per_role(demo_plan, db):
    out = io.StringIO()

    Command(stdout=out)._report(demo_plan, LOCAL_PASSWORD, True, verbosity=1)

    report = out.getvalue()
    assert f"{Participant.objects.count()} participants" in report
    assert f"{Referral.objects.count()} referrals" in report
    assert LOCAL_PASSWORD in report
    logins = [line for line in report.splitlines() if "@" in line]
    assert len(logins) == len(Role.values)
    for role in Role.values:
        assert first_member(role).email in report


def test_demo_personas_log_in_with_the_password(demo_plan, db, client):
    for role in Role.values:
        user = first_member(role)
        assert client.login(username=user.email, password=LOCAL_PASSWORD), role
        client.logout()
    assert not client.login(username=first_member(Role.JOB_SPECIALIST).email, password="wrong-password-1")


def test_demo_specialist_sees_her_caseload(demo_plan, db, client_for):
    specialist = first_member(Role.JOB_SPECIALIST)

    response = client_for(specialist).get(reverse("casework:caseload"))

    html = response.content.decode()
    own = Participant.objects.filter(specialist=specialist, status__in=CASELOAD_STATUSES)
    assert response.status_code == 200
    assert all(p.last_name in html for p in own)


def test_demo_team_leader_sees_the_intake_queue(demo_plan, db, client_for):
    leader = first_member(Role.TEAM_LEADER)
    team = Membership.objects.get(user=leader, role=Role.TEAM_LEADER).team

    response = client_for(leader).get(reverse("people:team_overview"), {"team": team.pk})

    html = response.content.decode()
    waiting = Participant.objects.filter(team=team, status=Status.REFERRED)
    assert response.status_code == 200
    assert waiting.exists()
    assert all(p.last_name in html for p in waiting)


def test_demo_researcher_sees_pseudonyms_only(demo_plan, db, client_for):
    response = client_for(first_member(Role.RESEARCHER)).get(reverse("people:research_participants"))

    html = response.content.decode()
    shown = response.context["page"].object_list
    assert response.status_code == 200
    assert all(p.pseudonym in html for p in shown)
    assert not any(
        p.national_id and p.national_id in html for p in Participant.objects.filter(pk__in=[p.pk for p in shown])
    )


# --- when not to load ---------------------------------------------------------------------
def test_demo_if_empty_skips_a_demo_database_and_repeats_the_logins(demo_plan, db):
    participants = Participant.objects.count()

    output = demo("--if-empty")

    assert "no demo data loaded" in output
    assert first_member(Role.TEAM_LEADER).email in output
    assert Participant.objects.count() == participants


def test_demo_refuses_a_database_with_data(demo_plan, db):
    with pytest.raises(CommandError, match="already has organisations or participants"):
        demo()
