"""`bistand demo`: fills an empty database with a believable, entirely synthetic service."""

from __future__ import annotations

import argparse
import datetime
import os
import time

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count
from django.utils import timezone
from tqdm import tqdm

from bistand.accounts.enums import Role
from bistand.accounts.models import Membership, Organisation, Team, User
from bistand.audit.models import ChangeEntry
from bistand.demo import bulk
from bistand.demo.catalogue import DEMO_EMAIL_SUFFIX, LOCAL_PASSWORD
from bistand.demo.load import DemoError, load_plan
from bistand.demo.plan import Plan, build_plan
from bistand.people.enums import CASELOAD_STATUSES, Decision, Status
from bistand.people.models import Consent, Participant, Referral, StatusChange
from bistand.placements.models import FollowUp, Placement

DEFAULT_SEED = 1991  # the year of Norway's first Supported Employment pilot
MAX_SCALE = 50
MAX_PARTICIPANTS = 1_000_000


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _participants_line() -> str:
    """The participants by status, for both reports."""
    by_status = dict(Participant.objects.values_list("status").annotate(n=Count("id")))
    on_caseload = sum(by_status.get(s, 0) for s in CASELOAD_STATUSES)
    return (
        f"  {sum(by_status.values())} participants: {on_caseload} on a caseload "
        f"({by_status.get(Status.IN_JOB, 0)} in a job), {by_status.get(Status.ENDED, 0)} ended, "
        f"{by_status.get(Status.REFERRED, 0)} awaiting a decision, {by_status.get(Status.DECLINED, 0)} declined, "
        f"{by_status.get(Status.WITHDRAWN, 0)} withdrawn"
    )


