"""Storing NAV's job feed: follows the feed from its stored position and keeps one
JobOpening per ad (by NAV's uuid), so that re-running never duplicates.

Each item is stored in its own transaction together with the new feed position; HTTP is
never done inside a transaction. A malformed item is logged and skipped; a network failure
ends the run with a FeedError, and the next run resumes with the item after the last one stored.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, fields

from django.db import transaction
from django.utils import timezone
from django.utils.http import http_date
from stdnum.no import orgnr as orgnr_checker

from bistand.employers.services import employer_from_feed
from bistand.reference.lookups import KommuneIndex, OccupationIndex, unit_group_code

from .enums import NAV_EXTENT, OpeningSource
from .models import FeedState, JobOpening, JobOpeningLocation
from .navfeed import (
    FIRST_PAGE,
    PAGE_PATH,
    FeedClient,
    ItemRef,
    MalformedItem,
    Vacancy,
    parse_details,
    parse_item,
    plain_text,
)

logger = logging.getLogger(__name__)

# Free text searches title, employer, occupation, places and the start of the description.
# A longer stretch of description makes a search for a rare word (a full scan) slower:
# 400 characters keep that near 0.2 s at 100,000 vacancies on SQLite (see the report).
SEARCH_TEXT_DESCRIPTION_CHARS = 400


@dataclass
class SyncStats:
    pages: int = 0
    items: int = 0
    new: int = 0
    updated: int = 0
    deactivated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def summary(self) -> str:
        return (
            f"{self.pages} pages, {self.items} items: {self.new} new, {self.updated} updated, "
            f"{self.deactivated} deactivated, {self.unchanged} unchanged, {self.skipped} skipped"
        )


class Lookups:
    """Reference data read once per run."""

    def __init__(self) -> None:
        self.kommuner = KommuneIndex()
        self.occupations = OccupationIndex()


def search_text_for(opening: JobOpening, kommune_names: list[str]) -> str:
    parts = [
        opening.title,
        opening.employer_name,
        opening.esco_label,
        opening.occupation.name if opening.occupation else "",
        *kommune_names,
        plain_text(opening.description)[:SEARCH_TEXT_DESCRIPTION_CHARS],
        opening.negotiated_tasks,
    ]
    return " ".join(p for p in parts if p).casefold()


def _deactivate(opening: JobOpening, modified: datetime.datetime | None) -> None:
    """A stopped or inactive ad: no longer shown as open, and its contact details are gone
    (the description too, since ads often name a contact person in the text)."""
    opening.is_active = False
    opening.contacts = []
    opening.application_url = ""
    opening.description = ""
    if modified:
        opening.source_modified = modified
    opening.search_text = search_text_for(opening, [loc.kommune.name for loc in opening.locations.all()])
    opening.save()


def _store(vacancy: Vacancy, existing: JobOpening | None, lookups: Lookups) -> str:
    if vacancy.status != "ACTIVE":
        if existing is None or not existing.is_active:
            return "unchanged"
        _deactivate(existing, vacancy.modified)
        return "deactivated"
    opening = existing or JobOpening(source=OpeningSource.NAV_FEED, nav_uuid=vacancy.uuid)
    employer = None
    if vacancy.employer_orgnr and orgnr_checker.is_valid(vacancy.employer_orgnr):
        employer = employer_from_feed(
            orgnr=vacancy.employer_orgnr, name=vacancy.employer_name, website=vacancy.employer_homepage
        )
    occupation = lookups.occupations.unit_group(vacancy.styrk_code)
    opening.employer = employer
    opening.employer_name = vacancy.employer_name
    opening.title = vacancy.title or opening.title
    opening.description = vacancy.description
    opening.styrk_code = unit_group_code(vacancy.styrk_code)
    opening.occupation = occupation
    opening.nav_occupation_code = vacancy.styrk_code[:20]
    opening.esco_code = vacancy.esco_code
    opening.esco_label = vacancy.esco_label
    opening.extent = NAV_EXTENT.get(vacancy.extent.casefold(), "")
    opening.engagement_type = vacancy.engagement_type
    opening.published_at = vacancy.published_at or opening.published_at or vacancy.modified or timezone.now()
    opening.expires_at = vacancy.expires_at
    opening.application_due = vacancy.application_due
    opening.start_time = vacancy.start_time
    opening.position_count = vacancy.position_count
    opening.application_url = vacancy.application_url
    opening.source_url = vacancy.source_url
    opening.contacts = vacancy.contacts
    opening.is_active = True
    opening.source_modified = vacancy.modified
    kommuner = {}
    for loc in vacancy.locations:
        kommune = lookups.kommuner.find(name=loc["municipal"], county=loc["county"])
        if kommune is not None:
            kommuner[kommune.pk] = kommune
    opening.search_text = search_text_for(opening, [k.name for k in kommuner.values()])
    opening.full_clean(exclude=["employer", "occupation"], validate_unique=False)
    opening.save()
    opening.locations.all().delete()
    JobOpeningLocation.objects.bulk_create(
        [JobOpeningLocation(opening=opening, kommune=k, fylke_number=k.fylke_number) for k in kommuner.values()]
    )
    return "updated" if existing else "new"


def _process(client: FeedClient, ref: ItemRef, lookups: Lookups) -> tuple[str, Vacancy | None, JobOpening | None]:
    """Decides what an item needs, fetching details only for ads that are new or changed."""
    existing = JobOpening.objects.filter(nav_uuid=ref.ad_uuid).first()
    if ref.status == "INACTIVE":
        # Inactive ads need no details: we only stop showing them and drop their contacts.
        if existing is None or not existing.is_active:
            return "unchanged", None, existing
        return "deactivate", None, existing
    if (
        existing
        and existing.is_active
        and existing.source_modified
        and ref.modified
        and existing.source_modified >= ref.modified
    ):
        return "unchanged", None, existing
    details = client.entry(ref.details_url)
    if details is None:
        raise MalformedItem("the feed has no details for this entry (404)")
    vacancy = parse_details(details, ref)
    existing = existing or JobOpening.objects.filter(nav_uuid=vacancy.uuid).first()
    return "store", vacancy, existing


def sync_feed(
    client: FeedClient,
    *,
    since: datetime.datetime | None = None,
    progress: Callable[[SyncStats], None] | None = None,
    max_pages: int | None = None,
) -> SyncStats:
    """Follows the feed from its stored position to its end (or `max_pages`)."""
    stats = SyncStats()
    state, _ = FeedState.objects.get_or_create(feed_url=client.base_url)
    state.last_run_at = timezone.now()
    state.save(update_fields=["last_run_at"])
    lookups = Lookups()
    path = state.page_path or FIRST_PAGE
    try:
        while max_pages is None or stats.pages < max_pages:
            if path == state.page_path:
                page = client.page(path, etag=state.etag, last_modified=state.last_modified)
            else:
                page = client.page(path, last_modified=http_date(since.timestamp()) if since else "")
            if page is None:
                break
            stats.pages += 1
            data = page.data
            page_id = str(data.get("id") or "").strip()
            page_path = PAGE_PATH.format(id=page_id) if page_id else path
            if page_path != state.page_path:
                state.page_path, state.last_item_id, state.etag, state.last_modified = page_path, "", "", ""
                state.save()
            items = data.get("items") or []
            start = 0
            if state.last_item_id:
                ids = [str(i.get("id")) if isinstance(i, dict) else None for i in items]
                if state.last_item_id in ids:
                    start = ids.index(state.last_item_id) + 1
            for item in items[start:]:
                _sync_item(client, item, state, stats, lookups)
                if progress:
                    progress(stats)
            next_url = data.get("next_url")
            if isinstance(next_url, str) and next_url.strip():
                path = next_url.strip()
                state.page_path, state.last_item_id, state.etag, state.last_modified = path, "", "", ""
                state.save()
                continue
            # The end of the feed: remember the page's validators and poll it next time.
            state.etag, state.last_modified = page.etag, page.last_modified
            state.save()
            break
    except Exception as exc:
        FeedState.objects.filter(pk=state.pk).update(last_error=str(exc)[:2000])
        raise
    FeedState.objects.filter(pk=state.pk).update(last_error="", last_success_at=timezone.now())
    return stats


def _sync_item(client: FeedClient, item, state: FeedState, stats: SyncStats, lookups: Lookups) -> None:
    stats.items += 1
    item_id = str(item.get("id") or "") if isinstance(item, dict) else ""
    try:
        ref = parse_item(item)
        action, vacancy, existing = _process(client, ref, lookups)
    except MalformedItem as exc:
        logger.warning("NAV feed: skipped item %s on %s: %s", item_id or "?", state.page_path, exc)
        stats.skipped += 1
        _advance(state, item_id)
        return
    with transaction.atomic():
        try:
            if action == "store":
                outcome = _store(vacancy, existing, lookups)
            elif action == "deactivate":
                _deactivate(existing, ref.modified)
                outcome = "deactivated"
            else:
                outcome = "unchanged"
        except Exception as exc:  # a value the database refuses: skip the item, keep the run going
            transaction.set_rollback(True)
            logger.warning("NAV feed: skipped item %s: %s: %s", item_id, type(exc).__name__, exc)
            outcome = "skipped"
        else:
            _advance(state, item_id)
    if outcome == "skipped":
        _advance(state, item_id)
    setattr(stats, outcome, getattr(stats, outcome) + 1)


def _advance(state: FeedState, item_id: str) -> None:
    if item_id:
        state.last_item_id = item_id
        state.save(update_fields=["last_item_id"])
