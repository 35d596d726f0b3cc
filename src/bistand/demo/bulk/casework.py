"""The participants' journeys, from the lives: enrolment in the service model and its phases,
contacts (case notes, about 30 per participant over a participation), cooperation agreements,
vocational profile versions, inclusion plans with actions and reviews, benefits counselling,
youth follow-ups and outreach.

Every record falls while the participation is open (the services refuse records for a
declined, withdrawn or ended participant) and is written by the job specialist of the day.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from bistand.casework.enums import (
    ActionStatus,
    ContactKind,
    InclusionPath,
    NeedStatus,
    OutreachMethod,
    Party,
    Transport,
    WorkingTime,
)
from bistand.casework.models import (
    BenefitsCounselling,
    Contact,
    CooperationAgreement,
    Enrolment,
    InclusionPlan,
    OutreachAttempt,
    PhaseChange,
    PlanAction,
    PlanReview,
    VocationalProfileVersion,
    YouthFollowUp,
)
from bistand.casework.service_models import definition_of
from bistand.people.enums import CLOSED_STATUSES, EndReason, ServiceModel, Status

from . import catalogue as bc
from .context import DAY, Calendar, Context, Rng

if TYPE_CHECKING:
    from .lives import Life
    from .world import TeamSpec

Row = dict[str, Any]
YOUTH_MODELS = frozenset({ServiceModel.IPS_YOUTH, ServiceModel.SCHOOL_TO_WORK})
IPS_MODELS = frozenset({ServiceModel.IPS, ServiceModel.IPS_YOUTH})
PARTIES = ((), (Party.NAV,), (Party.HEALTH_SERVICE,), (Party.NAV, Party.HEALTH_SERVICE), (Party.FAMILY,))
TRANSPORTS = (
    (Transport.PUBLIC,),
    (Transport.WALK, Transport.PUBLIC),
    (Transport.BICYCLE,),
    (Transport.CAR,),
    (Transport.LIFT, Transport.PUBLIC),
    (Transport.NEEDS_HELP,),
)
# Per kind of contact: places, shortest and longest duration (in 5 minutes), share with the
# participant, other parties (a JSON list) and notes.
KIND_DETAILS = {
    kind: (
        bc.CONTACT_PLACES[kind],
        bc.CONTACT_MINUTES[kind][0] // 5,
        bc.CONTACT_MINUTES[kind][1] // 5,
        bc.WITH_PARTICIPANT[kind],
        list(bc.CONTACT_PARTIES.get(kind, ())),
        bc.CONTACT_NOTES[kind],
    )
    for kind in ContactKind
}
MEETING_PARTIES = ([Party.NAV], [Party.HEALTH_SERVICE], [Party.COLLEAGUE])
WORKING_TIMES = ((WorkingTime.DAYTIME,), (WorkingTime.DAYTIME, WorkingTime.EVENING), (WorkingTime.FLEXIBLE,))


def write(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    _phases(ctx, team, lives)
    _contacts(ctx, team, lives)
    _journey(ctx, team, lives)


class _Timeline:
    """A life's periods, asked when the participation was open."""

    def __init__(self, life: Life, cal: Calendar) -> None:
        self.life = life
        self.periods = life.periods(cal.end_tick)
        self.end_tick = cal.end_tick

    def status_at(self, tick: int) -> str | None:
        for status, a, b in self.periods:
            if a <= tick < b:
                return status
        return None

    def is_open(self, tick: int) -> bool:
        status = self.status_at(tick)
        return status is not None and status not in CLOSED_STATUSES and tick <= self.end_tick

    def first(self, status: str) -> int | None:
        return next((a for s, a, _ in self.periods if s == status), None)


def _later(cal: Calendar, rng: Rng, tick: int, low: int, high: int) -> int | None:
    """A moment `low`–`high` working days after `tick`, or None after the end of the history."""
    day = tick // DAY + rng.randint(low, high)
    return cal.tick(day, rng) if day <= cal.last else None


