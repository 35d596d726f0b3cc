"""Writes for employers, their people, the job development log and workplace mappings.

Each service validates, runs in one transaction and writes the change history in it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.audit.services import change_record, snapshot
from bistand.people.enums import CASELOAD_STATUSES
from bistand.people.models import Participant

from .enums import PARTICIPANT_PURPOSES, RELATIONSHIP_TRANSITIONS, RelationshipStatus
from .models import Employer, EmployerContact, EmployerContactParticipant, EmployerPerson, WorkplaceMapping
from .validators import normalise_orgnr, normalise_website

EMPLOYER_FIELDS = [
    "orgnr",
    "name",
    "legal_form",
    "industry_code",
    "industry_name",
    "address",
    "postal_code",
    "postal_place",
    "kommune",
    "employee_count",
    "website",
    "relationship_status",
    "notes",
]
EDITABLE_EMPLOYER_FIELDS = frozenset(EMPLOYER_FIELDS) - {"orgnr"}
PERSON_FIELDS = ["name", "role", "phone", "email", "is_active"]
CONTACT_FIELDS = [
    "employer",
    "specialist",
    "team",
    "contact_date",
    "mode",
    "purpose",
    "employer_person",
    "outcome",
    "next_step",
]
MAPPING_FIELDS = [
    "workplace",
    "mapped_on",
    "tasks",
    "culture",
    "natural_supports",
    "mentor",
    "accessibility",
    "hours",
]
WORKER_ROLES = (Role.JOB_SPECIALIST, Role.TEAM_LEADER, Role.PROGRAM_MANAGER)
EARLIEST_DATE = datetime.date(2000, 1, 1)


def _save(instance) -> None:
    instance.full_clean()
    instance.save()


def _check_works_for(actor, employer: Employer) -> None:
    if employer.organisation_id is None or employer.organisation_id not in scope_of(actor).orgs(*WORKER_ROLES):
        raise ValidationError(_("You can only change employers your own organisation has registered."))


def _check_date(field: str, value: datetime.date | None) -> None:
    if value is None:
        raise ValidationError({field: _("Give the date.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if value < EARLIEST_DATE:
        raise ValidationError({field: _("The date is too far back: check the year.")})


@transaction.atomic
def employer_register(*, actor, organisation, data: dict[str, Any], checked_in_register: bool = False) -> Employer:
    """Registers an employer for the organisation; one per organisation number.
    `checked_in_register`: the data was filled in from the Brønnøysund register."""
    if organisation is None or organisation.pk not in scope_of(actor).orgs(*WORKER_ROLES):
        raise ValidationError(_("You can only register employers for your own organisation."))
    unknown = set(data) - set(EMPLOYER_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    orgnr = normalise_orgnr(data.get("orgnr", ""))
    if Employer.objects.filter(organisation=organisation, orgnr=orgnr).exists():
        raise ValidationError({"orgnr": _("An employer with this organisation number is already registered.")})
    employer = Employer(organisation=organisation, registered_by=actor, **{**data, "orgnr": orgnr})
    employer.register_checked_at = timezone.now() if checked_in_register else None
    employer.website = normalise_website(employer.website)
    if employer.relationship_status not in RelationshipStatus.values:
        employer.relationship_status = RelationshipStatus.NEW
    _save(employer)
    change_record(
        actor=actor,
        action="employers.employer.created",
        instance=employer,
        before=None,
        after=snapshot(employer, EMPLOYER_FIELDS),
        participant_id=None,
    )
    return employer


@transaction.atomic
def employer_update(*, actor, employer: Employer, data: dict[str, Any]) -> Employer:
    """Edits an employer; the relationship may only move along RELATIONSHIP_TRANSITIONS."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    _check_works_for(actor, employer)
    forbidden = set(data) - EDITABLE_EMPLOYER_FIELDS
    if forbidden:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(sorted(forbidden)))
    new_status = data.get("relationship_status", employer.relationship_status)
    if new_status != employer.relationship_status and new_status not in RELATIONSHIP_TRANSITIONS.get(
        employer.relationship_status, ()
    ):
        raise ValidationError(
            {
                "relationship_status": _("The relationship cannot go from %(from)s to %(to)s.")
                % {
                    "from": RelationshipStatus(employer.relationship_status).label,
                    "to": RelationshipStatus(new_status).label
                    if new_status in RelationshipStatus.values
                    else new_status,
                }
            }
        )
    before = snapshot(employer, EMPLOYER_FIELDS)
    for key, value in data.items():
        setattr(employer, key, value)
    employer.website = normalise_website(employer.website)
    _save(employer)
    change_record(
        actor=actor,
        action="employers.employer.updated",
        instance=employer,
        before=before,
        after=snapshot(employer, EMPLOYER_FIELDS),
        participant_id=None,
    )
    return employer


@transaction.atomic
def employer_person_save(
    *, actor, employer: Employer, data: dict[str, Any], person: EmployerPerson | None = None
) -> EmployerPerson:
    """Adds a person at the employer, or edits one (`person`)."""
    _check_works_for(actor, employer)
    if person is None:
        person, before = EmployerPerson(employer=employer), None
    else:
        person = EmployerPerson.objects.select_for_update().get(pk=person.pk, employer=employer)
        before = snapshot(person, PERSON_FIELDS)
    for key in PERSON_FIELDS:
        if key in data:
            setattr(person, key, data[key])
    _save(person)
    change_record(
        actor=actor,
        action="employers.person.created" if before is None else "employers.person.updated",
        instance=person,
        before=before,
        after=snapshot(person, PERSON_FIELDS),
        participant_id=None,
    )
    return person


