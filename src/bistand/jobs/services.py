"""Writes for job openings registered by hand (incl. carved jobs) and the job-finding funnel."""

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
from bistand.employers.models import Employer
from bistand.people.models import Participant

from .enums import LEAD_TRANSITIONS, OPEN_STAGES, LeadStage, NotHiredReason, OpeningKind, OpeningSource
from .models import JobLead, JobLeadStep, JobOpening, JobOpeningLocation
from .sync import search_text_for

OPENING_FIELDS = [
    "kind",
    "employer",
    "title",
    "description",
    "occupation",
    "extent",
    "engagement_type",
    "expires_at",
    "application_due",
    "start_time",
    "position_count",
    "application_url",
    "negotiated_tasks",
    "hours_per_week",
    "accommodations",
    "wage_terms",
    "is_active",
]
LEAD_FIELDS = ["participant", "opening", "employer", "stage", "stage_on", "not_hired_reason", "note"]
WORKER_ROLES = (Role.JOB_SPECIALIST, Role.TEAM_LEADER, Role.PROGRAM_MANAGER)


@transaction.atomic
def opening_save(*, actor, data: dict[str, Any], kommune=None, opening: JobOpening | None = None) -> JobOpening:
    """Registers (or edits) a job opening found through job development, or a carved job."""
    orgs = scope_of(actor).orgs(*WORKER_ROLES)
    if not orgs:
        raise ValidationError(_("You cannot register job openings."))
    unknown = set(data) - set(OPENING_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    employer: Employer | None = data.get("employer", opening.employer if opening else None)
    if employer is not None and employer.organisation_id not in orgs:
        raise ValidationError({"employer": _("Choose one of your organisation's employers.")})
    if opening is None:
        organisation_id = employer.organisation_id if employer else min(orgs)
        opening = JobOpening(
            source=OpeningSource.MANUAL, organisation_id=organisation_id, created_by=actor, published_at=timezone.now()
        )
        before = None
    else:
        opening = JobOpening.objects.select_for_update().get(pk=opening.pk)
        if opening.source != OpeningSource.MANUAL or opening.organisation_id not in orgs:
            raise ValidationError(_("Only openings your organisation registered by hand can be edited."))
        before = snapshot(opening, OPENING_FIELDS)
    for key, value in data.items():
        setattr(opening, key, value)
    if opening.kind == OpeningKind.CARVED and not opening.employer_id:
        raise ValidationError({"employer": _("A carved job is negotiated with an employer: choose it.")})
    if opening.kind == OpeningKind.CARVED and not opening.negotiated_tasks.strip():
        raise ValidationError({"negotiated_tasks": _("Describe the tasks negotiated with the employer.")})
    opening.employer_name = opening.employer.name if opening.employer else ""
    opening.styrk_code = opening.occupation.code if opening.occupation else ""
    opening.full_clean()
    opening.save()
    opening.locations.all().delete()
    if kommune is not None:
        JobOpeningLocation.objects.create(opening=opening, kommune=kommune, fylke_number=kommune.fylke_number)
    opening.search_text = search_text_for(opening, [kommune.name] if kommune else [])
    opening.save(update_fields=["search_text"])
    change_record(
        actor=actor,
        action="jobs.opening.created" if before is None else "jobs.opening.updated",
        instance=opening,
        before=before,
        after=snapshot(opening, OPENING_FIELDS),
        participant_id=None,
    )
    return opening


def _check_date(value: datetime.date | None, field: str = "occurred_on") -> None:
    if value is None:
        raise ValidationError({field: _("Give the date.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


@transaction.atomic
def lead_propose(
    *,
    actor,
    participant: Participant,
    occurred_on: datetime.date,
    opening: JobOpening | None = None,
    employer: Employer | None = None,
    note: str = "",
) -> JobLead:
    """Proposes a vacancy or an employer to a participant: the first step of the funnel."""
    if not actor.has_perm("people.work_participant", participant):
        raise ValidationError(_("You do not follow this participant."))
    if not Participant.objects.visible_to(actor).filter(pk=participant.pk).exists():
        raise ValidationError(_("You do not follow this participant."))
    if (opening is None) == (employer is None):
        raise ValidationError(_("Propose either a job opening or an employer."))
    if opening is not None:
        if not JobOpening.objects.visible_to(actor).filter(pk=opening.pk).exists():
            raise ValidationError({"opening": _("This job opening cannot be found.")})
        if not opening.is_active:
            raise ValidationError({"opening": _("This job opening is no longer active.")})
        employer_for_lead = opening.employer
    else:
        if not Employer.objects.visible_to(actor).filter(pk=employer.pk).exists():
            raise ValidationError({"employer": _("This employer cannot be found.")})
        employer_for_lead = employer
    _check_date(occurred_on)
    open_leads = JobLead.objects.filter(participant=participant, stage__in=OPEN_STAGES)
    if opening is not None and open_leads.filter(opening=opening).exists():
        raise ValidationError({"opening": _("This job opening is already in the participant's job search.")})
    if opening is None and open_leads.filter(employer=employer, opening__isnull=True).exists():
        raise ValidationError({"employer": _("This employer is already in the participant's job search.")})
    lead = JobLead(
        participant=participant,
        opening=opening,
        employer=employer_for_lead,
        stage=LeadStage.PROPOSED,
        stage_on=occurred_on,
        note=(note or "").strip(),
        created_by=actor,
    )
    lead.full_clean()
    lead.save()
    JobLeadStep.objects.create(
        lead=lead, from_stage="", to_stage=LeadStage.PROPOSED, occurred_on=occurred_on, actor=actor, note=lead.note
    )
    change_record(
        actor=actor,
        action="jobs.lead.proposed",
        instance=lead,
        before=None,
        after=snapshot(lead, LEAD_FIELDS),
        participant_id=participant.pk,
    )
    return lead


@transaction.atomic
def lead_advance(
    *, actor, lead: JobLead, to_stage: str, occurred_on: datetime.date, reason: str = "", note: str = ""
) -> JobLead:
    """Moves a lead one step along the funnel (LEAD_TRANSITIONS); "not hired" needs a reason."""
    lead = JobLead.objects.select_for_update().select_related("participant").get(pk=lead.pk)
    if not actor.has_perm("people.work_participant", lead.participant):
        raise ValidationError(_("You do not follow this participant."))
    if to_stage not in LEAD_TRANSITIONS.get(lead.stage, ()):
        raise ValidationError(
            {
                "to_stage": _("A job lead cannot go from %(from)s to %(to)s.")
                % {
                    "from": LeadStage(lead.stage).label,
                    "to": LeadStage(to_stage).label if to_stage in LeadStage.values else to_stage,
                }
            }
        )
    if to_stage == LeadStage.NOT_HIRED and reason not in NotHiredReason.values:
        raise ValidationError({"reason": _("Choose why it did not end in a job.")})
    _check_date(occurred_on)
    if occurred_on < lead.stage_on:
        raise ValidationError({"occurred_on": _("The date cannot be before the previous step.")})
    before = snapshot(lead, LEAD_FIELDS)
    from_stage = lead.stage
    lead.stage = to_stage
    lead.stage_on = occurred_on
    lead.not_hired_reason = reason if to_stage == LeadStage.NOT_HIRED else ""
    lead.full_clean()
    lead.save()
    JobLeadStep.objects.create(
        lead=lead,
        from_stage=from_stage,
        to_stage=to_stage,
        occurred_on=occurred_on,
        actor=actor,
        reason=lead.not_hired_reason,
        note=(note or "").strip(),
    )
    change_record(
        actor=actor,
        action=f"jobs.lead.{to_stage}",
        instance=lead,
        before=before,
        after=snapshot(lead, LEAD_FIELDS),
        participant_id=lead.participant_id,
    )
    return lead
