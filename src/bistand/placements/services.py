"""Writes for placements, their follow-along and the teams' follow-along timing.

Every service validates, runs in one transaction and writes its change entry in it. The
participant's status follows the placements: recording one moves them into a job, ending
the last open one moves them back to job search. Nothing here ends a participation:
follow-up is time-unlimited.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.audit.services import change_record, snapshot
from bistand.casework.enums import ContactKind, ContactPlace, Party
from bistand.casework.services import contact_log
from bistand.employers.enums import ContactMode, ContactPurpose
from bistand.employers.models import Employer, EmployerPerson, WorkplaceMapping
from bistand.employers.services import employer_contact_log, employer_register
from bistand.jobs.enums import LeadStage
from bistand.jobs.models import JobLead
from bistand.jobs.services import lead_advance
from bistand.people.enums import CLOSED_STATUSES, Status
from bistand.people.models import Participant
from bistand.people.services import participant_transition

from .enums import DueKind, FollowUpMode, PlacementEndReason, WageSubsidy
from .models import FollowAlongPolicy, FollowUp, FollowUpDue, Placement
from .schedule import DAY, Checkpoint, Timing, initial_schedule, next_monthly

PLACEMENT_FIELDS = [
    "employer",
    "workplace_mapping",
    "job_title",
    "occupation",
    "kind",
    "permanence",
    "hours_per_week",
    "hourly_wage",
    "ordinary_wage",
    "wage_subsidy",
    "wage_subsidy_percent",
    "wage_subsidy_from",
    "wage_subsidy_to",
    "start_date",
    "four_hours_reached_on",
    "disclosure",
    "accommodations",
    "job_carving",
    "career_goals",
    "career_note",
]
HISTORY_FIELDS = [*PLACEMENT_FIELDS, "lead", "end_date", "end_reason", "end_note", "job_ended_contact_due"]
FOLLOW_UP_FIELDS = [
    "occurred_at",
    "mode",
    "with_employee",
    "with_employer",
    "support_level",
    "natural_supports",
    "note",
    "contact",
    "employer_contact",
]
POLICY_FIELDS = ["before_start_days", "after_start_days", "weekly_weeks", "monthly_days", "job_ended_contact_days"]
# How far ahead a start may be recorded, and how far back anything may be dated.
MAX_START_AHEAD_DAYS = 366
EARLIEST_DATE = datetime.date(2000, 1, 1)

# How a follow-up took place, as the journey's case note and the job development log record it.
PLACE_OF_MODE = {
    FollowUpMode.WORKPLACE: ContactPlace.WORKPLACE,
    FollowUpMode.COMMUNITY: ContactPlace.COMMUNITY,
    FollowUpMode.OFFICE: ContactPlace.OFFICE,
    FollowUpMode.PHONE: ContactPlace.DIGITAL,
    FollowUpMode.DIGITAL: ContactPlace.DIGITAL,
}
EMPLOYER_MODE_OF_MODE = {
    FollowUpMode.WORKPLACE: ContactMode.FACE_TO_FACE,
    FollowUpMode.COMMUNITY: ContactMode.FACE_TO_FACE,
    FollowUpMode.OFFICE: ContactMode.FACE_TO_FACE,
    FollowUpMode.PHONE: ContactMode.PHONE,
    FollowUpMode.DIGITAL: ContactMode.DIGITAL_MEETING,
}


def _save(instance) -> None:
    instance.full_clean()
    instance.save()


def _check_works(actor, participant: Participant) -> None:
    if not actor.has_perm("placements.work_placements", participant):
        raise ValidationError(_("You do not follow this participant."))


def timing_for_team(team_id: int) -> Timing:
    return Timing.of(FollowAlongPolicy.objects.filter(team_id=team_id).first())


# --- Status --------------------------------------------------------------------------------------


def _move_into_job(*, actor, participant: Participant) -> None:
    """In job, whatever open status the participant had. From "accepted" the lifecycle
    goes through "active" (ACCEPTED → IN_JOB is not a transition): both moves are
    recorded, so the status log says what happened. Already in a job: a second,
    concurrent placement changes nothing."""
    if participant.status == Status.IN_JOB:
        return
    if participant.status == Status.ACCEPTED:
        participant = participant_transition(actor=actor, participant=participant, to_status=Status.ACTIVE)
    if participant.status not in (Status.ACTIVE, Status.JOB_SEARCH):
        raise ValidationError(
            _("A job cannot be recorded while the participant's status is %(status)s.")
            % {"status": participant.get_status_display()}
        )
    participant_transition(actor=actor, participant=participant, to_status=Status.IN_JOB)


# --- Placements ---------------------------------------------------------------------------------


def _own_employer(*, actor, participant: Participant, employer: Employer) -> Employer:
    """The employer as the participant's organisation keeps it. An employer from NAV's job
    feed (no organisation) is registered for the organisation first, so that follow-ups
    can be logged with it; one already registered with the same number is used."""
    if employer.organisation_id is not None:
        if employer.organisation_id != participant.team.organisation_id:
            raise ValidationError({"employer": _("Choose one of your organisation's employers.")})
        return employer
    organisation = participant.team.organisation
    existing = Employer.objects.filter(organisation=organisation, orgnr=employer.orgnr).first()
    if existing is not None:
        return existing
    return employer_register(
        actor=actor,
        organisation=organisation,
        data={"orgnr": employer.orgnr, "name": employer.name, "website": employer.website},
    )


def _clean_placement(placement: Placement, *, today: datetime.date) -> None:
    errors: dict[str, str] = {}
    start = placement.start_date
    if start is not None:
        if start < EARLIEST_DATE:
            errors["start_date"] = _("The date is too far back: check the year.")
        elif start > today + MAX_START_AHEAD_DAYS * DAY:
            errors["start_date"] = _("The start can be at most a year ahead.")
    reached = placement.four_hours_reached_on
    if reached is not None:
        if reached > today:
            errors["four_hours_reached_on"] = _("This date cannot be in the future.")
        elif start is not None and reached < start:
            errors["four_hours_reached_on"] = _("Paid work cannot reach 4 hours before the start.")
    if placement.wage_subsidy == WageSubsidy.NONE:
        for name in ("wage_subsidy_percent", "wage_subsidy_from", "wage_subsidy_to"):
            if getattr(placement, name) is not None:
                errors[name] = _("Choose the wage subsidy scheme, or leave this empty.")
    elif placement.wage_subsidy_percent is None:
        errors["wage_subsidy_percent"] = _("Give the share of the wage the subsidy covers.")
    if (
        placement.wage_subsidy_from
        and placement.wage_subsidy_to
        and placement.wage_subsidy_to < placement.wage_subsidy_from
    ):
        errors["wage_subsidy_to"] = _("The subsidy cannot end before it starts.")
    mapping: WorkplaceMapping | None = placement.workplace_mapping
    if mapping is not None and mapping.employer_id != placement.employer_id:
        errors["workplace_mapping"] = _("This workplace mapping is of another employer.")
    if errors:
        raise ValidationError(errors)


def _set_fields(placement: Placement, data: dict[str, Any]) -> None:
    unknown = set(data) - set(PLACEMENT_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    for key, value in data.items():
        setattr(placement, key, value.strip() if isinstance(value, str) else value)


def _create_schedule(placement: Placement, checkpoints: list[Checkpoint]) -> None:
    FollowUpDue.objects.bulk_create(
        [
            FollowUpDue(placement=placement, kind=c.kind, number=c.number, opens_on=c.opens_on, due_on=c.due_on)
            for c in checkpoints
        ]
    )


@transaction.atomic
def placement_record(
    *, actor, participant: Participant, data: dict[str, Any], lead: JobLead | None = None
) -> Placement:
    """Records a placement (a job, work practice, apprenticeship …), moves the participant
    into a job and generates the follow-along schedule from the team's timing."""
    participant = Participant.objects.select_for_update().select_related("team").get(pk=participant.pk)
    _check_works(actor, participant)
    if participant.status in CLOSED_STATUSES or participant.status == Status.REFERRED:
        raise ValidationError(
            _("A job cannot be recorded while the participant's status is %(status)s.")
            % {"status": participant.get_status_display()}
        )
    today = timezone.localdate()
    placement = Placement(participant=participant, lead=lead, created_by=actor)
    _set_fields(placement, data)
    if placement.employer_id is None:
        raise ValidationError({"employer": _("Choose the employer.")})
    placement.employer = _own_employer(actor=actor, participant=participant, employer=placement.employer)
    _clean_placement(placement, today=today)
    _save(placement)
    change_record(
        actor=actor,
        action="placements.placement.created",
        instance=placement,
        before=None,
        after=snapshot(placement, HISTORY_FIELDS),
        participant_id=participant.pk,
    )
    _move_into_job(actor=actor, participant=participant)
    _create_schedule(placement, initial_schedule(placement.start_date, timing_for_team(participant.team_id), today))
    return placement


