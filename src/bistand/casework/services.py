"""Writes for the participant's journey.

Every service validates, runs in one transaction, and writes its change entry (old and new
values) in that same transaction. Who may call them is decided by the views (rules); the
services decide what is valid. Nothing here ever ends a participant's participation:
follow-up is time-unlimited, and missed appointments lead to outreach, not discharge.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from bistand.audit.services import change_record, snapshot
from bistand.people.enums import CLOSED_STATUSES
from bistand.people.models import Participant

from .enums import PLACE_OF_KIND, ContactPlace
from .models import (
    PROFILE_FIELDS,
    PROFILE_M2M_FIELDS,
    BenefitsCounselling,
    Contact,
    CooperationAgreement,
    Enrolment,
    InclusionPlan,
    OutreachAttempt,
    PhaseChange,
    PlanAction,
    PlanReview,
    VocationalProfileVersion,
    YouthFollowUp,
)
from .service_models import definition_of, youth_roles_apply
from .validators import detect_document_type

CONTACT_FIELDS = [
    "occurred_at",
    "duration_minutes",
    "kind",
    "place",
    "with_participant",
    "other_parties",
    "note",
    "next_step",
    "next_step_due",
    "next_step_done_on",
]
OUTREACH_FIELDS = ["attempted_at", "method", "reached", "note"]
AGREEMENT_FIELDS = ["agreed_on", "parties", "summary", "accepted_by_participant", "document_name", "document_type"]
AGREEMENT_DOCUMENT_FIELDS = ("agreed_on", "parties", "summary", "accepted_by_participant")
PLAN_FIELDS = ["goals", "review_on"]
PLAN_ACTION_FIELDS = ["description", "responsible", "due_on", "status"]
BENEFITS_FIELDS = ["held_on", "covered", "before_job_start", "counsellor"]
YOUTH_FIELDS = [
    f.name
    for f in YouthFollowUp._meta.concrete_fields
    if f.name not in ("id", "participant", "created_by", "created_at")
]


def _save(instance, **kwargs) -> None:
    instance.full_clean(**kwargs)
    instance.save()


def _open_participant(participant: Participant) -> Participant:
    """The participant, locked for this transaction, if the participation is open."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status in CLOSED_STATUSES:
        raise ValidationError(
            _("%(name)s's participation is closed (%(status)s). Records can be added again after a new referral.")
            % {"name": participant.full_name, "status": participant.get_status_display()}
        )
    return participant


def _not_in_future(value, field: str, message: str) -> None:
    if value is None:
        return
    now = timezone.now() if isinstance(value, datetime.datetime) else timezone.localdate()
    if value > now:
        raise ValidationError({field: message})


def _set_fields(instance, data: dict[str, Any], allowed) -> None:
    forbidden = set(data) - set(allowed)
    if forbidden:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(sorted(forbidden)))
    for key, value in data.items():
        setattr(instance, key, value)


# --- Phases -----------------------------------------------------------------------------------


@transaction.atomic
def enrolment_move_phase(*, actor, participant: Participant, to_phase: str, note: str = "") -> PhaseChange:
    """Moves the participant's enrolment in their service model to `to_phase` (any phase:
    phases may be revisited). The first move starts the enrolment."""
    participant = _open_participant(participant)
    definition = definition_of(participant.service_model)
    phase = definition.phase(to_phase)
    if phase is None:
        raise ValidationError({"to_phase": _("Choose one of the phases of %(model)s.") % {"model": definition}})
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(participant=participant, service_model=participant.service_model)
        .first()
    )
    now = timezone.now()
    if enrolment is None:
        before = None
        enrolment = Enrolment(participant=participant, service_model=participant.service_model)
        from_phase = ""
    else:
        if enrolment.current_phase == to_phase:
            raise ValidationError({"to_phase": _("The participant is already in this phase.")})
        before = snapshot(enrolment, ["current_phase", "definition_version", "phase_since"])
        from_phase = enrolment.current_phase
    enrolment.current_phase = to_phase
    enrolment.definition_version = definition.version
    enrolment.phase_since = now
    _save(enrolment)
    change_record(
        actor=actor,
        action="casework.enrolment.started" if before is None else "casework.enrolment.phase_changed",
        instance=enrolment,
        before=before,
        after=snapshot(enrolment, ["current_phase", "definition_version", "phase_since"]),
        participant_id=participant.pk,
    )
    change = PhaseChange(
        enrolment=enrolment,
        participant=participant,
        service_model=participant.service_model,
        definition_version=definition.version,
        from_phase=from_phase,
        to_phase=to_phase,
        actor=actor,
        note=(note or "").strip(),
    )
    _save(change)
    return change


# --- Contacts and outreach ----------------------------------------------------------------------