def _date_after(cal: Calendar, day: int, workdays: int) -> datetime.date:
    if day + workdays <= cal.last:
        return cal.days[day + workdays]
    return cal.days[cal.last] + datetime.timedelta(days=(day + workdays - cal.last) * 7 // 5 + 1)


# --- Enrolment and phases ------------------------------------------------------------------------


def _phases(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    rng = ctx.rng("phases", team.index)
    cal = ctx.calendar
    enrolments: list[Row] = []
    moves_of: list[tuple[Life, list[tuple[int, str]]]] = []
    for life in lives:
        rules = bc.PHASE_RULES[life.service_model]
        moves: list[tuple[int, str]] = []
        current = ""
        for status, a, b in life.periods(cal.end_tick):
            for rule_status, phase, delay in rules:
                if rule_status != status:
                    continue
                tick = a + rng.randint(60, 1800) if delay == 0 else _later(cal, rng, a, delay, delay)
                if tick is None or tick >= b or tick > cal.end_tick or phase == current:
                    continue
                moves.append((tick, phase))
                current = phase
        if moves:
            definition = definition_of(life.service_model)
            enrolments.append(
                {
                    "participant_id": life.pk,
                    "service_model": life.service_model,
                    "definition_version": definition.version,
                    "current_phase": moves[-1][1],
                    "phase_since": moves[-1][0],
                    "started_at": moves[0][0],
                }
            )
            moves_of.append((life, moves))
    pks = ctx.insert(Enrolment, enrolments)
    ctx.insert(
        PhaseChange,
        [
            {
                "enrolment_id": pk,
                "participant_id": life.pk,
                "service_model": enrolment["service_model"],
                "definition_version": enrolment["definition_version"],
                "from_phase": moves[i - 1][1] if i else "",
                "to_phase": phase,
                "at": tick,
                "actor_id": life.worker_at(tick).pk,
            }
            for pk, enrolment, (life, moves) in zip(pks, enrolments, moves_of, strict=True)
            for i, (tick, phase) in enumerate(moves)
        ],
    )


# --- Contacts ------------------------------------------------------------------------------------


def _contacts(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    rng = ctx.rng("contacts", team.index)
    cal = ctx.calendar
    contacts: list[Row] = []
    for life in lives:
        youth = life.service_model in YOUTH_MODELS
        ips = life.service_model in IPS_MODELS
        periods = life.periods(cal.end_tick)
        open_step: Row | None = None
        for n, (status, a, b) in enumerate(periods):
            if status in CLOSED_STATUSES:
                open_step = None
                continue
            first_day = a // DAY + 1
            last_day = cal.last if n + 1 == len(periods) else b // DAY - 1
            if last_day < first_day:
                continue
            days: list[int] = []
            if status == Status.REFERRED:
                if rng.chance(bc.REFERRED_CONTACT_SHARE):
                    days.append(rng.randint(first_day, last_day))
            else:
                mean = bc.CONTACT_GAP_DAYS[status]
                day = a // DAY + rng.gap(bc.IN_JOB_CLOSE_GAP if status == Status.IN_JOB else mean)
                while day <= last_day:
                    days.append(day)
                    close = status == Status.IN_JOB and day - a // DAY < bc.IN_JOB_CLOSE_DAYS
                    day += rng.gap(bc.IN_JOB_CLOSE_GAP if close else mean)
            kinds = bc.CONTACT_KINDS[status]
            for day in days:
                kind = rng.pick(kinds)
                if kind in bc.YOUTH_KINDS and not youth and rng.random() < 0.6:
                    kind = ContactKind.MEETING
                elif kind == ContactKind.TREATMENT_TEAM and not ips and rng.random() < 0.6:
                    kind = ContactKind.NAV
                places, lowest, longest, with_share, parties, notes = KIND_DETAILS[kind]
                if kind == ContactKind.MEETING and rng.random() < 0.1:
                    parties = rng.choice(MEETING_PARTIES)
                tick = day * DAY + int(rng.random() * cal.length[day])
                written = tick + rng.randint(120, 7200)
                if written > cal.end_tick:
                    written = cal.end_tick
                next_step, due = "", None
                if rng.random() < bc.NEXT_STEP_SHARE:
                    next_step, due = rng.choice(bc.NEXT_STEPS), _date_after(cal, day, rng.randint(2, 10))
                contact = {
                    "participant_id": life.pk,
                    "occurred_at": tick,
                    "duration_minutes": 5 * rng.randint(lowest, longest),
                    "kind": kind,
                    "place": rng.pick(places),
                    "with_participant": rng.random() < with_share,
                    "other_parties": parties,
                    "note": rng.choice(notes) if rng.random() < bc.NOTE_SHARE else "",
                    "next_step": next_step,
                    "next_step_due": due,
                    "next_step_done_on": None,
                    "created_by_id": life.worker_at(tick).pk,
                    "created_at": written,
                    "updated_at": written,
                }
                if open_step is not None and rng.random() < 0.85:
                    open_step["next_step_done_on"] = cal.days[day]
                open_step = contact if next_step else None
                contacts.append(contact)
    ctx.insert(Contact, contacts)


# --- Agreements, profiles, plans, benefits counselling, youth follow-ups, outreach -----------------


def _journey(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    rng = ctx.rng("journey", team.index)
    cal, geo = ctx.calendar, ctx.geo
    agreements: list[Row] = []
    profiles: list[tuple[Row, list[str], list[str]]] = []  # a version, its job goals and kommuner
    plans: list[tuple[Row, list[Row], list[Row]]] = []  # a plan, its actions and reviews
    benefits: list[Row] = []
    youth: list[Row] = []
    outreach: list[Row] = []
    today = cal.days[cal.last]
    for life in lives:
        t = _Timeline(life, cal)
        model = life.service_model
        accepted = [c.tick for c in life.changes if c.to_status == Status.ACCEPTED]
        if not accepted:
            continue
        writer = life.worker_at
        # Cooperation agreement, soon after the (last) acceptance.
        share = bc.AGREEMENT_SHARE.get(model, bc.AGREEMENT_SHARE_OTHERS)
        tick = _later(cal, rng, accepted[-1], 0, 10)
        if rng.chance(share) and tick is not None and t.is_open(tick):
            agreements.append(
                {
                    "participant_id": life.pk,
                    "agreed_on": cal.date_of(tick),
                    "parties": list(rng.choice(PARTIES)),
                    "summary": rng.choice(bc.AGREEMENT_SUMMARIES),
                    "accepted_by_participant": rng.chance(0.9),
                    "created_by_id": writer(tick).pk,
                    "created_at": tick,
                    "updated_at": tick,
                }
            )
        active = t.first(Status.ACTIVE)
        # Vocational profile: a first version when active, a new one after a job experience.
        if active is not None and rng.chance(bc.PROFILE_SHARE):
            tick = _later(cal, rng, active, 2, 15)
            if tick is not None and t.is_open(tick):
                profiles.append(_profile(ctx, rng, life, tick, 1, ""))
                job = life.jobs[0] if life.jobs else None
                later = _later(cal, rng, job.start, 5, 30) if job else None
                if job and later and later > tick and t.is_open(later) and rng.chance(bc.PROFILE_UPDATE_SHARE):
                    title = bc.JOB_TITLES[job.job][0].lower()
                    history = f"Jobber som {title} ({job.percent} %) fra {cal.date_of(job.start):%m.%Y}."
                    profiles.append(_profile(ctx, rng, life, later, 2, history))
        # Inclusion plan once the job search starts, with actions and reviews.
        search = t.first(Status.JOB_SEARCH)
        share = bc.PLAN_SHARE.get(model, bc.PLAN_SHARE_OTHERS)
        if search is not None and rng.chance(share):
            tick = _later(cal, rng, search, 5, 20)
            if tick is not None and t.is_open(tick):
                plans.append(_plan(cal, rng, t, tick, today))
        # Benefits counselling (IPS principle 4).
        share = bc.BENEFITS_SHARE.get(model, bc.BENEFITS_SHARE_OTHERS)
        if active is not None and rng.chance(share):
            tick = _later(cal, rng, active, 5, 40)
            if tick is not None and t.is_open(tick):
                benefits.append(
                    {
                        "participant_id": life.pk,
                        "held_on": cal.date_of(tick),
                        "covered": rng.choice(bc.BENEFITS_COVERED),
                        "before_job_start": not life.jobs or tick < life.jobs[0].start,
                        "counsellor": rng.choice(bc.BENEFITS_COUNSELLORS),
                        "created_by_id": writer(tick).pk,
                        "created_at": tick,
                    }
                )
        # The helper roles and inclusion path, for the youth models.
        if model in YOUTH_MODELS and rng.chance(bc.YOUTH_FOLLOW_UP_SHARE):
            youth += _youth(cal, rng, t, accepted[-1])
        # Outreach before ending for lack of contact, and now and then on the caseload.
        last = life.changes[-1]
        if last.to_status == Status.ENDED and last.reason == EndReason.NO_CONTACT:
            outreach += _outreach(cal, rng, t, last.tick - 30 * DAY, last.tick, reached=0.0)
        elif last.to_status not in CLOSED_STATUSES and rng.chance(0.04):
            outreach += _outreach(cal, rng, t, max(last.tick, cal.end_tick - 25 * DAY), cal.end_tick, reached=0.5)
    ctx.insert(CooperationAgreement, agreements)
    version_pks = ctx.insert(VocationalProfileVersion, [p for p, _, _ in profiles])
    ctx.insert(
        VocationalProfileVersion.job_goals.through,
        [
            {"vocationalprofileversion_id": pk, "occupation_id": ctx.occupations[code].pk}
            for pk, (_, codes, _) in zip(version_pks, profiles, strict=True)
            for code in codes
        ],
    )
    ctx.insert(
        VocationalProfileVersion.kommuner.through,
        [
            {"vocationalprofileversion_id": pk, "kommune_id": geo.kommuner[number].pk}
            for pk, (_, _, numbers) in zip(version_pks, profiles, strict=True)
            for number in numbers
        ],
    )
    plan_pks = ctx.insert(InclusionPlan, [plan for plan, _, _ in plans])
    for pk, (_, actions, reviews) in zip(plan_pks, plans, strict=True):
        for row in (*actions, *reviews):
            row["plan_id"] = pk
    ctx.insert(PlanAction, [a for _, actions, _ in plans for a in actions])
    ctx.insert(PlanReview, [r for _, _, reviews in plans for r in reviews])
    ctx.insert(BenefitsCounselling, benefits)
    ctx.insert(YouthFollowUp, youth)
    ctx.insert(OutreachAttempt, outreach)


def _profile(
    ctx: Context, rng: Rng, life: Life, tick: int, number: int, history: str
) -> tuple[Row, list[str], list[str]]:
    codes = list(dict.fromkeys(bc.JOB_TITLES[job][1] for job in life.wish[1]))[: rng.randint(1, 3)]
    kommuner = list(dict.fromkeys([life.person["kommune"], *(k for k, _ in life.team.area[: rng.randint(1, 3)])]))
    low = rng.choice((10, 15, 20, 25, 30))
    version = {
        "participant_id": life.pk,
        "number": number,
        "interests": rng.choice(bc.INTERESTS),
        "strengths": rng.choice(bc.STRENGTHS),
        "work_history": history or rng.choice(bc.WORK_HISTORY),
        "education": rng.choice(bc.EDUCATION),
        "hours_min": low,
        "hours_max": min(40, low + rng.choice((0, 5, 7, 10))),
        "working_times": list(rng.choice(WORKING_TIMES)),
        "max_commute_minutes": rng.choice((None, 20, 30, 45, 60)),
        "transport": list(rng.choice(TRANSPORTS)),
        "does_not_want": rng.choice(bc.DOES_NOT_WANT),
        "support_needs": rng.choice(bc.SUPPORT_NEEDS),
        "disclosure": rng.choice(bc.DISCLOSURE),
        "created_by_id": life.worker_at(tick).pk,
        "created_at": tick,
    }
    return version, codes, kommuner


def _plan(cal: Calendar, rng: Rng, t: _Timeline, tick: int, today: datetime.date) -> tuple[Row, list[Row], list[Row]]:
    life = t.life
    made = cal.date_of(tick)
    review_on = made + datetime.timedelta(days=rng.randint(60, 120))
    reviews: list[Row] = []
    updated = tick
    while len(reviews) < 12 and rng.chance(0.75):
        day = cal.day_on_or_after(review_on + datetime.timedelta(days=rng.randint(0, 10)))
        if day > cal.last:
            break
        at = cal.tick(day, rng)
        if not t.is_open(at):
            break
        reviewed_on = cal.date_of(at)
        next_review_on = reviewed_on + datetime.timedelta(days=rng.randint(60, 120))
        reviews.append(
            {
                "reviewed_on": reviewed_on,
                "note": rng.choice(bc.PLAN_REVIEW_NOTES),
                "next_review_on": next_review_on,
                "created_by_id": life.worker_at(at).pk,
                "created_at": at,
            }
        )
        review_on, updated = next_review_on, at
    plan = {
        "participant_id": life.pk,
        "goals": rng.choice(bc.PLAN_GOALS),
        "review_on": review_on,
        "created_by_id": life.worker_at(tick).pk,
        "created_at": tick,
        "updated_at": updated,
    }
    actions = []
    for description, responsible in rng.sample(bc.PLAN_ACTIONS, rng.randint(2, 4)):
        due = made + datetime.timedelta(days=rng.randint(14, 120))
        if due < today:
            status = rng.pick(((ActionStatus.DONE, 6), (ActionStatus.CANCELLED, 1), (ActionStatus.IN_PROGRESS, 2)))
        else:
            status = rng.pick(((ActionStatus.PLANNED, 3), (ActionStatus.IN_PROGRESS, 2)))
        actions.append(
            {
                "description": description,
                "responsible": responsible,
                "due_on": due,
                "status": status,
                "created_at": tick,
                "updated_at": updated,
            }
        )
    return plan, actions, reviews


def _youth(cal: Calendar, rng: Rng, t: _Timeline, accepted: int) -> list[Row]:
    life = t.life
    records = []
    tick = _later(cal, rng, accepted, 10, 30)
    needs = {
        need: rng.pick(((NeedStatus.OK, 5), (NeedStatus.NEEDS_HELP, 3), (NeedStatus.IN_PROGRESS, 2)))
        for need in YouthFollowUp.NEEDS
    }
    path = rng.pick(
        (
            (InclusionPath.ORDINARY_WORK, 4),
            (InclusionPath.WORK_FOR_SCHOOL, 2),
            (InclusionPath.COMPLETE_SCHOOL, 2),
            (InclusionPath.WORK_AS_BREAK, 2),
        )
    )
    while tick is not None and t.is_open(tick) and len(records) < 4:
        status = t.status_at(tick)
        records.append(
            {
                "participant_id": life.pk,
                "recorded_on": cal.date_of(tick),
                **needs,
                "contact_relation": bool(records) or rng.chance(0.5),
                "job_enabling": status in (Status.JOB_SEARCH, Status.IN_JOB),
                "job_customising": status == Status.IN_JOB and rng.chance(0.5),
                "inclusion_path": path if records or rng.chance(0.5) else "",
                "created_by_id": life.worker_at(tick).pk,
                "created_at": tick,
            }
        )
        needs = {k: NeedStatus.OK if v != NeedStatus.OK and rng.chance(0.5) else v for k, v in needs.items()}
        tick = _later(cal, rng, tick, 40, 80)
    return records


def _outreach(cal: Calendar, rng: Rng, t: _Timeline, start: int, stop: int, *, reached: float) -> list[Row]:
    life = t.life
    first_day, last_day = max(0, start // DAY), stop // DAY - 1
    if last_day < first_day:
        return []
    days = sorted({rng.randint(first_day, last_day) for _ in range(rng.randint(1, 4))})
    attempts = []
    for day in days:
        tick = cal.tick(day, rng)
        if not t.is_open(tick):
            continue
        attempts.append(
            {
                "participant_id": life.pk,
                "attempted_at": tick,
                "method": rng.pick(
                    (
                        (OutreachMethod.PHONE, 5),
                        (OutreachMethod.MESSAGE, 4),
                        (OutreachMethod.LETTER, 2),
                        (OutreachMethod.HOME_VISIT, 2),
                        (OutreachMethod.VIA_TREATMENT_TEAM, 1),
                        (OutreachMethod.VIA_NETWORK, 1),
                    )
                ),
                "reached": rng.chance(reached),
                "note": rng.choice(bc.OUTREACH_NOTES),
                "created_by_id": life.worker_at(tick).pk,
                "created_at": tick,
            }
        )
    return attempts
