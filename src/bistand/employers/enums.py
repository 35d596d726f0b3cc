from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationshipStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_DIALOGUE = "in_dialogue", _("In dialogue")
    ACTIVE_PARTNER = "active_partner", _("Active partner")
    DORMANT = "dormant", _("Dormant")


# Any relationship can cool off or warm up again; it never goes back to "new".
RELATIONSHIP_TRANSITIONS: dict[str, frozenset[str]] = {
    RelationshipStatus.NEW: frozenset(
        {RelationshipStatus.IN_DIALOGUE, RelationshipStatus.ACTIVE_PARTNER, RelationshipStatus.DORMANT}
    ),
    RelationshipStatus.IN_DIALOGUE: frozenset({RelationshipStatus.ACTIVE_PARTNER, RelationshipStatus.DORMANT}),
    RelationshipStatus.ACTIVE_PARTNER: frozenset({RelationshipStatus.IN_DIALOGUE, RelationshipStatus.DORMANT}),
    RelationshipStatus.DORMANT: frozenset({RelationshipStatus.IN_DIALOGUE, RelationshipStatus.ACTIVE_PARTNER}),
}


class ContactMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    DIGITAL_MEETING = "digital_meeting", _("Digital meeting")


class ContactPurpose(models.TextChoices):
    LEARN_NEEDS = "learn_needs", _("Learn the business's needs")
    PRESENT_SERVICE = "present_service", _("Present the service")
    JOB_DEVELOPMENT = "job_development", _("Job development for named participants")
    FOLLOW_UP = "follow_up", _("Follow-up of a placed employee")
    OTHER = "other", _("Other")


# Purposes that are about particular participants: the contact must name at least one.
PARTICIPANT_PURPOSES = frozenset({ContactPurpose.JOB_DEVELOPMENT, ContactPurpose.FOLLOW_UP})

# IPS fidelity item V6: at least six face-to-face employer contacts per specialist per week.
WEEKLY_FACE_TO_FACE_TARGET = 6
