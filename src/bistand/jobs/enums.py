from django.db import models
from django.utils.translation import gettext_lazy as _


class OpeningSource(models.TextChoices):
    MANUAL = "manual", _("Registered by hand")
    NAV_FEED = "nav_feed", _("NAV job feed")


class OpeningKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary job opening")
    CARVED = "carved", _("Carved or customised job")


class Extent(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")


# NAV's words for the extent of a job.
NAV_EXTENT = {"heltid": Extent.FULL_TIME, "deltid": Extent.PART_TIME}


class LeadStage(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    INTERESTED = "interested", _("Participant interested")
    PRESENTED = "presented", _("Presented to the employer")
    INTERVIEW = "interview", _("Interview")
    HIRED = "hired", _("Hired")
    NOT_HIRED = "not_hired", _("Not hired")


# The job-finding funnel. Any open step can end without a hire (with a reason).
LEAD_TRANSITIONS: dict[str, frozenset[str]] = {
    LeadStage.PROPOSED: frozenset({LeadStage.INTERESTED, LeadStage.NOT_HIRED}),
    LeadStage.INTERESTED: frozenset({LeadStage.PRESENTED, LeadStage.NOT_HIRED}),
    LeadStage.PRESENTED: frozenset({LeadStage.INTERVIEW, LeadStage.HIRED, LeadStage.NOT_HIRED}),
    LeadStage.INTERVIEW: frozenset({LeadStage.HIRED, LeadStage.NOT_HIRED}),
    LeadStage.HIRED: frozenset(),
    LeadStage.NOT_HIRED: frozenset(),
}
OPEN_STAGES = frozenset({LeadStage.PROPOSED, LeadStage.INTERESTED, LeadStage.PRESENTED, LeadStage.INTERVIEW})


class NotHiredReason(models.TextChoices):
    PARTICIPANT_NOT_INTERESTED = "participant_not_interested", _("The participant was not interested")
    PARTICIPANT_WITHDREW = "participant_withdrew", _("The participant withdrew")
    EMPLOYER_DECLINED = "employer_declined", _("The employer said no")
    POSITION_FILLED = "position_filled", _("The position was filled or withdrawn")
    POOR_MATCH = "poor_match", _("Not a good match after all")
    OTHER = "other", _("Other")
