"""Organisations, teams and staff at national scale.

Teams go where people live: each county gets teams in proportion to its population, each
team a home kommune (Oslo teams a bydel) and a few kommuner around it, and neighbouring
teams in a county are run by the same organisation (a NAV office, a service provider, a
health trust or a municipality). Every team has a leader and 4–8 job specialists; every
organisation a program manager, a researcher and an administrator.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from bistand.accounts.enums import Role
from bistand.accounts.models import Membership, Organisation, Team, User
from bistand.demo.catalogue import DEMO_EMAIL_SUFFIX
from bistand.demo.identity import email_local_part

from . import catalogue as bc
from .context import Context, Progress, Rng, shares

OSLO = "0301"
OSLO_DISTRICTS = (
    "Alna",
    "Bjerke",
    "Frogner",
    "Gamle Oslo",
    "Grorud",
    "Grünerløkka",
    "Nordre Aker",
    "Nordstrand",
    "Sagene",
    "St. Hanshaugen",
    "Stovner",
    "Søndre Nordstrand",
    "Ullern",
    "Vestre Aker",
    "Østensjø",
)


@dataclass(eq=False)
class Staff:
    first_name: str
    last_name: str
    email: str
    pk: int | None = None


@dataclass(eq=False)
class TeamSpec:
    index: int
    org: OrgSpec
    name: str
    kind: bc.TeamKind
    place: str  # what the team's area is called: a kommune, or a bydel in Oslo
    area: tuple[tuple[str, int], ...]  # kommune numbers the team serves, weighted
    outside: tuple[str, ...]  # kommuner just outside the area
    leader: Staff
    specialists: list[Staff]
    ftes: list[Decimal]
    participants: int = 0
    pk: int | None = None

    @property
    def fylke(self) -> str:
        return self.org.fylke


@dataclass(eq=False)
class OrgSpec:
    index: int
    name: str
    type: str
    email_domain: str
    fylke: str
    fylke_name: str
    teams: list[TeamSpec] = field(default_factory=list)
    others: list[tuple[str, Staff]] = field(default_factory=list)  # (role, member) across the organisation
    pk: int | None = None

    @property
    def participants(self) -> int:
        return sum(t.participants for t in self.teams)

    @property
    def specialists(self) -> list[Staff]:
        return [s for t in self.teams for s in t.specialists]


@dataclass
class World:
    orgs: list[OrgSpec]
    teams: list[TeamSpec]

    def staff_joined_at(self, ctx: Context) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(ctx.calendar.days[0], datetime.time(7, 30)))


class _Planner:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.geo = ctx.geo
        self.rng: Rng = ctx.rng("world")
        self.used_emails: set[str] = set()
        self.used_org_names: set[str] = set()
        self.used_domains: set[str] = set()
        self.oslo_district = 0

    def staff(self, domain: str) -> Staff:
        female = self.rng.chance(0.7)  # most job specialists in Norway are women
        pools = self.ctx.pools
        first = self.rng.choice(pools.female if female else pools.male)
        last = self.rng.choice(pools.last)
        local = email_local_part(first, last)
        email, n = f"{local}@{domain}", 2
        while email in self.used_emails:
            email, n = f"{local}{n}@{domain}", n + 1
        self.used_emails.add(email)
        return Staff(first, last, email)

    def place_of(self, home: str) -> str:
        if home == OSLO:
            self.oslo_district += 1
            return OSLO_DISTRICTS[(self.oslo_district - 1) % len(OSLO_DISTRICTS)]
        return self.geo.name(home)

    def unique(self, name: str, used: set[str]) -> str:
        candidate, n = name, 2
        while candidate in used:
            candidate, n = f"{name} {n}", n + 1
        used.add(candidate)
        return candidate

    def domain(self, name: str) -> str:
        """An e-mail domain under .example from the organisation's name: "NAV Alna" → nav-alna.example."""
        slug = email_local_part(name.replace(",", " ").removesuffix(" AS")).replace(".", "-")
        slug = "-".join(part for part in slug.split("-") if part)[:50].strip("-")
        candidate, n = slug, 2
        while candidate in self.used_domains:
            candidate, n = f"{slug}-{n}", n + 1
        self.used_domains.add(candidate)
        return candidate + DEMO_EMAIL_SUFFIX

    def area(self, fylke: str, home: str) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
        """The home kommune and up to three others in the county, and two just outside."""
        weight = self.geo.weight
        others = [k for k in self.geo.by_fylke[fylke] if k != home]
        chosen: list[str] = []
        for _ in range(min(3, len(others))):
            candidates = [k for k in others if k not in chosen]
            chosen.append(self.rng.choices(candidates, [weight[k] for k in candidates])[0])
        area = ((home, weight[home] * 4), *((k, weight[k]) for k in chosen))
        outside_candidates = [k for k in others if k not in chosen] or list(bc.NEIGHBOURS.get(fylke, ()))
        outside = tuple(self.rng.sample(outside_candidates, min(2, len(outside_candidates))))
        return area, outside

    def build(self, participants: int) -> World:
        geo, rng = self.geo, self.rng
        team_count = max(1, round(participants / bc.PARTICIPANTS_PER_TEAM))
        fylker = sorted(geo.by_fylke)
        per_fylke = shares([sum(geo.weight[k] for k in geo.by_fylke[f]) for f in fylker], team_count)
        orgs: list[OrgSpec] = []
        teams: list[TeamSpec] = []
        for fylke, count in zip(fylker, per_fylke, strict=True):
            if not count:
                continue
            kommuner = geo.by_fylke[fylke]
            weights = [float(geo.weight[k]) for k in kommuner]
            homes = []
            for _ in range(count):
                i = rng.choices(range(len(kommuner)), weights)[0]
                homes.append(kommuner[i])
                weights[i] /= 2  # the next team is more likely to go elsewhere
            while homes:
                size = min(len(homes), int(rng.pick(bc.TEAMS_PER_ORGANISATION)))
                group, homes = homes[:size], homes[size:]
                orgs.append(self.organisation(len(orgs), fylke, group, teams))
        for team, n in zip(teams, shares([float(sum(t.ftes)) for t in teams], participants), strict=True):
            team.participants = n
        return World(orgs=orgs, teams=teams)

    def organisation(self, index: int, fylke: str, homes: list[str], teams: list[TeamSpec]) -> OrgSpec:
        rng, geo = self.rng, self.geo
        org_type = rng.pick(bc.ORGANISATION_TYPES)
        fylke_name = geo.kommuner[homes[0]].fylke_name
        places = [self.place_of(home) for home in homes]
        pattern = rng.choice(bc.ORGANISATION_NAMES[org_type])
        name = self.unique(pattern.format(kommune=places[0], fylke=fylke_name), self.used_org_names)
        org = OrgSpec(index, name, org_type, self.domain(name), fylke, fylke_name)
        used_team_names: set[str] = set()
        for home, place in zip(homes, places, strict=True):
            kind = rng.pick(bc.TEAM_KINDS[org_type])
            team_name = f"{kind.prefix} {place}"
            if team_name in used_team_names:
                extra = next((d for d in bc.DISTRICTS if f"{team_name} {d}" not in used_team_names), "")
                team_name = self.unique(f"{team_name} {extra}".strip(), used_team_names)
            used_team_names.add(team_name)
            area, outside = self.area(fylke, home)
            leader = self.staff(org.email_domain)
            count = int(rng.pick(bc.SPECIALISTS_PER_TEAM))
            specialists = [self.staff(org.email_domain) for _ in range(count)]
            ftes = [rng.pick(bc.SPECIALIST_FTES) for _ in specialists]
            team = TeamSpec(len(teams), org, team_name, kind, place, area, outside, leader, specialists, ftes)
            teams.append(team)
            org.teams.append(team)
        for role in (Role.PROGRAM_MANAGER, Role.RESEARCHER, Role.ADMINISTRATOR):
            org.others.append((role, self.staff(org.email_domain)))
        return org


