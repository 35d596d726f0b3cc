"""What `bistand bench` measures: the main pages, each as the user who works with it, picked
from the data so that every page shows a busy case (the biggest caseload, the participant
with the most contacts, the busiest employer, a common vacancy filter, a big team).

Picking reads aggregates once before the measurement; it never writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from bistand.accounts.enums import Role
from bistand.accounts.models import Membership, User
from bistand.casework.models import Contact
from bistand.employers.models import EmployerContact
from bistand.jobs.models import JobOpeningLocation
from bistand.people.enums import CASELOAD_STATUSES
from bistand.people.models import Participant

FLOOR = "floor"

# The pages in the order they are reported. `main` pages are the ones the targets are for;
# the others are variants worth watching (a team's whole caseload, free-text search).
PAGE_TITLES = {
    FLOOR: "floor: ping (middleware, login, access checks)",
    "caseload": "caseload (own, first page)",
    "journey": "journey page",
    "employer": "employer page",
    "vacancy_search": "vacancy search (county filter)",
    "team_overview": "team overview",
    "access_log": "access log of one participant",
    "caseload_team": "caseload (team leader, whole team, by last contact)",
    "vacancy_text": "vacancy search (free text)",
}
MAIN_PAGES = ("caseload", "journey", "employer", "vacancy_search", "team_overview", "access_log")


@dataclass(frozen=True)
class Page:
    name: str
    persona: str  # a key of Scenario.personas
    url: str

    @property
    def title(self) -> str:
        return PAGE_TITLES.get(self.name, self.name)

    @property
    def main(self) -> bool:
        return self.name in MAIN_PAGES


@dataclass
class Scenario:
    personas: dict[str, User] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    picked: dict[str, Any] = field(default_factory=dict)  # what was chosen, and how busy it is
    skipped: dict[str, str] = field(default_factory=dict)  # page name: why there is nothing to measure

    def page(self, name: str) -> Page | None:
        return next((p for p in self.pages if p.name == name), None)


def _active_members(role: Role, **filters) -> Iterable[Membership]:
    return Membership.objects.filter(role=role, user__is_active=True, **filters).select_related("user")


def _biggest_caseload_specialist() -> tuple[User, int] | None:
    """The job specialist with the largest caseload (ties: the lowest id)."""
    rows = (
        Participant.objects.filter(status__in=CASELOAD_STATUSES, specialist__isnull=False)
        .values("specialist", "team")
        .annotate(n=Count("id"))
        .order_by("-n", "specialist")[:20]
    )
    for row in rows:
        member = _active_members(Role.JOB_SPECIALIST, user_id=row["specialist"], team_id=row["team"]).first()
        if member is not None:
            return member.user, row["n"]
    member = _active_members(Role.JOB_SPECIALIST).order_by("user_id").first()
    return (member.user, 0) if member else None


def busiest_specialists(n: int) -> list[str]:
    """The e-mail addresses of the `n` active job specialists with the largest caseloads (for the load test)."""
    rows = (
        Participant.objects.filter(
            status__in=CASELOAD_STATUSES,
            specialist__is_active=True,
            specialist__memberships__role=Role.JOB_SPECIALIST,
        )
        .values("specialist__email")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "specialist__email")[:n]
    )
    return [row["specialist__email"] for row in rows]


def _busiest_participant(specialist: User) -> tuple[Participant, int] | None:
    """The participant on the specialist's caseload with the most contacts (case notes)."""
    row = (
        Contact.objects.filter(participant__specialist=specialist, participant__status__in=CASELOAD_STATUSES)
        .values("participant")
        .annotate(n=Count("id"))
        .order_by("-n", "participant")
        .first()
    )
    if row is not None:
        return Participant.objects.get(pk=row["participant"]), row["n"]
    participant = Participant.objects.filter(specialist=specialist, status__in=CASELOAD_STATUSES).order_by("pk").first()
    return (participant, 0) if participant else None


def _big_team_leader() -> tuple[User, int, int] | None:
    """A team leader of the team with the most participants on a caseload: (user, team id, size)."""
    rows = (
        Participant.objects.filter(status__in=CASELOAD_STATUSES)
        .values("team")
        .annotate(n=Count("id"))
        .order_by("-n", "team")[:20]
    )
    for row in rows:
        member = _active_members(Role.TEAM_LEADER, team_id=row["team"]).order_by("user_id").first()
        if member is not None:
            return member.user, row["team"], row["n"]
    member = _active_members(Role.TEAM_LEADER).order_by("user_id").first()
    return (member.user, member.team_id, 0) if member else None


