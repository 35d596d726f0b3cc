"""Placements: recording a hire, the participant's status, follow-ups that count both ways,
the follow-along schedule and ending a job."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bistand.audit.models import ChangeEntry
from bistand.casework.enums import ContactKind, ContactPlace, Party
from bistand.casework.models import Contact
from bistand.employers.enums import ContactMode, ContactPurpose
from bistand.employers.models import Employer, EmployerContact
from bistand.jobs import services as job_services
from bistand.jobs.enums import LeadStage
from bistand.jobs.models import JobLead
from bistand.people.enums import Status
from bistand.people.models import StatusChange
from bistand.placements import services
from bistand.placements.enums import DueKind, FollowUpMode, PlacementEndReason, WageSubsidy
from bistand.placements.models import FollowAlongPolicy, FollowUpDue, Placement
from tests.factories import EmployerFactory, EmployerPersonFactory, ParticipantFactory, VacancyFactory

from .factories import follow_up, hire, placement_data

# These tests assert on message texts in English (the jobs messages are translated on main).
pytestmark = pytest.mark.usefixtures("english")

TODAY = timezone.localdate


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def at(n: int) -> datetime.datetime:
    """Noon, n days from today (in the past for n < 0)."""
    return timezone.make_aware(datetime.datetime.combine(day(n), datetime.time(12)))


def statuses(participant) -> list[tuple[str, str]]:
    return list(StatusChange.objects.filter(participant=participant).values_list("from_status", "to_status"))


def open_kinds(placement) -> list[str]:
    return list(
        FollowUpDue.objects.filter(placement=placement, met_on__isnull=True, cancelled_on__isnull=True)
        .order_by("due_on")
        .values_list("kind", flat=True)
    )


# --- Recording a placement --------------------------------------------------------------------


def test_placement_record_moves_the_participant_into_a_job(world):
    placement = hire(world.js, world.own)
    world.own.refresh_from_db()
    assert world.own.status == Status.IN_JOB
    assert statuses(world.own) == [(Status.ACTIVE, Status.IN_JOB)]
    assert ChangeEntry.objects.filter(action="placements.placement.created", participant_id=world.own.pk).count() == 1
    assert placement.created_by == world.js


def test_placement_record_from_accepted_goes_through_active(world):
    world.own.status = Status.ACCEPTED
    world.own.save()
    hire(world.js, world.own)
    world.own.refresh_from_db()
    assert world.own.status == Status.IN_JOB
    assert statuses(world.own) == [(Status.ACCEPTED, Status.ACTIVE), (Status.ACTIVE, Status.IN_JOB)]


def test_placement_record_refused_for_a_referral_or_a_closed_participation(world):
    for status in (Status.REFERRED, Status.ENDED):
        participant = ParticipantFactory(
            team=world.team_a1, specialist=world.js, status=status, end_reason="other" if status == Status.ENDED else ""
        )
        with pytest.raises(ValidationError, match="cannot be recorded"):
            hire(world.js, participant)
    assert Placement.objects.count() == 0


def test_placement_record_refused_for_someone_the_actor_does_not_follow(world):
    with pytest.raises(ValidationError, match="do not follow"):
        hire(world.js, world.same_team)


def test_second_concurrent_placement_keeps_the_participant_in_job(world):
    hire(world.js, world.own)
    hire(world.js, world.own, job_title="Avisbud")
    world.own.refresh_from_db()
    assert world.own.status == Status.IN_JOB
    assert statuses(world.own) == [(Status.ACTIVE, Status.IN_JOB)]
    assert Placement.objects.filter(participant=world.own, end_date__isnull=True).count() == 2


def test_placement_with_an_employer_from_nav_is_registered_for_the_organisation(world):
    public = EmployerFactory(public=True)
    placement = hire(world.js, world.own, employer=public)
    assert placement.employer != public
    assert (placement.employer.organisation, placement.employer.orgnr) == (world.org_a, public.orgnr)
    again = hire(world.js, world.own, employer=public, job_title="Helg")
    assert again.employer == placement.employer
    assert Employer.objects.filter(orgnr=public.orgnr).count() == 2


def test_placement_with_another_organisations_employer_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        hire(world.js, world.own, employer=EmployerFactory(organisation=world.org_b))
    assert "employer" in exc.value.error_dict


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"wage_subsidy": WageSubsidy.TIME_LIMITED}, "wage_subsidy_percent"),
        ({"wage_subsidy_percent": 40}, "wage_subsidy_percent"),
        ({"four_hours_reached_on": day(-3), "start_date": day(-1)}, "four_hours_reached_on"),
        ({"start_date": day(400)}, "start_date"),
        (
            {
                "wage_subsidy": WageSubsidy.PERMANENT,
                "wage_subsidy_percent": 40,
                "wage_subsidy_from": day(10),
                "wage_subsidy_to": day(5),
            },
            "wage_subsidy_to",
        ),
    ],
)
def test_placement_record_refuses_inconsistent_terms(world, overrides, field):
    with pytest.raises(ValidationError) as exc:
        hire(world.js, world.own, **overrides)
    assert field in exc.value.error_dict
    world.own.refresh_from_db()
    assert (world.own.status, Placement.objects.count()) == (Status.ACTIVE, 0)


def test_placement_record_generates_the_ips_schedule_for_a_start_ahead(world):
    placement = hire(world.js, world.own, start_date=day(5))
    rows = list(FollowUpDue.objects.filter(placement=placement).values_list("kind", "due_on"))
    assert rows == [
        (DueKind.BEFORE_START, day(4)),
        (DueKind.AFTER_START, day(8)),
        (DueKind.WEEKLY, day(12)),
        (DueKind.WEEKLY, day(19)),
        (DueKind.WEEKLY, day(26)),
        (DueKind.WEEKLY, day(33)),
    ]


def test_placement_record_uses_the_teams_timing(world):
    services.follow_along_policy_save(
        actor=world.tl,
        team=world.team_a1,
        data={"before_start_days": 0, "after_start_days": 2, "weekly_weeks": 1, "monthly_days": 21},
    )
    placement = hire(world.js, world.own, start_date=day(5))
    assert list(FollowUpDue.objects.filter(placement=placement).values_list("kind", "due_on")) == [
        (DueKind.AFTER_START, day(7)),
        (DueKind.WEEKLY, day(12)),
    ]


def test_follow_along_policy_only_for_the_team_leader(world):
    with pytest.raises(ValidationError, match="team leader"):
        services.follow_along_policy_save(actor=world.js, team=world.team_a1, data={"monthly_days": 14})
    with pytest.raises(ValidationError):
        services.follow_along_policy_save(actor=world.tl, team=world.team_a1, data={"monthly_days": 200})
    assert FollowAlongPolicy.objects.count() == 0


# --- The hire from the funnel ------------------------------------------------------------------


def _lead_at_interview(world):
    lead = job_services.lead_propose(
        actor=world.js, participant=world.own, opening=VacancyFactory(), occurred_on=TODAY()
    )
    for stage in (LeadStage.INTERESTED, LeadStage.PRESENTED, LeadStage.INTERVIEW):
        lead = job_services.lead_advance(actor=world.js, lead=lead, to_stage=stage, occurred_on=TODAY())
    return lead


def test_hire_from_lead_records_the_hire_and_the_placement_together(world):
    lead = _lead_at_interview(world)
    employer = EmployerFactory(organisation=world.org_a)
    placement = services.placement_record_from_lead(
        actor=world.js, lead=lead, hired_on=TODAY(), note="Fikk jobben", data=placement_data(employer)
    )
    lead.refresh_from_db()
    assert lead.stage == LeadStage.HIRED
    assert list(lead.steps.values_list("to_stage", flat=True))[-1] == LeadStage.HIRED
    assert placement.lead == lead
    world.own.refresh_from_db()
    assert world.own.status == Status.IN_JOB


def test_hire_from_lead_saves_nothing_when_the_placement_is_invalid(world):
    lead = _lead_at_interview(world)
    with pytest.raises(ValidationError):
        services.placement_record_from_lead(
            actor=world.js,
            lead=lead,
            hired_on=TODAY(),
            data=placement_data(EmployerFactory(organisation=world.org_a), start_date=day(500)),
        )
    lead.refresh_from_db()
    world.own.refresh_from_db()
    assert (lead.stage, world.own.status, Placement.objects.count()) == (LeadStage.INTERVIEW, Status.ACTIVE, 0)


def test_hire_from_lead_dated_before_the_last_step_is_refused_on_the_hire_date(world):
    lead = _lead_at_interview(world)
    with pytest.raises(ValidationError) as exc:
        services.placement_record_from_lead(
            actor=world.js,
            lead=lead,
            hired_on=day(-5),
            data=placement_data(EmployerFactory(organisation=world.org_a)),
        )
    assert list(exc.value.error_dict) == ["hired_on"]


def test_hire_from_lead_refused_from_an_early_stage(world):
    lead = job_services.lead_propose(
        actor=world.js, participant=world.own, opening=VacancyFactory(), occurred_on=TODAY()
    )
    with pytest.raises(ValidationError, match="cannot go from"):
        services.placement_record_from_lead(
            actor=world.js,
            lead=lead,
            hired_on=TODAY(),
            data=placement_data(EmployerFactory(organisation=world.org_a)),
        )
    assert JobLead.objects.get().stage == LeadStage.PROPOSED


# --- Follow-ups ---------------------------------------------------------------------------------


def test_follow_up_with_both_counts_as_case_note_and_employer_contact(world):
    placement = hire(world.js, world.own)
    person = EmployerPersonFactory(employer=placement.employer)
    f = services.follow_up_record(
        actor=world.js,
        placement=placement,
        employer_person=person,
        duration_minutes=45,
        data={
            "occurred_at": timezone.now() - datetime.timedelta(minutes=5),
            "mode": FollowUpMode.WORKPLACE,
            "with_employee": True,
            "with_employer": True,
            "support_level": 3,
            "natural_supports": "Mentor: Per",
            "note": "Trives",
        },
    )
    contact = Contact.objects.get()
    assert (contact, contact.kind, contact.place, contact.with_participant, contact.other_parties) == (
        f.contact,
        ContactKind.WORKPLACE_VISIT,
        ContactPlace.WORKPLACE,
        True,
        [Party.EMPLOYER],
    )
    assert contact.duration_minutes == 45
    employer_contact = EmployerContact.objects.get()
    assert employer_contact == f.employer_contact
    assert (employer_contact.purpose, employer_contact.mode, employer_contact.employer_person) == (
        ContactPurpose.FOLLOW_UP,
        ContactMode.FACE_TO_FACE,
        person,
    )
    assert list(employer_contact.participants.all()) == [world.own]
    assert employer_contact.specialist == world.js


def test_follow_up_with_the_employee_only_makes_no_employer_contact(world):
    placement = hire(world.js, world.own)
    f = follow_up(world.js, placement, mode=FollowUpMode.PHONE)
    assert (f.contact.kind, f.employer_contact) == (ContactKind.PHONE_DIGITAL, None)
    assert EmployerContact.objects.count() == 0


def test_follow_up_by_phone_with_the_employer_only(world):
    placement = hire(world.js, world.own)
    f = follow_up(world.js, placement, with_employee=False, with_employer=True, mode=FollowUpMode.PHONE)
    assert (f.contact.kind, f.contact.with_participant) == (ContactKind.EMPLOYER, False)
    assert f.employer_contact.mode == ContactMode.PHONE


def test_follow_up_by_the_team_leader_counts_for_the_participants_specialist(world):
    placement = hire(world.tl, world.own)
    f = follow_up(world.tl, placement, with_employer=True)
    assert f.employer_contact.specialist == world.js
    assert f.contact.created_by == world.tl


def test_follow_up_needs_someone_and_a_level(world):
    placement = hire(world.js, world.own)
    with pytest.raises(ValidationError) as exc:
        follow_up(world.js, placement, with_employee=False, with_employer=False)
    assert "with_employee" in exc.value.error_dict
    with pytest.raises(ValidationError):
        follow_up(world.js, placement, level=7)
    assert (Contact.objects.count(), EmployerContact.objects.count()) == (0, 0)


def test_follow_up_meets_the_checkpoints_that_have_opened(world):
    placement = hire(world.js, world.own, start_date=day(-2))  # after-start due in 1 day, week 1 open
    assert open_kinds(placement) == [DueKind.AFTER_START] + [DueKind.WEEKLY] * 4
    f = follow_up(world.js, placement)
    met = FollowUpDue.objects.filter(met_by=f).values_list("kind", "number")
    assert sorted(met) == [(DueKind.AFTER_START, 1), (DueKind.WEEKLY, 1)]
    assert open_kinds(placement) == [DueKind.WEEKLY] * 3


def test_a_late_follow_up_clears_the_overdue_checkpoints_and_shows_it_was_late(world):
    placement = hire(world.js, world.own, start_date=day(-2))
    FollowUpDue.objects.filter(placement=placement).update(opens_on=day(-20), due_on=day(-10))
    follow_up(world.js, placement)
    assert open_kinds(placement) == [DueKind.MONTHLY]  # time-unlimited: the next month follows
    assert FollowUpDue.objects.get(placement=placement, kind=DueKind.MONTHLY).due_on == day(30)
    assert all(d.met_late for d in FollowUpDue.objects.filter(placement=placement, met_on__isnull=False))


def test_monthly_checkpoints_follow_each_follow_up(world):
    placement = hire(world.js, world.own, start_date=day(-200))
    (first,) = FollowUpDue.objects.filter(placement=placement)
    assert (first.kind, first.opens_on, first.due_on) == (DueKind.MONTHLY, day(1), day(30))
    # A follow-up yesterday does not meet a checkpoint that opens tomorrow.
    follow_up(world.js, placement, when=at(-1))
    assert open_kinds(placement) == [DueKind.MONTHLY]
    first.opens_on = day(-5)
    first.save()
    follow_up(world.js, placement, when=at(0) - datetime.timedelta(hours=1))
    due_dates = list(FollowUpDue.objects.filter(placement=placement).order_by("number").values_list("number", "due_on"))
    assert due_dates[-1][0] == 2
    assert due_dates[-1][1] == timezone.localdate(at(0) - datetime.timedelta(hours=1)) + datetime.timedelta(days=30)


def test_follow_up_on_an_ended_placement_is_refused(world):
    placement = hire(world.js, world.own, start_date=day(-20))
    services.placement_end(actor=world.js, placement=placement, end_date=TODAY(), end_reason=PlacementEndReason.QUIT)
    with pytest.raises(ValidationError, match="has ended"):
        follow_up(world.js, placement)


# --- Ending --------------------------------------------------------------------------------------


def test_ending_the_only_placement_moves_back_to_job_search(world):
    placement = hire(world.js, world.own, start_date=day(-20))
    services.placement_end(
        actor=world.js, placement=placement, end_date=TODAY(), end_reason=PlacementEndReason.DISMISSED, note="Kutt"
    )
    world.own.refresh_from_db()
    placement.refresh_from_db()
    assert world.own.status == Status.JOB_SEARCH
    assert statuses(world.own)[-1] == (Status.IN_JOB, Status.JOB_SEARCH)
    assert placement.job_ended_contact_due == day(3)
    assert open_kinds(placement) == []
    assert FollowUpDue.objects.filter(placement=placement, cancelled_on=TODAY()).count() > 0


def test_ending_one_of_two_concurrent_placements_keeps_in_job(world):
    first = hire(world.js, world.own, start_date=day(-20))
    hire(world.js, world.own, start_date=day(-5), job_title="Helgejobb")
    services.placement_end(
        actor=world.js, placement=first, end_date=TODAY(), end_reason=PlacementEndReason.TEMPORARY_ENDED
    )
    world.own.refresh_from_db()
    assert world.own.status == Status.IN_JOB


@pytest.mark.parametrize(
    ("end_date", "reason", "field"),
    [
        (day(1), PlacementEndReason.QUIT, "end_date"),
        (day(-30), PlacementEndReason.QUIT, "end_date"),
        (day(0), "bored", "end_reason"),
    ],
)
def test_ending_refuses_bad_input(world, end_date, reason, field):
    placement = hire(world.js, world.own, start_date=day(-20))
    with pytest.raises(ValidationError) as exc:
        services.placement_end(actor=world.js, placement=placement, end_date=end_date, end_reason=reason)
    assert field in exc.value.error_dict
    placement.refresh_from_db()
    assert placement.end_date is None


def test_ending_twice_is_refused(world):
    placement = hire(world.js, world.own, start_date=day(-20))
    services.placement_end(actor=world.js, placement=placement, end_date=TODAY(), end_reason=PlacementEndReason.QUIT)
    with pytest.raises(ValidationError, match="already ended"):
        services.placement_end(
            actor=world.js, placement=placement, end_date=TODAY(), end_reason=PlacementEndReason.QUIT
        )


def test_placement_update_writes_history_and_moves_the_schedule_with_the_start(world):
    placement = hire(world.js, world.own, start_date=day(5))
    services.placement_update(
        actor=world.js,
        placement=placement,
        data={"start_date": day(10), "accommodations": "Fast arbeidsplass, skjermet", "career_goals": ["education"]},
    )
    entry = ChangeEntry.objects.get(action="placements.placement.updated")
    assert entry.changes["start_date"] == [day(5).isoformat(), day(10).isoformat()]
    assert entry.changes["career_goals"] == [[], ["education"]]
    due = dict(FollowUpDue.objects.filter(placement=placement).values_list("kind", "due_on"))
    assert due[DueKind.AFTER_START] == day(13)