@transaction.atomic
def placement_record_from_lead(
    *, actor, lead: JobLead, hired_on: datetime.date, data: dict[str, Any], note: str = ""
) -> Placement:
    """A hire in the job-finding funnel: moves the lead to "hired" and records the placement,
    in one transaction (both or neither)."""
    lead = JobLead.objects.select_for_update().select_related("participant").get(pk=lead.pk)
    if lead.stage == LeadStage.HIRED:
        raise ValidationError(_("This hire is already recorded."))
    try:
        lead = lead_advance(actor=actor, lead=lead, to_stage=LeadStage.HIRED, occurred_on=hired_on, note=note)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "occurred_on" in exc.error_dict:
            raise ValidationError({"hired_on": exc.error_dict["occurred_on"]}) from exc
        raise
    return placement_record(actor=actor, participant=lead.participant, data=data, lead=lead)


def _regenerate_schedule(placement: Placement, *, today: datetime.date) -> None:
    """After the start date changed: the open checkpoints are made again from the new date;
    what was met stays met."""
    FollowUpDue.objects.filter(placement=placement, met_on__isnull=True, cancelled_on__isnull=True).delete()
    met = set(FollowUpDue.objects.filter(placement=placement).values_list("kind", "number"))
    timing = timing_for_team(placement.participant.team_id)
    checkpoints = [c for c in initial_schedule(placement.start_date, timing, today) if (c.kind, c.number) not in met]
    if not checkpoints:
        last = FollowUpDue.objects.filter(placement=placement).aggregate(last=Max("met_on"))["last"] or today
        checkpoints = [next_monthly(last, timing, number=_next_monthly_number(placement))]
    _create_schedule(placement, checkpoints)


