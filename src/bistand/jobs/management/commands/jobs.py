"""`bistand jobs sync`: import vacancies from NAV's job feed. `bistand jobs schedule`: start the
periodic background sync."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from tqdm import tqdm

from bistand.jobs.navfeed import FeedClient, FeedError
from bistand.jobs.sync import SyncStats, sync_feed


class Command(BaseCommand):
    help = "Job openings from NAV's public job vacancy feed."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{sync,schedule}")
        sync = sub.add_parser("sync", help="Follow the feed from its stored position and store what is new.")
        sync.add_argument("--feed-url", default=None, help="Base URL of the feed (default: BISTAND_NAV_FEED_URL).")
        sync.add_argument("--token", default=None, help="Bearer token (default: BISTAND_NAV_FEED_TOKEN).")
        sync.add_argument(
            "--since", default=None, help="On the first run only: start at ads changed after this ISO date."
        )
        sync.add_argument("--max-pages", type=int, default=None, help="Stop after this many pages.")
        sync.add_argument("--retries", type=int, default=5, help="Attempts per request on network errors.")
        sync.add_argument("--backoff", type=float, default=1.0, help="First wait in seconds between attempts.")
        sub.add_parser("schedule", help="Enqueue the periodic background sync (run a worker: bistand db_worker).")

    def handle(self, *args, **options):
        if options["action"] == "schedule":
            return self.schedule()
        return self.sync(options)

    def schedule(self):
        from bistand.jobs.tasks import sync_nav_feed

        result = sync_nav_feed.enqueue(reschedule=True)
        self.stdout.write(f"Enqueued the NAV feed sync (task {result.id}).")

    def sync(self, options):
        url = options["feed_url"] or settings.BISTAND_NAV_FEED_URL
        token = options["token"] or settings.BISTAND_NAV_FEED_TOKEN
        since = None
        if options["since"]:
            since = parse_datetime(options["since"]) or _date(options["since"])
            if since is None:
                raise CommandError(f"--since must be an ISO date or time, not {options['since']!r}.")
            if timezone.is_naive(since):
                since = timezone.make_aware(since)
        quiet = options["verbosity"] == 0
        # tqdm redraws its line with "\r": it writes to the real stream under Django's OutputWrapper.
        bar = tqdm(unit=" items", desc="NAV feed", disable=quiet, file=self.stderr._out, dynamic_ncols=True)
        last = SyncStats()

        def progress(stats: SyncStats) -> None:
            bar.update(stats.items - bar.n)
            bar.set_postfix(
                pages=stats.pages, new=stats.new, updated=stats.updated, skipped=stats.skipped, refresh=False
            )
            last.__dict__.update(stats.__dict__)

        try:
            with FeedClient(url, token, retries=options["retries"], backoff=options["backoff"]) as client:
                stats = sync_feed(client, since=since, progress=progress, max_pages=options["max_pages"])
        except FeedError as exc:
            bar.close()
            self.stdout.write(f"Stopped after {last.summary()}. The next run resumes from there.")
            raise CommandError(str(exc)) from None
        bar.close()
        self.stdout.write(self.style.SUCCESS(f"Done: {stats.summary()}."))


def _date(text: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time())
    except ValueError:
        return None
