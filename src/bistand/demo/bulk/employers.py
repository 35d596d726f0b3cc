"""Employers: the businesses each organisation registered (with the people it talks to there
and some workplace mappings), the public ones NAV's job feed created, and the job-development
log (employer contacts, naming the participants they were about).

Organisation numbers are synthetic: nine digits with a valid mod-11 check digit, starting
with 1–7. Brønnøysund assigns only numbers starting with 8 or 9, so none is a real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from bistand.demo.identity import email_local_part, mobile_number
from bistand.employers.enums import ContactPurpose, RelationshipStatus
from bistand.employers.models import (
    Employer,
    EmployerContact,
    EmployerContactParticipant,
    EmployerPerson,
    WorkplaceMapping,
)
from bistand.people.enums import Status

from . import catalogue as bc
from .context import DAY, Context, Progress, Rng, shares

if TYPE_CHECKING:
    from .lives import Life
    from .world import OrgSpec, TeamSpec

ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
CHUNK = 5_000
# The first digit of postal codes in each county (2020 counties).
POSTAL_PREFIXES = {
    "03": "0",
    "30": "13",
    "34": "2",
    "38": "3",
    "42": "4",
    "11": "4",
    "46": "56",
    "15": "6",
    "50": "7",
    "18": "8",
    "54": "9",
}
SIZE_BANDS = {"1-4": (1, 4), "5-9": (5, 9), "10-19": (10, 19), "20-49": (20, 49), "50-99": (50, 99), "100+": (100, 400)}


class EmployerRef(NamedTuple):
    """What later steps need of an employer an organisation registered."""

    pk: int
    name: str
    day: int  # the working day it was registered
    kommune: str
    people: tuple[int, ...]
    industry: int  # index into bulk.catalogue.INDUSTRIES


class PublicEmployer(NamedTuple):
    pk: int
    day: int
    name: str
    kommune: str  # where it is (not stored: the feed gives only number, name and website)
    industry: int


@dataclass
class EmployerIndex:
    by_org: dict[int, list[EmployerRef]] = field(default_factory=dict)
    by_org_kommune: dict[tuple[int, str], list[EmployerRef]] = field(default_factory=dict)
    public: list[PublicEmployer] = field(default_factory=list)

    def add(self, org_index: int, ref: EmployerRef) -> None:
        self.by_org.setdefault(org_index, []).append(ref)
        self.by_org_kommune.setdefault((org_index, ref.kommune), []).append(ref)

    def pick(self, rng: Rng, org_index: int, kommune: str, day: int | None = None) -> EmployerRef | None:
        """One of the organisation's employers, often one near `kommune`, registered by `day`."""
        local = self.by_org_kommune.get((org_index, kommune))
        pool = local if local and rng.chance(0.6) else self.by_org.get(org_index)
        if not pool:
            return None
        for _ in range(8):
            ref = rng.choice(pool)
            if day is None or ref.day <= day:
                return ref
        early = min(pool, key=lambda r: (r.day, r.pk))
        return early if day is None or early.day <= day else None


def new_orgnr(ctx: Context, rng: Rng) -> str:
    while True:
        digits = str(rng.randrange(10_000_000, 80_000_000))
        check = (11 - sum(int(d) * w for d, w in zip(digits, ORGNR_WEIGHTS, strict=True)) % 11) % 11
        number = digits + str(check)
        if check != 10 and number not in ctx.used_orgnrs:
            ctx.used_orgnrs.add(number)
            return number


