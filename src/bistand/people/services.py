"""Writes for participants, referrals and consents.

Every service validates, runs in one transaction and writes the change history (and the
status transition log) in that same transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.audit.services import change_record, snapshot

from .enums import TRANSITIONS, ConsentKind, Decision, DeclineReason, EndReason, Status
from .models import Consent, Participant, Referral, SpecialistAssignment, StatusChange

PARTICIPANT_FIELDS = [
    "first_name",
    "last_name",
    "national_id",
    "birth_date",
    "phone",
    "email",
    "address",
    "kommune",
    "preferred_language",
    "team",
    "specialist",
    "service_model",
    "status",
    "end_reason",
]
# What the participant form may change (team, specialist and status have their own services).
EDITABLE_PERSON_FIELDS = [f for f in PARTICIPANT_FIELDS if f not in {"team", "specialist", "status", "end_reason"}]
REFERRAL_FIELDS = [
    "received_on",
    "source",
    "referrer_name",
    "referrer_unit",
    "note",
    "team",
    "decision",
    "decided_on",
    "decided_by",
    "decline_reason",
    "decision_note",
]
CONSENT_FIELDS = ["kind", "given_on", "scope_note", "withdrawn_on", "withdrawal_note"]


def _save(instance, **kwargs) -> None:
    instance.full_clean(**kwargs)
    instance.save()


def _check_specialist(team, specialist) -> None:
    if specialist is None:
        return
    if team.pk not in scope_of(specialist).teams(Role.JOB_SPECIALIST):
        raise ValidationError(
            {"specialist": _("%(name)s is not a job specialist in %(team)s.") % {"name": specialist, "team": team}}
        )


def _log_status(
    *, actor, participant: Participant, from_status: str, to_status: str, reason: str = "", note: str = ""
) -> None:
    StatusChange.objects.create(
        participant=participant, from_status=from_status, to_status=to_status, actor=actor, reason=reason, note=note
    )


def _assign(*, actor, participant: Participant, specialist) -> None:
    now = timezone.now()
    SpecialistAssignment.objects.filter(participant=participant, ended_at__isnull=True).update(ended_at=now)
    if specialist is not None:
        SpecialistAssignment.objects.create(participant=participant, specialist=specialist, assigned_by=actor)


@transaction.atomic
def referral_register(
    *,
    actor,
    team,
    participant_data: dict[str, Any],
    referral_data: dict[str, Any],
    specialist=None,
    participant: Participant | None = None,
) -> Referral:
    """Records a referral. A new person becomes a participant with status *referred*; a
    person who was declined, withdrawn or ended before comes back through a new referral."""
    if team.pk not in scope_of(actor).teams(Role.JOB_SPECIALIST, Role.TEAM_LEADER):
        raise ValidationError({"team": _("You can only register referrals for your own team.")})
    _check_specialist(team, specialist)
    if participant is None:
        participant = Participant(team=team, specialist=specialist, status=Status.REFERRED, **participant_data)
        before = None
        from_status = ""
    else:
        if participant.status not in (Status.DECLINED, Status.WITHDRAWN, Status.ENDED):
            raise ValidationError(_("This person already has an open referral or is on a caseload."))
        before = snapshot(participant, PARTICIPANT_FIELDS)
        from_status = participant.status
        for key, value in participant_data.items():
            setattr(participant, key, value)
        participant.team, participant.specialist = team, specialist
        participant.status, participant.end_reason = Status.REFERRED, ""
        participant.status_changed_at = timezone.now()
    _save(participant)
    change_record(
        actor=actor,
        action="people.participant.created" if before is None else "people.participant.updated",
        instance=participant,
        before=before,
        after=snapshot(participant, PARTICIPANT_FIELDS),
        participant_id=participant.pk,
    )
    _log_status(
        actor=actor,
        participant=participant,
        from_status=from_status,
        to_status=Status.REFERRED,
    )
    if specialist is not None:
        _assign(actor=actor, participant=participant, specialist=specialist)
    referral = Referral(participant=participant, team=team, registered_by=actor, **referral_data)
    if referral.received_on and referral.received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The referral date cannot be in the future.")})
    _save(referral)
    change_record(
        actor=actor,
        action="people.referral.created",
        instance=referral,
        before=None,
        after=snapshot(referral, REFERRAL_FIELDS),
        participant_id=participant.pk,
    )
    return referral


def _decide(
    *,
    actor,
    referral: Referral,
    decision: str,
    decided_on: datetime.date,
    to_status: str,
    decline_reason: str = "",
    note: str = "",
) -> Referral:
    referral = Referral.objects.select_for_update().select_related("participant").get(pk=referral.pk)
    participant = referral.participant
    if referral.decision != Decision.PENDING:
        raise ValidationError(_("This referral has already been decided."))
    if participant.status != Status.REFERRED:
        raise ValidationError(_("This participant is not awaiting a decision."))
    if decided_on is None:
        raise ValidationError({"decided_on": _("Give the date of the decision.")})
    if decided_on < referral.received_on:
        raise ValidationError({"decided_on": _("The decision cannot be dated before the referral was received.")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The decision date cannot be in the future.")})
    before = snapshot(referral, REFERRAL_FIELDS)
    referral.decision = decision
    referral.decided_on = decided_on
    referral.decided_by = actor
    referral.decline_reason = decline_reason
    referral.decision_note = note
    _save(referral)
    change_record(
        actor=actor,
        action=f"people.referral.{decision}",
        instance=referral,
        before=before,
        after=snapshot(referral, REFERRAL_FIELDS),
        participant_id=participant.pk,
    )
    _transition(actor=actor, participant=participant, to_status=to_status, note=note)
    return referral


@transaction.atomic
def referral_accept(
    *, actor, referral: Referral, decided_on: datetime.date, specialist=None, note: str = ""
) -> Referral:
    """Accepts the referral onto a caseload. The acceptance date is what fidelity and
    outcome measures count from."""
    participant = referral.participant
    specialist = specialist or participant.specialist
    if specialist is None and scope_of(actor).teams(Role.JOB_SPECIALIST) & {participant.team_id}:
        specialist = actor
    if specialist is None:
        raise ValidationError({"specialist": _("Choose the job specialist who will follow the participant.")})
    _check_specialist(participant.team, specialist)
    if specialist.pk != participant.specialist_id:
        participant_assign_specialist(actor=actor, participant=participant, specialist=specialist)
    return _decide(
        actor=actor,
        referral=referral,
        decision=Decision.ACCEPTED,
        decided_on=decided_on,
        to_status=Status.ACCEPTED,
        note=note,
    )


@transaction.atomic
def referral_decline(*, actor, referral: Referral, decided_on: datetime.date, reason: str, note: str) -> Referral:
    """Declines with a reason from the fixed list and an explanation; the referral stays
    visible to the team leader so that declines can be reviewed."""
    errors = {}
    if reason not in DeclineReason.values:
        errors["decline_reason"] = _("Choose why the referral is declined.")
    if not (note or "").strip():
        errors["note"] = _("Explain the decision in a few words.")
    if errors:
        raise ValidationError(errors)
    return _decide(
        actor=actor,
        referral=referral,
        decision=Decision.DECLINED,
        decided_on=decided_on,
        to_status=Status.DECLINED,
        decline_reason=reason,
        note=note.strip(),
    )


@transaction.atomic
def referral_withdraw(*, actor, referral: Referral, decided_on: datetime.date, note: str) -> Referral:
    if not (note or "").strip():
        raise ValidationError({"note": _("Say who withdrew the referral and why.")})
    return _decide(
        actor=actor,
        referral=referral,
        decision=Decision.WITHDRAWN,
        decided_on=decided_on,
        to_status=Status.WITHDRAWN,
        note=note.strip(),
    )


def _transition(*, actor, participant: Participant, to_status: str, reason: str = "", note: str = "") -> Participant:
    from_status = participant.status
    if to_status not in TRANSITIONS.get(from_status, ()):
        raise ValidationError(
            _("A participant cannot go from %(from)s to %(to)s.")
            % {
                "from": Status(from_status).label,
                "to": Status(to_status).label if to_status in Status.values else to_status,
            }
        )
    if to_status == Status.ENDED and reason not in EndReason.values:
        raise ValidationError({"reason": _("Choose why the participation ends.")})
    before = snapshot(participant, PARTICIPANT_FIELDS)
    participant.status = to_status
    participant.end_reason = reason if to_status == Status.ENDED else ""
    participant.status_changed_at = timezone.now()
    _save(participant)
    change_record(
        actor=actor,
        action="people.participant.status_changed",
        instance=participant,
        before=before,
        after=snapshot(participant, PARTICIPANT_FIELDS),
        participant_id=participant.pk,
    )
    _log_status(
        actor=actor, participant=participant, from_status=from_status, to_status=to_status, reason=reason, note=note
    )
    return participant


@transaction.atomic
def participant_transition(
    *, actor, participant: Participant, to_status: str, reason: str = "", note: str = ""
) -> Participant:
    """Moves a participant along the lifecycle (not referral decisions: see referral_*)."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if to_status in (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN):
        raise ValidationError(_("Referrals are accepted, declined or withdrawn through the referral decision."))
    return _transition(actor=actor, participant=participant, to_status=to_status, reason=reason, note=note)


