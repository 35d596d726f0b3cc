"""Times the vacancy search on 100,000 vacancies in a fresh SQLite database (not part of the suite).

    BISTAND_ENV=test BISTAND_VAR_DIR=$(mktemp -d) .venv/bin/python -m tests.jobs.bench_vacancy_search [N]

Prints the median time of each search (selector: one page of 25 plus the bounded count) and
the query plan of the page query.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.settings")
os.environ.setdefault("BISTAND_ENV", "test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bistand.accounts.enums import OrganisationType, Role  # noqa: E402
from bistand.accounts.models import Membership, Organisation, User  # noqa: E402
from bistand.jobs import selectors  # noqa: E402
from bistand.jobs.models import JobOpening, JobOpeningLocation  # noqa: E402
from bistand.reference.models import Kommune, Occupation  # noqa: E402

WORDS = [
    "butikk",
    "lager",
    "kokk",
    "renhold",
    "sjåfør",
    "barnehage",
    "assistent",
    "sykepleier",
    "selger",
    "kantine",
    "vakt",
]


def populate(n: int) -> None:
    rng = random.Random(8)
    units = list(Occupation.objects.filter(level=4).values_list("code", flat=True))
    kommuner = list(Kommune.objects.all())
    now = timezone.now()
    batch, locations = [], []
    for i in range(n):
        word = rng.choice(WORDS)
        batch.append(
            JobOpening(
                source="nav_feed",
                nav_uuid=f"bench-{i}",
                title=f"{word.title()} {i}",
                employer_name=f"Bedrift {i % 5000}",
                styrk_code=rng.choice(units),
                extent=rng.choice(["full_time", "part_time", ""]),
                published_at=now - timezone.timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
                is_active=rng.random() < 0.4,
                description="<p>" + " ".join(rng.choice(WORDS) for _ in range(200)) + "</p>",
                search_text=f"{word} bedrift {i % 5000} " + " ".join(rng.choice(WORDS) for _ in range(60)),
            )
        )
        if len(batch) == 5000:
            _flush(batch, locations, kommuner, rng)
    _flush(batch, locations, kommuner, rng)


def _flush(batch, locations, kommuner, rng) -> None:
    created = JobOpening.objects.bulk_create(batch)
    for opening in created:
        k = rng.choice(kommuner) if rng.random() < 0.7 else kommuner[0]  # Oslo is big
        locations.append(JobOpeningLocation(opening_id=opening.pk, kommune=k, fylke_number=k.fylke_number))
    JobOpeningLocation.objects.bulk_create(locations)
    batch.clear()
    locations.clear()


def timed(user, label: str, **kwargs) -> None:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        qs = selectors.vacancy_queryset(user, **kwargs)
        rows, cursor = selectors.vacancy_page(qs, after=None)
        count, more = selectors.bounded_count(qs, first_page=rows)
        if cursor:
            selectors.vacancy_page(qs, after=cursor)
        times.append(time.perf_counter() - start)
    print(  # noqa: T201 (a console benchmark)
        f"{label:45s} {statistics.median(times) * 1000:7.1f} ms  rows={len(rows)} count={count}{'+' if more else ''}"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0)
    if not JobOpening.objects.exists():
        start = time.perf_counter()
        populate(n)
        print(  # noqa: T201 (a console benchmark)
            f"populated {n} vacancies in {time.perf_counter() - start:.0f} s"
        )
    org, _ = Organisation.objects.get_or_create(name="Bench", defaults={"type": OrganisationType.NAV_OFFICE})
    user, _ = User.objects.get_or_create(email="bench@example.no", defaults={"username": "bench@example.no"})
    Membership.objects.get_or_create(user=user, organisation=org, role=Role.PROGRAM_MANAGER)
    oslo = Kommune.objects.get(name="Oslo")
    small = Kommune.objects.get(name="Utsira")
    timed(user, "newest first, no filter")
    timed(user, "occupation unit group 5223", occupation_code="5223")
    timed(user, "occupation major group 5", occupation_code="5")
    timed(user, "kommune Oslo", kommune=oslo)
    timed(user, "kommune Utsira (small)", kommune=small)
    timed(user, "fylke 46 Vestland", fylke_number="46")
    timed(user, "extent part time", extent="part_time")
    timed(user, "text 'kokk'", text="kokk")
    timed(user, "text 'kokk kantine' + fylke 46", text="kokk kantine", fylke_number="46")
    timed(user, "text rare 'bedrift 4242'", text="bedrift 4242")
    timed(user, "unit group 5223 + Oslo + part time", occupation_code="5223", kommune=oslo, extent="part_time")
    qs = selectors.vacancy_queryset(user, occupation_code="52", kommune=oslo)
    sql, params = qs.order_by("-published_at", "-pk")[:26].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        print(  # noqa: T201 (a console benchmark)
            "plan (occupation 52 + Oslo):"
        )
        for row in cursor.fetchall():
            print(  # noqa: T201 (a console benchmark)
                "   ", row[-1]
            )


if __name__ == "__main__":
    main()
