"""Vacancies and the job-finding funnel.

Vacancies look like those `bistand jobs sync` imports from NAV's feed: public (no organisation),
with a NAV id, a STYRK-08 occupation, work locations in kommuner, extent and engagement type,
published over the five years; ads that have expired are inactive and, as the sync leaves
them, without description, contacts or application link. A few are registered by hand by the
organisations, some of them carved jobs.

Leads follow each job search of a participant: vacancies or employers proposed, and how far
each got; the job the participant got is the lead that ended in "hired".
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from bistand.demo.identity import email_local_part, mobile_number
from bistand.jobs.enums import Extent, LeadStage, NotHiredReason, OpeningKind, OpeningSource
from bistand.jobs.models import JobLead, JobLeadStep, JobOpening, JobOpeningLocation
from bistand.jobs.sync import search_text_for
from bistand.people.enums import Status

from . import catalogue as bc
from .context import DAY, Context, Progress, Rng, shares

if TYPE_CHECKING:
    from .lives import Job, Life
    from .world import TeamSpec

CHUNK = 10_000
TITLE_KEYS = tuple(bc.JOB_TITLES)
RECENT_DAYS = 30  # working days: vacancies published this recently are often still open
RECENT_SHARE = 0.1
NOT_HIRED_REASONS = {
    LeadStage.PROPOSED: ((NotHiredReason.PARTICIPANT_NOT_INTERESTED, 6), (NotHiredReason.POSITION_FILLED, 2)),
    LeadStage.INTERESTED: (
        (NotHiredReason.POSITION_FILLED, 3),
        (NotHiredReason.POOR_MATCH, 2),
        (NotHiredReason.PARTICIPANT_WITHDREW, 1),
    ),
    LeadStage.PRESENTED: (
        (NotHiredReason.EMPLOYER_DECLINED, 5),
        (NotHiredReason.POSITION_FILLED, 2),
        (NotHiredReason.OTHER, 1),
    ),
    LeadStage.INTERVIEW: (
        (NotHiredReason.EMPLOYER_DECLINED, 6),
        (NotHiredReason.PARTICIPANT_WITHDREW, 1),
        (NotHiredReason.POOR_MATCH, 1),
    ),
}
FUNNEL = (LeadStage.PROPOSED, LeadStage.INTERESTED, LeadStage.PRESENTED, LeadStage.INTERVIEW)
GOES_ON = {LeadStage.PROPOSED: 0.7, LeadStage.INTERESTED: 0.6, LeadStage.PRESENTED: 0.5}


class OpeningIndex:
    """Public vacancies by county and day published: (pk, employer pk, last day open)."""

    def __init__(self) -> None:
        self.by_fylke: dict[str, dict[int, list[tuple[int, int | None, int]]]] = {}

    def add(self, fylke: str, day: int, pk: int, employer: int | None, open_until: int) -> None:
        self.by_fylke.setdefault(fylke, {}).setdefault(day, []).append((pk, employer, open_until))

    def pick(self, rng: Rng, fylke: str, day: int) -> tuple[int, int | None] | None:
        """A vacancy in the county that was open on `day` (published in the 25 working days before)."""
        days = self.by_fylke.get(fylke)
        if not days:
            return None
        for _ in range(12):
            published = days.get(day - rng.randint(0, 25))
            if published:
                pk, employer, open_until = rng.choice(published)
                if open_until >= day:
                    return pk, employer
        return None


def create(ctx: Context, progress: Progress) -> None:
    world = ctx.world
    total = sum(t.participants for t in world.teams) * bc.OPENINGS_PER_PARTICIPANT
    manual = shares([o.participants for o in world.orgs], round(total * bc.MANUAL_OPENING_SHARE))
    public = total - sum(manual)
    ctx.openings = OpeningIndex()
    bar = progress(total=total, desc="Vacancies", unit="vacancy")
    for start in range(0, public, CHUNK):
        stop = min(public, start + CHUNK)
        _public(ctx, start, stop)
        ctx.insert.commit()
        bar.update(stop - start)
    for org, count in zip(world.orgs, manual, strict=True):
        if count:
            _manual(ctx, org, count)
            ctx.insert.commit()
            bar.update(count)
    bar.close()


def _search_text(row: dict[str, Any], occupation, kommune_names: list[str]) -> str:
    """What `bistand jobs sync` stores for the free-text search (jobs.sync.search_text_for)."""
    fields = ("title", "employer_name", "description", "negotiated_tasks")
    opening = SimpleNamespace(esco_label="", occupation=occupation, **{f: row.get(f, "") for f in fields})
    return search_text_for(opening, kommune_names)  # type: ignore[arg-type]


def _title(rng: Rng, key: str) -> tuple[str, str, str]:
    title, code = bc.JOB_TITLES[key]
    form = rng.choice(bc.OPENING_TITLE_FORMS)
    return form.format(title=title, lower=title[0].lower() + title[1:]), title, code


def _public(ctx: Context, start: int, stop: int) -> None:
    rng = ctx.rng("openings", start)
    cal, geo, employers = ctx.calendar, ctx.geo, ctx.employers.public
    weights = list(geo.weight.items())
    openings: list[dict[str, Any]] = []
    places: list[list[str]] = []
    meta: list[tuple[int, int]] = []  # (published day, last day open)
    for _ in range(start, stop):
        if rng.chance(RECENT_SHARE):
            day = rng.randint(max(0, cal.last - RECENT_DAYS), cal.last)
        else:
            day = rng.randint(0, max(0, cal.last - RECENT_DAYS))
        employer = rng.choice(employers) if employers and rng.chance(0.8) else None
        if employer is not None and employer.day > day:
            employer = None
        if employer is not None:
            key = rng.choice(bc.INDUSTRIES[employer.industry].jobs)
            kommuner = [employer.kommune if rng.chance(0.8) else rng.pick(weights)]
            employer_name = employer.name
        else:
            key = rng.choice(TITLE_KEYS)
            kommuner = [rng.pick(weights)]
            employer_name = f"{rng.choice(ctx.pools.last)} {rng.choice(('AS', 'Gruppen AS', 'og Sønner AS'))}"
        if rng.chance(0.12):
            extra = rng.pick(weights)
            if extra not in kommuner:
                kommuner.append(extra)
        published_tick = cal.tick(day, rng)
        published = cal.dt(published_tick)
        expires = published.replace(hour=23, minute=59, second=0) + datetime.timedelta(days=rng.randint(10, 45))
        stopped = rng.chance(0.05)
        active = expires > cal.dt(cal.end_tick) and not stopped
        title, plain_title, code = _title(rng, key)
        lower = plain_title[0].lower() + plain_title[1:]
        nav_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        modified = published if active else min(expires, cal.dt(cal.end_tick))
        opening = {
            "source": OpeningSource.NAV_FEED,
            "kind": OpeningKind.ORDINARY,
            "organisation_id": None,
            "employer_id": employer.pk if employer else None,
            "employer_name": employer_name,
            "title": title,
            "description": rng.choice(bc.OPENING_DESCRIPTIONS).format(lower=lower) if active else "",
            "styrk_code": code,
            "occupation_id": ctx.occupations[code].pk,
            "nav_occupation_code": code,
            "extent": rng.pick(((Extent.FULL_TIME, 55), (Extent.PART_TIME, 40), ("", 5))),
            "engagement_type": rng.pick(bc.ENGAGEMENT_TYPES),
            "published_at": published,
            "expires_at": expires,
            "application_due": rng.choice(("Snarest", "Løpende", f"{expires:%d.%m.%Y}")),
            "start_time": rng.choice(("Etter avtale", "Snarest", "")),
            "position_count": 1 if rng.chance(0.8) else rng.randint(2, 5),
            "application_url": f"https://jobb.{email_local_part(employer_name)[:30].strip('.')}.example/soknad"
            if active and rng.chance(0.6)
            else "",
            "source_url": f"https://arbeidsplassen.example/stillinger/stilling/{nav_id}",
            "contacts": [_contact(ctx, rng)] if active and rng.chance(0.7) else [],
            "is_active": active,
            "nav_uuid": nav_id,
            "source_modified": modified,
            "created_at": published,
            "updated_at": modified,
        }
        opening["search_text"] = _search_text(opening, ctx.occupations[code], [geo.name(k) for k in kommuner])
        openings.append(opening)
        places.append(kommuner)
        last_open = cal.day_on_or_after(min(expires, cal.dt(cal.end_tick)).date())
        meta.append((day, cal.last if active else min(last_open, cal.last)))
    pks = ctx.insert(JobOpening, openings)
    locations = []
    for pk, opening, kommuner, (day, open_until) in zip(pks, openings, places, meta, strict=True):
        for number in kommuner:
            kommune = geo.kommuner[number]
            locations.append(
                {
                    "opening_id": pk,
                    "kommune_id": kommune.pk,
                    "fylke_number": kommune.fylke_number,
                }
            )
        fylke = geo.kommuner[kommuner[0]].fylke_number
        ctx.openings.add(fylke, day, pk, opening["employer_id"], open_until)
    ctx.insert(JobOpeningLocation, locations)


def _contact(ctx: Context, rng: Rng) -> dict[str, str]:
    first = rng.choice(ctx.pools.female if rng.chance(0.5) else ctx.pools.male)
    last = rng.choice(ctx.pools.last)
    return {
        "name": f"{first} {last}",
        "title": rng.choice(("Daglig leder", "Butikksjef", "Avdelingsleder", "HR-rådgiver")),
        "role": "",
        "email": f"{email_local_part(first, last)}@example.no",
        "phone": mobile_number(rng),
    }


def _manual(ctx: Context, org, count: int) -> None:
    """Openings the organisation found through job development, a third of them carved jobs."""
    rng = ctx.rng("manual-openings", org.index)
    cal, geo = ctx.calendar, ctx.geo
    refs = ctx.employers.by_org.get(org.index, [])
    if not refs:
        return
    specialists = org.specialists
    openings, kommuner = [], []
    for _ in range(count):
        ref = rng.choice(refs)
        day = rng.randint(ref.day, cal.last)
        at = cal.tick(day, rng)
        key = rng.choice(bc.INDUSTRIES[ref.industry].jobs)
        title, code = bc.JOB_TITLES[key]
        carved = rng.chance(0.35)
        opening = {
            "source": OpeningSource.MANUAL,
            "kind": OpeningKind.CARVED if carved else OpeningKind.ORDINARY,
            "organisation_id": org.pk,
            "employer_id": ref.pk,
            "employer_name": ref.name,
            "title": f"Tilpasset stilling: {title.lower()}" if carved else title,
            "styrk_code": code,
            "occupation_id": ctx.occupations[code].pk,
            "extent": Extent.PART_TIME if carved or rng.chance(0.5) else Extent.FULL_TIME,
            "published_at": at,
            "is_active": day > cal.last - 60,
            "negotiated_tasks": rng.choice(bc.NEGOTIATED_TASKS) if carved else "",
            "hours_per_week": Decimal(rng.choice((8, 10, 15, 20, 22.5))) if carved else None,
            "accommodations": rng.choice(bc.ACCOMMODATIONS) if carved else "",
            "wage_terms": rng.choice(bc.WAGE_TERMS) if carved else "",
            "created_by_id": rng.choice(specialists).pk,
            "created_at": at,
            "updated_at": at,
        }
        openings.append(opening)
        kommuner.append(ref.kommune)
    for opening, number in zip(openings, kommuner, strict=True):
        opening["search_text"] = _search_text(opening, ctx.occupations[opening["styrk_code"]], [geo.name(number)])
    pks = ctx.insert(JobOpening, openings)
    ctx.insert(
        JobOpeningLocation,
        [
            {
                "opening_id": o,
                "kommune_id": geo.kommuner[k].pk,
                "fylke_number": geo.kommuner[k].fylke_number,
            }
            for o, k in zip(pks, kommuner, strict=True)
        ],
    )


# --- The job-finding funnel, per team ------------------------------------------------------------


def write_leads(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    rng = ctx.rng("leads", team.index)
    cal = ctx.calendar
    leads: list[dict[str, Any]] = []
    steps: list[list[tuple[str, int, str]]] = []  # per lead: (stage, tick, reason)
    workers: list[Life] = []
    hires: list[tuple[int, Job]] = []  # the lead (by position) each job came from

    def lead(life: Life, opening_employer: tuple[int | None, int | None], stages: list[tuple[str, int, str]]) -> None:
        proposer = life.worker_at(stages[0][1])
        last_stage, last_tick, reason = stages[-1]
        leads.append(
            {
                "participant_id": life.pk,
                "opening_id": opening_employer[0],
                "employer_id": opening_employer[1],
                "stage": last_stage,
                "stage_on": cal.date_of(last_tick),
                "not_hired_reason": reason,
                "note": rng.choice(bc.LEAD_NOTES),
                "created_by_id": proposer.pk,
                "created_at": stages[0][1],
                "updated_at": last_tick,
            }
        )
        steps.append(stages)
        workers.append(life)

    for life in lives:
        periods = life.periods(cal.end_tick)
        for i, (status, a, b) in enumerate(periods):
            if status != Status.JOB_SEARCH:
                continue
            current = i + 1 == len(periods)
            first_day, last_day = a // DAY + 1, min(b, cal.end_tick) // DAY - (0 if current else 1)
            hired = None if current else next((j for j in life.jobs if j.start == b), None)
            for _ in range(int(rng.pick(bc.LEADS_PER_SEARCH))):
                if last_day < first_day:
                    break
                day = rng.randint(first_day, last_day)
                target = _target(ctx, rng, team, life, day)
                if target is not None:
                    lead(life, target, _stages(ctx, rng, day, last_day, open_allowed=current))
            if hired is not None and hired.employer is not None and last_day >= first_day:
                day = rng.randint(max(first_day, b // DAY - 40), max(first_day, min(last_day, b // DAY - 3)))
                day = min(day, last_day)
                stages = [(LeadStage.PROPOSED, cal.tick(day, rng), "")]
                for stage in (LeadStage.INTERESTED, LeadStage.PRESENTED, LeadStage.INTERVIEW):
                    if stage == LeadStage.INTERVIEW and rng.chance(0.4):
                        continue
                    day = min(last_day, day + rng.randint(1, 6))
                    stages.append((stage, max(cal.tick(day, rng), stages[-1][1] + 60), ""))
                stages.append((LeadStage.HIRED, max(b, stages[-1][1] + 60), ""))
                hires.append((len(leads), hired))
                lead(life, (None, hired.employer.pk), stages)
    lead_pks = ctx.insert(JobLead, leads)
    for position, job in hires:
        job.lead = lead_pks[position]
    ctx.insert(
        JobLeadStep,
        [
            {
                "lead_id": pk,
                "from_stage": stages[i - 1][0] if i else "",
                "to_stage": stage,
                "occurred_on": cal.date_of(tick),
                "at": tick,
                "actor_id": life.worker_at(tick).pk,
                "reason": reason,
            }
            for pk, stages, life in zip(lead_pks, steps, workers, strict=True)
            for i, (stage, tick, reason) in enumerate(stages)
        ],
    )


def _target(ctx: Context, rng: Rng, team: TeamSpec, life: Life, day: int) -> tuple[int | None, int | None] | None:
    """A public vacancy in the county open on `day`, or one of the organisation's employers."""
    if rng.chance(0.6):
        found = ctx.openings.pick(rng, team.fylke, day)
        if found is not None:
            return found
    ref = ctx.employers.pick(rng, team.org.index, life.person["kommune"], day)
    return (None, ref.pk) if ref is not None else None


def _stages(ctx: Context, rng: Rng, day: int, last_day: int, *, open_allowed: bool) -> list[tuple[str, int, str]]:
    """How far one lead got: a few funnel steps some days apart, then "not hired" with a
    reason unless the job search is still going on and the lead is recent."""
    cal = ctx.calendar
    stages = [(LeadStage.PROPOSED, cal.tick(day, rng), "")]
    for stage in FUNNEL[1:]:
        if not rng.chance(GOES_ON[stages[-1][0]]):
            break
        day += rng.randint(1, 8)
        if day > last_day:
            break
        stages.append((stage, max(cal.tick(day, rng), stages[-1][1] + 60), ""))
    if open_allowed and day > cal.last - 40:
        return stages
    day = min(last_day, day + rng.randint(1, 10))
    reason = rng.pick(NOT_HIRED_REASONS[stages[-1][0]])
    stages.append((LeadStage.NOT_HIRED, max(cal.tick(day, rng), stages[-1][1] + 60), reason))
    return stages
