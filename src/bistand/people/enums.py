from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceModel(models.TextChoices):
    SE_FIVE_STAGE = "se_five_stage", _("Supported Employment (five-stage process)")
    IPS = "ips", _("IPS – Individual Placement and Support")
    IPS_YOUTH = "ips_youth", _("IPS for youth")
    CUSTOMIZED_EMPLOYMENT = "customized_employment", _("Customized Employment")
    SCHOOL_TO_WORK = "school_to_work", _("School-to-work transition")


class Status(models.TextChoices):
    REFERRED = "referred", _("Referred")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACTIVE = "active", _("Active")
    JOB_SEARCH = "job_search", _("Job search")
    IN_JOB = "in_job", _("In job")
    ENDED = "ended", _("Ended")


# The state machine. A declined, withdrawn or ended participant can only come back
# through a new referral (referral_register), never by a plain status change.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REFERRED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset({Status.ACTIVE, Status.ENDED}),
    Status.ACTIVE: frozenset({Status.JOB_SEARCH, Status.IN_JOB, Status.ENDED}),
    Status.JOB_SEARCH: frozenset({Status.IN_JOB, Status.ENDED}),
    Status.IN_JOB: frozenset({Status.JOB_SEARCH, Status.ENDED}),
    Status.DECLINED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.ENDED: frozenset(),
}
# Statuses that come only from deciding a referral, not from the status form.
DECISION_STATUSES = frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN})
# On a specialist's active caseload (IPS fidelity item S1 counts these).
CASELOAD_STATUSES = frozenset({Status.ACCEPTED, Status.ACTIVE, Status.JOB_SEARCH, Status.IN_JOB})
CLOSED_STATUSES = frozenset({Status.DECLINED, Status.WITHDRAWN, Status.ENDED})


class EndReason(models.TextChoices):
    PARTICIPANT_WISH = "participant_wish", _("The participant no longer wants the service")
    STABLE_IN_WORK = "stable_in_work", _("Stable in work, follow-up no longer wanted")
    EDUCATION = "education", _("Started education")
    MOVED = "moved", _("Moved out of the area")
    TRANSFERRED = "transferred", _("Transferred to another service")
    NO_CONTACT = "no_contact", _("No contact despite documented outreach")
    HEALTH = "health", _("Health reasons")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other")


class ReferralSource(models.TextChoices):
    NAV = "nav", _("NAV")
    HEALTH_SERVICE = "health_service", _("Health service")
    SCHOOL = "school", _("School")
    SELF = "self", _("Self-referral")
    OTHER = "other", _("Other")


class Decision(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DeclineReason(models.TextChoices):
    """Why a referral was declined. Zero exclusion: readiness, diagnosis, symptoms, substance
    use or history are never reasons, so they are not on the list."""

    NO_WISH_TO_WORK = "no_wish_to_work", _("The person does not want ordinary work now")
    OUTSIDE_AREA = "outside_area", _("Lives outside the service's area")
    CHOSE_OTHER_SERVICE = "chose_other_service", _("The person chose another service")
    NOT_REACHED = "not_reached", _("Could not be reached after repeated attempts")
    DUPLICATE = "duplicate", _("Duplicate referral")
    NO_CAPACITY = "no_capacity", _("No capacity in the team")
    OTHER = "other", _("Other")


class ConsentKind(models.TextChoices):
    PROCESSING = "processing", _("Processing of personal data for the service")
    SHARE_WITH_NAV = "share_with_nav", _("Sharing information with NAV")
    DISCLOSE_TO_EMPLOYERS = "disclose_to_employers", _("Disclosure to employers")
    RESEARCH = "research", _("Use of pseudonymised data in research")


class PreferredLanguage(models.TextChoices):
    NB = "nb", _("Norwegian Bokmål")
    NN = "nn", _("Norwegian Nynorsk")
    SE = "se", _("Northern Sami")
    EN = "en", _("English")
    OTHER = "other", _("Other (interpreter may be needed)")