def _next_monthly_number(placement: Placement) -> int:
    latest = FollowUpDue.objects.filter(placement=placement, kind=DueKind.MONTHLY).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


@transaction.atomic
def placement_update(*, actor, placement: Placement, data: dict[str, Any]) -> Placement:
    """Edits a placement: terms, wage and subsidy, accommodations, job carving, career goals."""
    placement = Placement.objects.select_for_update().select_related("participant").get(pk=placement.pk)
    _check_works(actor, placement.participant)
    if placement.participant.status in CLOSED_STATUSES:
        raise ValidationError(_("The participation is closed. Records can be added again after a new referral."))
    before = snapshot(placement, HISTORY_FIELDS)
    old_start = placement.start_date
    _set_fields(placement, data)
    if "employer" in data and placement.employer_id != before["employer"]:
        placement.employer = _own_employer(actor=actor, participant=placement.participant, employer=placement.employer)
    if placement.end_date is not None and placement.start_date > placement.end_date:
        raise ValidationError({"start_date": _("The start cannot be after the end.")})
    today = timezone.localdate()
    _clean_placement(placement, today=today)
    _save(placement)
    change_record(
        actor=actor,
        action="placements.placement.updated",
        instance=placement,
        before=before,
        after=snapshot(placement, HISTORY_FIELDS),
        participant_id=placement.participant_id,
    )
    if placement.is_open and placement.start_date != old_start:
        _regenerate_schedule(placement, today=today)
    return placement


