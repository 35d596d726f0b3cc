"""`bistand demo --participants N`: the bulk generator.

A service of 300 participants is generated once for the class below (twice, to see it is the
same, and a small one with another seed, to see it is not), inside a transaction that is rolled
back afterwards. The command's own tests come after the class, on an empty database."""

import bisect
import datetime
import io
import itertools
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from bistand.accounts.enums import Role
from bistand.accounts.models import Membership, Organisation, Team, User
from bistand.audit.models import AccessLogEntry, ChangeEntry
from bistand.casework.enums import Party
from bistand.casework.models import Contact, Enrolment, PhaseChange
from bistand.casework.service_models import definition_of
from bistand.demo import bulk
from bistand.demo import catalogue as c
from bistand.demo.bulk import catalogue as bc
from bistand.demo.bulk.context import Calendar
from bistand.demo.catalogue import LOCAL_PASSWORD
from bistand.demo.plan import history_end, is_workday
from bistand.employers.enums import ContactPurpose
from bistand.employers.models import Employer, EmployerContact, EmployerContactParticipant
from bistand.jobs.enums import LEAD_TRANSITIONS, LeadStage
from bistand.jobs.models import JobLead, JobLeadStep, JobOpening
from bistand.people.enums import (
    CASELOAD_STATUSES,
    CLOSED_STATUSES,
    TRANSITIONS,
    Decision,
    EndReason,
    ServiceModel,
    Status,
)
from bistand.people.models import Consent, Participant, Referral, SpecialistAssignment, StatusChange
from bistand.people.validators import birth_date_of, is_synthetic, normalise_identity_number
from bistand.placements import selectors as placement_selectors
from bistand.placements.enums import DueKind, PlacementEndReason
from bistand.placements.models import FollowUp, FollowUpDue, Placement
from bistand.placements.services import EMPLOYER_MODE_OF_MODE, PLACE_OF_MODE
from bistand.placements.services import _contact_kind as contact_kind
from bistand.reference.loaders import read_csv

UNTIL = datetime.date(2025, 6, 30)
END = timezone.make_aware(datetime.datetime(2025, 6, 30, 15, 30))
N = 300
SEED = 7


def generate(n: int = N, seed: int = SEED) -> bulk.Context:
    return bulk.generate(participants=n, seed=seed, until=UNTIL, now=timezone.now(), password=LOCAL_PASSWORD)


def fingerprint(ctx: bulk.Context) -> dict[str, list[tuple]]:
    """Every row the generator wrote (users without their salted password hash)."""
    rows = {}
    for label in sorted(ctx.counts):
        model = apps.get_model(label)
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in ("password", "last_login")]
        rows[label] = list(model._base_manager.order_by("pk").values_list(*fields))
    return rows


@dataclass
class Generated:
    ctx: bulk.Context
    first_run: dict[str, list[tuple]]
    other_seed_pseudonyms: list[str]


@pytest.fixture(scope="class")
def generated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            first = fingerprint(generate())
            transaction.set_rollback(True)
        with transaction.atomic():
            generate(n=60, seed=SEED + 1)
            other = list(Participant.objects.order_by("pk").values_list("pseudonym", flat=True))
            transaction.set_rollback(True)
        yield Generated(generate(), first, other)
        transaction.set_rollback(True)


def status_history() -> dict[int, list[StatusChange]]:
    history = defaultdict(list)
    for change in StatusChange.objects.order_by("at", "id"):
        history[change.participant_id].append(change)
    return history


def status_at(changes: list[StatusChange], at: datetime.datetime) -> str | None:
    i = bisect.bisect_right([ch.at for ch in changes], at)
    return changes[i - 1].to_status if i else None


def first_member(role: str) -> User:
    """The user `bistand demo` prints for the role (the first membership)."""
    return Membership.objects.filter(role=role).order_by("id").first().user


