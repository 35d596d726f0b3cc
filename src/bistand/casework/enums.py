"""Choices for the casework records. Leaves: import nothing app-level."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactKind(models.TextChoices):
    MEETING = "meeting", _("Meeting with the participant")
    EMPLOYER = "employer", _("Contact with an employer on the participant's behalf")
    WORKPLACE_VISIT = "workplace_visit", _("Workplace visit")
    TREATMENT_TEAM = "treatment_team", _("Contact with the treatment team")
    NAV = "nav", _("Contact with NAV")
    SCHOOL = "school", _("Contact with the school")
    FAMILY = "family", _("Contact with family or network")
    PHONE_DIGITAL = "phone_digital", _("Phone or digital contact with the participant")


# Contacts that count as employer contacts for IPS rapid job search (fidelity item V4).
EMPLOYER_CONTACT_KINDS = frozenset({ContactKind.EMPLOYER, ContactKind.WORKPLACE_VISIT})


class ContactPlace(models.TextChoices):
    """Where the contact took place. The community share is IPS fidelity item V13."""

    OFFICE = "office", _("Office")
    COMMUNITY = "community", _("Community")
    WORKPLACE = "workplace", _("Workplace")
    HOME = "home", _("Participant's home")
    DIGITAL = "digital", _("Phone or digital")


# A kind that fixes the place: a workplace visit happens at a workplace, a phone call is digital.
PLACE_OF_KIND = {
    ContactKind.WORKPLACE_VISIT: ContactPlace.WORKPLACE,
    ContactKind.PHONE_DIGITAL: ContactPlace.DIGITAL,
}


class Party(models.TextChoices):
    """Others who take part in a contact or an agreement, besides the participant and the job specialist."""

    EMPLOYER = "employer", _("Employer")
    NAV = "nav", _("NAV")
    HEALTH_SERVICE = "health_service", _("Treatment team or health service")
    SCHOOL = "school", _("School")
    FAMILY = "family", _("Family or network")
    COLLEAGUE = "colleague", _("Another job specialist")
    OTHER = "other", _("Other")


class Responsible(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    JOB_SPECIALIST = "job_specialist", _("Job specialist")
    EMPLOYER = "employer", _("Employer")
    NAV = "nav", _("NAV")
    HEALTH_SERVICE = "health_service", _("Health service")
    FAMILY = "family", _("Family")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class WorkingTime(models.TextChoices):
    DAYTIME = "daytime", _("Daytime")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")
    WEEKEND = "weekend", _("Weekends")
    FLEXIBLE = "flexible", _("Flexible")


class Transport(models.TextChoices):
    WALK = "walk", _("Walking")
    BICYCLE = "bicycle", _("Bicycle")
    PUBLIC = "public", _("Public transport")
    CAR = "car", _("Own car")
    LIFT = "lift", _("Lift from others")
    NEEDS_HELP = "needs_help", _("Needs help with transport")


class NeedStatus(models.TextChoices):
    """Basic needs (helper role 1): economy, housing, health and activity."""

    OK = "ok", _("OK")
    NEEDS_HELP = "needs_help", _("Needs help")
    IN_PROGRESS = "in_progress", _("In progress")


class InclusionPath(models.TextChoices):
    """Inclusion paths for youth (inkluderingsvegar, Frøyland)."""

    COMPLETE_SCHOOL = "complete_school", _("Complete upper secondary school")
    WORK_FOR_SCHOOL = "work_for_school", _("Work as a means to complete school")
    WORK_AS_BREAK = "work_as_break", _("Work as a break to find oneself")
    ORDINARY_WORK = "ordinary_work", _("Ordinary work")


class OutreachMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    MESSAGE = "message", _("Text message or e-mail")
    LETTER = "letter", _("Letter")
    HOME_VISIT = "home_visit", _("Home visit")
    VIA_TREATMENT_TEAM = "via_treatment_team", _("Through the treatment team")
    VIA_NETWORK = "via_network", _("Through family or network")
    OTHER = "other", _("Other")


class WorkQueueItem(models.TextChoices):
    """What needs doing on the caseload. Each item disappears when acted on."""

    NO_CONTACT = "no_contact", _("No contact for 14 days")
    NO_EMPLOYER_CONTACT = "no_employer_contact", _("No employer contact within 30 days of acceptance")
    NEXT_STEP_OVERDUE = "next_step_overdue", _("Next step overdue")
    PLAN_REVIEW_OVERDUE = "plan_review_overdue", _("Plan review overdue")


NO_CONTACT_DAYS = 14
EMPLOYER_CONTACT_DAYS = 30  # IPS rapid job search: first employer contact within 30 days
YOUTH_AGE_LIMIT = 26  # the youth helper roles apply to everyone under this age
