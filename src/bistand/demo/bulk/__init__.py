"""`bistand demo --participants N`: national-scale synthetic data, written with bulk inserts.

The story demo (`demo.plan` + `demo.load`) replays ~500 participants through the services.
At 100,000 participants that would take hours, so the bulk mode writes the same kind of
data straight into the tables (`context.Writer`: multi-row INSERTs on SQLite, COPY on
PostgreSQL, primary keys assigned by the generator; the database checks every constraint,
and each batch is written on a thread of its own while the next one is generated):

1. the world: organisations, teams, staff in every role (`world`), the employers they work
   with (`employers`) and five years of vacancies (`jobs`) — the WORLD_STEPS;
2. then, one team at a time, the lives of the team's participants (`lives`, no database)
   and the rows they leave in each domain — the PARTICIPANT_STEPS: the people and their
   status history (`people`), the journey (`casework`), the job-finding funnel
   (`jobs.write_leads`), the job-development log (`employers.write_contacts`) and a
   placement for each job with its follow-along (`placements`: the follow-ups, each also
   a case note and, with the employer, an employer contact, and the schedule's checkpoints).
   Each team is written in its own transaction, so a failure never leaves half a team
   behind and memory stays bounded.

A new domain adds one function to PARTICIPANT_STEPS, `step(ctx, team, lives)`, reading the
lives. Every step draws from its own seeded generator (`Context.rng`), so adding one does
not change the others' data.

Left out compared with the story demo: the change history (audit.ChangeEntry) — the
records carry their own timestamps — and, as always, the access log.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextlib import nullcontext

from django.contrib.auth.hashers import make_password
from django.db import connection

from bistand.demo.plan import history_end
from bistand.reference.models import Occupation

from . import casework, employers, jobs, people, placements, world
from .catalogue import HISTORY_YEARS
from .context import Calendar, Context, Geography, Pools, Progress, Writer
from .lives import Life, simulate_team

WorldStep = Callable[[Context, Progress], None]
ParticipantStep = Callable[[Context, "world.TeamSpec", list[Life]], None]

WORLD_STEPS: tuple[WorldStep, ...] = (world.write, employers.create, jobs.create)
PARTICIPANT_STEPS: tuple[ParticipantStep, ...] = (
    people.write,
    casework.write,
    jobs.write_leads,
    employers.write_contacts,
    placements.write,
)
KOMMUNER = 356


class BulkError(Exception):
    """The bulk data cannot be generated (a message for the person running the command)."""


def _null_progress(**kwargs):
    class _Bar:
        def update(self, n: int = 1) -> None:
            pass

        def close(self) -> None:
            pass

    return _Bar()


def generate(
    *,
    participants: int,
    seed: int,
    until: datetime.date,
    now: datetime.datetime,
    password: str,
    progress: Progress = _null_progress,
) -> Context:
    """Writes the world and `participants` participants' histories; returns the context
    (with the row counts and the world) for the report."""
    geo = Geography.load()
    occupations = {o.code: o for o in Occupation.objects.filter(level=4)}
    if len(geo.kommuner) < KOMMUNER or not occupations:
        raise BulkError(
            "The reference data (kommuner, occupations) is missing. Migrations load it: was the database "
            "emptied after migrating (`flush`)? Start from a new database and run `bistand migrate`."
        )
    calendar = Calendar(history_end(until, now), HISTORY_YEARS)
    ctx = Context(
        seed=seed,
        calendar=calendar,
        geo=geo,
        occupations=occupations,
        pools=Pools.draw(seed),
        password_hash=make_password(password),  # hashed once: the same password for every demo user
        insert=Writer(calendar),
    )
    ctx.world = world.plan_world(ctx, participants)
    # In a transaction already (a test), write in it; otherwise write on a thread of its own.
    writing = nullcontext() if connection.in_atomic_block else ctx.insert.background()
    try:
        with writing:
            for step in WORLD_STEPS:
                step(ctx, progress)
            bar = progress(total=participants, desc="Participants", unit="participant")
            for team in ctx.world.teams:
                lives = simulate_team(ctx, team)
                for participant_step in PARTICIPANT_STEPS:
                    participant_step(ctx, team, lives)
                ctx.insert.commit()  # one transaction per team
                bar.update(len(lives))
            bar.close()
    finally:
        ctx.insert.reset_sequences()  # PostgreSQL: the next ids after the ones given here
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Bulk COPY leaves the planner without statistics until autovacuum comes round.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ctx