class TestGeneratedService:
    # --- the same every time ----------------------------------------------------------------------
    def test_same_seed_and_date_give_the_same_rows(self, generated, db):
        assert fingerprint(generated.ctx) == generated.first_run

    def test_another_seed_gives_other_people(self, generated, db):
        pseudonyms = set(Participant.objects.values_list("pseudonym", flat=True))

        assert len(generated.other_seed_pseudonyms) == 60
        assert pseudonyms.isdisjoint(generated.other_seed_pseudonyms)

    # --- how much, per participant --------------------------------------------------------------------
    def test_counts_follow_the_number_of_participants(self, generated, db):
        referrals = Referral.objects.count()
        declined = Referral.objects.filter(decision=Decision.DECLINED).count()

        follow_ups = FollowUp.objects.count()
        with_employer = FollowUp.objects.filter(with_employer=True).count()

        assert Participant.objects.count() == N
        assert 25 <= (Contact.objects.count() - follow_ups) / N <= 36
        assert Employer.objects.count() == round(N * 0.2)
        assert 0.8 <= (EmployerContact.objects.count() - with_employer) / N <= 1.3
        assert 0.5 <= Placement.objects.count() / N <= 0.7
        assert 6 <= follow_ups / Placement.objects.count() <= 16
        assert 0.15 <= with_employer / follow_ups <= 0.4
        assert JobOpening.objects.count() == N
        assert N < referrals < N * 1.15
        assert 0.10 <= declined / referrals <= 0.16
        assert Referral.objects.filter(decision=Decision.WITHDRAWN).exists()
        assert SpecialistAssignment.objects.count() >= Participant.objects.exclude(specialist=None).count()
        assert Consent.objects.count() > N
        assert JobLead.objects.filter(stage=LeadStage.HIRED).count() > N * 0.4

    def test_every_role_has_users_and_teams_have_specialists(self, generated, db):
        for team in Team.objects.all():
            roles = Counter(team.memberships.values_list("role", flat=True))
            assert roles[Role.TEAM_LEADER] == 1
            assert 4 <= roles[Role.JOB_SPECIALIST] <= 8
        for org in Organisation.objects.all():
            assert {Role.PROGRAM_MANAGER, Role.RESEARCHER, Role.ADMINISTRATOR} <= set(
                org.memberships.values_list("role", flat=True)
            )
        assert all(email.endswith(".example") for email in User.objects.values_list("email", flat=True))

    def test_every_specialist_has_a_caseload(self, generated, db):
        caseloads = Membership.objects.filter(role=Role.JOB_SPECIALIST).annotate(
            n=Count("user__caseload", filter=Q(user__caseload__status__in=CASELOAD_STATUSES))
        )

        assert all(m.n > 0 for m in caseloads)
        assert all(m.n <= 40 * m.fte for m in caseloads)

    # --- the people -------------------------------------------------------------------------------
    def test_every_participant_has_a_referral_and_every_decline_a_reason(self, generated, db):
        assert not Participant.objects.filter(referrals=None).exists()
        declined = Referral.objects.filter(decision=Decision.DECLINED)
        assert declined.exists()
        assert not declined.filter(Q(decline_reason="") | Q(decision_note="")).exists()
        assert not Referral.objects.filter(decision=Decision.WITHDRAWN, decision_note="").exists()

    def test_status_paths_are_legal_and_end_in_the_current_status(self, generated, db):
        history = status_history()

        for participant in Participant.objects.all():
            changes = history[participant.pk]
            assert changes[0].from_status == ""
            assert changes[0].to_status == Status.REFERRED
            for before, after in itertools.pairwise(changes):
                assert after.from_status == before.to_status
                referred_again = before.to_status in CLOSED_STATUSES and after.to_status == Status.REFERRED
                assert after.to_status in TRANSITIONS[before.to_status] or referred_again
            assert changes[-1].to_status == participant.status
            assert changes[-1].at == participant.status_changed_at
            assert (participant.status == Status.ENDED) == bool(participant.end_reason)

    def test_decisions_are_dated_as_their_status_changes(self, generated, db):
        decided = {
            (ch.participant_id, timezone.localdate(ch.at))
            for ch in StatusChange.objects.filter(to_status__in=[Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN])
        }

        for referral in Referral.objects.exclude(decision=Decision.PENDING):
            assert (referral.participant_id, referral.decided_on) in decided
            assert referral.received_on <= timezone.localdate(referral.registered_at) <= referral.decided_on

    def test_specialist_is_the_current_assignment(self, generated, db):
        current = dict(SpecialistAssignment.objects.filter(ended_at=None).values_list("participant", "specialist"))

        for participant in Participant.objects.all():
            if participant.status in CASELOAD_STATUSES:
                assert participant.specialist_id is not None
            if participant.specialist_id is not None:
                assert current[participant.pk] == participant.specialist_id

    def test_identity_numbers_are_synthetic_valid_and_match_birth_dates(self, generated, db):
        people = list(Participant.objects.exclude(national_id=None))

        assert len(people) > N / 2
        for person in people:
            assert is_synthetic(person.national_id)
            assert normalise_identity_number(person.national_id) == person.national_id
            assert birth_date_of(person.national_id) == person.birth_date

    def test_history_spans_five_years_of_working_hours(self, generated, db):
        times = [timezone.localtime(at) for at in StatusChange.objects.values_list("at", flat=True)]

        assert min(times).date() < UNTIL - datetime.timedelta(days=4 * 365)
        assert max(times) <= END
        assert all(is_workday(t.date()) and datetime.time(8) <= t.time() <= datetime.time(15, 30) for t in times)
        assert max(Contact.objects.values_list("created_at", flat=True)) <= END

    # --- the journey --------------------------------------------------------------------------------
    def test_contacts_fall_while_the_participation_is_open(self, generated, db):
        history = status_history()
        kinds = Counter()

        for contact in Contact.objects.all():
            status = status_at(history[contact.participant_id], contact.occurred_at)
            assert status is not None
            assert status not in CLOSED_STATUSES
            assert contact.created_at >= contact.occurred_at
            kinds[contact.kind] += 1
        assert len(kinds) == 8
        assert Contact.objects.exclude(next_step="").exists()

    def test_phases_come_from_the_service_model_definitions(self, generated, db):
        history = status_history()
        last_phase = {}
        for change in PhaseChange.objects.order_by("at", "id"):
            assert definition_of(change.service_model).phase(change.to_phase) is not None
            assert status_at(history[change.participant_id], change.at) not in (None, *CLOSED_STATUSES)
            assert change.from_phase == last_phase.get(change.enrolment_id, "")
            last_phase[change.enrolment_id] = change.to_phase

        enrolments = Enrolment.objects.all()
        assert (
            enrolments.count()
            == Referral.objects.filter(decision=Decision.ACCEPTED).values("participant").distinct().count()
        )
        assert all(e.current_phase == last_phase[e.pk] for e in enrolments)

    # --- employers and jobs ---------------------------------------------------------------------
    def test_employer_contacts_name_participants_on_the_specialists_caseload(self, generated, db):
        history = status_history()
        assignments = defaultdict(list)
        for a in SpecialistAssignment.objects.all():
            assignments[a.participant_id].append(a)
        links = EmployerContactParticipant.objects.select_related("contact")

        assert links.exists()
        for link in links:
            contact = link.contact
            assert status_at(history[link.participant_id], contact.created_at) in CASELOAD_STATUSES
            (assignment,) = [
                a
                for a in assignments[link.participant_id]
                if a.started_at <= contact.created_at and (a.ended_at is None or contact.created_at < a.ended_at)
            ]
            assert assignment.specialist_id == contact.specialist_id
        job_development = EmployerContact.objects.filter(follow_up=None)  # follow-ups: mostly at the workplace
        share = job_development.filter(mode="face_to_face").count() / job_development.count()
        assert 0.4 <= share <= 0.7

    def test_job_leads_follow_the_funnel_and_hires_are_job_starts(self, generated, db):
        steps = defaultdict(list)
        for step in JobLeadStep.objects.order_by("at", "id"):
            steps[step.lead_id].append(step)
        job_starts = {
            (ch.participant_id, timezone.localdate(ch.at))
            for ch in StatusChange.objects.filter(to_status=Status.IN_JOB)
        }

        for lead in JobLead.objects.all():
            chain = steps[lead.pk]
            assert chain[0].from_stage == ""
            assert chain[0].to_stage == LeadStage.PROPOSED
            for before, after in itertools.pairwise(chain):
                assert after.from_stage == before.to_stage
                assert after.to_stage in LEAD_TRANSITIONS[before.to_stage]
                assert after.occurred_on >= before.occurred_on
            assert chain[-1].to_stage == lead.stage
            if lead.stage == LeadStage.HIRED:
                assert (lead.participant_id, lead.stage_on) in job_starts

    def test_vacancies_are_mostly_old_and_inactive(self, generated, db):
        active = JobOpening.objects.filter(is_active=True)

        assert 0 < active.count() < N * 0.2
        assert not JobOpening.objects.filter(is_active=False).exclude(description="").exists()
        assert not JobOpening.objects.filter(locations=None).exists()

    # --- placements and follow-along ------------------------------------------------------------------
    def test_every_job_is_a_placement_from_its_hired_lead(self, generated, db):
        job_starts = {(ch.participant_id, ch.at) for ch in StatusChange.objects.filter(to_status=Status.IN_JOB)}
        placements = list(Placement.objects.select_related("lead", "participant"))

        assert {(p.participant_id, p.created_at) for p in placements} == job_starts
        assert not JobLead.objects.filter(stage=LeadStage.HIRED, placement=None).exists()
        for placement in placements:
            lead = placement.lead
            assert lead is not None
            assert lead.stage == LeadStage.HIRED
            assert lead.participant_id == placement.participant_id
            assert lead.employer_id == placement.employer_id
            assert lead.stage_on == timezone.localdate(placement.created_at)
            assert placement.employer.organisation_id == placement.participant.team.organisation_id
            assert placement.job_title
            assert placement.occupation.level == 4
            assert placement.hours_per_week > 0

    def test_placements_fall_within_the_job_and_the_status_follows_them(self, generated, db):
        history = status_history()
        today = timezone.localdate(END)
        open_by_participant = Counter(Placement.objects.filter(end_date=None).values_list("participant", flat=True))

        for placement in Placement.objects.all():
            changes = history[placement.participant_id]
            (hire,) = [ch for ch in changes if ch.at == placement.created_at]
            after = changes[changes.index(hire) + 1] if hire is not changes[-1] else None
            hired_on = timezone.localdate(hire.at)
            assert hire.to_status == Status.IN_JOB
            assert hired_on <= placement.start_date <= hired_on + datetime.timedelta(days=21)
            if placement.four_hours_reached_on is not None:
                assert placement.start_date <= placement.four_hours_reached_on <= (placement.end_date or today)
                assert placement.four_hours_reached_on <= timezone.localdate(placement.updated_at)
            if placement.end_date is None:
                # Still in the job, or the participation ended while in it and the job went on.
                assert after is None or (after.to_status == Status.ENDED and after is changes[-1])
                continue
            assert after is not None
            assert placement.start_date <= placement.end_date <= timezone.localdate(after.at)
            assert placement.job_ended_contact_due == placement.end_date + datetime.timedelta(days=3)
            assert placement.updated_at == placement.ended_at
            if after.to_status == Status.JOB_SEARCH:  # placement_end put the participant back in job search
                assert placement.ended_at == after.at
            else:
                assert after.to_status == Status.ENDED
                assert after.at <= placement.ended_at <= END
            if placement.end_reason == PlacementEndReason.TEMPORARY_ENDED:
                assert placement.permanence == "temporary"
        for participant in Participant.objects.all():
            assert open_by_participant[participant.pk] == (1 if participant.status == Status.IN_JOB else 0) or (
                participant.status == Status.ENDED and open_by_participant[participant.pk] == 1
            )
        assert Placement.objects.filter(end_reason=PlacementEndReason.TEMPORARY_ENDED).exists()
        assert Placement.objects.exclude(wage_subsidy="none").exists()

    def test_follow_ups_fall_within_the_placement_and_are_case_notes(self, generated, db):
        history = status_history()
        follow_ups = FollowUp.objects.select_related(
            "placement", "contact", "employer_contact", "placement__participant"
        ).order_by("placement", "occurred_at")
        links = set(EmployerContactParticipant.objects.values_list("contact", "participant"))
        per_placement = Counter()

        for f in follow_ups:
            placement, contact = f.placement, f.contact
            per_placement[placement.pk] += 1
            assert placement.created_at < f.occurred_at < f.created_at <= END
            if placement.end_date is not None:
                assert timezone.localdate(f.occurred_at) <= placement.end_date
                assert f.created_at < placement.ended_at
            assert status_at(history[placement.participant_id], f.created_at) == Status.IN_JOB
            assert 1 <= f.support_level <= 6
            assert (contact.participant_id, contact.occurred_at, contact.created_at) == (
                placement.participant_id,
                f.occurred_at,
                f.created_at,
            )
            assert contact.kind == contact_kind(f.mode, with_employee=f.with_employee)
            assert contact.place == PLACE_OF_MODE[f.mode]
            assert contact.with_participant == f.with_employee
            assert contact.other_parties == ([Party.EMPLOYER] if f.with_employee and f.with_employer else [])
            assert contact.note == f.note
            assert (f.employer_contact is not None) == f.with_employer
            if f.with_employer:
                employer_contact = f.employer_contact
                assert employer_contact.purpose == ContactPurpose.FOLLOW_UP
                assert employer_contact.employer_id == placement.employer_id
                assert employer_contact.mode == EMPLOYER_MODE_OF_MODE[f.mode]
                assert employer_contact.contact_date == timezone.localdate(f.occurred_at)
                assert (employer_contact.pk, placement.participant_id) in links
        counts = [per_placement[pk] for pk in Placement.objects.values_list("pk", flat=True)]
        assert max(counts) <= bc.MAX_FOLLOW_UPS
        assert sorted(counts)[len(counts) // 2] >= 4
        assert 0.3 <= FollowUp.objects.exclude(natural_supports="").count() / follow_ups.count() <= 0.8

    def test_follow_ups_keep_to_the_follow_along_schedule(self, generated, db):
        follow_ups = {f.pk: f for f in FollowUp.objects.all()}
        dues = defaultdict(list)
        for due in FollowUpDue.objects.order_by("due_on", "id"):
            dues[due.placement_id].append(due)

        for placement in Placement.objects.all():
            schedule = dues[placement.pk]
            kinds = Counter(d.kind for d in schedule)
            assert kinds[DueKind.AFTER_START] == 1
            assert kinds[DueKind.WEEKLY] == 4
            assert len({(d.kind, d.number) for d in schedule}) == len(schedule)
            assert sorted(d.number for d in schedule if d.kind == DueKind.MONTHLY) == list(
                range(1, kinds[DueKind.MONTHLY] + 1)
            )
            still_open = [d for d in schedule if d.met_on is None and d.cancelled_on is None]
            for due in schedule:
                assert due.opens_on <= due.due_on
                if due.met_by_id is not None:
                    met_by = follow_ups[due.met_by_id]
                    assert met_by.placement_id == placement.pk
                    assert due.met_on == timezone.localdate(met_by.occurred_at) >= due.opens_on
                if due.cancelled_on is not None:
                    assert due.cancelled_on == placement.end_date
            if placement.end_date is not None:
                assert still_open == []
            else:
                assert len(still_open) >= 1  # time-unlimited: there is always a next checkpoint
        # Weekly at first, then about monthly.
        gaps = defaultdict(list)
        previous = {}
        for f in FollowUp.objects.select_related("placement").order_by("placement", "occurred_at"):
            day = timezone.localdate(f.occurred_at)
            if f.placement_id in previous:
                weeks_in = (day - f.placement.start_date).days // 7
                gaps["first month" if weeks_in < 4 else "later"].append((day - previous[f.placement_id]).days)
            previous[f.placement_id] = day
        assert sum(gaps["first month"]) / len(gaps["first month"]) <= 9
        assert 18 <= sum(gaps["later"]) / len(gaps["later"]) <= 40

    def test_support_level_comes_down_over_time(self, generated, db):
        early, late = [], []
        for f in FollowUp.objects.select_related("placement"):
            days = (timezone.localdate(f.occurred_at) - f.placement.start_date).days
            (early if days < 30 else late if days > 180 else []).append(f.support_level)

        assert sum(early) / len(early) > sum(late) / len(late) + 0.8
        assert set(early) | set(late) == {1, 2, 3, 4, 5, 6}

    # --- nothing from the services' side effects ----------------------------------------------------
    def test_no_change_history_or_access_log_is_written(self, generated, db):
        assert ChangeEntry.objects.count() == 0
        assert AccessLogEntry.objects.count() == 0

    # --- the pages work on it -------------------------------------------------------------------------
    def test_the_printed_specialist_logs_in_and_sees_her_caseload(self, generated, db, client):
        specialist = first_member(Role.JOB_SPECIALIST)

        assert client.login(username=specialist.email, password=LOCAL_PASSWORD)
        response = client.get(reverse("casework:caseload"))

        html = response.content.decode()
        own = Participant.objects.filter(specialist=specialist, status__in=CASELOAD_STATUSES)
        assert response.status_code == 200
        assert own.exists()
        assert all(p.last_name in html for p in own[:20])

    def test_the_specialist_opens_a_journey_and_the_job_pages(self, generated, db, client):
        specialist = first_member(Role.JOB_SPECIALIST)
        participant = Participant.objects.filter(specialist=specialist, status=Status.IN_JOB).first()
        placement = participant.placements.get(end_date=None)
        client.force_login(specialist)

        for url in (
            reverse("casework:journey", args=[participant.pk]),
            reverse("jobs:funnel", args=[participant.pk]),
            reverse("jobs:search"),
            reverse("employers:list"),
            reverse("employers:contact_log"),
            reverse("placements:participant_placements", args=[participant.pk]),
            reverse("placements:detail", args=[placement.pk]),
            reverse("placements:follow_along"),
            reverse("placements:work_queue"),
        ):
            assert client.get(url).status_code == 200, url
        detail = client.get(reverse("placements:detail", args=[placement.pk])).content.decode()
        assert placement.job_title in detail

    def test_the_specialist_sees_placements_through_the_selectors(self, generated, db):
        specialist = first_member(Role.JOB_SPECIALIST)
        caseload = Participant.objects.filter(specialist=specialist)
        employed = caseload.filter(status=Status.IN_JOB)

        for participant in employed:
            (shown,) = [p for p in placement_selectors.placements_for_participant(specialist, participant) if p.is_open]
            assert shown.follow_up_count == shown.follow_ups.count()
            assert shown.latest_support_level == placement_selectors.latest_follow_up(specialist, shown).support_level
            assert shown.next_due_on is not None
        assert employed.exists()
        counts = placement_selectors.queue_counts(caseload, today=timezone.localdate(END))
        assert set(counts) == {"follow_along_due", "job_ended"}

    def test_the_team_leader_sees_the_team(self, generated, db, client):
        leader = first_member(Role.TEAM_LEADER)
        team = Membership.objects.get(user=leader, role=Role.TEAM_LEADER).team
        client.force_login(leader)

        assert client.get(reverse("people:team_overview"), {"team": team.pk}).status_code == 200
        assert client.get(reverse("employers:contact_weekly")).status_code == 200


# --- the catalogue and calendar, without a database ---------------------------------------------------
def test_population_table_names_real_kommuner():
    names = {r["number"]: r["name"] for r in read_csv("kommuner.csv")}

    assert {number: name for number, (name, _) in bc.POPULATION.items()} == {
        number: names[number] for number in bc.POPULATION
    }
    assert set(names) >= bc.SAMI_KOMMUNER
    assert all(set(names) >= set(neighbours) for neighbours in bc.NEIGHBOURS.values())


def test_every_job_has_a_styrk_unit_group():
    unit_groups = {r["code"] for r in read_csv("styrk08.csv") if r["level"] == "4"}

    assert set(c.ALL_JOBS) <= set(bc.JOB_TITLES)
    assert {code for _, code in bc.JOB_TITLES.values()} <= unit_groups
    assert all(set(industry.jobs) <= set(bc.JOB_TITLES) for industry in bc.INDUSTRIES)


def test_every_service_model_has_placement_kinds_and_every_participation_end_is_mapped():
    assert set(bc.PLACEMENT_KINDS) == set(ServiceModel)
    assert set(bc.JOB_AFTER_PARTICIPATION) <= set(EndReason)
    assert {reason for reason, _ in c.END_REASONS_AFTER_JOB} <= set(bc.JOB_AFTER_PARTICIPATION)


def test_phase_rules_name_phases_of_the_definitions():
    for model, rules in bc.PHASE_RULES.items():
        assert all(definition_of(model).phase(phase) is not None for _, phase, _ in rules), model


def test_calendar_writes_times_as_django_would():
    calendar = Calendar(history_end(UNTIL, timezone.now()), bc.HISTORY_YEARS)
    rng = random.Random(1)
    ticks = [calendar.tick(rng.randrange(calendar.last + 1), rng) for _ in range(500)]

    for tick in ticks:
        moment = calendar.dt(tick)
        assert calendar.utc(tick) == moment
        # What Django's SQLite backend stores: str() of the naive time in the connection's zone (UTC).
        assert calendar.utc_text(tick) == str(timezone.make_naive(moment, datetime.UTC))
        assert is_workday(timezone.localtime(moment).date())
    assert calendar.dt(calendar.end_tick + 10**6) <= END


# --- the command ------------------------------------------------------------------------------------
def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_bulk_command_writes_and_prints_one_login_per_role(db):
    output = demo("--participants=40", "--seed=3", "--until=2025-06-30")

    assert "Bulk demo data written" in output
    assert "40 participants" in output
    assert "No change history" in output
    assert LOCAL_PASSWORD in output
    assert Participant.objects.count() == 40
    for role in Role.values:
        assert first_member(role).email in output


def test_bulk_command_leaves_a_database_with_data_alone(db):
    demo("--participants=20", "--until=2025-06-30")

    with pytest.raises(CommandError, match="already has organisations or participants"):
        demo("--participants=20")
    assert "no demo data loaded" in demo("--participants=20", "--if-empty")
    assert Participant.objects.count() == 20


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--participants=0"], "between 1 and 1,000,000"),
        (["--participants=20", "--scale=2"], "--scale is for the story demo"),
        (["--participants=many"], "invalid int value"),
    ],
)
def test_bulk_command_bad_options_get_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        demo(*args)
    assert not Participant.objects.exists()


def test_bulk_command_refuses_production(db, settings):
    settings.ENVIRONMENT = "production"
    settings.ACCEPT_SYNTHETIC_IDENTITY_NUMBERS = False

    with pytest.raises(CommandError, match="never loaded in 'production'"):
        demo("--participants=20")
    assert not Organisation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_bulk_data_on_postgresql_has_planner_statistics():
    """COPY leaves PostgreSQL's planner without statistics (reltuples -1) until autovacuum
    comes round; the generator runs ANALYZE when it has written everything."""
    from django.db import connection

    from bistand.reference.loaders import load_kommuner, load_occupations
    from bistand.reference.models import Kommune, Occupation

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    if not Kommune.objects.exists():  # an earlier transactional test flushed the reference data
        load_kommuner(Kommune)
        load_occupations(Occupation)
    generate(n=20)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Participant._meta.db_table])
        (reltuples,) = cursor.fetchone()
    assert reltuples == Participant.objects.count() == 20
