"""The measurement: server-side time and query count of each page, in this process.

Every request goes through the whole Django stack (middleware, session, login, access
checks, the view, the template, ATOMIC_REQUESTS and the access-log rows it writes) with
Django's test client, logged in as the persona. The time is taken around `client.get`; the
query count in separate requests under CaptureQueriesContext, so that recording the SQL
does not slow the timed requests. Pages take turns in a shuffled order each round, so a
burst of load on the machine falls on every page alike.
"""

from __future__ import annotations

import datetime
import math
import os
import platform
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import django
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bistand.audit.models import AccessLogEntry, AccessLogSubject, ChangeEntry
from bistand.casework.models import Contact
from bistand.employers.models import Employer, EmployerContact
from bistand.jobs.models import JobOpening
from bistand.people.models import Participant, Referral

from .scenario import FLOOR, Page, Scenario

FORMAT = "bistand-bench/1"
SLOWEST = 3  # slowest queries kept per page, for EXPLAIN


class BenchError(RuntimeError):
    pass


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return host
    return "localhost"


def clients_for(scenario: Scenario) -> dict[str, Client]:
    clients = {}
    for key, user in scenario.personas.items():
        client = Client(HTTP_HOST=_host())
        client.force_login(user)
        clients[key] = client
    return clients


def _get(client: Client, page: Page):
    response = client.get(page.url, secure=settings.SECURE_SSL_REDIRECT)
    if response.status_code != 200:
        raise BenchError(f"{page.name}: GET {page.url} answered {response.status_code}, not 200")
    return response


def data_facts() -> dict[str, int]:
    """How much data the database holds (what the page times are measured against)."""
    return {
        "participants": Participant.objects.count(),
        "referrals": Referral.objects.count(),
        "contacts": Contact.objects.count(),
        "employers": Employer.objects.count(),
        "employer_contacts": EmployerContact.objects.count(),
        "job_openings": JobOpening.objects.count(),
        "access_log_entries": AccessLogEntry.objects.count(),
        "access_log_subjects": AccessLogSubject.objects.count(),
        "change_entries": ChangeEntry.objects.count(),
    }


def database_facts() -> dict[str, str]:
    db = settings.DATABASES["default"]
    facts = {"vendor": connection.vendor, "name": str(db.get("NAME", ""))}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            facts["version"] = cursor.fetchone()[0]
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            facts["version"] = cursor.fetchone()[0]
    if db.get("HOST"):
        facts["host"] = f"{db['HOST']}:{db.get('PORT') or ''}"
    return facts


def machine_facts() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def profile_queries(client: Client, page: Page, repeats: int) -> dict[str, Any]:
    """Query count (from `repeats` requests: it must not vary) and the slowest queries."""
    counts: list[int] = []
    times: list[list[float]] = []
    sqls: list[str] = []
    size = 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as ctx:
            response = _get(client, page)
        size = len(response.content)
        counts.append(len(ctx))
        times.append([float(q["time"]) for q in ctx.captured_queries])
        sqls = [q["sql"] for q in ctx.captured_queries]
    slowest: list[dict[str, Any]] = []
    if len(set(counts)) == 1:
        medians = [statistics.median(t[i] for t in times) for i in range(counts[0])]
        order = sorted(range(counts[0]), key=lambda i: medians[i], reverse=True)[:SLOWEST]
        slowest = [{"ms": round(medians[i] * 1000, 3), "sql": sqls[i]} for i in order]
    return {"queries": counts[-1], "queries_seen": sorted(set(counts)), "bytes": size, "slowest_queries": slowest}


def run(
    scenario: Scenario,
    *,
    requests: int,
    warmup: int,
    seed: int = 0,
    profile_repeats: int = 3,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Measures every page of the scenario; returns the result as a JSON-ready dict."""
    if requests < 1:
        raise BenchError("--requests must be at least 1")
    pages = scenario.pages
    if not pages or pages[0].name != FLOOR:
        raise BenchError("nothing to measure: the data has no job specialist")
    data = data_facts()
    clients = clients_for(scenario)
    started = datetime.datetime.now(datetime.UTC)
    loadavg_before = machine_facts()["loadavg"]

    for _ in range(warmup):
        for page in pages:
            _get(clients[page.persona], page)
    profiles = {page.name: profile_queries(clients[page.persona], page, profile_repeats) for page in pages}

    rng = random.Random(seed)
    timings: dict[str, list[float]] = {page.name: [] for page in pages}
    order = list(pages)
    clock = time.perf_counter
    for round_ in range(requests):
        rng.shuffle(order)
        for page in order:
            client = clients[page.persona]
            t0 = clock()
            response = client.get(page.url, secure=settings.SECURE_SSL_REDIRECT)
            elapsed = clock() - t0
            if response.status_code != 200:
                raise BenchError(f"{page.name}: GET {page.url} answered {response.status_code}, not 200")
            timings[page.name].append(elapsed)
        if progress is not None:
            progress(round_ + 1, requests)

    floor_p95 = percentile(timings[FLOOR], 95)
    floor_p50 = percentile(timings[FLOOR], 50)
    results = {}
    for page in pages:
        ms = [t * 1000 for t in timings[page.name]]
        p50, p95 = percentile(ms, 50), percentile(ms, 95)
        results[page.name] = {
            "title": page.title,
            "main": page.main,
            "persona": page.persona,
            "url": page.url,
            "n": len(ms),
            "p50_ms": round(p50, 3),
            "p95_ms": round(p95, 3),
            "mean_ms": round(statistics.fmean(ms), 3),
            "max_ms": round(max(ms), 3),
            "ratio_p50": round(p50 / (floor_p50 * 1000), 2),
            "ratio": round(p95 / (floor_p95 * 1000), 2),
            **profiles[page.name],
        }
    finished = datetime.datetime.now(datetime.UTC)
    machine = machine_facts()
    machine["loadavg_before"] = loadavg_before
    machine["loadavg_after"] = machine.pop("loadavg")
    return {
        "format": FORMAT,
        "started": started.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 1),
        "requests": requests,
        "warmup": warmup,
        "seed": seed,
        "floor": FLOOR,
        "database": database_facts(),
        "machine": machine,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "data": data,
        "picked": scenario.picked,
        "skipped": scenario.skipped,
        "pages": results,
    }
