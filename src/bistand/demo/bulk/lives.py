"""Participants' lives, one team at a time, without the database.

A life is what happened to one participant: referrals and their decisions, every status
change (along `people.enums.TRANSITIONS`), who their job specialist was when, consents, and
the jobs they got (with the employer). The stories are the story demo's (`demo.plan`): the
same steps, gaps in working days and texts, in national proportions over five years, where
closed participants (ended, declined, withdrawn) accumulate. Every step that writes rows
(`people`, `casework`, `jobs`, `employers`, `placements`) reads the lives; none
draws the story again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bistand.demo import catalogue as c
from bistand.demo.identity import email_local_part, mobile_number, pseudonym, synthetic_identity_number
from bistand.people.enums import (
    TRANSITIONS,
    ConsentKind,
    Decision,
    DeclineReason,
    EndReason,
    PreferredLanguage,
    ReferralSource,
    Status,
)

from . import catalogue as bc
from .context import DAY, Context, spread
from .employers import EmployerRef
from .world import Staff, TeamSpec


class Change(NamedTuple):
    tick: int
    from_status: str
    to_status: str
    actor: Staff
    reason: str
    note: str


@dataclass(eq=False)
class ReferralSpec:
    received_on: datetime.date
    tick: int  # registered
    registrar: Staff
    source: str
    referrer_name: str
    referrer_unit: str
    note: str
    decision: str = Decision.PENDING
    decided_tick: int | None = None
    decided_by: Staff | None = None
    decline_reason: str = ""
    decision_note: str = ""


@dataclass(eq=False)
class AssignmentSpec:
    specialist: Staff
    start: int
    by: Staff
    end: int | None = None


@dataclass(eq=False)
class ConsentSpec:
    kind: str
    tick: int
    recorded_by: Staff
    scope_note: str
    withdrawn_tick: int | None = None
    withdrawn_by: Staff | None = None
    withdrawal_note: str = ""


@dataclass(eq=False)
class Job:
    """A spell in work: from the status change to in_job until the next status change.
    What a placement is made of (placements.Placement, with `lead` as its job lead)."""

    start: int
    job: str  # a key of bulk.catalogue.JOB_TITLES
    percent: int
    employer: EmployerRef | None
    end: int | None = None  # None: still in the job at the end of the history
    lead: int | None = None  # the job lead that ended in "hired" (set by jobs.write_leads)


@dataclass(eq=False)
class Life:
    team: TeamSpec
    outcome: str  # what the story was written to end in: open, ended, pending, declined, withdrawn
    service_model: str
    wish: tuple[str, tuple[str, ...]]  # the referral note and the jobs that fit it
    person: dict[str, Any]  # participant fields; "kommune" is a kommune number
    changes: list[Change] = field(default_factory=list)
    referrals: list[ReferralSpec] = field(default_factory=list)
    assignments: list[AssignmentSpec] = field(default_factory=list)
    consents: list[ConsentSpec] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    updated_tick: int = 0
    specialist: Staff | None = None
    pk: int | None = None
    _periods: tuple[int, list[tuple[str, int, int]]] | None = field(default=None, repr=False)

    @property
    def status(self) -> str:
        return self.changes[-1].to_status

    @property
    def created_tick(self) -> int:
        return self.changes[0].tick

    def periods(self, end_tick: int) -> list[tuple[str, int, int]]:
        """(status, from tick, to tick) for every status the participant had; the current one
        runs to `end_tick` (inclusive)."""
        if self._periods is None or self._periods[0] != end_tick:
            out = []
            for this, following in zip(self.changes, [*self.changes[1:], None], strict=True):
                out.append((this.to_status, this.tick, following.tick if following else end_tick + 1))
            self._periods = (end_tick, out)
        return self._periods[1]

    def specialist_at(self, tick: int) -> Staff | None:
        for a in self.assignments:
            if a.start <= tick and (a.end is None or tick < a.end):
                return a.specialist
        return None

    def worker_at(self, tick: int) -> Staff:
        """Who writes what happens at `tick`: the specialist, or the team leader before one is assigned."""
        return self.specialist_at(tick) or self.team.leader


class _Step:
    __slots__ = ("actor", "args", "kind", "offset")

    def __init__(self, offset: int, kind: str, actor: Staff | None, args: dict[str, Any]) -> None:
        self.offset, self.kind, self.actor, self.args = offset, kind, actor, args


class _Script:
    """A story's steps as gaps in working days, before the story is placed in time."""

    def __init__(self, wish: tuple[str, tuple[str, ...]]) -> None:
        self.wish = wish
        self.steps: list[_Step] = []
        self.offset = 0
        self.consents: set[str] = set()
        self.main_start = 0  # index of the step where the last referral begins

    def add(self, kind: str, gap: int = 0, actor: Staff | None = None, /, **args: Any) -> None:
        self.offset += gap
        self.steps.append(_Step(self.offset, kind, actor, args))


