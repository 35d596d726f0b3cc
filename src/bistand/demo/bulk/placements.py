"""Placements (arbeidsforhold) and their follow-along, from the lives' jobs.

Every job a life had with one of the organisation's employers (`lives.Job`) becomes one
placement, as `placements.services.placement_record_from_lead` records it: at the hire (the
status change into the job), by the specialist of the day, linked to the job lead the funnel
ended in "hired" (`jobs.write_leads`), with the employer, the job title and its STYRK-08
occupation, hours from the job's percentage, the type, permanence, wage and wage subsidy, and
the day paid work reached 4 hours (the IPS job start), filled in once it has happened.

A job lost (the participant back in job search) is ended as `placement_end` ends it: at that
status change, with the reason its status note gives, the last day in the job and the 3-day
contact due. When the participation ended while the participant was in the job, the placement
stays open if the job went on (stable in work, transferred, often the participant's own wish)
and is otherwise ended just after the participation was (then no status changes: the
participant is no longer in a job).

Follow-ups keep to the follow-along schedule (`placements.schedule` with the IPS defaults: a
contact in the week before the start, one within 3 days after it, weekly in the first month,
then at least monthly for as long as the job lasts): mostly on time, now and then late, each
meeting the checkpoints that have opened, with the next monthly checkpoint after the last one,
as `follow_up_record` does; the checkpoints (`FollowUpDue`) are written with the follow-up that
met them, or cancelled when the job ended. Each follow-up is also its case note (casework
Contact) and, when the employer took part, a contact in the job-development log naming the
participant. The natural support level starts high and settles lower over the months, with
setbacks; who gives support at work is named now and then and carried over from one
follow-up to the next. Follow-ups stop at the end of the job, of the participation or of the
history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bistand.casework.enums import Party
from bistand.casework.models import Contact
from bistand.demo import catalogue as c
from bistand.employers.enums import ContactPurpose
from bistand.employers.models import EmployerContact, EmployerContactParticipant
from bistand.people.enums import ConsentKind, Status
from bistand.placements.enums import CareerGoal, DueKind, Permanence, PlacementEndReason, PlacementType, WageSubsidy
from bistand.placements.models import FollowUp, FollowUpDue, Placement
from bistand.placements.schedule import Timing, initial_schedule, next_monthly
from bistand.placements.services import EMPLOYER_MODE_OF_MODE, PLACE_OF_MODE
from bistand.placements.services import _contact_kind as contact_kind

from . import catalogue as bc
from .context import DAY, Context, Rng

if TYPE_CHECKING:
    from .lives import Change, Job, Life
    from .world import TeamSpec

Row = dict[str, Any]
TIMING = Timing()  # the IPS defaults: the bulk data gives no team a follow-along timing of its own
ONE_DAY = datetime.timedelta(days=1)
WITH_EMPLOYER: list[str] = [Party.EMPLOYER]
NOBODY_ELSE: list[str] = []
# What the story demo's status notes say about the job: the permanence a note for the start
# tells (None: it does not say), and why a job ended, by the note of the return to job search.
PERMANENCE_OF_START_NOTE = dict(
    zip(c.STATUS_NOTES[Status.IN_JOB], (None, Permanence.PERMANENT, Permanence.TEMPORARY), strict=True)
)
END_REASON_OF_JOB_LOST_NOTE = dict(
    zip(
        c.JOB_LOST_NOTES,
        (PlacementEndReason.DISMISSED, PlacementEndReason.TEMPORARY_ENDED, PlacementEndReason.QUIT),
        strict=True,
    )
)
UNPAID = frozenset({PlacementType.WORK_PRACTICE})
FIXED_TERM = frozenset({PlacementType.WORK_PRACTICE, PlacementType.INTERNSHIP, PlacementType.APPRENTICESHIP})
NOT_ORDINARY_WAGE = frozenset({PlacementType.WORK_PRACTICE, PlacementType.SHELTERED})
HOURS_PER_PERCENT = Decimal("0.375")  # a full-time week is 37.5 hours
TENTHS, CENTS = Decimal("0.1"), Decimal("0.01")


class _Due:
    """A follow-along checkpoint: a FollowUpDue row in the making."""

    __slots__ = ("cancelled_on", "due_on", "kind", "met_by", "met_on", "number", "opens_on")

    def __init__(self, kind: str, number: int, opens_on: datetime.date, due_on: datetime.date) -> None:
        self.kind, self.number, self.opens_on, self.due_on = kind, number, opens_on, due_on
        self.met_by: int | None = None  # the follow-up (its position in the placement's list)
        self.met_on: datetime.date | None = None
        self.cancelled_on: datetime.date | None = None


@dataclass(slots=True)
class _FollowUp:
    """A follow-up in the making: the FollowUp row, its case note and its employer contact."""

    tick: int  # when it took place
    written: int  # when it was recorded
    actor: int  # who recorded it
    mode: str
    with_employee: bool
    with_employer: bool
    minutes: int
    level: int
    supports: str
    note: str
    specialist: int | None  # with the employer: the specialist the job development log counts it for
    person: int | None  # with the employer: who was met there, when known


def write(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    rng = ctx.rng("placements", team.index)
    built: list[tuple[Life, Row, list[_FollowUp], list[_Due]]] = []
    for life in lives:
        if not life.jobs:
            continue
        changes = {change.tick: change for change in life.changes}
        for job in life.jobs:
            if job.employer is None:  # the organisation had no employer registered yet: nothing to record it with
                continue
            built.append((life, *_placement(ctx, rng, life, job, changes)))
    placement_pks = ctx.insert(Placement, [row for _, row, _, _ in built])
    contacts: list[Row] = []
    employer_contacts: list[Row] = []
    named: list[int] = []
    for life, placement, follow_ups, _ in built:
        for f in follow_ups:
            contacts.append(
                {
                    "participant_id": life.pk,
                    "occurred_at": f.tick,
                    "duration_minutes": f.minutes,
                    "kind": contact_kind(f.mode, with_employee=f.with_employee),
                    "place": PLACE_OF_MODE[f.mode],
                    "with_participant": f.with_employee,
                    "other_parties": WITH_EMPLOYER if f.with_employee and f.with_employer else NOBODY_ELSE,
                    "note": f.note,
                    "created_by_id": f.actor,
                    "created_at": f.written,
                    "updated_at": f.written,
                }
            )
            if f.with_employer:
                employer_contacts.append(
                    {
                        "employer_id": placement["employer_id"],
                        "specialist_id": f.specialist,
                        "team_id": team.pk,
                        "contact_date": ctx.calendar.date_of(f.tick),
                        "mode": EMPLOYER_MODE_OF_MODE[f.mode],
                        "purpose": ContactPurpose.FOLLOW_UP,
                        "employer_person_id": f.person,
                        "outcome": f.note,
                        "created_by_id": f.actor,
                        "created_at": f.written,
                    }
                )
                named.append(life.pk)
    contact_pks = iter(ctx.insert(Contact, contacts))
    employer_contact_pks = ctx.insert(EmployerContact, employer_contacts)
    ctx.insert(
        EmployerContactParticipant,
        [
            {"contact_id": contact, "participant_id": participant}
            for contact, participant in zip(employer_contact_pks, named, strict=True)
        ],
    )
    by_employer = iter(employer_contact_pks)
    follow_up_rows: list[Row] = []
    for (_, _, follow_ups, _), pk in zip(built, placement_pks, strict=True):
        for f in follow_ups:
            follow_up_rows.append(
                {
                    "placement_id": pk,
                    "occurred_at": f.tick,
                    "mode": f.mode,
                    "with_employee": f.with_employee,
                    "with_employer": f.with_employer,
                    "support_level": f.level,
                    "natural_supports": f.supports,
                    "note": f.note,
                    "contact_id": next(contact_pks),
                    "employer_contact_id": next(by_employer) if f.with_employer else None,
                    "created_by_id": f.actor,
                    "created_at": f.written,
                }
            )
    follow_up_pks = iter(ctx.insert(FollowUp, follow_up_rows))
    due_rows: list[Row] = []
    for (_, _, follow_ups, dues), pk in zip(built, placement_pks, strict=True):
        pks = [next(follow_up_pks) for _ in follow_ups]
        due_rows += [
            {
                "placement_id": pk,
                "kind": due.kind,
                "number": due.number,
                "opens_on": due.opens_on,
                "due_on": due.due_on,
                "met_by_id": pks[due.met_by] if due.met_by is not None else None,
                "met_on": due.met_on,
                "cancelled_on": due.cancelled_on,
            }
            for due in dues
        ]
    ctx.insert(FollowUpDue, due_rows)


def _placement(
    ctx: Context, rng: Rng, life: Life, job: Job, changes: dict[int, Change]
) -> tuple[Row, list[_FollowUp], list[_Due]]:
    """The placement of one job (a row), its follow-ups and its checkpoints."""
    cal = ctx.calendar
    model = life.service_model
    hired = job.start  # the hire is recorded when the participant moves into the job
    hired_day = hired // DAY
    hired_on = cal.days[hired_day]
    kind = rng.pick(bc.PLACEMENT_KINDS[model])
    start = hired_on + rng.pick(bc.START_LAG_DAYS) * ONE_DAY
    if start > hired_on and (first_day := cal.day_on_or_after(start)) <= cal.last:
        start = cal.days[first_day]  # the first working day
    if job.end is not None:
        start = min(start, cal.date_of(job.end))  # (jobs last weeks: never needed in practice)
    # Permanence: as the note on the move into the job says, when it says.
    permanence = Permanence.TEMPORARY if kind in FIXED_TERM else _start_permanence(rng, job, changes.get(job.start))
    # How the job ended: lost (back to job search), or the participation ended while in it.
    end_date: datetime.date | None = None
    end_reason, end_note, ended_at = "", "", None
    until = cal.end_tick + 1 if job.end is None else job.end  # follow-ups are recorded before this
    end_change = changes.get(job.end) if job.end is not None else None
    if end_change is not None:
        if end_change.to_status == Status.JOB_SEARCH:  # placement_end moved the participant back to job search
            end_reason = END_REASON_OF_JOB_LOST_NOTE.get(end_change.note) or PlacementEndReason.OTHER
            end_note = end_change.note if rng.chance(0.6) else ""
            ended_at = end_change.tick
        else:  # the participation ended (no status change from placement_end: not in a job any more)
            reason = rng.pick(bc.JOB_AFTER_PARTICIPATION.get(end_change.reason, bc.JOB_AFTER_PARTICIPATION_OTHERS))
            if reason is not None:
                end_reason = reason
                ended_at = min(end_change.tick + rng.randint(60, 1800), cal.end_tick)
        if end_reason:
            last_day = cal.date_of(job.end) - rng.pick(bc.END_RECORDED_AFTER) * ONE_DAY
            end_date = max(start, last_day)
            if end_reason == PlacementEndReason.TEMPORARY_ENDED:
                permanence = Permanence.TEMPORARY
    # Wage and subsidy.
    wage = None
    if kind not in UNPAID and not rng.chance(bc.WAGE_NOT_RECORDED_SHARE):
        low, high = bc.HOURLY_WAGES[kind]
        growth = (1 + bc.WAGE_GROWTH) ** (start.year - cal.days[0].year)
        wage = Decimal(str((low + (high - low) * rng.random()) * growth)).quantize(CENTS)
    subsidy = WageSubsidy.NONE
    if kind not in UNPAID:
        subsidy = rng.pick(bc.WAGE_SUBSIDIES.get(model, bc.WAGE_SUBSIDIES_OTHERS))
    subsidy_percent = subsidy_from = subsidy_to = None
    if subsidy != WageSubsidy.NONE:
        percents, months = bc.WAGE_SUBSIDY_TERMS[subsidy]
        subsidy_percent, subsidy_from = rng.choice(percents), start
        length = rng.choice(months)
        subsidy_to = None if length is None else start + round(length * 30.4) * ONE_DAY
    # The IPS job start: the day paid work reached 4 hours, filled in once it has happened
    # (at the hire when that was the day, otherwise by an edit on or after the day).
    four_hours, updated = None, hired
    after = rng.pick(bc.FOUR_HOURS_AFTER) if kind not in UNPAID else None
    if after is not None:
        reached = start + after * ONE_DAY
        if reached <= hired_on:
            four_hours = reached
        elif reached <= (end_date or cal.days[cal.last]) and (day := cal.day_on_or_after(reached)) <= cal.last:
            edited = cal.tick(day, rng)
            if edited < until and edited <= cal.end_tick:
                four_hours, updated = reached, edited
    # What the participant told the employer: with the consent to disclose, usually.
    consented = any(
        x.kind == ConsentKind.DISCLOSE_TO_EMPLOYERS
        and x.tick <= hired
        and (x.withdrawn_tick is None or x.withdrawn_tick > hired)
        for x in life.consents
    )
    disclosure = ""
    if consented and rng.chance(0.8):
        disclosure = rng.choice(bc.DISCLOSURE_TOLD)
    elif not consented and rng.chance(0.3):
        disclosure = rng.choice(bc.DISCLOSURE_NOT_TOLD)
    goals: list[str] = []
    if rng.chance(bc.CAREER_GOAL_SHARE):
        goals = [g for g in rng.choice(bc.CAREER_GOALS) if not (g == CareerGoal.MORE_HOURS and job.percent == 100)]
    title, code = bc.JOB_TITLES[job.job]
    follow_ups, dues = _follow_along(ctx, rng, life, job, hired, start, end_date, until, disclosed=consented)
    if end_date is not None:
        for due in dues:  # placement_end cancels what is still open
            if due.met_on is None:
                due.cancelled_on = end_date
    row = {
        "participant_id": life.pk,
        "employer_id": job.employer.pk,
        "lead_id": job.lead,
        "job_title": title,
        "occupation_id": ctx.occupations[code].pk,
        "kind": kind,
        "permanence": permanence,
        "hours_per_week": (job.percent * HOURS_PER_PERCENT).quantize(TENTHS),
        "hourly_wage": wage,
        "ordinary_wage": kind not in NOT_ORDINARY_WAGE,
        "wage_subsidy": subsidy,
        "wage_subsidy_percent": subsidy_percent,
        "wage_subsidy_from": subsidy_from,
        "wage_subsidy_to": subsidy_to,
        "start_date": start,
        "four_hours_reached_on": four_hours,
        "end_date": end_date,
        "end_reason": end_reason,
        "end_note": end_note,
        "ended_at": ended_at,
        "job_ended_contact_due": end_date + TIMING.job_ended_contact_days * ONE_DAY if end_date else None,
        "disclosure": disclosure,
        "accommodations": rng.choice(bc.PLACEMENT_ACCOMMODATIONS) if rng.chance(bc.ACCOMMODATION_SHARE) else "",
        "job_carving": rng.choice(bc.NEGOTIATED_TASKS)
        if rng.chance(bc.JOB_CARVING_SHARE.get(model, bc.JOB_CARVING_SHARE_OTHERS))
        else "",
        "career_goals": goals,
        "career_note": rng.choice(bc.CAREER_NOTES) if goals else "",
        "created_by_id": life.worker_at(hired).pk,
        "created_at": hired,
        "updated_at": max(updated, ended_at or hired),
    }
    return row, follow_ups, dues


def _start_permanence(rng: Rng, job: Job, change: Change | None) -> str:
    for template, permanence in PERMANENCE_OF_START_NOTE.items():
        if (
            permanence is not None
            and change is not None
            and change.note == template.format(job=job.job, percent=job.percent)
        ):
            return permanence
    return Permanence.PERMANENT if rng.chance(0.6) else Permanence.TEMPORARY


def _follow_along(
    ctx: Context,
    rng: Rng,
    life: Life,
    job: Job,
    hired: int,
    start: datetime.date,
    end_date: datetime.date | None,
    until: int,
    *,
    disclosed: bool,
) -> tuple[list[_FollowUp], list[_Due]]:
    """The follow-ups of one placement and its checkpoints, as the services leave them.
    The employer takes part only when the participant consented to disclosure (`disclosed`)."""
    cal = ctx.calendar
    hired_day = hired // DAY
    hired_on = cal.days[hired_day]
    dues = [_Due(cp.kind, cp.number, cp.opens_on, cp.due_on) for cp in initial_schedule(start, TIMING, hired_on)]
    pending = list(dues)  # the open ones
    monthly = max((due.number for due in dues if due.kind == DueKind.MONTHLY), default=0)
    on_time = rng.uniform(*bc.ON_TIME_SHARE)
    level = rng.pick(bc.FIRST_SUPPORT_LEVEL)
    settled = rng.pick(bc.SETTLED_SUPPORT_LEVEL)
    supports = ""
    people = job.employer.people if job.employer is not None else ()  # whom the specialist may meet there
    follow_ups: list[_FollowUp] = []
    last = hired_on - ONE_DAY
    while len(follow_ups) < bc.MAX_FOLLOW_UPS:
        # The specialist aims at the checkpoint due first: within its window, or late.
        target = min(pending, key=lambda due: due.due_on)
        low = max(target.opens_on, last + ONE_DAY)
        high = max(low, target.due_on)
        if not rng.chance(on_time):
            planned = high + rng.randint(*bc.LATE_DAYS) * ONE_DAY
        elif target.kind == DueKind.MONTHLY:
            planned = high - rng.randint(0, min(bc.MONTHLY_EARLY_DAYS, (high - low).days)) * ONE_DAY
        else:
            planned = low + rng.randint(0, (high - low).days) * ONE_DAY
        day = cal.day_on_or_after(planned)
        if planned <= high:  # on time: the working day planned, or the last one in the window
            last_in_window = cal.day_on_or_after(high + ONE_DAY) - 1
            if day > last_in_window >= cal.day_on_or_after(low):
                day = last_in_window
        if day > cal.last:
            break
        when = cal.days[day]
        if end_date is not None and when > end_date:
            break
        tick = hired + rng.randint(300, 5400) if day == hired_day else cal.tick(day, rng)
        written = tick + rng.randint(120, 7200)
        if written >= until or written > cal.end_tick:
            break
        phase = "before" if when < start else "early" if (when - start).days <= 30 else "later"
        specialist = life.specialist_at(written)
        if disclosed and specialist is not None:
            with_employee, with_employer = rng.pick(bc.FOLLOW_UP_PARTIES[phase])
            mode = rng.pick(bc.FOLLOW_UP_MODES[with_employee, with_employer])
        else:
            # Without consent to talk to the employer, the specialist meets the employee away
            # from work; the job development log counts contacts for the participant's
            # specialist, so there is none to log without one.
            with_employee, with_employer = True, False
            mode = rng.pick(bc.FOLLOW_UP_MODES_UNDISCLOSED if not disclosed else bc.FOLLOW_UP_MODES[True, False])
        shortest, longest = bc.FOLLOW_UP_MINUTES[mode]
        minutes = 5 * rng.randint(shortest // 5, longest // 5)
        setback = False
        if follow_ups:
            if rng.chance(bc.SUPPORT_SETBACK):
                level, setback = min(6, level + rng.randint(1, 2)), True
            elif level > settled and rng.chance(bc.SUPPORT_STEP_DOWN[0 if (when - start).days < 60 else 1]):
                level -= 1
        if phase != "before":
            # Named supports are carried over (the form starts from them) or replaced; until
            # someone is named, naming one is likelier as the level comes down.
            renew = (
                not rng.chance(bc.NATURAL_SUPPORT_KEPT)
                if supports
                else rng.chance(bc.NATURAL_SUPPORT_NAMED[0 if level <= 4 else 1])
            )
            if renew:
                supports = _supports(ctx, rng)
        if setback:
            key = "setback"
        elif not with_employee:
            key = "employer"
        else:
            key = f"{phase}+employer" if with_employer else phase
        f = _FollowUp(
            tick=tick,
            written=written,
            actor=life.worker_at(written).pk,
            mode=mode,
            with_employee=with_employee,
            with_employer=with_employer,
            minutes=minutes,
            level=level,
            supports=supports,
            note=rng.choice(bc.FOLLOW_UP_NOTES[key]) if rng.chance(bc.FOLLOW_UP_NOTE_SHARE) else "",
            specialist=specialist.pk if specialist is not None and with_employer else None,
            person=rng.choice(people) if with_employer and people and rng.chance(0.5) else None,
        )
        follow_ups.append(f)
        # It meets every open checkpoint that has opened; after the last, the next monthly one.
        still = []
        for due in pending:
            if due.opens_on <= when:
                due.met_by, due.met_on = len(follow_ups) - 1, when
            else:
                still.append(due)
        if not still:
            monthly += 1
            cp = next_monthly(when, TIMING, number=monthly)
            still.append(_Due(cp.kind, cp.number, cp.opens_on, cp.due_on))
            dues.append(still[-1])
        pending = still
        last = when
    return follow_ups, dues


def _supports(ctx: Context, rng: Rng) -> str:
    name = rng.choice(ctx.pools.female if rng.chance(0.5) else ctx.pools.male)
    return rng.choice(bc.NATURAL_SUPPORTS).format(name=name)