def _busiest_employer(organisation_ids: Iterable[int]) -> tuple[int, int] | None:
    """The employer of these organisations with the most job-development contacts: (id, contacts)."""
    row = (
        EmployerContact.objects.filter(employer__organisation_id__in=list(organisation_ids))
        .values("employer")
        .annotate(n=Count("id"))
        .order_by("-n", "employer")
        .first()
    )
    return (row["employer"], row["n"]) if row else None


def _common_county() -> tuple[str, int] | None:
    """The county with the most active vacancies: (fylke number, vacancies)."""
    row = (
        JobOpeningLocation.objects.filter(opening__is_active=True)
        .values("fylke_number")
        .annotate(n=Count("id"))
        .order_by("-n", "fylke_number")
        .first()
    )
    return (row["fylke_number"], row["n"]) if row and row["fylke_number"] else None


def build_scenario(*, text: str = "arbeid") -> Scenario:
    s = Scenario()
    found = _biggest_caseload_specialist()
    if found is None:
        s.skipped = dict.fromkeys(PAGE_TITLES, "no active job specialist in the data")
        return s
    specialist, caseload = found
    s.personas["specialist"] = specialist
    s.picked["specialist"] = {"id": specialist.pk, "email": specialist.email, "caseload": caseload}
    s.pages.append(Page(FLOOR, "specialist", reverse("accounts:ping")))
    s.pages.append(Page("caseload", "specialist", reverse("casework:caseload")))

    busiest = _busiest_participant(specialist)
    if busiest is not None:
        participant, contacts = busiest
        s.picked["participant"] = {"id": participant.pk, "contacts": contacts}
        s.pages.append(Page("journey", "specialist", reverse("casework:journey", args=[participant.pk])))
    else:
        s.skipped["journey"] = "the specialist has nobody on their caseload"

    orgs = Membership.objects.filter(user=specialist).values_list("organisation_id", flat=True)
    employer = _busiest_employer(orgs)
    if employer is not None:
        s.picked["employer"] = {"id": employer[0], "contacts": employer[1]}
        s.pages.append(Page("employer", "specialist", reverse("employers:detail", args=[employer[0]])))
    else:
        s.skipped["employer"] = "no employer with job-development contacts in the specialist's organisation"

    county = _common_county()
    search = reverse("jobs:search")
    if county is not None:
        s.picked["vacancy_search"] = {"fylke": county[0], "active_vacancies_there": county[1]}
        s.pages.append(Page("vacancy_search", "specialist", f"{search}?{urlencode({'fylke': county[0]})}"))
    else:
        s.skipped["vacancy_search"] = "no active vacancy with a location"

    leader = _big_team_leader()
    if leader is not None:
        user, team_id, size = leader
        s.personas["team_leader"] = user
        s.picked["team_leader"] = {"id": user.pk, "email": user.email, "team": team_id, "team_caseload": size}
        s.pages.append(Page("team_overview", "team_leader", f"{reverse('people:team_overview')}?team={team_id}"))
        caseload_team = f"{reverse('casework:caseload')}?{urlencode({'mine': '0', 'sort': 'contact'})}"
        s.pages.append(Page("caseload_team", "team_leader", caseload_team))
    else:
        s.skipped["team_overview"] = s.skipped["caseload_team"] = "no active team leader"

    if busiest is not None:
        participant = busiest[0]
        admin = (
            _active_members(Role.ADMINISTRATOR, organisation_id=participant.team.organisation_id)
            .order_by("user_id")
            .first()
        )
        if admin is not None:
            s.personas["administrator"] = admin.user
            s.picked["administrator"] = {"id": admin.user.pk, "email": admin.user.email}
            url = reverse("people:participant_access_log", args=[participant.pk])
            s.pages.append(Page("access_log", "administrator", url))
        else:
            s.skipped["access_log"] = "no administrator in the participant's organisation"
    else:
        s.skipped["access_log"] = "no participant picked"

    # A word many Norwegian ads share ("arbeid", work): a free-text search that matches a lot.
    s.pages.append(Page("vacancy_text", "specialist", f"{search}?{urlencode({'q': text})}"))
    return s