def _validate_contact(contact: Contact) -> None:
    errors: dict[str, str] = {}
    if contact.occurred_at and contact.occurred_at > timezone.now():
        errors["occurred_at"] = _("A contact cannot be logged in the future. Use the next step for plans.")
    required_place = PLACE_OF_KIND.get(contact.kind)
    if required_place and contact.place != required_place:
        errors["place"] = _("%(kind)s takes place: %(place)s.") % {
            "kind": contact.get_kind_display(),
            "place": ContactPlace(required_place).label,
        }
    if contact.next_step and not contact.next_step_due:
        errors["next_step_due"] = _("Give a due date for the next step.")
    if contact.next_step_due and not contact.next_step:
        errors["next_step"] = _("Describe the next step, or leave its due date empty.")
    if (
        contact.next_step_due
        and contact.occurred_at
        and contact.next_step_due < timezone.localdate(contact.occurred_at)
    ):
        errors["next_step_due"] = _("The next step cannot be due before the contact took place.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_log(*, actor, participant: Participant, data: dict[str, Any]) -> Contact:
    """Logs a contact (case note). A contact supersedes the next step of earlier contacts."""
    participant = _open_participant(participant)
    contact = Contact(participant=participant, created_by=actor)
    _set_fields(contact, data, set(CONTACT_FIELDS) - {"next_step_done_on"})
    contact.note = (contact.note or "").strip()
    contact.next_step = (contact.next_step or "").strip()
    _validate_contact(contact)
    _save(contact)
    change_record(
        actor=actor,
        action="casework.contact.created",
        instance=contact,
        before=None,
        after=snapshot(contact, CONTACT_FIELDS),
        participant_id=participant.pk,
    )
    return contact


@transaction.atomic
def contact_update(*, actor, contact: Contact, data: dict[str, Any]) -> Contact:
    """Corrects a case note; the change history keeps the old text."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    _open_participant(contact.participant)
    before = snapshot(contact, CONTACT_FIELDS)
    _set_fields(contact, data, set(CONTACT_FIELDS) - {"next_step_done_on"})
    contact.note = (contact.note or "").strip()
    contact.next_step = (contact.next_step or "").strip()
    if not contact.next_step:
        contact.next_step_done_on = None
    _validate_contact(contact)
    _save(contact)
    change_record(
        actor=actor,
        action="casework.contact.updated",
        instance=contact,
        before=before,
        after=snapshot(contact, CONTACT_FIELDS),
        participant_id=contact.participant_id,
    )
    return contact


@transaction.atomic
def contact_complete_next_step(*, actor, contact: Contact, done_on: datetime.date | None = None) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    _open_participant(contact.participant)
    if not contact.next_step:
        raise ValidationError(_("This contact has no next step."))
    if contact.next_step_done_on is not None:
        raise ValidationError(_("The next step is already done."))
    done_on = done_on or timezone.localdate()
    _not_in_future(done_on, "next_step_done_on", _("The next step cannot be done in the future."))
    before = snapshot(contact, CONTACT_FIELDS)
    contact.next_step_done_on = done_on
    _save(contact)
    change_record(
        actor=actor,
        action="casework.contact.next_step_done",
        instance=contact,
        before=before,
        after=snapshot(contact, CONTACT_FIELDS),
        participant_id=contact.participant_id,
    )
    return contact


@transaction.atomic
def outreach_record(*, actor, participant: Participant, data: dict[str, Any]) -> OutreachAttempt:
    """Records an attempt to reach a participant. It never ends the participation."""
    participant = _open_participant(participant)
    attempt = OutreachAttempt(participant=participant, created_by=actor)
    _set_fields(attempt, data, OUTREACH_FIELDS)
    attempt.note = (attempt.note or "").strip()
    _not_in_future(attempt.attempted_at, "attempted_at", _("An attempt cannot be recorded in the future."))
    _save(attempt)
    change_record(
        actor=actor,
        action="casework.outreach.created",
        instance=attempt,
        before=None,
        after=snapshot(attempt, OUTREACH_FIELDS),
        participant_id=participant.pk,
    )
    return attempt


# --- Cooperation agreement ---------------------------------------------------------------------


def _attach_document(agreement: CooperationAgreement, upload) -> str | None:
    """Checks the upload by content and size and puts it on the agreement. Returns the
    storage name of the file it replaces, if any."""
    try:
        content_type = detect_document_type(upload)
    except ValidationError as exc:
        raise ValidationError({"document": exc.messages}) from exc
    old_name = agreement.document.name or None
    original = os.path.basename(str(upload.name or "")).strip() or "document"
    agreement.document_name = get_valid_filename(original)[:200] if original else "document"
    agreement.document_type = content_type
    agreement.document_size = upload.size
    agreement.document = upload  # saved under a random name by agreement_document_path
    return old_name


def _delete_file_on_commit(storage, name: str | None) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def agreement_record(*, actor, participant: Participant, data: dict[str, Any], document=None) -> CooperationAgreement:
    participant = _open_participant(participant)
    agreement = CooperationAgreement(participant=participant, created_by=actor)
    _set_fields(agreement, data, AGREEMENT_DOCUMENT_FIELDS)
    agreement.summary = (agreement.summary or "").strip()
    _not_in_future(agreement.agreed_on, "agreed_on", _("The agreement cannot be dated in the future."))
    if document is not None:
        _attach_document(agreement, document)
    _save(agreement)
    change_record(
        actor=actor,
        action="casework.agreement.created",
        instance=agreement,
        before=None,
        after=snapshot(agreement, AGREEMENT_FIELDS),
        participant_id=participant.pk,
    )
    return agreement


@transaction.atomic
def agreement_update(
    *, actor, agreement: CooperationAgreement, data: dict[str, Any], document=None
) -> CooperationAgreement:
    """Edits the agreement; a new document replaces the old one, whose file is removed
    once the change is committed."""
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    _open_participant(agreement.participant)
    before = snapshot(agreement, AGREEMENT_FIELDS)
    _set_fields(agreement, data, AGREEMENT_DOCUMENT_FIELDS)
    agreement.summary = (agreement.summary or "").strip()
    _not_in_future(agreement.agreed_on, "agreed_on", _("The agreement cannot be dated in the future."))
    replaced = _attach_document(agreement, document) if document is not None else None
    _save(agreement)
    change_record(
        actor=actor,
        action="casework.agreement.updated",
        instance=agreement,
        before=before,
        after=snapshot(agreement, AGREEMENT_FIELDS),
        participant_id=agreement.participant_id,
    )
    _delete_file_on_commit(agreement.document.storage, replaced)
    return agreement


# --- Vocational profile -----------------------------------------------------------------------


def profile_snapshot(version: VocationalProfileVersion | None) -> dict[str, Any]:
    """The profile's values as plain data (occupations and municipalities by code)."""
    if version is None:
        return {}
    out = snapshot(version, [f for f in PROFILE_FIELDS if f not in PROFILE_M2M_FIELDS])
    out["job_goals"] = sorted(o.code for o in version.job_goals.all())
    out["kommuner"] = sorted(k.number for k in version.kommuner.all())
    return out


@transaction.atomic
def vocational_profile_save(*, actor, participant: Participant, data: dict[str, Any]) -> VocationalProfileVersion:
    """Saves the vocational profile as a new version. Nothing is overwritten: the earlier
    versions show what the profile said before, and the change entry says what changed."""
    participant = _open_participant(participant)
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    latest = (
        VocationalProfileVersion.objects.filter(participant=participant)
        .prefetch_related("job_goals", "kommuner")
        .order_by("-number")
        .first()
    )
    version = VocationalProfileVersion(
        participant=participant, number=(latest.number + 1) if latest else 1, created_by=actor
    )
    for key, value in data.items():
        if key not in PROFILE_M2M_FIELDS:
            setattr(version, key, value.strip() if isinstance(value, str) else value)
    job_goals = list(data.get("job_goals") or [])
    kommuner = list(data.get("kommuner") or [])
    if len(job_goals) > 10:
        raise ValidationError({"job_goals": _("Choose at most 10 job goals.")})
    if version.hours_min is not None and version.hours_max is not None and version.hours_min > version.hours_max:
        raise ValidationError({"hours_max": _("The upper number of hours cannot be below the lower.")})
    before = profile_snapshot(latest)
    after = {
        **snapshot(version, [f for f in PROFILE_FIELDS if f not in PROFILE_M2M_FIELDS]),
        "job_goals": sorted(o.code for o in job_goals),
        "kommuner": sorted(k.number for k in kommuner),
    }
    if latest is not None and before == after:
        raise ValidationError(_("Nothing has changed since version %(n)s.") % {"n": latest.number})
    _save(version)
    version.job_goals.set(job_goals)
    version.kommuner.set(kommuner)
    change_record(
        actor=actor,
        action="casework.profile.saved",
        instance=version,
        before=before or None,
        after=after,
        participant_id=participant.pk,
    )
    return version


# --- Inclusion plan -----------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, actor, participant: Participant, data: dict[str, Any]) -> InclusionPlan:
    """Makes the participant's inclusion plan, or edits it."""
    participant = _open_participant(participant)
    plan = InclusionPlan.objects.select_for_update().filter(participant=participant).first()
    before = snapshot(plan, PLAN_FIELDS) if plan else None
    if plan is None:
        plan = InclusionPlan(participant=participant, created_by=actor)
    old_review_on = plan.review_on
    _set_fields(plan, data, PLAN_FIELDS)
    plan.goals = (plan.goals or "").strip()
    if plan.review_on and plan.review_on != old_review_on and plan.review_on < timezone.localdate():
        raise ValidationError({"review_on": _("The next review cannot be in the past.")})
    _save(plan)
    change_record(
        actor=actor,
        action="casework.plan.created" if before is None else "casework.plan.updated",
        instance=plan,
        before=before,
        after=snapshot(plan, PLAN_FIELDS),
        participant_id=participant.pk,
    )
    return plan


@transaction.atomic
def plan_action_add(*, actor, plan: InclusionPlan, data: dict[str, Any]) -> PlanAction:
    _open_participant(plan.participant)
    action = PlanAction(plan=plan)
    _set_fields(action, data, PLAN_ACTION_FIELDS)
    action.description = (action.description or "").strip()
    _save(action)
    change_record(
        actor=actor,
        action="casework.plan_action.created",
        instance=action,
        before=None,
        after=snapshot(action, PLAN_ACTION_FIELDS),
        participant_id=plan.participant_id,
    )
    return action


@transaction.atomic
def plan_action_update(*, actor, action: PlanAction, data: dict[str, Any]) -> PlanAction:
    action = PlanAction.objects.select_for_update().select_related("plan").get(pk=action.pk)
    _open_participant(action.plan.participant)
    before = snapshot(action, PLAN_ACTION_FIELDS)
    _set_fields(action, data, PLAN_ACTION_FIELDS)
    action.description = (action.description or "").strip()
    _save(action)
    change_record(
        actor=actor,
        action="casework.plan_action.updated",
        instance=action,
        before=before,
        after=snapshot(action, PLAN_ACTION_FIELDS),
        participant_id=action.plan.participant_id,
    )
    return action


@transaction.atomic
def plan_review(
    *, actor, plan: InclusionPlan, reviewed_on: datetime.date, note: str, next_review_on: datetime.date
) -> PlanReview:
    """Records that the plan was reviewed with the participant, and when to review it next."""
    _open_participant(plan.participant)
    plan = InclusionPlan.objects.select_for_update().get(pk=plan.pk)
    errors = {}
    if reviewed_on and reviewed_on > timezone.localdate():
        errors["reviewed_on"] = _("A review cannot be recorded in the future.")
    if next_review_on and next_review_on <= timezone.localdate():
        errors["next_review_on"] = _("The next review must be after today.")
    if not (note or "").strip():
        errors["note"] = _("Write what came out of the review.")
    if errors:
        raise ValidationError(errors)
    review = PlanReview(
        plan=plan, reviewed_on=reviewed_on, note=note.strip(), next_review_on=next_review_on, created_by=actor
    )
    _save(review)
    before = snapshot(plan, PLAN_FIELDS)
    plan.review_on = next_review_on
    _save(plan)
    change_record(
        actor=actor,
        action="casework.plan.reviewed",
        instance=plan,
        before=before,
        after=snapshot(plan, PLAN_FIELDS),
        participant_id=plan.participant_id,
    )
    return review


# --- Benefits counselling and youth -------------------------------------------------------------


@transaction.atomic
def benefits_counselling_record(*, actor, participant: Participant, data: dict[str, Any]) -> BenefitsCounselling:
    participant = _open_participant(participant)
    record = BenefitsCounselling(participant=participant, created_by=actor)
    _set_fields(record, data, BENEFITS_FIELDS)
    record.covered = (record.covered or "").strip()
    _not_in_future(record.held_on, "held_on", _("Benefits counselling cannot be recorded in the future."))
    _save(record)
    change_record(
        actor=actor,
        action="casework.benefits_counselling.created",
        instance=record,
        before=None,
        after=snapshot(record, BENEFITS_FIELDS),
        participant_id=participant.pk,
    )
    return record


@transaction.atomic
def youth_follow_up_record(*, actor, participant: Participant, data: dict[str, Any]) -> YouthFollowUp:
    """Records where a young participant stands on the four helper roles and the inclusion path."""
    participant = _open_participant(participant)
    if not youth_roles_apply(participant):
        raise ValidationError(
            _("The helper roles and inclusion paths are recorded for youth models and participants under 26.")
        )
    record = YouthFollowUp(participant=participant, created_by=actor)
    _set_fields(record, data, YOUTH_FIELDS)
    _not_in_future(record.recorded_on, "recorded_on", _("A follow-up cannot be dated in the future."))
    _save(record)
    change_record(
        actor=actor,
        action="casework.youth_follow_up.created",
        instance=record,
        before=None,
        after=snapshot(record, YOUTH_FIELDS),
        participant_id=participant.pk,
    )
    return record
