"""The demo world as a plan: who works where, and every participant's story as dated steps.

Planning touches no database. Every random choice comes from one `random.Random(seed)` and
two Faker instances seeded from the same seed, drawn in a fixed order, so the same seed,
end date, scale and Faker version give the same plan. `load.py` replays the plan through
the services, in time order, under a simulated clock.

A story is written as steps separated by gaps in working days (weekdays that are not
Norwegian public holidays), then placed so that it ends before the history does: a
participant who is in a job today was referred long enough ago to have got there.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from faker import Faker

from bistand.accounts.enums import Role
from bistand.people.enums import ConsentKind, DeclineReason, EndReason, PreferredLanguage, ReferralSource, Status
from bistand.reference.loaders import read_csv

from . import catalogue as c
from .catalogue import OrganisationTemplate, TeamTemplate, Weighted
from .identity import email_local_part, mobile_number, pseudonym, synthetic_identity_number

HISTORY_WORKDAYS = 760  # about three years of working days
DAY_STARTS = datetime.time(8, 0)
DAY_ENDS = datetime.time(15, 30)


# --- Working days -------------------------------------------------------------------------
def _easter(year: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c_ = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c_, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _holidays(year: int) -> frozenset[datetime.date]:
    easter = _easter(year)
    moving = (-3, -2, 1, 39, 50)  # Maundy Thursday, Good Friday, Easter Monday, Ascension, Whit Monday
    fixed = ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26))
    return frozenset(
        [easter + datetime.timedelta(days=n) for n in moving] + [datetime.date(year, m, d) for m, d in fixed]
    )


def is_workday(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def history_end(until: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """When the demo history ends: `until` at the end of the working day, or the present
    moment when `until` is today and the working day has begun. Never later than `now`."""
    local_now = timezone.localtime(now)
    day, closes = until, DAY_ENDS
    if day >= local_now.date():
        day = local_now.date()
        if local_now.time() < datetime.time(8, 30):
            day -= datetime.timedelta(days=1)
        else:
            closes = min(DAY_ENDS, local_now.time().replace(microsecond=0))
    while not is_workday(day):
        day, closes = day - datetime.timedelta(days=1), DAY_ENDS
    return timezone.make_aware(datetime.datetime.combine(day, closes))


# --- The plan ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Seat:
    """One membership: a role in an organisation, and for team roles, in a team."""

    role: str
    organisation: int  # index into Plan.organisations
    team: int | None  # index into Plan.teams
    fte: Decimal = Decimal("1.0")


@dataclass(eq=False)
class StaffMember:
    first_name: str
    last_name: str
    email: str
    seats: list[Seat] = field(default_factory=list)


@dataclass(eq=False)
class TeamPlan:
    organisation: int  # index into Plan.organisations
    index: int  # index into Plan.teams
    name: str
    template: TeamTemplate
    leader: StaffMember
    specialists: list[StaffMember] = field(default_factory=list)


@dataclass(eq=False)
class Step:
    """One thing that happens to a participant, done by `actor` through a service.

    kind: register, accept, decline, withdraw, status, consent, consent_withdraw, reassign,
    update (see load.py). `actor` None until placed: the participant's specialist then.
    """

    kind: str
    actor: StaffMember | None
    args: dict[str, Any]
    offset: int  # working days after the story's first step
    at: datetime.datetime | None = None


@dataclass(eq=False)
class Story:
    team: TeamPlan
    person: dict[str, Any]  # participant fields; "kommune" is a kommune number
    steps: list[Step]
    outcome: str  # what the story was written to end in: open, ended, pending, declined, withdrawn


@dataclass
class Plan:
    seed: int
    end: datetime.datetime
    first_day: datetime.date
    organisations: list[OrganisationTemplate]
    teams: list[TeamPlan]
    staff: list[StaffMember]
    stories: list[Story]

    @property
    def staff_joined_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.first_day, datetime.time(7, 30)))

    def kommune_numbers(self) -> set[str]:
        return {s.person["kommune"] for s in self.stories}

    def timeline(self) -> list[tuple[Story, Step]]:
        """Every step of every story, in the order they happen."""
        rows = [
            (step.at, i, j, story, step) for i, story in enumerate(self.stories) for j, step in enumerate(story.steps)
        ]
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        return [(story, step) for _, _, _, story, step in rows]


def build_plan(
    *,
    seed: int,
    until: datetime.date,
    now: datetime.datetime,
    scale: int = 1,
    organisations: Sequence[OrganisationTemplate] = c.ORGANISATIONS,
) -> Plan:
    """The demo world ending at `until` (never after `now`). `organisations` lets a test
    load a part of the world; the first team's first specialist carries the overload."""
    return _Planner(seed=seed, until=until, now=now).build(scale=scale, organisations=organisations)


