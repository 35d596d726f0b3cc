"""Reads for employers and the job development log. Every query starts from visible_to(user)."""

from __future__ import annotations

import datetime

from django.db.models import Count, DateField, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncWeek

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.accounts.models import Membership, Team
from bistand.people.enums import CASELOAD_STATUSES, Status
from bistand.people.models import Participant

from .enums import WEEKLY_FACE_TO_FACE_TARGET, ContactMode
from .models import Employer, EmployerContact, EmployerContactParticipant


def employer_list_for(user, *, include_public: bool = False) -> QuerySet[Employer]:
    qs = Employer.objects.visible_to(user)
    if not include_public:
        qs = qs.filter(organisation__isnull=False)
    return qs.select_related("kommune", "organisation").annotate(
        contact_count=Count("contacts", distinct=True), last_contact=Max("contacts__contact_date")
    )


def _contacts_with_participants(qs: QuerySet[EmployerContact]) -> QuerySet[EmployerContact]:
    return qs.select_related("employer", "specialist", "employer_person").prefetch_related(
        Prefetch(
            "participant_links",
            queryset=EmployerContactParticipant.objects.select_related("participant").order_by(
                "participant__last_name", "participant__first_name"
            ),
        )
    )


def contacts_for_employer(user, employer: Employer) -> QuerySet[EmployerContact]:
    return _contacts_with_participants(EmployerContact.objects.visible_to(user).filter(employer=employer))


def contact_log_for(user) -> QuerySet[EmployerContact]:
    """The job development log the user may see, newest first."""
    return _contacts_with_participants(EmployerContact.objects.visible_to(user)).order_by("-contact_date", "-id")


def participants_shown(contacts) -> list[int]:
    """The participants named by these contacts (for the access log)."""
    return [link.participant_id for c in contacts for link in c.participant_links.all()]


def caseload_for_contacts(actor, specialist) -> QuerySet[Participant]:
    """Participants a contact by `specialist` may name: their active caseload, as the actor sees it."""
    return (
        Participant.objects.visible_to(actor)
        .filter(specialist=specialist, status__in=CASELOAD_STATUSES)
        .order_by("last_name", "first_name", "id")
    )


def teams_for_contact_table(user) -> QuerySet[Team]:
    scope = scope_of(user)
    return Team.objects.filter(
        Q(pk__in=scope.teams(Role.JOB_SPECIALIST, Role.TEAM_LEADER))
        | Q(organisation_id__in=scope.orgs(Role.PROGRAM_MANAGER))
    ).select_related("organisation")


def iso_monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weekly_face_to_face(team: Team, *, weeks: int, today: datetime.date) -> dict:
    """Face-to-face employer contacts per job specialist and ISO week (IPS fidelity item V6).

    One aggregate query grouped by specialist and week (TruncWeek: Monday, on SQLite and
    PostgreSQL alike). The target is 6 a week, or 2 per job seeker when a specialist has
    fewer than 3 participants searching for work.
    """
    last_monday = iso_monday(today)
    mondays = [last_monday - datetime.timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    rows = (
        EmployerContact.objects.filter(
            team=team,
            mode=ContactMode.FACE_TO_FACE,
            contact_date__gte=mondays[0],
            contact_date__lte=last_monday + datetime.timedelta(days=6),
        )
        .annotate(week=TruncWeek("contact_date", output_field=DateField()))
        .values("specialist_id", "week")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(r["specialist_id"], r["week"]): r["n"] for r in rows}
    members = (
        Membership.objects.filter(team=team, role=Role.JOB_SPECIALIST, user__is_active=True)
        .select_related("user")
        .annotate(
            job_seekers=Count(
                "user__caseload", filter=Q(user__caseload__team=team, user__caseload__status=Status.JOB_SEARCH)
            )
        )
        .order_by("user__first_name", "user__last_name", "user_id")
    )
    table = []
    for m in members:
        target = WEEKLY_FACE_TO_FACE_TARGET if m.job_seekers >= 3 else max(2 * m.job_seekers, 0)
        target = target or WEEKLY_FACE_TO_FACE_TARGET
        cells = [{"monday": d, "count": counts.get((m.user_id, d), 0)} for d in mondays]
        for cell in cells:
            cell["met"] = cell["count"] >= target
        table.append({"user": m.user, "target": target, "job_seekers": m.job_seekers, "cells": cells})
    return {"mondays": mondays, "rows": table}


def first_employer_contact_date_subquery(outer_ref: str = "pk", *, face_to_face_only: bool = True) -> Subquery:
    """Each participant's first employer-contact date, for `.annotate()` on a Participant queryset.

    IPS fidelity item V4 (rapid job search) counts the days from acceptance onto the caseload
    (`Referral.decided_on` of the accepted referral) to the **first face-to-face employer
    contact** made by the participant or by a job specialist on their behalf, i.e. the first
    `EmployerContact` naming the participant with mode face to face. The target is within
    30 days. Pass `face_to_face_only=False` for the first contact of any mode.

    The subquery reads EmployerContact without visibility: annotate a queryset that already
    starts from `Participant.objects.visible_to(user)`. Example (a "no employer contact within
    30 days of acceptance" work queue)::

        Participant.objects.visible_to(user).annotate(
            first_contact=first_employer_contact_date_subquery()
        ).filter(Q(first_contact__isnull=True) | Q(first_contact__gt=F("accepted_on") + 30 days))

    None when there has been no such contact.
    """
    links = EmployerContactParticipant.objects.filter(participant_id=OuterRef(outer_ref))
    if face_to_face_only:
        links = links.filter(contact__mode=ContactMode.FACE_TO_FACE)
    first = links.order_by().values("participant_id").annotate(first=Min("contact__contact_date")).values("first")
    return Subquery(first[:1], output_field=DateField())


def first_employer_contact_dates(participant_ids, *, face_to_face_only: bool = True) -> dict[int, datetime.date]:
    """{participant id: first (face-to-face) employer-contact date} for the given ids, in one
    query; participants without a contact are absent. See first_employer_contact_date_subquery."""
    links = EmployerContactParticipant.objects.filter(participant_id__in=list(participant_ids))
    if face_to_face_only:
        links = links.filter(contact__mode=ContactMode.FACE_TO_FACE)
    rows = links.values("participant_id").annotate(first=Min("contact__contact_date")).order_by()
    return {r["participant_id"]: r["first"] for r in rows}