class _Simulator:
    def __init__(self, ctx: Context, team: TeamSpec) -> None:
        self.ctx, self.team = ctx, team
        self.cal = ctx.calendar
        self.rng = ctx.rng("lives", team.index)
        self.geo = ctx.geo
        self.nynorsk = bc.NYNORSK_SHARE.get(team.fylke, bc.NYNORSK_ELSEWHERE)

    # --- the team's participants ----------------------------------------------------------------
    def run(self) -> list[Life]:
        rng, team = self.rng, self.team
        outcomes = spread(rng, bc.OUTCOMES, team.participants)
        n_open = outcomes.count("open")
        by_fte = [
            (s, float(fte) * rng.uniform(*bc.CASELOAD_SPREAD))
            for s, fte in zip(team.specialists, team.ftes, strict=True)
        ]
        open_statuses = iter(spread(rng, bc.OPEN_STATUSES, n_open))
        open_owners = iter(spread(rng, by_fte, n_open))
        ended_owners = iter(spread(rng, by_fte, outcomes.count("ended")))
        lives, waiting_long = [], True
        for outcome in outcomes:
            if outcome == "open":
                lives.append(self._open(next(open_owners), next(open_statuses)))
            elif outcome == "ended":
                lives.append(self._ended(next(ended_owners)))
            elif outcome == "pending":
                lives.append(self._pending(waiting_long=waiting_long))
                waiting_long = False
            elif outcome == "declined":
                lives.append(self._declined())
            else:
                lives.append(self._withdrawn())
        return lives

    def _open(self, owner: Staff, status: str) -> Life:
        first = self._first_specialist(owner)
        s = self._script()
        if status != Status.ACCEPTED and self.rng.chance(bc.PREQUEL_SHARE):
            self._prequel(s, first)
        registrar = self._register(s, first, again=bool(s.steps))
        self._accept(s, first, registrar)
        if status != Status.ACCEPTED:
            self._active(s)
        if status in (Status.JOB_SEARCH, Status.IN_JOB):
            self._job_search(s)
            if status == Status.IN_JOB:
                self._job(s)
                if self.rng.chance(0.25):
                    self._job_lost(s)
                    self._job(s, longest=80)
            elif self.rng.chance(0.25):
                self._job(s)
                self._job_lost(s)
            self._afterwards(s)
        return self._place(s, "open", slack=bc.OPEN_SLACK[status], first=first, owner=owner)

    def _ended(self, owner: Staff) -> Life:
        rng = self.rng
        first = self._first_specialist(owner)
        s = self._script()
        if rng.chance(bc.PREQUEL_SHARE):
            self._prequel(s, first)
        registrar = self._register(s, first, again=bool(s.steps))
        self._accept(s, first, registrar)
        if rng.chance(0.05):  # never got started
            self._end(s, rng.randint(5, 30), ((EndReason.PARTICIPANT_WISH, 1), (EndReason.NO_CONTACT, 1)))
        else:
            self._active(s)
            if rng.chance(0.62):
                self._job_search(s)
                self._job(s)
                if rng.chance(0.25):
                    self._job_lost(s)
                    self._job(s, longest=80)
                self._end(s, rng.randint(20, 300), c.END_REASONS_AFTER_JOB)
            else:
                if rng.chance(0.6):
                    self._job_search(s)
                self._end(s, rng.randint(10, 150), c.END_REASONS_WITHOUT_JOB)
        return self._place(s, "ended", slack=None, first=first, owner=owner)

    def _pending(self, *, waiting_long: bool) -> Life:
        s = self._script()
        self._register(s, self._undecided_registrar())
        low, high = (15, 25) if waiting_long else (0, 12)
        return self._place(s, "pending", slack=high, least_slack=low)

    def _declined(self) -> Life:
        rng, team = self.rng, self.team
        s = self._script()
        registrar = self._register(s, self._undecided_registrar())
        reason = rng.pick(c.DECLINE_REASONS)
        kommune = rng.choice(team.outside) if reason == DeclineReason.OUTSIDE_AREA and team.outside else None
        name = self.geo.name(kommune) if kommune else ""
        note = rng.choice(c.DECLINE_NOTES[reason]).format(kommune=name)
        decider = team.leader if registrar is team.leader or rng.chance(0.6) else registrar
        s.add("decline", rng.randint(1, 10), decider, reason=reason, note=note)
        return self._place(s, "declined", slack=None, kommune=kommune)

    def _withdrawn(self) -> Life:
        s = self._script()
        registrar = self._register(s, self._undecided_registrar())
        s.add("withdraw", self.rng.randint(1, 15), registrar, note=self.rng.choice(c.WITHDRAW_NOTES))
        return self._place(s, "withdrawn", slack=None)

    # --- story building blocks (as demo.plan) -----------------------------------------------------
    def _script(self) -> _Script:
        return _Script(self.rng.choice(c.JOB_WISHES))

    def _first_specialist(self, owner: Staff) -> Staff:
        """Usually the owner from the start; sometimes someone else first, then a reassignment."""
        others = [m for m in self.team.specialists if m is not owner]
        return self.rng.choice(others) if others and self.rng.chance(0.08) else owner

    def _undecided_registrar(self) -> Staff | None:
        return self.rng.choice(self.team.specialists) if self.rng.chance(0.5) else None

    def _register(self, s: _Script, specialist: Staff | None, *, again: bool = False) -> Staff:
        """The referral is registered by the specialist, or by the team leader with or without
        a specialist (then it waits in the team's intake queue)."""
        rng, leader = self.rng, self.team.leader
        mode = rng.random()
        if specialist is not None and mode < 0.7:
            registrar, assigned = specialist, specialist
        elif specialist is not None and mode < 0.85:
            registrar, assigned = leader, specialist
        else:
            registrar, assigned = leader, None
        s.main_start = len(s.steps)
        s.add(
            "register",
            0,
            registrar,
            specialist=assigned,
            again=again,
            source=rng.pick(self.team.kind.sources),
            lag=rng.randint(0, 2),
        )
        return registrar

    def _accept(self, s: _Script, specialist: Staff, registrar: Staff) -> None:
        rng, leader = self.rng, self.team.leader
        acceptor = leader if registrar is leader and rng.chance(0.5) else specialist
        s.add("accept", rng.randint(1, 8), acceptor, specialist=specialist, note=rng.choice(c.ACCEPT_NOTES))
        source = s.steps[s.main_start].args["source"]
        self._consent(s, ConsentKind.PROCESSING, specialist)
        if rng.chance(0.85 if source == ReferralSource.NAV else 0.4):
            self._consent(s, ConsentKind.SHARE_WITH_NAV, specialist)
        if rng.chance(0.55):
            self._consent(s, ConsentKind.RESEARCH, specialist)

    def _consent(self, s: _Script, kind: str, actor: Staff | None = None) -> None:
        if kind in s.consents:
            return
        s.consents.add(kind)
        note = self.rng.choice(c.CONSENT_DISCLOSURE_NOTES) if kind == ConsentKind.DISCLOSE_TO_EMPLOYERS else ""
        s.add("consent", 0, actor, kind=kind, scope_note=note)

    def _status(self, s: _Script, gap: int, to_status: str, note: str = "", reason: str = "", **extra: Any) -> None:
        s.add("status", gap, None, to_status=to_status, reason=reason, note=note, **extra)

    def _active(self, s: _Script) -> None:
        self._status(s, self.rng.randint(1, 8), Status.ACTIVE, self.rng.choice(c.STATUS_NOTES[Status.ACTIVE]))

    def _job_search(self, s: _Script) -> None:
        rng = self.rng
        note = rng.choice(c.STATUS_NOTES[Status.JOB_SEARCH]).format(job=rng.choice(s.wish[1]))
        # IPS: rapid job search, within about a month of starting.
        self._status(s, rng.randint(3, 25), Status.JOB_SEARCH, note)
        if rng.chance(0.65):
            self._consent(s, ConsentKind.DISCLOSE_TO_EMPLOYERS)

    def _job(self, s: _Script, longest: int = 120) -> None:
        rng = self.rng
        job = rng.choice(s.wish[1] if rng.chance(0.75) else c.ALL_JOBS)
        percent = rng.choice(c.JOB_PERCENTS)
        note = rng.choice(c.STATUS_NOTES[Status.IN_JOB]).format(job=job, percent=percent)
        self._status(s, rng.randint(10, longest), Status.IN_JOB, note, job=job, percent=percent)

    def _job_lost(self, s: _Script) -> None:
        self._status(s, self.rng.randint(20, 150), Status.JOB_SEARCH, self.rng.choice(c.JOB_LOST_NOTES))

    def _end(self, s: _Script, gap: int, reasons: c.Weighted) -> None:
        reason = self.rng.pick(reasons)
        self._status(s, gap, Status.ENDED, self.rng.choice(c.END_NOTES[reason]), reason=reason)

    def _afterwards(self, s: _Script) -> None:
        rng = self.rng
        if ConsentKind.RESEARCH in s.consents and rng.chance(0.08):
            note = rng.choice(c.CONSENT_WITHDRAWAL_NOTES)
            s.add("consent_withdraw", rng.randint(5, 80), None, kind=ConsentKind.RESEARCH, note=note)
        if rng.chance(0.10):
            s.add("update", rng.randint(5, 60), None, data=self._contact_update())

    def _contact_update(self) -> dict[str, str]:
        if self.rng.chance(0.5):
            return {"phone": mobile_number(self.rng)}
        return {"address": self._street_address()}

    def _prequel(self, s: _Script, specialist: Staff) -> None:
        """An earlier referral that came to nothing; the person is referred again later."""
        rng, leader = self.rng, self.team.leader
        registrar = self._register(s, specialist)
        roll = rng.random()
        if roll < 0.4:
            reason = rng.pick(((DeclineReason.NOT_REACHED, 2), (DeclineReason.NO_WISH_TO_WORK, 1)))
            s.add("decline", rng.randint(5, 15), leader, reason=reason, note=rng.choice(c.DECLINE_NOTES[reason]))
        elif roll < 0.6:
            s.add("withdraw", rng.randint(2, 15), registrar, note=rng.choice(c.WITHDRAW_NOTES))
        else:
            self._accept(s, specialist, registrar)
            self._active(s)
            self._end(
                s,
                rng.randint(20, 120),
                ((EndReason.PARTICIPANT_WISH, 2), (EndReason.NO_CONTACT, 2), (EndReason.HEALTH, 1)),
            )
        s.offset += rng.randint(40, 200)

    # --- placing a story in time and replaying it ----------------------------------------------------
    def _place(
        self,
        s: _Script,
        outcome: str,
        *,
        slack: int | None,
        least_slack: int = 0,
        first: Staff | None = None,
        owner: Staff | None = None,
        kommune: str | None = None,
    ) -> Life:
        """Puts the story in time: an open or pending one so that its last step falls up to
        `slack` working days before the end of the history, a closed one anywhere in it."""
        rng = self.rng
        steps = s.steps
        if owner is not None and first is not owner:
            steps = self._reassign(s, first, owner, after_last=20 if outcome == "open" else 0)
        last = self.cal.last
        span = steps[-1].offset
        if span > last:  # longer than the history: squeeze the gaps
            for step in steps:
                step.offset = step.offset * last // span
            span = last
        if slack is None:
            start = rng.randint(0, last - span)
        else:
            start = last - span - rng.randint(least_slack, max(least_slack, min(slack, last - span)))
            start = max(0, start)
        model = rng.pick(self.team.kind.service_models)
        referred = self.cal.date(start + s.steps[s.main_start].offset)
        life = Life(self.team, outcome, model, s.wish, self._person(model, referred, kommune))
        self._replay(life, steps, start)
        return life

    def _reassign(self, s: _Script, first: Staff, owner: Staff, *, after_last: int) -> list[_Step]:
        """The team leader hands the participant from `first` to `owner` some time after the
        last referral was accepted (and, for a closed story, before it ended)."""
        steps = s.steps
        accepted = next(i for i in range(s.main_start, len(steps)) if steps[i].kind == "accept")
        low = steps[accepted].offset + 1
        offset = self.rng.randint(low, max(low, steps[-1].offset + after_last))
        at = next((i for i in range(accepted + 1, len(steps)) if steps[i].offset >= offset), len(steps))
        return [*steps[:at], _Step(offset, "reassign", self.team.leader, {"specialist": owner}), *steps[at:]]

    def _ticks(self, steps: list[_Step], start: int) -> list[int]:
        """A time in working hours for each step, in order; steps on the same day keep their order."""
        ticks: list[int] = []
        i = 0
        while i < len(steps):
            day = start + steps[i].offset
            j = i
            while j < len(steps) and start + steps[j].offset == day:
                j += 1
            length = self.cal.length[day]
            ticks += sorted(day * DAY + self.rng.randrange(length) for _ in range(j - i))
            i = j
        return ticks

    def _replay(self, life: Life, steps: list[_Step], start: int) -> None:
        rng, team, cal = self.rng, self.team, self.cal
        status = ""
        current: Staff | None = None  # the participant's job specialist
        referral: ReferralSpec | None = None
        consents: dict[str, ConsentSpec] = {}
        person = life.person

        def change(tick: int, to_status: str, actor: Staff, reason: str = "", note: str = "") -> None:
            nonlocal status
            legal = to_status in TRANSITIONS.get(status, ()) or (
                to_status == Status.REFERRED and status in ("", Status.DECLINED, Status.WITHDRAWN, Status.ENDED)
            )
            assert legal, f"{status or 'nothing'} -> {to_status}"
            life.changes.append(Change(tick, status, to_status, actor, reason, note))
            if life.jobs and life.jobs[-1].end is None and status == Status.IN_JOB:
                life.jobs[-1].end = tick
            status = to_status

        def assign(specialist: Staff | None, tick: int, by: Staff) -> None:
            """What people.services._assign does: end the current assignment, start the new one."""
            nonlocal current
            if life.assignments and life.assignments[-1].end is None:
                life.assignments[-1].end = tick
            if specialist is not None:
                life.assignments.append(AssignmentSpec(specialist, tick, by))
            current = specialist

        for step, tick in zip(steps, self._ticks(steps, start), strict=True):
            a = step.args
            actor = step.actor or current or team.leader
            kind = step.kind
            if kind == "register":
                source = a["source"]
                units = bc.UNITS.get(source, ())
                unit = (
                    rng.choice(units).format(kommune=self._unit_place(person), fylke=team.org.fylke_name)
                    if units
                    else ""
                )
                referral = ReferralSpec(
                    received_on=cal.date(tick // DAY - a["lag"]),
                    tick=tick,
                    registrar=actor,
                    source=source,
                    referrer_name="" if source == ReferralSource.SELF else rng.choice(self.ctx.pools.full_names),
                    referrer_unit=unit,
                    note=life.wish[0],
                )
                life.referrals.append(referral)
                change(tick, Status.REFERRED, actor)
                if a["specialist"] is not None:
                    assign(a["specialist"], tick, actor)
                else:
                    current = None  # the referral waits in the team's intake queue
            elif kind in ("accept", "decline", "withdraw"):
                assert referral is not None and referral.decision == Decision.PENDING
                if kind == "accept" and a["specialist"] is not current:
                    assign(a["specialist"], tick, actor)
                decision, to_status = {
                    "accept": (Decision.ACCEPTED, Status.ACCEPTED),
                    "decline": (Decision.DECLINED, Status.DECLINED),
                    "withdraw": (Decision.WITHDRAWN, Status.WITHDRAWN),
                }[kind]
                referral.decision, referral.decided_tick, referral.decided_by = decision, tick, actor
                referral.decline_reason = a.get("reason", "")
                referral.decision_note = a["note"]
                change(tick, to_status, actor, note=a["note"])
            elif kind == "status":
                change(tick, a["to_status"], actor, a["reason"], a["note"])
                if a["to_status"] == Status.IN_JOB:
                    employer = self.ctx.employers.pick(rng, team.org.index, person["kommune"], tick // DAY)
                    life.jobs.append(Job(tick, a["job"], a["percent"], employer))
            elif kind == "consent":
                consents[a["kind"]] = ConsentSpec(a["kind"], tick, actor, a["scope_note"])
                life.consents.append(consents[a["kind"]])
            elif kind == "consent_withdraw":
                consent = consents[a["kind"]]
                consent.withdrawn_tick, consent.withdrawn_by, consent.withdrawal_note = tick, actor, a["note"]
            elif kind == "reassign":
                if a["specialist"] is not current:
                    assign(a["specialist"], tick, actor)
            elif kind == "update":
                person.update(a["data"])
                life.updated_tick = tick
        life.specialist = current
        life.updated_tick = max(life.updated_tick, life.changes[-1].tick)

    # --- the people -------------------------------------------------------------------------------
    def _unit_place(self, person: dict[str, Any]) -> str:
        return self.team.place if person["kommune"] == self.team.area[0][0] else self.geo.name(person["kommune"])

    def _street_address(self) -> str:
        rng = self.rng
        letter = rng.choice("ABCD") if rng.chance(0.15) else ""
        return f"{rng.choice(self.ctx.pools.streets)} {rng.randint(1, 120)}{letter}"

    def _person(self, service_model: str, referred: datetime.date, kommune: str | None) -> dict[str, Any]:
        rng, ctx, pools = self.rng, self.ctx, self.ctx.pools
        kommune = kommune or rng.pick(self.team.area)
        female = rng.chance(0.5)
        background = "norwegian"
        if kommune in bc.SAMI_KOMMUNER and rng.chance(0.6):
            background = "sami"
        elif rng.chance(0.06):
            background = "polish"
        elif rng.chance(0.10):
            background = "other"
        if background == "sami":
            first = rng.choice(c.SAMI_FIRST_NAMES_FEMALE if female else c.SAMI_FIRST_NAMES_MALE)
            last = rng.choice(c.SAMI_LAST_NAMES)
        elif background == "polish":
            first, last = rng.choice(pools.polish_female if female else pools.polish_male)
        elif background == "other":
            first = rng.choice(c.OTHER_FIRST_NAMES_FEMALE if female else c.OTHER_FIRST_NAMES_MALE)
            last = rng.choice(c.OTHER_LAST_NAMES)
        else:
            first = rng.choice(pools.female if female else pools.male)
            last = rng.choice(pools.last)
        low, high = c.AGE_RANGES[service_model]
        birth_date: datetime.date | None = referred - datetime.timedelta(
            days=rng.randint(low * 365 + 1, high * 365 + 300)
        )
        national_id = None
        if rng.chance(0.7):
            d_number = background in ("polish", "other") and rng.chance(0.4)
            while national_id is None or national_id in ctx.used_ids:
                national_id = synthetic_identity_number(birth_date, female=female, rng=rng, d_number=d_number)
            ctx.used_ids.add(national_id)
        elif rng.chance(0.5):
            birth_date = None
        language = PreferredLanguage.NB
        if background == "sami" and rng.chance(0.5):
            language = PreferredLanguage.SE
        elif background in ("polish", "other"):
            language = rng.pick(((PreferredLanguage.NB, 55), (PreferredLanguage.EN, 25), (PreferredLanguage.OTHER, 20)))
        elif rng.chance(self.nynorsk):
            language = PreferredLanguage.NN
        email = ""
        if rng.chance(0.65):
            digits = str(rng.randint(1, 99)) if rng.chance(0.4) else ""
            email = f"{email_local_part(first, last)}{digits}@{rng.choice(c.PARTICIPANT_EMAIL_DOMAINS)}"
        code = pseudonym(rng)
        while code in ctx.used_pseudonyms:
            code = pseudonym(rng)
        ctx.used_pseudonyms.add(code)
        return {
            "first_name": first,
            "last_name": last,
            "national_id": national_id,
            "birth_date": birth_date,
            "phone": mobile_number(rng) if rng.chance(0.9) else "",
            "email": email,
            "address": self._street_address() if rng.chance(0.85) else "",
            "kommune": kommune,
            "preferred_language": language,
            "pseudonym": code,
        }


def simulate_team(ctx: Context, team: TeamSpec) -> list[Life]:
    """The lives of every participant the team has had, drawn from the team's own seed."""
    return _Simulator(ctx, team).run()