class _Maker:
    """Names and register data of businesses."""

    def __init__(self, ctx: Context, rng: Rng) -> None:
        self.ctx, self.rng = ctx, rng
        self.industries = [(i, ind.weight) for i, ind in enumerate(bc.INDUSTRIES)]

    def industry(self) -> int:
        return self.rng.pick(self.industries)

    def name(self, industry: int, place: str) -> tuple[str, str]:
        """A business name and its legal form."""
        rng, pools = self.rng, self.ctx.pools
        word = rng.choice(bc.INDUSTRIES[industry].words)
        last = rng.choice(pools.last)
        form = rng.random()
        if form < 0.3:
            return f"{last} {word} AS", "Aksjeselskap"
        if form < 0.55:
            return f"{place} {word} AS", "Aksjeselskap"
        if form < 0.7:
            return f"{word} {place}", "Aksjeselskap"
        if form < 0.85:
            first = rng.choice(pools.female if rng.chance(0.5) else pools.male)
            return f"{first} {last} {word}", "Enkeltpersonforetak"
        return f"{last} & {rng.choice(pools.last)} AS", "Aksjeselskap"

    def website(self, name: str) -> str:
        slug = email_local_part(name.removesuffix(" AS")).replace(".", "-").strip("-")
        return f"https://www.{slug[:40]}.example" if slug and self.rng.chance(0.5) else ""


def create(ctx: Context, progress: Progress) -> None:
    """The employers every organisation registered and those NAV's feed created."""
    world = ctx.world
    participants = sum(t.participants for t in world.teams)
    registered = shares(
        [o.participants for o in world.orgs], round(participants * bc.REGISTERED_EMPLOYERS_PER_PARTICIPANT)
    )
    public = round(participants * bc.PUBLIC_EMPLOYERS_PER_PARTICIPANT)
    index = ctx.employers = EmployerIndex()
    bar = progress(total=sum(registered) + public, desc="Employers", unit="employer")
    for org, count in zip(world.orgs, registered, strict=True):
        for start in range(0, count, CHUNK):
            _registered(ctx, org, start, min(count, start + CHUNK), index)
            ctx.insert.commit()
            bar.update(min(count, start + CHUNK) - start)
    for start in range(0, public, CHUNK):
        _public(ctx, start, min(public, start + CHUNK), index)
        ctx.insert.commit()
        bar.update(min(public, start + CHUNK) - start)
    bar.close()


