"""Employers, the people the service talks to there, the job development log and workplace mappings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.people.models import participant_visibility

from .enums import ContactMode, ContactPurpose, RelationshipStatus
from .validators import validate_orgnr

ALL_ROLES = tuple(Role)
# Who may see the names and contact details of people at employers: everyone but researchers.
PERSON_ROLES = (Role.JOB_SPECIALIST, Role.TEAM_LEADER, Role.PROGRAM_MANAGER, Role.ADMINISTRATOR)


class EmployerQuerySet(models.QuerySet["Employer"]):
    def visible_to(self, user) -> EmployerQuerySet:
        """The employers of the user's organisations, and those created from NAV's public job
        feed (organisation empty: public business data only, nobody's notes or people)."""
        orgs = scope_of(user).orgs(*ALL_ROLES)
        if not orgs:
            return self.none()
        return self.filter(Q(organisation_id__in=orgs) | Q(organisation__isnull=True))

    def workable_by(self, user) -> EmployerQuerySet:
        """Employers the user's organisation registered: the ones it keeps notes, people and contacts on."""
        return self.filter(organisation_id__in=scope_of(user).orgs(*ALL_ROLES))


class Employer(models.Model):
    """A business the service works with, one per organisation number in each organisation.

    `organisation` is the organisation that registered it; empty for employers created from
    NAV's job feed, which are shared by everyone and hold only public register data.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("registered by organisation"),
    )
    orgnr = models.CharField(_("organisation number"), max_length=9, validators=[validate_orgnr])
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=100, blank=True)
    industry_code = models.CharField(_("industry code (NACE)"), max_length=10, blank=True)
    industry_name = models.CharField(_("industry"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    employee_count = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    relationship_status = models.CharField(
        _("relationship"), max_length=16, choices=RelationshipStatus.choices, default=RelationshipStatus.NEW
    )
    notes = models.TextField(_("notes"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    register_checked_at = models.DateTimeField(_("checked in the register"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "name", "id"], name="employer_org_name")]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "orgnr"], name="employer_orgnr_unique_in_org"),
            models.UniqueConstraint(
                fields=["orgnr"], condition=Q(organisation__isnull=True), name="employer_orgnr_unique_public"
            ),
            models.CheckConstraint(condition=Q(orgnr__regex=r"^[0-9]{9}$"), name="employer_orgnr_nine_digits"),
            models.CheckConstraint(
                condition=Q(relationship_status__in=RelationshipStatus.values), name="employer_relationship_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def size_band(self) -> str:
        n = self.employee_count
        if n is None:
            return ""
        for upper, label in ((4, "1–4"), (9, "5–9"), (49, "10–49"), (249, "50–249")):
            if n <= upper:
                return "0" if n == 0 else label
        return "250+"


class EmployerPrivateQuerySet(models.QuerySet):
    """For what an organisation keeps about an employer that names people (people, mappings)."""

    def visible_to(self, user) -> EmployerPrivateQuerySet:
        orgs = scope_of(user).orgs(*PERSON_ROLES)
        return self.filter(employer__organisation_id__in=orgs) if orgs else self.none()


class EmployerPerson(models.Model):
    """Someone the service talks to at an employer (personal data: hidden from researchers)."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("For example: store manager, HR."))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("still works there"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EmployerPrivateQuerySet.as_manager()

    class Meta:
        verbose_name = _("person at the employer")
        verbose_name_plural = _("people at the employer")
        ordering = ["-is_active", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


class EmployerContactQuerySet(models.QuerySet["EmployerContact"]):
    def visible_to(self, user) -> EmployerContactQuerySet:
        """Contacts with the user's organisations' employers; a contact that names participants
        only when the user may see every one of them."""
        orgs = scope_of(user).orgs(*ALL_ROLES)
        if not orgs:
            return self.none()
        visible = participant_visibility(user, prefix="participant__")
        links = EmployerContactParticipant.objects.filter(contact=OuterRef("pk"))
        hidden = links.exclude(visible) if visible is not None else links
        return self.filter(employer__organisation_id__in=orgs).exclude(Exists(hidden))


class EmployerContact(models.Model):
    """One contact with an employer in the job development log."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="contacts")
    specialist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employer_contacts")
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        related_name="employer_contacts",
        help_text=_("The specialist's team when the contact was made."),
    )
    contact_date = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=16, choices=ContactMode.choices)
    purpose = models.CharField(_("purpose"), max_length=24, choices=ContactPurpose.choices)
    employer_person = models.ForeignKey(
        EmployerPerson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("met with"),
    )
    participants = models.ManyToManyField(
        "people.Participant",
        through="EmployerContactParticipant",
        related_name="employer_contacts",
        verbose_name=_("participants concerned"),
    )
    outcome = models.TextField(_("outcome"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = EmployerContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer contact")
        verbose_name_plural = _("employer contacts")
        ordering = ["-contact_date", "-id"]
        indexes = [
            models.Index(fields=["team", "mode", "contact_date"], name="empcontact_team_mode_date"),
            models.Index(fields=["employer", "contact_date"], name="empcontact_employer_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(mode__in=ContactMode.values), name="empcontact_mode_valid"),
            models.CheckConstraint(condition=Q(purpose__in=ContactPurpose.values), name="empcontact_purpose_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.employer} {self.contact_date:%d.%m.%Y} ({self.get_mode_display()})"

    @property
    def is_face_to_face(self) -> bool:
        return self.mode == ContactMode.FACE_TO_FACE


class EmployerContactParticipant(models.Model):
    contact = models.ForeignKey(EmployerContact, on_delete=models.CASCADE, related_name="participant_links")
    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "participant"], name="empcontact_participant_unique")]
        indexes = [models.Index(fields=["participant", "contact"], name="empcontact_participant_idx")]

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.participant_id}"


class WorkplaceMapping(models.Model):
    """Kartlegging av arbeidsplassen: what the work is like, and who could give natural support.

    Names colleagues and mentors, so it is hidden from researchers like employer people.
    """

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="mappings")
    workplace = models.CharField(
        _("workplace or department"), max_length=200, blank=True, help_text=_("For example: the warehouse, Storgata.")
    )
    mapped_on = models.DateField(_("mapped on"))
    mapped_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tasks = models.TextField(
        _("tasks"), blank=True, help_text=_("The work that is done here, and which tasks could be carved out.")
    )
    culture = models.TextField(
        _("culture"), blank=True, help_text=_("How people work together, breaks, tone, dress code.")
    )
    natural_supports = models.TextField(
        _("possible natural supports"),
        blank=True,
        help_text=_("Colleagues who could show the ropes, buddy schemes, who to ask."),
    )
    mentor = models.CharField(_("mentor"), max_length=200, blank=True)
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Physical access, transport, noise, light.")
    )
    hours = models.TextField(_("hours"), blank=True, help_text=_("Shifts, part-time options, flexibility."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EmployerPrivateQuerySet.as_manager()

    class Meta:
        verbose_name = _("workplace mapping")
        verbose_name_plural = _("workplace mappings")
        ordering = ["-mapped_on", "-id"]

    def __str__(self) -> str:
        return f"{self.employer} – {self.workplace or _('workplace')} ({self.mapped_on:%d.%m.%Y})"
