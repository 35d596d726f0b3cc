"""Background sync of NAV's job feed (django-tasks).

django-tasks has no scheduler: the task enqueues its own next run `BISTAND_NAV_FEED_INTERVAL_MINUTES`
later (0 turns that off). Start the chain once with `bistand jobs schedule`; a worker
(`bistand db_worker`) runs it.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .navfeed import FeedClient, FeedError
from .sync import sync_feed

logger = logging.getLogger(__name__)


@task()
def sync_nav_feed(reschedule: bool = True) -> dict[str, int]:
    try:
        with FeedClient(settings.BISTAND_NAV_FEED_URL, settings.BISTAND_NAV_FEED_TOKEN) as client:
            stats = sync_feed(client)
        logger.info("NAV feed sync: %s", stats.summary())
        return stats.as_dict()
    except FeedError as exc:
        logger.error("NAV feed sync failed: %s", exc)
        raise
    finally:
        minutes = settings.BISTAND_NAV_FEED_INTERVAL_MINUTES
        if reschedule and minutes > 0:
            sync_nav_feed.using(run_after=timezone.now() + datetime.timedelta(minutes=minutes)).enqueue(reschedule=True)
