"""Local fake servers for the outside systems, following their documented behaviour
(see shared/integrations/README.md): real HTTP on 127.0.0.1, a free port, a thread each.

- FakeBrreg: Enhetsregisteret's /enheter/{orgnr} and /underenheter/{orgnr}; 404 unknown, 410 deleted.
- FakeFeed: NAV's pam-stilling-feed: bearer token (401 without), pages linked by next_url with
  next_url/next_id null at the end, ETag and Last-Modified on pages and 304 for If-None-Match /
  If-Modified-Since, feed entries by id with the newest state of the ad, 404 for unknown ids.
  Failures can be injected per path (a status for the next n requests).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import socket
import threading
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        headers = {k.title(): v for k, v in self.headers.items()}  # header names are case-insensitive
        status, headers, body = self.server.app.handle(urlsplit(self.path).path, headers)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        payload = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else b"")
        if payload:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@contextlib.contextmanager
def serve(app):
    """Runs `app.handle(path, headers) -> (status, headers, body)` on 127.0.0.1; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.app = app
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port_url() -> str:
    """A URL on which nothing listens (the register or feed is unreachable)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- Brønnøysund ------------------------------------------------------------------------


def brreg_unit(orgnr: str, name: str, *, business_unit: bool = True, **extra) -> dict:
    address_key = "beliggenhetsadresse" if business_unit else "forretningsadresse"
    unit = {
        "organisasjonsnummer": orgnr,
        "navn": name,
        "organisasjonsform": {
            "kode": "BEDR" if business_unit else "AS",
            "beskrivelse": "Underenhet til næringsdrivende og offentlig forvaltning"
            if business_unit
            else "Aksjeselskap",
        },
        "naeringskode1": {
            "kode": "47.111",
            "beskrivelse": "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler",
        },
        "antallAnsatte": 23,
        address_key: {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "0557",
            "poststed": "OSLO",
            "adresse": ["Thorvald Meyers gate 49"],
            "kommune": "OSLO",
            "kommunenummer": "0301",
        },
        "hjemmeside": "www.rema.no",
        "konkurs": False,
        "underAvvikling": False,
    }
    unit.update(extra)
    return unit


class FakeBrreg:
    def __init__(self) -> None:
        self.enheter: dict[str, dict] = {}
        self.underenheter: dict[str, dict] = {}
        self.deleted: set[str] = set()
        self.requests: list[str] = []

    def handle(self, path: str, headers: dict):
        self.requests.append(path)
        parts = path.strip("/").split("/")
        if len(parts) < 2 or parts[-2] not in ("enheter", "underenheter"):
            return 404, {}, {"status": 404, "error": "Not Found"}
        kind, orgnr = parts[-2], parts[-1]
        if orgnr in self.deleted:
            return 410, {}, {"status": 410, "error": "Gone"}
        units = self.underenheter if kind == "underenheter" else self.enheter
        if orgnr in units:
            return 200, {}, units[orgnr]
        return 404, {}, {"status": 404, "error": "Not Found"}


# --- NAV job feed -------------------------------------------------------------------------

BASE_TIME = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def ad_details(
    uuid: str,
    *,
    modified: datetime.datetime,
    title: str = "Butikkmedarbeider",
    status: str = "ACTIVE",
    orgnr: str | None = "974760673",
    employer: str = "Rema 1000 Grünerløkka",
    municipal: str | None = "OSLO",
    county: str | None = "OSLO",
    styrk: str | None = "5223.01",
    extent: str | None = "Heltid",
    published: datetime.datetime | None = None,
    description: str | None = "<p>Vi søker en <strong>blid</strong> medarbeider.</p><script>alert(1)</script>",
    contacts: list | None = None,
    application_url: str | None = "https://example.no/apply/1",
) -> dict:
    published = published or modified
    return {
        "uuid": uuid,
        "sistEndret": iso(modified),
        "status": status,
        "json": {
            "uuid": uuid,
            "published": iso(published),
            "expires": iso(published + datetime.timedelta(days=30)),
            "updated": iso(modified),
            "workLocations": [
                {
                    "country": "NORGE",
                    "address": "Thorvald Meyers gate 49",
                    "city": "OSLO",
                    "postalCode": "0557",
                    "county": county,
                    "municipal": municipal,
                }
            ]
            if municipal
            else [],
            "title": title,
            "description": description,
            "sourceurl": "https://arbeidsplassen.nav.no/stillinger/stilling/" + uuid,
            "source": "AMEDIA",
            "applicationUrl": application_url,
            "applicationDue": "Snarest",
            "occupationCategories": [{"level1": "Salg og service", "level2": "Butikkansatte"}],
            "categoryList": [
                {"categoryType": "STYRK08", "code": styrk, "name": "Butikkmedarbeider", "score": 1.0},
                {
                    "categoryType": "ESCO",
                    "code": "http://data.europa.eu/esco/occupation/96a6d9a5",
                    "name": "butikkmedarbeider",
                    "score": 0.9,
                },
            ]
            if styrk
            else [],
            "jobtitle": title,
            "link": "https://arbeidsplassen.nav.no/stillinger/stilling/" + uuid,
            "employer": {"name": employer, "orgnr": orgnr, "description": None, "homepage": "www.rema.no"},
            "engagementtype": "Fast",
            "extent": extent,
            "starttime": "Etter avtale",
            "positioncount": "2",
            "sector": "Privat",
            "contactList": contacts
            if contacts is not None
            else [{"name": "Kari Butikksjef", "title": "Butikksjef", "email": "kari@example.no", "phone": "99999999"}],
        },
    }


def masked(details: dict, *, modified: datetime.datetime) -> dict:
    """What the feed shows for an actively stopped ad: contact and employer fields masked."""
    out = json.loads(json.dumps(details))
    out["status"] = "INACTIVE"
    out["sistEndret"] = iso(modified)
    ad = out["json"]
    ad["title"] = "*****"
    ad["employer"] = {"name": "*****", "orgnr": None, "description": None, "homepage": None}
    ad["contactList"] = []
    ad["applicationUrl"] = None
    return out


FEED_TOKEN = "feed-token"


class FakeFeed:
    def __init__(self, *, token: str = FEED_TOKEN, page_size: int = 2) -> None:
        self.token = token
        self.page_size = page_size
        self.pages: list[dict] = [{"id": "page-1", "items": []}]
        self.ads: dict[str, dict] = {}  # uuid -> newest details (or raw bytes for a broken one)
        self.entries: dict[str, str] = {}  # entry id -> ad uuid
        self.failures: dict[str, list[int]] = {}
        self.requests: list[tuple[str, dict]] = []
        self._n = 0

    # Building the feed ----------------------------------------------------------------
    def publish(
        self, details: dict | bytes, *, uuid: str | None = None, status: str | None = None, raw_item=None
    ) -> str:
        """Adds a feed item for a new ad or a change to one; returns the entry id."""
        self._n += 1
        entry_id = f"entry-{self._n}"
        if raw_item is not None:
            item = raw_item
        else:
            uuid = uuid or details["uuid"]
            modified = (details.get("sistEndret") if isinstance(details, dict) else None) or iso(BASE_TIME)
            ad = details.get("json", {}) if isinstance(details, dict) else {}
            item = {
                "id": entry_id,
                "url": f"/api/v1/feedentry/{entry_id}",
                "title": ad.get("title"),
                "content_text": ad.get("title"),
                "date_modified": modified,
                "_feed_entry": {
                    "uuid": uuid,
                    "status": status or (details.get("status") if isinstance(details, dict) else "ACTIVE"),
                    "title": ad.get("title"),
                    "businessName": (ad.get("employer") or {}).get("name"),
                    "municipal": "OSLO",
                    "sistEndret": modified,
                },
            }
            self.ads[uuid] = details
            self.entries[entry_id] = uuid
        last = self.pages[-1]
        if len(last["items"]) >= self.page_size:
            last = {"id": f"page-{len(self.pages) + 1}", "items": []}
            self.pages.append(last)
        last["items"].append(item)
        return entry_id

    def fail(self, path: str, *statuses: int) -> None:
        """The next requests for `path` answer these statuses, in order."""
        self.failures.setdefault(path, []).extend(statuses)

    def requested(self, path: str) -> list[dict]:
        return [h for p, h in self.requests if p == path]

    # Serving ------------------------------------------------------------------------
    def _page_body(self, index: int) -> dict:
        page = self.pages[index]
        has_next = index + 1 < len(self.pages)
        next_id = self.pages[index + 1]["id"] if has_next else None
        return {
            "version": "https://jsonfeed.org/version/1",
            "title": "ArbeidsplassenNAV Job Vacancy Feed",
            "home_page_url": "https://arbeidsplassen.nav.no/stillinger",
            "feed_url": f"/api/v1/feed/{page['id']}",
            "description": "Public job vacancies in Norway",
            "next_url": f"/api/v1/feed/{next_id}" if has_next else None,
            "id": page["id"],
            "next_id": next_id,
            "items": page["items"],
        }

    def _last_modified(self, index: int) -> datetime.datetime:
        stamps = []
        for item in self.pages[index]["items"]:
            with contextlib.suppress(Exception):
                stamps.append(datetime.datetime.fromisoformat(item["date_modified"].replace("Z", "+00:00")))
        return max(stamps, default=BASE_TIME).replace(microsecond=0)

    def _serve_page(self, index: int, headers: dict):
        body = self._page_body(index)
        if not body["items"]:
            return 304, {}, None
        etag = '"' + hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16] + '"'
        last_modified = self._last_modified(index)
        validators = {"ETag": etag, "Last-Modified": format_datetime(last_modified, usegmt=True)}
        if "If-None-Match" in headers:
            if headers["If-None-Match"] == etag:
                return 304, validators, None
        elif "If-Modified-Since" in headers:
            with contextlib.suppress(TypeError, ValueError):
                if last_modified <= parsedate_to_datetime(headers["If-Modified-Since"]):
                    return 304, validators, None
        return 200, validators, body

    def handle(self, path: str, headers: dict):
        self.requests.append((path, headers))
        if headers.get("Authorization") != f"Bearer {self.token}":
            return 401, {}, {"message": "Unauthorized"}
        if self.failures.get(path):
            return self.failures[path].pop(0), {}, {"message": "injected failure"}
        if path == "/api/v1/feed":
            if "If-Modified-Since" in headers:
                since = parsedate_to_datetime(headers["If-Modified-Since"])
                for i in range(len(self.pages)):
                    if self._last_modified(i) > since and self.pages[i]["items"]:
                        return self._serve_page(i, {})
                return 304, {}, None
            return self._serve_page(0, headers)
        if path.startswith("/api/v1/feed/"):
            page_id = path.rsplit("/", 1)[-1]
            for i, page in enumerate(self.pages):
                if page["id"] == page_id:
                    return self._serve_page(i, headers)
            return 404, {}, {"message": "No such page"}
        if path.startswith("/api/v1/feedentry/"):
            entry_id = path.rsplit("/", 1)[-1]
            uuid = self.entries.get(entry_id)
            if uuid is None:
                return 404, {}, {"message": "No such entry"}
            return 200, {}, self.ads[uuid]
        return 404, {}, {"message": "Not found"}