@transaction.atomic
def participant_update(*, actor, participant: Participant, data: dict[str, Any]) -> Participant:
    """Edits personal and contact details; writes one change entry with old and new values."""
    forbidden = set(data) - set(EDITABLE_PERSON_FIELDS)
    if forbidden:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(sorted(forbidden)))
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    before = snapshot(participant, PARTICIPANT_FIELDS)
    for key, value in data.items():
        setattr(participant, key, value)
    _save(participant)
    change_record(
        actor=actor,
        action="people.participant.updated",
        instance=participant,
        before=before,
        after=snapshot(participant, PARTICIPANT_FIELDS),
        participant_id=participant.pk,
    )
    return participant


@transaction.atomic
def participant_assign_specialist(*, actor, participant: Participant, specialist) -> Participant:
    """Changes the participant's job specialist; the assignment history keeps who had them when."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    _check_specialist(participant.team, specialist)
    if participant.specialist_id == getattr(specialist, "pk", None):
        return participant
    before = snapshot(participant, PARTICIPANT_FIELDS)
    participant.specialist = specialist
    _save(participant)
    change_record(
        actor=actor,
        action="people.participant.reassigned",
        instance=participant,
        before=before,
        after=snapshot(participant, PARTICIPANT_FIELDS),
        participant_id=participant.pk,
    )
    _assign(actor=actor, participant=participant, specialist=specialist)
    return participant


@transaction.atomic
def consent_record(
    *, actor, participant: Participant, kind: str, given_on: datetime.date, scope_note: str = ""
) -> Consent:
    if kind not in ConsentKind.values:
        raise ValidationError({"kind": _("Choose what the consent is for.")})
    if given_on and given_on > timezone.localdate():
        raise ValidationError({"given_on": _("A consent cannot be dated in the future.")})
    if kind == ConsentKind.DISCLOSE_TO_EMPLOYERS and not scope_note.strip():
        raise ValidationError({"scope_note": _("Write what may be disclosed to employers.")})
    consent = Consent(
        participant=participant, kind=kind, given_on=given_on, scope_note=scope_note.strip(), recorded_by=actor
    )
    _save(consent)
    change_record(
        actor=actor,
        action="people.consent.given",
        instance=consent,
        before=None,
        after=snapshot(consent, CONSENT_FIELDS),
        participant_id=participant.pk,
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, withdrawn_on: datetime.date, note: str = "") -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    if withdrawn_on is None:
        raise ValidationError({"withdrawn_on": _("Give the date of the withdrawal.")})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The withdrawal cannot be dated in the future.")})
    before = snapshot(consent, CONSENT_FIELDS)
    consent.withdrawn_on, consent.withdrawn_by, consent.withdrawal_note = withdrawn_on, actor, note.strip()
    _save(consent)
    change_record(
        actor=actor,
        action="people.consent.withdrawn",
        instance=consent,
        before=before,
        after=snapshot(consent, CONSENT_FIELDS),
        participant_id=consent.participant_id,
    )
    return consent