class _Script:
    """A story's steps as gaps in working days, before the story is placed in time."""

    def __init__(self, wish: tuple[str, tuple[str, ...]]) -> None:
        self.wish_note, self.wished_jobs = wish
        self.steps: list[Step] = []
        self.offset = 0
        self.consents: set[str] = set()
        self.main_start = 0  # index of the step where the last referral begins

    def add(self, kind: str, gap: int = 0, actor: StaffMember | None = None, /, **args: Any) -> Step:
        self.offset += gap
        step = Step(kind, actor, args, self.offset)
        self.steps.append(step)
        return step


class _Planner:
    def __init__(self, *, seed: int, until: datetime.date, now: datetime.datetime) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.fake = Faker("no_NO")
        self.fake.seed_instance(seed)
        self.fake_pl = Faker("pl_PL")
        self.fake_pl.seed_instance(seed + 1)
        self.end = history_end(until, now)
        self.workdays = self._workdays_until(timezone.localtime(self.end).date())
        self.kommune_names = {r["number"]: r["name"] for r in read_csv("kommuner.csv")}
        self.used_emails: set[str] = set()
        self.used_ids: set[str] = set()
        self.used_pseudonyms: set[str] = set()

    @staticmethod
    def _workdays_until(last: datetime.date) -> list[datetime.date]:
        days: list[datetime.date] = []
        day = last
        while len(days) < HISTORY_WORKDAYS:
            if is_workday(day):
                days.append(day)
            day -= datetime.timedelta(days=1)
        return days[::-1]

    # --- helpers ---------------------------------------------------------------------------
    def pick(self, weighted: Weighted) -> str:
        values, weights = zip(*weighted, strict=True)
        return self.rng.choices(values, weights)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    # --- staff -----------------------------------------------------------------------------
    def _staff_member(self, org: OrganisationTemplate, staff: list[StaffMember]) -> StaffMember:
        female = self.chance(0.7)  # most job specialists in Norway are women
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        last = self.fake.last_name()
        local = email_local_part(first, last)
        email, n = f"{local}@{org.email_domain}", 2
        while email in self.used_emails:
            email, n = f"{local}{n}@{org.email_domain}", n + 1
        self.used_emails.add(email)
        member = StaffMember(first, last, email)
        staff.append(member)
        return member

    def _organisation(
        self, index: int, org: OrganisationTemplate, scale: int, teams: list[TeamPlan], staff: list[StaffMember]
    ) -> None:
        for copy in range(scale):
            for template in org.teams:
                team_index = len(teams)
                leader = self._staff_member(org, staff)
                lead_fte = Decimal("1.0") - (template.leader_fte_as_specialist or 0)
                leader.seats.append(Seat(Role.TEAM_LEADER, index, team_index, lead_fte))
                name = template.name if copy == 0 else f"{template.name} {copy + 1}"
                team = TeamPlan(index, team_index, name, template, leader)
                for fte in template.specialist_ftes:
                    specialist = self._staff_member(org, staff)
                    specialist.seats.append(Seat(Role.JOB_SPECIALIST, index, team_index, fte))
                    team.specialists.append(specialist)
                if template.leader_fte_as_specialist:
                    leader.seats.append(Seat(Role.JOB_SPECIALIST, index, team_index, template.leader_fte_as_specialist))
                    team.specialists.append(leader)
                teams.append(team)
        for role in (Role.PROGRAM_MANAGER, Role.RESEARCHER, Role.ADMINISTRATOR):
            self._staff_member(org, staff).seats.append(Seat(role, index, None))

    # --- the people in the stories ---------------------------------------------------------
    def _person(self, team: TeamPlan, service_model: str, referred: datetime.date, kommune: str | None) -> dict:
        t = team.template
        kommune = kommune or self.pick(t.kommuner)
        female = self.chance(0.5)
        background = "norwegian"
        if kommune in t.sami_kommuner and self.chance(0.6):
            background = "sami"
        elif self.chance(0.06):
            background = "polish"
        elif self.chance(0.10):
            background = "other"
        if background == "sami":
            first = self.rng.choice(c.SAMI_FIRST_NAMES_FEMALE if female else c.SAMI_FIRST_NAMES_MALE)
            last = self.rng.choice(c.SAMI_LAST_NAMES)
        elif background == "polish":
            first = self.fake_pl.first_name_female() if female else self.fake_pl.first_name_male()
            last = self.fake_pl.last_name_female() if female else self.fake_pl.last_name_male()
        elif background == "other":
            first = self.rng.choice(c.OTHER_FIRST_NAMES_FEMALE if female else c.OTHER_FIRST_NAMES_MALE)
            last = self.rng.choice(c.OTHER_LAST_NAMES)
        else:
            first = self.fake.first_name_female() if female else self.fake.first_name_male()
            last = self.fake.last_name()
        low, high = c.AGE_RANGES[service_model]
        birth_date = referred - datetime.timedelta(days=self.between(low * 365 + 1, high * 365 + 300))
        national_id = None
        if self.chance(0.7):
            d_number = background in ("polish", "other") and self.chance(0.4)
            while national_id is None or national_id in self.used_ids:
                national_id = synthetic_identity_number(birth_date, female=female, rng=self.rng, d_number=d_number)
            self.used_ids.add(national_id)
        elif self.chance(0.5):
            birth_date = None
        language = PreferredLanguage.NB
        if background == "sami" and self.chance(0.5):
            language = PreferredLanguage.SE
        elif background in ("polish", "other"):
            language = self.pick(
                ((PreferredLanguage.NB, 55), (PreferredLanguage.EN, 25), (PreferredLanguage.OTHER, 20))
            )
        elif self.chance(t.nynorsk_share):
            language = PreferredLanguage.NN
        email = ""
        if self.chance(0.65):
            digits = str(self.between(1, 99)) if self.chance(0.4) else ""
            email = f"{email_local_part(first, last)}{digits}@{self.rng.choice(c.PARTICIPANT_EMAIL_DOMAINS)}"
        code = pseudonym(self.rng)
        while code in self.used_pseudonyms:
            code = pseudonym(self.rng)
        self.used_pseudonyms.add(code)
        return {
            "first_name": first,
            "last_name": last,
            "national_id": national_id,
            "birth_date": birth_date,
            "phone": mobile_number(self.rng) if self.chance(0.9) else "",
            "email": email,
            "address": self._street_address() if self.chance(0.85) else "",
            "kommune": kommune,
            "preferred_language": language,
            "service_model": service_model,
            "pseudonym": code,
        }

    def _street_address(self) -> str:
        letter = self.rng.choice("ABCD") if self.chance(0.15) else ""
        return f"{self.fake.street_name()} {self.between(1, 120)}{letter}"

    def _referral_data(self, team: TeamPlan, note: str) -> dict:
        source = self.pick(team.template.sources)
        units = team.template.units.get(source, ())
        return {
            "source": source,
            "referrer_name": "" if source == ReferralSource.SELF else self.fake.name(),
            "referrer_unit": self.rng.choice(units) if units else "",
            "note": note,
        }

    # --- story building blocks -------------------------------------------------------------
    def _register(
        self, s: _Script, team: TeamPlan, specialist: StaffMember | None, *, again: bool = False
    ) -> StaffMember:
        """The referral is registered by the specialist, or by the team leader with or without
        a specialist (then it waits in the team's intake queue)."""
        mode = self.rng.random()
        if specialist is not None and mode < 0.7:
            registrar, assigned = specialist, specialist
        elif specialist is not None and mode < 0.85:
            registrar, assigned = team.leader, specialist
        else:
            registrar, assigned = team.leader, None
        s.main_start = len(s.steps)
        s.add(
            "register",
            0,
            registrar,
            specialist=assigned,
            again=again,
            referral=self._referral_data(team, s.wish_note),
            received_lag=self.between(0, 2),
        )
        return registrar

    def _accept(self, s: _Script, team: TeamPlan, specialist: StaffMember, registrar: StaffMember) -> None:
        acceptor = team.leader if registrar is team.leader and self.chance(0.5) else specialist
        note = self.rng.choice(c.ACCEPT_NOTES)
        s.add("accept", self.between(1, 8), acceptor, specialist=specialist, note=note)
        referral = s.steps[s.main_start].args["referral"]
        self._consent(s, ConsentKind.PROCESSING, specialist)
        if self.chance(0.85 if referral["source"] == ReferralSource.NAV else 0.4):
            self._consent(s, ConsentKind.SHARE_WITH_NAV, specialist)
        if self.chance(0.55):
            self._consent(s, ConsentKind.RESEARCH, specialist)

    def _consent(self, s: _Script, kind: str, actor: StaffMember | None = None) -> None:
        if kind in s.consents:
            return
        s.consents.add(kind)
        note = self.rng.choice(c.CONSENT_DISCLOSURE_NOTES) if kind == ConsentKind.DISCLOSE_TO_EMPLOYERS else ""
        s.add("consent", 0, actor, kind=kind, scope_note=note)

    def _status(self, s: _Script, gap: int, to_status: str, note: str = "", reason: str = "") -> None:
        s.add("status", gap, None, to_status=to_status, reason=reason, note=note)

    def _active(self, s: _Script) -> None:
        self._status(s, self.between(1, 8), Status.ACTIVE, self.rng.choice(c.STATUS_NOTES[Status.ACTIVE]))

    def _job_search(self, s: _Script) -> None:
        note = self.rng.choice(c.STATUS_NOTES[Status.JOB_SEARCH]).format(job=self.rng.choice(s.wished_jobs))
        # IPS: rapid job search, within about a month of starting.
        self._status(s, self.between(3, 25), Status.JOB_SEARCH, note)
        if self.chance(0.65):
            self._consent(s, ConsentKind.DISCLOSE_TO_EMPLOYERS)

    def _job(self, s: _Script, longest: int = 120) -> None:
        note = self.rng.choice(c.STATUS_NOTES[Status.IN_JOB]).format(
            job=self.rng.choice(s.wished_jobs if self.chance(0.75) else c.ALL_JOBS),
            percent=self.rng.choice(c.JOB_PERCENTS),
        )
        self._status(s, self.between(10, longest), Status.IN_JOB, note)

    def _job_lost(self, s: _Script) -> None:
        self._status(s, self.between(20, 150), Status.JOB_SEARCH, self.rng.choice(c.JOB_LOST_NOTES))

    def _end(self, s: _Script, gap: int, reasons: Weighted) -> None:
        reason = self.pick(reasons)
        self._status(s, gap, Status.ENDED, self.rng.choice(c.END_NOTES[reason]), reason=reason)

    def _afterwards(self, s: _Script) -> None:
        if ConsentKind.RESEARCH in s.consents and self.chance(0.08):
            note = self.rng.choice(c.CONSENT_WITHDRAWAL_NOTES)
            s.add("consent_withdraw", self.between(5, 80), None, kind=ConsentKind.RESEARCH, note=note)
        if self.chance(0.10):
            s.add("update", self.between(5, 60), None, data=self._contact_update())

    def _contact_update(self) -> dict:
        if self.chance(0.5):
            return {"phone": mobile_number(self.rng)}
        return {"address": self._street_address()}

    def _prequel(self, s: _Script, team: TeamPlan, specialist: StaffMember) -> None:
        """An earlier referral that came to nothing; the person is referred again later."""
        registrar = self._register(s, team, specialist)
        roll = self.rng.random()
        if roll < 0.4:
            reason = self.pick(((DeclineReason.NOT_REACHED, 2), (DeclineReason.NO_WISH_TO_WORK, 1)))
            note = self.rng.choice(c.DECLINE_NOTES[reason])
            s.add("decline", self.between(5, 15), team.leader, reason=reason, note=note)
        elif roll < 0.6:
            s.add("withdraw", self.between(2, 15), registrar, note=self.rng.choice(c.WITHDRAW_NOTES))
        else:
            self._accept(s, team, specialist, registrar)
            self._active(s)
            self._end(
                s,
                self.between(20, 120),
                ((EndReason.PARTICIPANT_WISH, 2), (EndReason.NO_CONTACT, 2), (EndReason.HEALTH, 1)),
            )
        s.offset += self.between(40, 200)

    # --- stories ---------------------------------------------------------------------------
    def _first_specialist(self, team: TeamPlan, owner: StaffMember) -> StaffMember:
        """Usually the owner from the start; sometimes someone else first, then a reassignment."""
        others = [m for m in team.specialists if m is not owner]
        return self.rng.choice(others) if others and self.chance(0.08) else owner

    def _script(self) -> _Script:
        return _Script(self.rng.choice(c.JOB_WISHES))

    def _open_story(self, team: TeamPlan, owner: StaffMember, status: str) -> Story:
        first = self._first_specialist(team, owner)
        s = self._script()
        if status != Status.ACCEPTED and self.chance(0.07):
            self._prequel(s, team, first)
        registrar = self._register(s, team, first, again=bool(s.steps))
        self._accept(s, team, first, registrar)
        if status != Status.ACCEPTED:
            self._active(s)
        if status in (Status.JOB_SEARCH, Status.IN_JOB):
            self._job_search(s)
            if status == Status.IN_JOB:
                self._job(s)
                if self.chance(0.2):
                    self._job_lost(s)
                    self._job(s, longest=80)
            elif self.chance(0.2):
                self._job(s)
                self._job_lost(s)
            self._afterwards(s)
        slack = {Status.ACCEPTED: 6, Status.ACTIVE: 40, Status.JOB_SEARCH: 60, Status.IN_JOB: 250}[status]
        return self._place(team, s, "open", slack=slack, first=first, owner=owner)

    def _ended_story(self, team: TeamPlan, owner: StaffMember) -> Story:
        first = self._first_specialist(team, owner)
        s = self._script()
        registrar = self._register(s, team, first)
        self._accept(s, team, first, registrar)
        if self.chance(0.05):  # never got started
            self._end(s, self.between(5, 30), ((EndReason.PARTICIPANT_WISH, 1), (EndReason.NO_CONTACT, 1)))
        else:
            self._active(s)
            if self.chance(0.45):
                self._job_search(s)
                self._job(s)
                if self.chance(0.15):
                    self._job_lost(s)
                    self._job(s, longest=80)
                self._end(s, self.between(20, 300), c.END_REASONS_AFTER_JOB)
            else:
                if self.chance(0.6):
                    self._job_search(s)
                self._end(s, self.between(10, 150), c.END_REASONS_WITHOUT_JOB)
        return self._place(team, s, "ended", slack=300, first=first, owner=owner)

    def _undecided_registrar(self, team: TeamPlan) -> StaffMember | None:
        return self.rng.choice(team.specialists) if self.chance(0.5) else None

    def _pending_story(self, team: TeamPlan, *, waiting_long: bool) -> Story:
        s = self._script()
        self._register(s, team, self._undecided_registrar(team))
        low, high = (15, 25) if waiting_long else (0, 12)
        return self._place(team, s, "pending", slack=high, least_slack=low)

    def _declined_story(self, team: TeamPlan) -> Story:
        s = self._script()
        registrar = self._register(s, team, self._undecided_registrar(team))
        reason = self.pick(c.DECLINE_REASONS)
        kommune = self.rng.choice(team.template.outside) if reason == DeclineReason.OUTSIDE_AREA else None
        note = self.rng.choice(c.DECLINE_NOTES[reason]).format(kommune=self.kommune_names.get(kommune or "", ""))
        decider = team.leader if registrar is team.leader or self.chance(0.6) else registrar
        s.add("decline", self.between(1, 10), decider, reason=reason, note=note)
        return self._place(team, s, "declined", slack=500, kommune=kommune)

    def _withdrawn_story(self, team: TeamPlan) -> Story:
        s = self._script()
        registrar = self._register(s, team, self._undecided_registrar(team))
        s.add("withdraw", self.between(1, 15), registrar, note=self.rng.choice(c.WITHDRAW_NOTES))
        return self._place(team, s, "withdrawn", slack=500)

    def _place(
        self,
        team: TeamPlan,
        s: _Script,
        outcome: str,
        *,
        slack: int,
        least_slack: int = 0,
        first: StaffMember | None = None,
        owner: StaffMember | None = None,
        kommune: str | None = None,
    ) -> Story:
        """Puts the story in time so that its last step falls up to `slack` working days
        before the history ends, and names who does each step left to the specialist."""
        steps = s.steps
        if owner is not None and first is not owner:
            steps = self._reassign(s, team, first, owner, after_last=20 if outcome == "open" else 0)
        last = len(self.workdays) - 1
        span = steps[-1].offset
        if span > last:  # longer than the history: squeeze the gaps
            for step in steps:
                step.offset = step.offset * last // span
            span = last
        start = last - span - self.between(least_slack, max(least_slack, min(slack, last - span)))
        current = first
        for step in steps:
            if step.kind == "reassign":
                current = step.args["specialist"]
            if step.actor is None:
                step.actor = current
            if step.kind == "register":
                lag = step.args.pop("received_lag")
                step.args["referral"]["received_on"] = self.workdays[max(0, start + step.offset - lag)]
        self._set_times(steps, start)
        referred = self.workdays[start + s.steps[s.main_start].offset]
        person = self._person(team, self.pick(team.template.service_models), referred, kommune)
        return Story(team, person, steps, outcome)

    def _reassign(
        self, s: _Script, team: TeamPlan, first: StaffMember, owner: StaffMember, *, after_last: int
    ) -> list[Step]:
        """The team leader hands the participant from `first` to `owner` some time after the
        last referral was accepted (and, for a closed story, before it ended)."""
        steps = s.steps
        accepted = next(i for i in range(s.main_start, len(steps)) if steps[i].kind == "accept")
        low = steps[accepted].offset + 1
        offset = self.between(low, max(low, steps[-1].offset + after_last))
        at = next((i for i in range(accepted + 1, len(steps)) if steps[i].offset >= offset), len(steps))
        return [*steps[:at], Step("reassign", team.leader, {"specialist": owner}, offset), *steps[at:]]

    def _set_times(self, steps: list[Step], start: int) -> None:
        """Each step gets a time in working hours on its day, in order; the last day of the
        history ends when the history does."""
        by_day: dict[int, list[Step]] = {}
        for step in steps:
            by_day.setdefault(start + step.offset, []).append(step)
        last = len(self.workdays) - 1
        for index, day_steps in by_day.items():
            day = self.workdays[index]
            opens = timezone.make_aware(datetime.datetime.combine(day, DAY_STARTS))
            closes = self.end if index == last else timezone.make_aware(datetime.datetime.combine(day, DAY_ENDS))
            seconds = max(1, int((closes - opens).total_seconds()))
            for step, second in zip(day_steps, sorted(self.rng.randrange(seconds) for _ in day_steps), strict=True):
                step.at = opens + datetime.timedelta(seconds=second)

    def _spread(self, weighted: Weighted, n: int) -> list[str]:
        """`n` values in the proportions of their weights (largest remainder), shuffled: every
        caseload gets a realistic mix rather than whatever independent draws give."""
        total = sum(w for _, w in weighted)
        exact = [(value, n * w / total) for value, w in weighted]
        counts = {value: int(x) for value, x in exact}
        by_remainder = sorted(exact, key=lambda e: e[1] - int(e[1]), reverse=True)
        for value, _ in by_remainder[: n - sum(counts.values())]:
            counts[value] += 1
        values = [value for value, _ in weighted for _ in range(counts[value])]
        self.rng.shuffle(values)
        return values

    # --- the whole world -------------------------------------------------------------------
    def build(self, *, scale: int, organisations: Sequence[OrganisationTemplate]) -> Plan:
        teams: list[TeamPlan] = []
        staff: list[StaffMember] = []
        for index, org in enumerate(organisations):
            self._organisation(index, org, scale, teams, staff)
        stories: list[Story] = []
        for team_index, team in enumerate(teams):
            for specialist in team.specialists:
                fte = next(seat.fte for seat in specialist.seats if seat.role == Role.JOB_SPECIALIST)
                if team_index == 0 and specialist is team.specialists[0]:
                    open_count = c.OVERLOADED
                else:
                    open_count = round(fte * self.between(*c.CASELOAD_PER_FTE))
                ended_count = round(open_count * self.rng.uniform(0.5, 0.9))
                stories += [self._open_story(team, specialist, s) for s in self._spread(c.OPEN_STATUSES, open_count)]
                stories += [self._ended_story(team, specialist) for _ in range(ended_count)]
            pending = self.between(*c.PENDING_PER_TEAM)
            stories += [self._pending_story(team, waiting_long=i == 0) for i in range(pending)]
            stories += [self._declined_story(team) for _ in range(self.between(*c.DECLINED_PER_TEAM))]
            stories += [self._withdrawn_story(team) for _ in range(self.between(*c.WITHDRAWN_PER_TEAM))]
        return Plan(
            seed=self.seed,
            end=self.end,
            first_day=self.workdays[0],
            organisations=list(organisations),
            teams=teams,
            staff=staff,
            stories=stories,
        )