def _registered(ctx: Context, org: OrgSpec, start: int, stop: int, index: EmployerIndex) -> None:
    rng = ctx.rng("employers", org.index, start)
    cal, geo = ctx.calendar, ctx.geo
    maker = _Maker(ctx, rng)
    area = [(k, w) for team in org.teams for k, w in team.area]
    specialists = org.specialists
    rows: list[tuple[dict[str, Any], int, str, int]] = []  # an employer, day, kommune, industry
    for _ in range(start, stop):
        industry = maker.industry()
        kommune = rng.pick(area)
        place = geo.name(kommune)
        name, legal_form = maker.name(industry, place)
        day = 0 if rng.chance(0.3) else int(cal.last * rng.random() ** 1.5)
        tick = cal.tick(day, rng)
        at = tick
        low, high = SIZE_BANDS[rng.pick(bc.EMPLOYEE_COUNTS)]
        prefix = rng.choice(POSTAL_PREFIXES.get(geo.kommuner[kommune].fylke_number, "0"))
        employer = {
            "organisation_id": org.pk,
            "orgnr": new_orgnr(ctx, rng),
            "name": name[:200],
            "legal_form": legal_form,
            "industry_code": bc.INDUSTRIES[industry].code,
            "industry_name": bc.INDUSTRIES[industry].name,
            "address": f"{rng.choice(ctx.pools.streets)} {rng.randint(1, 150)}",
            "postal_code": f"{prefix}{rng.randrange(1000):03d}",
            "postal_place": place.upper(),
            "kommune_id": geo.kommuner[kommune].pk,
            "employee_count": min(rng.randint(low, high), bc.INDUSTRIES[industry].largest * 3),
            "website": maker.website(name),
            "relationship_status": rng.pick(bc.RELATIONSHIPS),
            "notes": rng.choice(bc.EMPLOYER_NOTES),
            "registered_by_id": rng.choice(specialists).pk,
            "register_checked_at": at if rng.chance(0.7) else None,
            "created_at": at,
            "updated_at": at,
        }
        rows.append((employer, day, kommune, industry))
    employer_pks = ctx.insert(Employer, [r[0] for r in rows])
    people: list[dict[str, Any]] = []
    owners: list[int] = []
    mappings: list[dict[str, Any]] = []
    for i, (pk, (employer, day, _kommune, industry)) in enumerate(zip(employer_pks, rows, strict=True)):
        for _ in range(int(rng.pick(bc.PERSONS_PER_EMPLOYER))):
            first = rng.choice(ctx.pools.female if rng.chance(0.5) else ctx.pools.male)
            last = rng.choice(ctx.pools.last)
            domain = employer["website"].removeprefix("https://www.") or "example.no"
            person = {
                "employer_id": pk,
                "name": f"{first} {last}",
                "role": rng.choice(bc.INDUSTRIES[industry].roles) if rng.chance(0.8) else "HR-rådgiver",
                "phone": mobile_number(rng) if rng.chance(0.8) else "",
                "email": f"{email_local_part(first, last)}@{domain}" if rng.chance(0.7) else "",
                "is_active": rng.chance(0.9),
                "created_at": cal.tick(min(cal.last, day + rng.randint(0, 60)), rng),
            }
            people.append(person)
            owners.append(i)
        if employer["relationship_status"] == RelationshipStatus.ACTIVE_PARTNER and rng.chance(bc.MAPPING_SHARE * 3):
            mapped = cal.tick(min(cal.last, day + rng.randint(5, 200)), rng)
            mappings.append(
                {
                    "employer_id": pk,
                    "workplace": rng.choice(("", "Lageret", "Kjøkkenet", "Butikken", "Verkstedet")),
                    "mapped_on": cal.date_of(mapped),
                    "mapped_by_id": rng.choice(specialists).pk,
                    "tasks": rng.choice(bc.MAPPING_TASKS),
                    "culture": rng.choice(bc.MAPPING_CULTURE),
                    "natural_supports": rng.choice(bc.MAPPING_SUPPORTS),
                    "mentor": rng.choice(ctx.pools.full_names) if rng.chance(0.5) else "",
                    "accessibility": rng.choice(bc.MAPPING_ACCESS),
                    "hours": rng.choice(bc.MAPPING_HOURS),
                    "created_at": mapped,
                    "updated_at": mapped,
                }
            )
    person_pks = ctx.insert(EmployerPerson, people)
    ctx.insert(WorkplaceMapping, mappings)
    by_employer: dict[int, list[int]] = {}
    for person_pk, owner in zip(person_pks, owners, strict=True):
        by_employer.setdefault(owner, []).append(person_pk)
    for i, (pk, (employer, day, kommune, industry)) in enumerate(zip(employer_pks, rows, strict=True)):
        index.add(org.index, EmployerRef(pk, employer["name"], day, kommune, tuple(by_employer.get(i, ())), industry))


def _public(ctx: Context, start: int, stop: int, index: EmployerIndex) -> None:
    """Employers created from NAV's feed: organisation number, name and website only."""
    rng = ctx.rng("public-employers", start)
    cal, geo = ctx.calendar, ctx.geo
    maker = _Maker(ctx, rng)
    weights = list(geo.weight.items())
    rows = []
    for _ in range(start, stop):
        industry = maker.industry()
        kommune = rng.pick(weights)
        name, _legal_form = maker.name(industry, geo.name(kommune))
        day = int(cal.last * 0.15 * rng.random())
        at = cal.tick(day, rng)
        employer = {
            "organisation_id": None,
            "orgnr": new_orgnr(ctx, rng),
            "name": name[:200],
            "website": maker.website(name),
            "created_at": at,
            "updated_at": at,
        }
        rows.append((employer, day, name, kommune, industry))
    pks = ctx.insert(Employer, [r[0] for r in rows])
    index.public += [
        PublicEmployer(pk, day, name, kommune, ind) for pk, (_, day, name, kommune, ind) in zip(pks, rows, strict=True)
    ]


