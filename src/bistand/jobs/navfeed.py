"""Client for NAV's public job vacancy feed (pam-stilling-feed, Arbeidsplassen).

Only HTTP and parsing live here; storing what it reads is jobs.sync. The client sends the
bearer token, `If-None-Match` / `If-Modified-Since` for pages it has seen, and retries network
errors and server errors (5xx, 429) with exponential back-off before giving up with a
FeedError whose message says what went wrong.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpx
import nh3
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags

logger = logging.getLogger(__name__)

FIRST_PAGE = "/api/v1/feed"
PAGE_PATH = "/api/v1/feed/{id}"
ENTRY_PATH = "/api/v1/feedentry/{id}"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# What a vacancy description may keep: text structure and links, nothing that runs or styles.
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "h5", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


class FeedError(Exception):
    """The feed could not be read; the message is meant for the person running the sync."""


class FeedUnauthorized(FeedError):
    pass


class MalformedItem(ValueError):
    """One item or entry that cannot be used; the sync logs it and goes on."""


@dataclass
class Page:
    data: dict[str, Any]
    etag: str
    last_modified: str


class FeedClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = 20.0,
        retries: int = 5,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        base_url = (base_url or "").strip().rstrip("/")
        if base_url.endswith(FIRST_PAGE):
            base_url = base_url[: -len(FIRST_PAGE)]
        if not base_url.startswith(("http://", "https://")):
            raise FeedError(f"The feed URL must start with http:// or https:// (got {base_url!r}).")
        if not token:
            raise FeedError("No token for the NAV job feed: give --token or set BISTAND_NAV_FEED_TOKEN.")
        self.base_url = base_url
        self.retries = max(retries, 1)
        self.backoff = backoff
        self.sleep = sleep
        self.http = httpx.Client(
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            follow_redirects=True,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> FeedClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def url(self, path_or_url: str) -> str:
        return urljoin(self.base_url + "/", path_or_url)

    def _get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        last = ""
        for attempt in range(1, self.retries + 1):
            try:
                response = self.http.get(url, headers=headers or {})
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            else:
                if response.status_code == 401:
                    raise FeedUnauthorized("The NAV job feed refused the token (401). Check --token.")
                if response.status_code not in RETRY_STATUSES:
                    return response
                last = f"HTTP {response.status_code}"
            if attempt < self.retries:
                delay = self.backoff * 2 ** (attempt - 1)
                logger.warning(
                    "NAV feed: %s on %s; retrying in %.1f s (%d/%d)", last, url, delay, attempt, self.retries
                )
                self.sleep(delay)
        raise FeedError(f"The NAV job feed could not be read at {url} after {self.retries} attempts ({last}).")

    def page(self, path: str, *, etag: str = "", last_modified: str = "") -> Page | None:
        """A feed page, or None when the server says it is unchanged (304)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        url = self.url(path)
        response = self._get(url, headers)
        if response.status_code == 304:
            return None
        if response.status_code == 404:
            raise FeedError(f"The NAV job feed has no page at {url} (404).")
        if response.status_code != 200:
            raise FeedError(f"The NAV job feed answered HTTP {response.status_code} for {url}.")
        try:
            data = response.json()
        except ValueError:
            raise FeedError(f"The NAV job feed sent a page that is not JSON ({url}).") from None
        if not isinstance(data, dict) or not isinstance(data.get("items", []), list):
            raise FeedError(f"The NAV job feed sent a page without a list of items ({url}).")
        return Page(data, response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""))

    def entry(self, path_or_url: str) -> dict[str, Any] | None:
        """The details of one feed entry, or None when the feed no longer has it (404)."""
        response = self._get(self.url(path_or_url))
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise MalformedItem(f"details answered HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise MalformedItem("details are not JSON") from None
        if not isinstance(data, dict):
            raise MalformedItem("details are not an object")
        return data


# --- Parsing ------------------------------------------------------------------------------


def _text(value: Any, limit: int | None = None) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = str(value).strip()
    return text[:limit] if limit else text


def parse_date(value: Any) -> datetime.datetime | None:
    """ISO 8601 from NAV, with or without a zone (without one it is Norwegian time)."""
    text = _text(value)
    if not text:
        return None
    try:
        parsed = parse_datetime(text)
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed = datetime.datetime.combine(datetime.date.fromisoformat(text[:10]), datetime.time())
        except ValueError:
            return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def parse_int(value: Any) -> int | None:
    try:
        number = int(_text(value))
    except ValueError:
        return None
    return number if 0 <= number < 100_000 else None


def clean_url(value: Any) -> str:
    text = _text(value, 1000)
    return text if text.startswith(("http://", "https://")) else ""


def sanitise_html(html: Any) -> str:
    return nh3.clean(
        _text(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@dataclass
class ItemRef:
    """What a feed item says about an ad, before its details are fetched."""

    item_id: str
    ad_uuid: str
    status: str
    modified: datetime.datetime | None
    details_url: str


def parse_item(item: Any) -> ItemRef:
    if not isinstance(item, dict):
        raise MalformedItem("item is not an object")
    entry = item.get("_feed_entry") if isinstance(item.get("_feed_entry"), dict) else {}
    item_id = _text(item.get("id"), 100)
    ad_uuid = _text(entry.get("uuid"), 64) or item_id
    if not item_id and not ad_uuid:
        raise MalformedItem("item has neither id nor uuid")
    status = _text(entry.get("status")).upper()
    if status not in ("ACTIVE", "INACTIVE"):
        raise MalformedItem(f"item has an unknown status {status!r}")
    details_url = _text(item.get("url"), 1000) or ENTRY_PATH.format(id=item_id or ad_uuid)
    modified = parse_date(entry.get("sistEndret")) or parse_date(item.get("date_modified"))
    return ItemRef(item_id or ad_uuid, ad_uuid, status, modified, details_url)


@dataclass
class Vacancy:
    """A vacancy as the product stores it, read from an entry's details."""

    uuid: str
    status: str
    modified: datetime.datetime | None
    title: str
    description: str
    employer_name: str
    employer_orgnr: str
    employer_homepage: str
    styrk_code: str
    esco_code: str
    esco_label: str
    locations: list[dict[str, str]]
    extent: str
    engagement_type: str
    published_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    application_due: str
    start_time: str
    position_count: int | None
    application_url: str
    source_url: str
    contacts: list[dict[str, str]]
    sector: str


def _best_category(categories: list, kind: str) -> dict:
    found = [c for c in categories if isinstance(c, dict) and _text(c.get("categoryType")).upper() == kind]
    if not found:
        return {}

    def score(c):
        try:
            return float(c.get("score") or 0)
        except (TypeError, ValueError):
            return 0.0

    return max(found, key=score)


def parse_details(data: dict[str, Any], ref: ItemRef) -> Vacancy:
    ad = data.get("json")
    if not isinstance(ad, dict):
        raise MalformedItem("details have no 'json' object")
    uuid = _text(ad.get("uuid"), 64) or _text(data.get("uuid"), 64) or ref.ad_uuid
    status = (_text(data.get("status")) or ref.status).upper()
    title = _text(ad.get("title"), 300) or _text(ad.get("jobtitle"), 300)
    if status == "ACTIVE" and not title:
        raise MalformedItem("active ad without a title")
    categories = ad.get("categoryList") if isinstance(ad.get("categoryList"), list) else []
    styrk = _best_category(categories, "STYRK08")
    esco = _best_category(categories, "ESCO")
    employer = ad.get("employer") if isinstance(ad.get("employer"), dict) else {}
    locations = []
    for loc in ad.get("workLocations") or []:
        if isinstance(loc, dict):
            locations.append({"municipal": _text(loc.get("municipal")), "county": _text(loc.get("county"))})
    contacts = []
    for c in ad.get("contactList") or []:
        if isinstance(c, dict):
            contact = {k: _text(c.get(k), 200) for k in ("name", "title", "role", "email", "phone")}
            if any(contact.values()):
                contacts.append(contact)
    return Vacancy(
        uuid=uuid,
        status=status,
        modified=parse_date(data.get("sistEndret")) or parse_date(ad.get("updated")) or ref.modified,
        title=title,
        description=sanitise_html(ad.get("description")),
        employer_name=_text(employer.get("name"), 200) or _text(ad.get("businessName"), 200),
        employer_orgnr="".join(ch for ch in _text(employer.get("orgnr")) if ch.isdigit()),
        employer_homepage=clean_url(employer.get("homepage")),
        styrk_code=_text(styrk.get("code"), 20),
        esco_code=_text(esco.get("code"), 300),
        esco_label=_text(esco.get("name"), 300),
        locations=locations,
        extent=_text(ad.get("extent")),
        engagement_type=_text(ad.get("engagementtype"), 100),
        published_at=parse_date(ad.get("published")),
        expires_at=parse_date(ad.get("expires")),
        application_due=_text(ad.get("applicationDue"), 100),
        start_time=_text(ad.get("starttime"), 100),
        position_count=parse_int(ad.get("positioncount")),
        application_url=clean_url(ad.get("applicationUrl")) or clean_url(ad.get("link")),
        source_url=clean_url(ad.get("sourceurl")),
        contacts=contacts,
        sector=_text(ad.get("sector"), 100),
    )


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html).split())
