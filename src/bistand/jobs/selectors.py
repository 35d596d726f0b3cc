"""Reads for job openings and the funnel. Every query starts from visible_to(user)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.people.enums import CASELOAD_STATUSES
from bistand.people.models import Participant

from .models import JobLead, JobOpening, JobOpeningLocation

MAX_COUNT = 100  # "more than 100" is all a search needs; a count of 1,000 cost 59 ms at 100k (docs/benchmarks.md)


def prefix_range(code: str) -> tuple[str, str]:
    """STYRK codes are prefixes of their sub-groups: "23" covers "2300" to "2399". A range
    (not LIKE) lets both SQLite and PostgreSQL walk the index."""
    return code, code[:-1] + chr(ord(code[-1]) + 1)


@dataclass(frozen=True)
class Cursor:
    """Keyset position: the last row shown (published, id); pages never use OFFSET."""

    published_at: datetime.datetime
    pk: int

    def encode(self) -> str:
        return f"{int(self.published_at.timestamp() * 1_000_000)}_{self.pk}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        try:
            micros, pk = (value or "").split("_")
            return cls(datetime.datetime.fromtimestamp(int(micros) / 1_000_000, tz=datetime.UTC), int(pk))
        except (ValueError, OverflowError, OSError):
            return None


def vacancy_queryset(
    user,
    *,
    occupation_code: str = "",
    kommune=None,
    fylke_number: str = "",
    extent: str = "",
    text: str = "",
    employer=None,
    include_inactive: bool = False,
) -> QuerySet[JobOpening]:
    qs = JobOpening.objects.visible_to(user)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if occupation_code:
        low, high = prefix_range(occupation_code)
        qs = qs.filter(styrk_code__gte=low, styrk_code__lt=high)
    if kommune is not None:
        qs = qs.filter(Exists(JobOpeningLocation.objects.filter(opening=OuterRef("pk"), kommune=kommune)))
    if fylke_number:
        qs = qs.filter(Exists(JobOpeningLocation.objects.filter(opening=OuterRef("pk"), fylke_number=fylke_number)))
    if extent:
        qs = qs.filter(extent=extent)
    if employer is not None:
        qs = qs.filter(employer=employer)
    for word in text.casefold().split()[:5]:
        qs = qs.filter(search_text__contains=word)
    return qs


def vacancy_page(qs: QuerySet[JobOpening], *, after: Cursor | None, size: int = 25):
    """One page newest first, and the cursor of the next page (None on the last)."""
    if after is not None:
        qs = qs.filter(Q(published_at__lt=after.published_at) | Q(published_at=after.published_at, pk__lt=after.pk))
    rows = list(
        qs.order_by("-published_at", "-pk")
        .select_related("employer", "occupation")
        .prefetch_related(Prefetch("locations", queryset=JobOpeningLocation.objects.select_related("kommune")))
        .defer("description", "search_text", "contacts")[: size + 1]
    )
    next_cursor = Cursor(rows[size - 1].published_at, rows[size - 1].pk) if len(rows) > size else None
    return rows[:size], next_cursor


def bounded_count(qs: QuerySet[JobOpening], first_page: list | None = None, size: int = 25) -> tuple[int, bool]:
    """How many match, counted up to MAX_COUNT (a full count of 100,000 rows is not needed).
    When the first page was not full, that page is the whole answer and no query is needed."""
    if first_page is not None and len(first_page) < size:
        return len(first_page), False
    # In the page's order, PostgreSQL walks the newest-first index and stops after
    # MAX_COUNT + 1 rows; unordered it merge-joined the whole county's locations. Measured
    # on its own at 100k it is the quicker form on both databases (docs/benchmarks.md).
    n = qs.order_by("-published_at", "-pk").values("pk")[: MAX_COUNT + 1].count()
    return min(n, MAX_COUNT), n > MAX_COUNT


def workable_participants(user) -> QuerySet[Participant]:
    """Participants on a caseload whose job search the user works: their own, or their team's as leader."""
    scope = scope_of(user)
    return (
        Participant.objects.visible_to(user)
        .filter(status__in=CASELOAD_STATUSES)
        .filter(Q(specialist=user) | Q(team_id__in=scope.teams(Role.TEAM_LEADER)))
        .order_by("last_name", "first_name", "id")
    )


def leads_for_participant(user, participant) -> QuerySet[JobLead]:
    return (
        JobLead.objects.visible_to(user)
        .filter(participant=participant)
        .select_related("opening", "employer")
        .prefetch_related("steps__actor")
        .order_by("-updated_at", "-id")
    )


def leads_for_opening(user, opening) -> QuerySet[JobLead]:
    return JobLead.objects.visible_to(user).filter(opening=opening).select_related("participant")