# --- The job-development log, per team -----------------------------------------------------------


def write_contacts(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    """Contacts with employers: about named participants while they search for work or have
    just started (job development, follow-up), and about nobody in particular (learning the
    business's needs, presenting the service), up to about one per participant."""
    rng = ctx.rng("employer-contacts", team.index)
    cal, index, org = ctx.calendar, ctx.employers, team.org.index
    contacts: list[dict[str, Any]] = []
    named: list[int] = []  # participant pk per contact, or 0

    def add(tick: int, specialist, ref: EmployerRef, purpose: str, participant: int) -> None:
        person = rng.choice(ref.people) if ref.people and rng.chance(0.6) else None
        contacts.append(
            {
                "employer_id": ref.pk,
                "specialist_id": specialist.pk,
                "team_id": team.pk,
                "contact_date": cal.date_of(tick),
                "mode": rng.pick(bc.EMPLOYER_CONTACT_MODES),
                "purpose": purpose,
                "employer_person_id": person,
                "outcome": rng.choice(bc.EMPLOYER_CONTACT_OUTCOMES[purpose]),
                "next_step": rng.choice(bc.EMPLOYER_NEXT_STEPS),
                "created_by_id": specialist.pk,
                "created_at": tick,
            }
        )
        named.append(participant)

    for life in lives:
        periods = life.periods(cal.end_tick)
        kommune = life.person["kommune"]
        for i, (status, a, b) in enumerate(periods):
            if status != Status.JOB_SEARCH:
                continue
            first_day, last_day = a // DAY + 1, min(b, cal.end_tick) // DAY - 1
            if last_day < first_day:
                continue
            hired = next((j for j in life.jobs if j.start == b), None) if i + 1 < len(periods) else None
            days = sorted(rng.randint(first_day, last_day) for _ in range(int(rng.pick(bc.NAMED_CONTACTS_PER_SEARCH))))
            for k, day in enumerate(days):
                ref = hired.employer if hired and hired.employer and k == len(days) - 1 else None
                ref = ref or index.pick(rng, org, kommune, day)
                tick = cal.tick(day, rng)
                specialist = life.specialist_at(tick)
                if ref is not None and specialist is not None:
                    add(tick, specialist, ref, ContactPurpose.JOB_DEVELOPMENT, life.pk)
        for job in life.jobs:
            if job.employer is None:
                continue
            first_day = job.start // DAY + 1
            last_day = min(job.end if job.end is not None else cal.end_tick, cal.end_tick) // DAY - 1
            last_day = min(last_day, first_day + 60)
            if last_day < first_day:
                continue
            for _ in range(int(rng.pick(bc.FOLLOW_UPS_PER_JOB))):
                tick = cal.tick(rng.randint(first_day, last_day), rng)
                specialist = life.specialist_at(tick)
                if specialist is not None:
                    add(tick, specialist, job.employer, ContactPurpose.FOLLOW_UP, life.pk)
    wanted = round(len(lives) * bc.EMPLOYER_CONTACTS_PER_PARTICIPANT)
    unnamed = max(round(wanted * bc.UNNAMED_EMPLOYER_CONTACT_SHARE), wanted - len(contacts))
    kommuner = team.area
    for _ in range(unnamed):
        day = rng.randint(0, cal.last)
        ref = index.pick(rng, org, rng.pick(kommuner), day)
        if ref is not None:
            add(cal.tick(day, rng), rng.choice(team.specialists), ref, rng.pick(bc.UNNAMED_PURPOSES), 0)
    contact_pks = ctx.insert(EmployerContact, contacts)
    ctx.insert(
        EmployerContactParticipant,
        [
            {
                "contact_id": contact,
                "participant_id": participant,
            }
            for contact, participant in zip(contact_pks, named, strict=True)
            if participant
        ],
    )