@transaction.atomic
def placement_end(
    *, actor, placement: Placement, end_date: datetime.date, end_reason: str, note: str = ""
) -> Placement:
    """Ends a placement. The open checkpoints are cancelled; a contact with the participant
    is due within the team's days (3 by default: IPS V12); when no other placement is
    open, the participant is back in job search. The follow-up itself never ends here."""
    placement = Placement.objects.select_for_update().select_related("participant").get(pk=placement.pk)
    participant = placement.participant
    _check_works(actor, participant)
    if placement.end_date is not None:
        raise ValidationError(_("This placement has already ended."))
    errors = {}
    if end_reason not in PlacementEndReason.values:
        errors["end_reason"] = _("Choose why the job ended.")
    if end_date is None:
        errors["end_date"] = _("Give the date.")
    elif end_date > timezone.localdate():
        errors["end_date"] = _("Record the end when it has happened: the date cannot be in the future.")
    elif end_date < placement.start_date:
        errors["end_date"] = _("The job cannot end before it started.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(placement, HISTORY_FIELDS)
    timing = timing_for_team(participant.team_id)
    placement.end_date = end_date
    placement.end_reason = end_reason
    placement.end_note = (note or "").strip()
    placement.ended_at = timezone.now()
    placement.job_ended_contact_due = end_date + timing.job_ended_contact_days * DAY
    _save(placement)
    change_record(
        actor=actor,
        action="placements.placement.ended",
        instance=placement,
        before=before,
        after=snapshot(placement, HISTORY_FIELDS),
        participant_id=participant.pk,
    )
    FollowUpDue.objects.filter(placement=placement, met_on__isnull=True, cancelled_on__isnull=True).update(
        cancelled_on=end_date
    )
    others_open = Placement.objects.filter(participant=participant, end_date__isnull=True).exists()
    if not others_open:
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status == Status.IN_JOB:
            participant_transition(actor=actor, participant=participant, to_status=Status.JOB_SEARCH)
    return placement


# --- Follow-ups --------------------------------------------------------------------------------------


def _contact_kind(mode: str, *, with_employee: bool) -> str:
    if mode == FollowUpMode.WORKPLACE:
        return ContactKind.WORKPLACE_VISIT
    if not with_employee:
        return ContactKind.EMPLOYER
    if mode in (FollowUpMode.PHONE, FollowUpMode.DIGITAL):
        return ContactKind.PHONE_DIGITAL
    return ContactKind.MEETING


def _specialist_for(actor, participant: Participant):
    """Who the employer contact is counted for: the actor when they are a job specialist
    in the participant's team, otherwise (a team leader) the participant's specialist."""
    if participant.team_id in scope_of(actor).teams(Role.JOB_SPECIALIST):
        return actor
    return participant.specialist


@transaction.atomic
def follow_up_record(
    *,
    actor,
    placement: Placement,
    data: dict[str, Any],
    duration_minutes: int = 30,
    employer_person: EmployerPerson | None = None,
) -> FollowUp:
    """Records a follow-along contact with the employee, the employer or both, and the
    natural support level seen. One entry, counted every way it should be:

    - a case note on the journey (casework Contact; the employee's contact when they took part),
    - with the employer, a contact in the job development log (purpose: follow-up of a
      placed employee), which the weekly employer-contact counts include,
    - the follow-along checkpoints it meets; after the last open one, the next monthly one.
    """
    placement = Placement.objects.select_for_update().select_related("participant", "employer").get(pk=placement.pk)
    participant = placement.participant
    _check_works(actor, participant)
    if not placement.is_open:
        raise ValidationError(_("This placement has ended. Log a contact on the journey instead."))
    occurred_at = data.get("occurred_at")
    with_employee, with_employer = bool(data.get("with_employee")), bool(data.get("with_employer"))
    mode = data.get("mode")
    errors: dict[str, str] = {}
    if not (with_employee or with_employer):
        errors["with_employee"] = _("Say who you were in contact with: the employee, the employer or both.")
    if mode not in FollowUpMode.values:
        errors["mode"] = _("Choose how the contact took place.")
    if occurred_at is None:
        errors["occurred_at"] = _("Give the date and time.")
    elif occurred_at > timezone.now():
        errors["occurred_at"] = _("A follow-up cannot be recorded in the future.")
    elif timezone.localdate(occurred_at) < EARLIEST_DATE:
        errors["occurred_at"] = _("The date is too far back: check the year.")
    if employer_person is not None and employer_person.employer_id != placement.employer_id:
        errors["employer_person"] = _("This person does not work at this employer.")
    if employer_person is not None and not with_employer:
        errors["employer_person"] = _("Tick that the employer took part, or leave the person empty.")
    if errors:
        raise ValidationError(errors)
    day = timezone.localdate(occurred_at)
    note = (data.get("note") or "").strip()
    contact = contact_log(
        actor=actor,
        participant=participant,
        data={
            "occurred_at": occurred_at,
            "duration_minutes": duration_minutes,
            "kind": _contact_kind(mode, with_employee=with_employee),
            "place": PLACE_OF_MODE[mode],
            "with_participant": with_employee,
            "other_parties": [Party.EMPLOYER] if with_employer and with_employee else [],
            "note": note,
        },
    )
    employer_contact = None
    if with_employer:
        employer_contact = employer_contact_log(
            actor=actor,
            employer=placement.employer,
            specialist=_specialist_for(actor, participant),
            contact_date=day,
            mode=EMPLOYER_MODE_OF_MODE[mode],
            purpose=ContactPurpose.FOLLOW_UP,
            participants=[participant],
            employer_person=employer_person,
            outcome=note,
        )
    follow_up = FollowUp(
        placement=placement,
        occurred_at=occurred_at,
        mode=mode,
        with_employee=with_employee,
        with_employer=with_employer,
        support_level=data.get("support_level"),
        natural_supports=(data.get("natural_supports") or "").strip(),
        note=note,
        contact=contact,
        employer_contact=employer_contact,
        created_by=actor,
    )
    _save(follow_up)
    change_record(
        actor=actor,
        action="placements.follow_up.created",
        instance=follow_up,
        before=None,
        after=snapshot(follow_up, FOLLOW_UP_FIELDS),
        participant_id=participant.pk,
    )
    _meet_checkpoints(placement, follow_up, day)
    return follow_up


def _meet_checkpoints(placement: Placement, follow_up: FollowUp, day: datetime.date) -> None:
    """A follow-up on `day` meets every open checkpoint that has opened by then, overdue
    ones too (catching up clears the queue; `met_on` after `due_on` shows it was late).
    When none is left open, the next monthly checkpoint is made: time-unlimited."""
    open_dues = FollowUpDue.objects.filter(placement=placement, met_on__isnull=True, cancelled_on__isnull=True)
    open_dues.filter(opens_on__lte=day).update(met_by=follow_up, met_on=day)
    if not open_dues.exists():
        timing = timing_for_team(placement.participant.team_id)
        _create_schedule(placement, [next_monthly(day, timing, number=_next_monthly_number(placement))])


# --- The team's timing -----------------------------------------------------------------------------


@transaction.atomic
def follow_along_policy_save(*, actor, team, data: dict[str, Any]) -> FollowAlongPolicy:
    """Changes a team's follow-along timing. Placements recorded from now on use it;
    checkpoints already made keep their dates."""
    if team.pk not in scope_of(actor).teams(Role.TEAM_LEADER):
        raise ValidationError(_("Only the team leader can change the team's follow-along timing."))
    unknown = set(data) - set(POLICY_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    policy = FollowAlongPolicy.objects.select_for_update().filter(team=team).first()
    before = snapshot(policy, POLICY_FIELDS) if policy else snapshot(FollowAlongPolicy(team=team), POLICY_FIELDS)
    policy = policy or FollowAlongPolicy(team=team)
    for key, value in data.items():
        setattr(policy, key, value)
    policy.updated_by = actor
    _save(policy)
    change_record(
        actor=actor,
        action="placements.policy.changed",
        instance=policy,
        before=before,
        after=snapshot(policy, POLICY_FIELDS),
        participant_id=None,
    )
    return policy