def specialist_team(specialist, actor):
    """The team a contact is counted under: one of the specialist's teams the actor works in."""
    actor_teams = scope_of(actor).teams(Role.JOB_SPECIALIST, Role.TEAM_LEADER)
    teams = sorted(scope_of(specialist).teams(Role.JOB_SPECIALIST) & actor_teams)
    return teams[0] if teams else None


@transaction.atomic
def employer_contact_log(
    *,
    actor,
    employer: Employer,
    specialist,
    contact_date: datetime.date,
    mode: str,
    purpose: str,
    participants: Iterable[Participant] = (),
    employer_person: EmployerPerson | None = None,
    outcome: str = "",
    next_step: str = "",
) -> EmployerContact:
    """Logs one contact with an employer. The participants concerned must be on the
    specialist's caseload; the first face-to-face one is what the rapid-job-search
    measure (IPS V4) counts."""
    if employer.organisation_id is None or employer.organisation_id not in scope_of(actor).orgs(
        Role.JOB_SPECIALIST, Role.TEAM_LEADER
    ):
        raise ValidationError(_("Register the employer for your organisation before logging contacts with it."))
    if specialist is None:
        raise ValidationError({"specialist": _("Choose the job specialist who made the contact.")})
    team_id = specialist_team(specialist, actor)
    if team_id is None or (specialist.pk != actor.pk and team_id not in scope_of(actor).teams(Role.TEAM_LEADER)):
        raise ValidationError(
            {"specialist": _("You can log contacts for yourself, or as team leader for your team's specialists.")}
        )
    _check_date("contact_date", contact_date)
    participants = list({p.pk: p for p in participants}.values())
    allowed = set(
        Participant.objects.visible_to(actor)
        .filter(specialist=specialist, status__in=CASELOAD_STATUSES, pk__in=[p.pk for p in participants])
        .values_list("pk", flat=True)
    )
    if any(p.pk not in allowed for p in participants):
        raise ValidationError({"participants": _("Only participants on the specialist's caseload can be named.")})
    if purpose in PARTICIPANT_PURPOSES and not participants:
        raise ValidationError({"participants": _("Name the participants this contact was about.")})
    if employer_person is not None and employer_person.employer_id != employer.pk:
        raise ValidationError({"employer_person": _("This person does not work at this employer.")})
    contact = EmployerContact(
        employer=employer,
        specialist=specialist,
        team_id=team_id,
        contact_date=contact_date,
        mode=mode,
        purpose=purpose,
        employer_person=employer_person,
        outcome=(outcome or "").strip(),
        next_step=(next_step or "").strip(),
        created_by=actor,
    )
    _save(contact)
    EmployerContactParticipant.objects.bulk_create(
        [EmployerContactParticipant(contact=contact, participant=p) for p in participants]
    )
    after = snapshot(contact, CONTACT_FIELDS) | {"participants": sorted(p.pk for p in participants)}
    # One history entry per participant named, so that each one's history shows it.
    for participant_id in [p.pk for p in participants] or [None]:
        change_record(
            actor=actor,
            action="employers.contact.created",
            instance=contact,
            before=None,
            after=after,
            participant_id=participant_id,
        )
    return contact


@transaction.atomic
def workplace_mapping_save(
    *, actor, employer: Employer, data: dict[str, Any], mapping: WorkplaceMapping | None = None
) -> WorkplaceMapping:
    _check_works_for(actor, employer)
    _check_date("mapped_on", data.get("mapped_on", getattr(mapping, "mapped_on", None)))
    if mapping is None:
        mapping, before = WorkplaceMapping(employer=employer, mapped_by=actor), None
    else:
        mapping = WorkplaceMapping.objects.select_for_update().get(pk=mapping.pk, employer=employer)
        before = snapshot(mapping, MAPPING_FIELDS)
    for key in MAPPING_FIELDS:
        if key in data:
            setattr(mapping, key, data[key])
    _save(mapping)
    change_record(
        actor=actor,
        action="employers.mapping.created" if before is None else "employers.mapping.updated",
        instance=mapping,
        before=before,
        after=snapshot(mapping, MAPPING_FIELDS),
        participant_id=None,
    )
    return mapping


def employer_from_feed(*, orgnr: str, name: str, website: str = "") -> Employer:
    """The shared employer record for an organisation number seen in NAV's job feed,
    created when new (public business data only; no organisation owns it)."""
    employer = Employer.objects.filter(organisation__isnull=True, orgnr=orgnr).first()
    if employer is not None:
        return employer
    with transaction.atomic():
        employer = Employer(orgnr=orgnr, name=(name or orgnr)[:200], website=normalise_website(website)[:300])
        employer.full_clean(validate_constraints=False, validate_unique=False)
        employer.save()
        change_record(
            actor=None,
            action="employers.employer.created_from_feed",
            instance=employer,
            before=None,
            after=snapshot(employer, ["orgnr", "name", "website"]),
            participant_id=None,
        )
    return employer
