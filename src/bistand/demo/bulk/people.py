"""Participants, referrals, status changes, specialist assignments and consents, from the lives.

What `people.services` would have written, with the same values and times, but no change
history (audit.ChangeEntry): the bulk mode leaves it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bistand.people.enums import Status
from bistand.people.models import Consent, Participant, Referral, SpecialistAssignment, StatusChange

from .context import Context

if TYPE_CHECKING:
    from .lives import Life
    from .world import TeamSpec


def write(ctx: Context, team: TeamSpec, lives: list[Life]) -> None:
    cal, kommuner = ctx.calendar, ctx.geo.kommuner
    participants = []
    for life in lives:
        person = life.person
        last = life.changes[-1]
        participants.append(
            {
                "first_name": person["first_name"],
                "last_name": person["last_name"],
                "national_id": person["national_id"],
                "birth_date": person["birth_date"],
                "phone": person["phone"],
                "email": person["email"],
                "address": person["address"],
                "kommune_id": kommuner[person["kommune"]].pk,
                "preferred_language": person["preferred_language"],
                "team_id": team.pk,
                "specialist_id": life.specialist.pk if life.specialist else None,
                "service_model": life.service_model,
                "status": last.to_status,
                "status_changed_at": last.tick,
                "end_reason": last.reason if last.to_status == Status.ENDED else "",
                "pseudonym": person["pseudonym"],
                "created_at": life.created_tick,
                "updated_at": life.updated_tick,
            }
        )
    for life, pk in zip(lives, ctx.insert(Participant, participants), strict=True):
        life.pk = pk
    ctx.insert(
        Referral,
        [
            {
                "participant_id": life.pk,
                "team_id": team.pk,
                "received_on": r.received_on,
                "source": r.source,
                "referrer_name": r.referrer_name,
                "referrer_unit": r.referrer_unit,
                "note": r.note,
                "registered_by_id": r.registrar.pk,
                "registered_at": r.tick,
                "decision": r.decision,
                "decided_on": cal.date_of(r.decided_tick) if r.decided_tick is not None else None,
                "decided_by_id": r.decided_by.pk if r.decided_by else None,
                "decline_reason": r.decline_reason,
                "decision_note": r.decision_note,
            }
            for life in lives
            for r in life.referrals
        ],
    )
    ctx.insert(
        StatusChange,
        [
            {
                "participant_id": life.pk,
                "from_status": c.from_status,
                "to_status": c.to_status,
                "at": c.tick,
                "actor_id": c.actor.pk,
                "reason": c.reason,
                "note": c.note,
            }
            for life in lives
            for c in life.changes
        ],
    )
    ctx.insert(
        SpecialistAssignment,
        [
            {
                "participant_id": life.pk,
                "specialist_id": a.specialist.pk,
                "started_at": a.start,
                "ended_at": a.end,
                "assigned_by_id": a.by.pk,
            }
            for life in lives
            for a in life.assignments
        ],
    )
    ctx.insert(
        Consent,
        [
            {
                "participant_id": life.pk,
                "kind": c.kind,
                "given_on": cal.date_of(c.tick),
                "scope_note": c.scope_note,
                "recorded_by_id": c.recorded_by.pk,
                "withdrawn_on": cal.date_of(c.withdrawn_tick) if c.withdrawn_tick is not None else None,
                "withdrawn_by_id": c.withdrawn_by.pk if c.withdrawn_by else None,
                "withdrawal_note": c.withdrawal_note,
            }
            for life in lives
            for c in life.consents
        ],
    )
