"""Reads for participants. Every query starts from `visible_to(user)`."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.accounts.models import Membership, Team

from .enums import CASELOAD_STATUSES, Decision, Status
from .models import Participant, Referral


def participant_list_for(user) -> QuerySet[Participant]:
    return Participant.objects.visible_to(user).select_related("team", "specialist", "kommune")


def caseload_for(user, *, mine_only: bool) -> QuerySet[Participant]:
    qs = participant_list_for(user)
    if mine_only:
        qs = qs.filter(specialist=user)
    return qs


def teams_led_by(user) -> QuerySet[Team]:
    scope = scope_of(user)
    return Team.objects.filter(
        Q(pk__in=scope.teams(Role.TEAM_LEADER)) | Q(organisation_id__in=scope.orgs(Role.PROGRAM_MANAGER))
    ).select_related("organisation")


def specialist_caseloads(team: Team) -> list[dict]:
    """Per job specialist in the team: active caseload size against the IPS limit."""
    members = (
        Membership.objects.filter(team=team, role=Role.JOB_SPECIALIST)
        .select_related("user")
        .annotate(
            caseload=Count(
                "user__caseload",
                filter=Q(user__caseload__team=team, user__caseload__status__in=CASELOAD_STATUSES),
            ),
            in_job=Count("user__caseload", filter=Q(user__caseload__team=team, user__caseload__status=Status.IN_JOB)),
        )
        .order_by("user__first_name", "user__last_name")
    )
    limit = settings.BISTAND_CASELOAD_LIMIT
    return [
        {
            "user": m.user,
            "fte": m.fte,
            "caseload": m.caseload,
            "in_job": m.in_job,
            # IPS S1 counts per full-time specialist: the limit scales with the FTE.
            "limit": round(limit * float(m.fte)),
            "over": m.caseload > limit * float(m.fte),
        }
        for m in members
    ]


def intake_queue_for(user, team: Team) -> QuerySet[Referral]:
    return (
        Referral.objects.visible_to(user)
        .filter(team=team, decision=Decision.PENDING)
        .select_related("participant", "participant__specialist")
        .order_by("received_on", "id")
    )


def declined_referrals_for(user, team: Team) -> QuerySet[Referral]:
    return (
        Referral.objects.visible_to(user)
        .filter(team=team, decision=Decision.DECLINED)
        .select_related("participant", "decided_by")
        .order_by("-decided_on", "-id")
    )


def referral_counts(team: Team) -> dict[str, int]:
    rows = Referral.objects.filter(team=team).values("decision").annotate(n=Count("id"))
    counts = dict.fromkeys(Decision.values, 0)
    counts.update({r["decision"]: r["n"] for r in rows})
    return counts


def team_summaries(teams) -> list[dict]:
    """For a program manager: per team, the active caseload, the intake queue and declines.

    Three grouped queries rather than one query joining participants × referrals × members,
    which multiplies rows at national scale.
    """
    ids = [t.pk for t in teams]
    people = Participant.objects.filter(team_id__in=ids).values("team_id", "status").annotate(n=Count("id"))
    referrals = (
        Referral.objects.filter(team_id__in=ids, decision__in=[Decision.PENDING, Decision.DECLINED])
        .values("team_id", "decision")
        .annotate(n=Count("id"))
    )
    members = (
        Membership.objects.filter(team_id__in=ids, role=Role.JOB_SPECIALIST).values("team_id").annotate(n=Count("id"))
    )
    rows = {t.pk: {"team": t, "active": 0, "in_job": 0, "pending": 0, "declined": 0, "specialists": 0} for t in teams}
    for r in people:
        if r["status"] in CASELOAD_STATUSES:
            rows[r["team_id"]]["active"] += r["n"]
        if r["status"] == Status.IN_JOB:
            rows[r["team_id"]]["in_job"] += r["n"]
    for r in referrals:
        rows[r["team_id"]][r["decision"]] += r["n"]
    for r in members:
        rows[r["team_id"]]["specialists"] = r["n"]
    return list(rows.values())