class Command(BaseCommand):
    help = (
        "Loads realistic Norwegian demo data into an empty database: organisations, teams and staff "
        "for every role, and participants with about three years of referrals, decisions, consents and "
        "status history, written through the services with their change history. Everything is synthetic "
        "and the same seed and --until date give the same data. With --participants N it instead writes a "
        "national-scale service with bulk inserts (five years: contacts, employers, vacancies, job leads, "
        "placements with their follow-ups, enrolments and phases; no change history)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database has no organisations or participants; otherwise do nothing.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")
        parser.add_argument(
            "--until",
            type=_date,
            help="The last day of the demo history, YYYY-MM-DD (default today). Fix it to get the same data again.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help=f"Copies of every team, with their staff and participants (1–{MAX_SCALE}; default 1). "
            "Each copy adds about 500 participants and the time of one more load.",
        )
        parser.add_argument(
            "--participants",
            type=int,
            metavar="N",
            help="Bulk mode: a national-scale service with N participants over five years, written with bulk "
            "inserts in a few minutes for 100,000 (about 38 contacts per participant, follow-ups included, 0.2 "
            "employers, one job-development contact and one vacancy per participant, referrals with declines, "
            "enrolments and phases, job leads, and a placement for each job with IPS follow-along). The change "
            "history (audit) is left out in this mode, and no access log is written.",
        )
        parser.add_argument(
            "--password",
            help="The password of every demo user. Default: $BISTAND_DEMO_PASSWORD, or on local runs "
            f"{LOCAL_PASSWORD!r}.",
        )

    def handle(self, *args, **options) -> None:
        self._check_environment()
        self._check_migrated()
        if Organisation.objects.exists() or Participant.objects.exists():
            if options["if_empty"]:
                if options["verbosity"] >= 1:
                    self.stdout.write("The database already has data: no demo data loaded.")
                    self._logins(None, everyone=options["verbosity"] >= 2)
                return
            raise CommandError(
                "The database already has organisations or participants, and the demo data goes only into an "
                "empty one. Use --if-empty to skip quietly, or start from a new database (remove "
                "var/bistand.sqlite3, or create a new PostgreSQL database) and run `bistand migrate` first."
            )
        until, seed, scale = self._until(options["until"]), options["seed"], options["scale"]
        participants = options["participants"]
        if not 1 <= scale <= MAX_SCALE:
            raise CommandError(f"--scale must be between 1 and {MAX_SCALE}, not {scale}.")
        if participants is not None and not 1 <= participants <= MAX_PARTICIPANTS:
            raise CommandError(f"--participants must be between 1 and {MAX_PARTICIPANTS:,}, not {participants}.")
        if participants is not None and scale != 1:
            raise CommandError("--scale is for the story demo; with --participants, give the number you want.")
        password, is_default = self._password(options["password"])
        if participants is not None:
            self._bulk(participants, seed, until, password, is_default, options["verbosity"])
            return

        plan = build_plan(seed=seed, until=until, now=timezone.now(), scale=scale)
        quiet = options["verbosity"] < 1
        try:
            load_plan(
                plan,
                password=password,
                progress=lambda rows: tqdm(rows, desc="Demo history", unit="step", disable=True if quiet else None),
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        if not quiet:
            self._report(plan, password, is_default, options["verbosity"])

    def _bulk(
        self, participants: int, seed: int, until: datetime.date, password: str, is_default: bool, verbosity: int
    ) -> None:
        quiet = verbosity < 1

        def progress(**kwargs):
            return tqdm(disable=True if quiet else None, **kwargs)

        started = time.monotonic()
        try:
            ctx = bulk.generate(
                participants=participants,
                seed=seed,
                until=until,
                now=timezone.now(),
                password=password,
                progress=progress,
            )
        except bulk.BulkError as exc:
            raise CommandError(str(exc)) from exc
        if not quiet:
            self._report_bulk(ctx, time.monotonic() - started, verbosity)
            self._logins(password if is_default else None, everyone=verbosity >= 2)

    # --- checks -----------------------------------------------------------------------------
    def _check_environment(self) -> None:
        if settings.ENVIRONMENT == "production" or not settings.ACCEPT_SYNTHETIC_IDENTITY_NUMBERS:
            raise CommandError(
                f"Demo data is never loaded in {settings.ENVIRONMENT!r}: it is for local, test and demo "
                "installations (BISTAND_ENV), which accept its synthetic identity numbers."
            )

    def _check_migrated(self) -> None:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not up to date: run `bistand migrate` first.")

    def _until(self, value: datetime.date | str | None) -> datetime.date:
        today = timezone.localdate()
        if value is None:
            return today
        if isinstance(value, str):  # call_command(until="…") passes the option unparsed
            try:
                value = _date(value)
            except argparse.ArgumentTypeError as exc:
                raise CommandError(f"--until: {exc}") from None
        if value > today:
            raise CommandError(f"--until cannot be in the future (today is {today.isoformat()}).")
        if value.year < 2010:
            raise CommandError("--until must be in 2010 or later.")
        return value

    def _password(self, given: str | None) -> tuple[str, bool]:
        password = given or os.environ.get("BISTAND_DEMO_PASSWORD", "")
        is_default = not password
        if is_default:
            if not settings.IS_LOCAL:
                raise CommandError(
                    "Outside local runs the demo users need a password you choose: --password or BISTAND_DEMO_PASSWORD."
                )
            password = LOCAL_PASSWORD
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError("The demo password is too weak: " + " ".join(exc.messages)) from None
        return password, is_default

    # --- what was loaded --------------------------------------------------------------------
    def _report(self, plan: Plan, password: str, is_default: bool, verbosity: int) -> None:
        out = self.stdout
        end = timezone.localtime(plan.end)
        out.write(
            self.style.SUCCESS(
                f"Demo data loaded (seed {plan.seed}): history {plan.first_day:%d.%m.%Y}–{end:%d.%m.%Y %H:%M}"
            )
        )
        out.write(
            f"  {Organisation.objects.count()} organisations, {Team.objects.count()} teams, "
            f"{User.objects.count()} users"
        )
        out.write(_participants_line())
        out.write(
            f"  {Referral.objects.count()} referrals, {Consent.objects.count()} consents, "
            f"{StatusChange.objects.count()} status changes, {ChangeEntry.objects.count()} change-history entries"
        )
        self._logins(password if is_default else None, everyone=verbosity >= 2)

    def _report_bulk(self, ctx: bulk.Context, seconds: float, verbosity: int) -> None:
        out, counts, cal = self.stdout, ctx.counts, ctx.calendar
        declined = Referral.objects.filter(decision=Decision.DECLINED).count()
        end = timezone.localtime(cal.dt(cal.end_tick))
        out.write(
            self.style.SUCCESS(
                f"Bulk demo data written in {seconds:.0f} s (seed {ctx.seed}): history "
                f"{cal.days[0]:%d.%m.%Y}–{end:%d.%m.%Y %H:%M}"
            )
        )
        out.write(
            f"  {counts['accounts.Organisation']} organisations, {counts['accounts.Team']} teams, "
            f"{counts['accounts.User']} users"
        )
        out.write(_participants_line())
        out.write(
            f"  {counts['people.Referral']} referrals ({declined} declined), {counts['people.StatusChange']} status "
            f"changes, {counts['casework.Contact']} contacts, {counts['casework.PhaseChange']} phase changes"
        )
        out.write(
            f"  {counts['employers.Employer']} employers, {counts['employers.EmployerContact']} employer contacts, "
            f"{counts['jobs.JobOpening']} vacancies, {counts['jobs.JobLead']} job leads"
        )
        out.write(
            f"  {counts['placements.Placement']} placements ({Placement.objects.filter(end_date=None).count()} open), "
            f"{counts['placements.FollowUp']} follow-ups "
            f"({FollowUp.objects.filter(with_employer=True).count()} with the employer), "
            f"{counts['placements.FollowUpDue']} follow-along checkpoints"
        )
        out.write("  No change history in bulk mode (the records carry their own dates).")
        if verbosity >= 2:
            for label, n in sorted(counts.items()):
                out.write(f"    {label:<48} {n:>10}")

    def _logins(self, shown_password: str | None, *, everyone: bool = False) -> None:
        """One demo login per role (every demo user with -v 2), read from the database so
        that a later `demo --if-empty` can print them again."""
        memberships = list(
            Membership.objects.filter(user__email__endswith=DEMO_EMAIL_SUFFIX, user__is_active=True)
            .select_related("user", "team", "organisation")
            .order_by("id")
        )
        if not memberships:
            return
        if shown_password is None and memberships[0].user.check_password(LOCAL_PASSWORD):
            shown_password = LOCAL_PASSWORD
        password = f"the password {shown_password!r}" if shown_password else "the password chosen when it was loaded"
        if not everyone:
            first_by_role: dict[str, Membership] = {}
            for m in memberships:
                first_by_role.setdefault(m.role, m)
            memberships = [first_by_role[r] for r in Role.values if r in first_by_role]
        self.stdout.write(f"\nLog in with an e-mail address below and {password}:")
        for m in memberships:
            self.stdout.write(
                f"  {m.get_role_display()!s:<18} {m.user.get_full_name():<26} {m.user.email:<46} "
                f"{m.team or m.organisation}"
            )
        if not everyone:
            users = User.objects.filter(email__endswith=DEMO_EMAIL_SUFFIX).count()
            self.stdout.write(
                f"All {users} demo users have the same password; `bistand demo --if-empty -v 2` lists them."
            )