def plan_world(ctx: Context, participants: int) -> World:
    return _Planner(ctx).build(participants)


def write(ctx: Context, progress: Progress) -> None:
    """Organisations, teams, users (one password, hashed once) and memberships."""
    world: World = ctx.world
    bar = progress(total=len(world.orgs), desc="Organisations and staff", unit="organisation")
    joined = world.staff_joined_at(ctx)
    pks = ctx.insert(Organisation, [{"name": o.name, "type": o.type} for o in world.orgs])
    for spec, pk in zip(world.orgs, pks, strict=True):
        spec.pk = pk
    pks = ctx.insert(Team, [{"organisation_id": t.org.pk, "name": t.name} for t in world.teams])
    for spec, pk in zip(world.teams, pks, strict=True):
        spec.pk = pk
    seats: list[tuple[Staff, str, OrgSpec, TeamSpec | None, Decimal]] = []
    for org in world.orgs:
        for team in org.teams:
            seats.append((team.leader, Role.TEAM_LEADER, org, team, Decimal("1.0")))
            seats += [
                (s, Role.JOB_SPECIALIST, org, team, fte) for s, fte in zip(team.specialists, team.ftes, strict=True)
            ]
        seats += [(member, role, org, None, Decimal("1.0")) for role, member in org.others]
    members = list({id(s[0]): s[0] for s in seats}.values())
    pks = ctx.insert(
        User,
        [
            {
                "email": m.email,
                "username": m.email,
                "first_name": m.first_name,
                "last_name": m.last_name,
                "password": ctx.password_hash,
                "date_joined": joined,
                "is_active": True,
            }
            for m in members
        ],
    )
    for member, pk in zip(members, pks, strict=True):
        member.pk = pk
    ctx.insert(
        Membership,
        [
            {"user_id": m.pk, "organisation_id": org.pk, "team_id": team.pk if team else None, "role": role, "fte": fte}
            for m, role, org, team, fte in seats
        ],
    )
    ctx.insert.commit()
    bar.update(len(world.orgs))
    bar.close()
