"""Choices and IPS timing defaults for placements and follow-along. Leaves: import nothing app-level."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementType(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary paid employment")
    WORK_PRACTICE = "work_practice", _("Work practice in an ordinary business")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    INTERNSHIP = "internship", _("Internship or summer job")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    SHELTERED = "sheltered", _("Sheltered or transitional work")


# Competitive (ordinary) work, as fidelity item V10 and the outcome measures count it:
# everything but sheltered or transitional work set aside for people with support needs.
COMPETITIVE_TYPES = frozenset(set(PlacementType) - {PlacementType.SHELTERED})


class Permanence(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    TEMPORARY = "temporary", _("Temporary")


class WageSubsidy(models.TextChoices):
    NONE = "none", _("No wage subsidy")
    TIME_LIMITED = "time_limited", _("Time-limited wage subsidy (midlertidig lønnstilskudd)")
    PERMANENT = "permanent", _("Permanent wage subsidy (varig lønnstilskudd)")
    OTHER = "other", _("Other scheme")


class PlacementEndReason(models.TextChoices):
    TEMPORARY_ENDED = "temporary_ended", _("The temporary job ended")
    QUIT = "quit", _("Quit")
    DISMISSED = "dismissed", _("Dismissed")
    BETTER_JOB = "better_job", _("Moved to a better job")
    HEALTH = "health", _("Health")
    OTHER = "other", _("Other")


class CareerGoal(models.TextChoices):
    BETTER_JOB = "better_job", _("A better job")
    MORE_HOURS = "more_hours", _("More hours")
    NEW_TASKS = "new_tasks", _("New tasks or more responsibility")
    EDUCATION = "education", _("Education")


class SupportLevel(models.IntegerChoices):
    """Natural support at the workplace, from most natural (1) to least (6). JS = job specialist."""

    COLLEAGUES_ALONE = 1, _("1. The job specialist does not intervene; colleagues support on their own")
    JS_SUGGESTS = 2, _("2. The job specialist suggests support that colleagues then give")
    JS_TELLS = 3, _("3. The job specialist tells colleagues how they can support the employee")
    JS_TRAINS = 4, _("4. The job specialist trains colleagues to assist the employee")
    JS_WITH_COLLEAGUES = 5, _("5. The job specialist assists the employee directly, with some support from colleagues")
    JS_ALONE = 6, _("6. The job specialist assists the employee directly, without help from colleagues")


class FollowUpMode(models.TextChoices):
    WORKPLACE = "workplace", _("Face to face at the workplace")
    COMMUNITY = "community", _("Face to face elsewhere in the community")
    OFFICE = "office", _("Face to face at the office")
    PHONE = "phone", _("Phone")
    DIGITAL = "digital", _("Digital meeting, message or e-mail")


FACE_TO_FACE_MODES = frozenset({FollowUpMode.WORKPLACE, FollowUpMode.COMMUNITY, FollowUpMode.OFFICE})


class DueKind(models.TextChoices):
    """The follow-along checkpoints (IPS fidelity item V12)."""

    BEFORE_START = "before_start", _("Contact before the start")
    AFTER_START = "after_start", _("Contact just after the start")
    WEEKLY = "weekly", _("Weekly contact, first month")
    MONTHLY = "monthly", _("Monthly contact")


class PlacementQueueItem(models.TextChoices):
    """What the placements add to the caseload's work queue. Each disappears when acted on."""

    FOLLOW_ALONG_DUE = "follow_along_due", _("Follow-along contact due")
    JOB_ENDED = "job_ended", _("Job ended: contact within 3 days")


# IPS timing (fidelity item V12): contact within a week before the start, within 3 days
# after it, weekly in the first month, then at least monthly, time-unlimited; contact
# within 3 days of learning that a job ended. A team can change these (FollowAlongPolicy).
DEFAULT_BEFORE_START_DAYS = 7
DEFAULT_AFTER_START_DAYS = 3
DEFAULT_WEEKLY_WEEKS = 4
DEFAULT_MONTHLY_DAYS = 30
DEFAULT_JOB_ENDED_CONTACT_DAYS = 3
# A checkpoint appears in the work queue this many days before it is due.
DUE_SOON_DAYS = 3
# IPS Grow: a job start counts once the person has done at least 4 hours of paid work.
JOB_START_HOURS = 4
# The supervisor view counts people still employed at 90 days.
RETENTION_MILESTONE_DAYS = 90
