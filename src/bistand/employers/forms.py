from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.accounts.models import User
from bistand.core.forms import DateInput
from bistand.people.enums import CASELOAD_STATUSES
from bistand.people.models import Participant

from .enums import RELATIONSHIP_TRANSITIONS, ContactMode, ContactPurpose, RelationshipStatus
from .models import Employer, EmployerPerson, WorkplaceMapping
from .services import EMPLOYER_FIELDS, MAPPING_FIELDS, PERSON_FIELDS
from .validators import normalise_orgnr, normalise_website


class ServiceValidatedModelForm(forms.ModelForm):
    """The model is validated by the service (full_clean there), not twice."""

    def _post_clean(self):
        pass

    def data_for_service(self) -> dict:
        return {k: self.cleaned_data[k] for k in self._meta.fields if k in self.cleaned_data}


class OrgnrLookupForm(forms.Form):
    orgnr = forms.CharField(label=_("Organisation number"), max_length=20, help_text=_("9 digits."))

    def clean_orgnr(self):
        return normalise_orgnr(self.cleaned_data["orgnr"])


class EmployerForm(ServiceValidatedModelForm):
    website = forms.CharField(label=_("Website"), max_length=300, required=False)

    class Meta:
        model = Employer
        fields = EMPLOYER_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommune"].queryset = self.fields["kommune"].queryset.order_by("name", "number")
        if self.instance.pk:
            del self.fields["orgnr"]
            current = self.instance.relationship_status
            allowed = {current, *RELATIONSHIP_TRANSITIONS.get(current, ())}
            self.fields["relationship_status"].choices = [c for c in RelationshipStatus.choices if c[0] in allowed]
        else:
            self.fields["orgnr"].help_text = _("9 digits. Use “Look up” to fill in the rest from the register.")

    def clean_orgnr(self):
        return normalise_orgnr(self.cleaned_data["orgnr"])

    def clean_website(self):
        value = normalise_website(self.cleaned_data.get("website", ""))
        if value:
            forms.URLField(assume_scheme="https").clean(value)
        return value


class EmployerFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation number"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Relationship"), required=False, choices=[("", _("All")), *RelationshipStatus.choices]
    )
    public = forms.BooleanField(label=_("Include employers from job ads"), required=False)

    def filter(self, qs):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("status"):
            qs = qs.filter(relationship_status=data["status"])
        for word in (data.get("q") or "").split()[:5]:
            qs = qs.filter(Q(name__icontains=word) | Q(orgnr=word.replace(" ", "")))
        return qs.order_by("name", "id")


class EmployerPersonForm(ServiceValidatedModelForm):
    class Meta:
        model = EmployerPerson
        fields = PERSON_FIELDS


class WorkplaceMappingForm(ServiceValidatedModelForm):
    class Meta:
        model = WorkplaceMapping
        fields = MAPPING_FIELDS
        widgets = {
            "mapped_on": DateInput,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in ("tasks", "culture", "natural_supports", "accessibility", "hours")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["mapped_on"].initial = timezone.localdate()


def specialists_for(actor) -> QuerySet[User]:
    """Whom the actor may log a contact for: themself, and a team leader's specialists."""
    scope = scope_of(actor)
    q = Q(pk=actor.pk) if scope.has(Role.JOB_SPECIALIST) else Q(pk__in=[])
    if teams := scope.teams(Role.TEAM_LEADER):
        q |= Q(memberships__role=Role.JOB_SPECIALIST, memberships__team__in=teams)
    return User.objects.filter(q, is_active=True).distinct().order_by("first_name", "last_name")


class ParticipantChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.specialist})" if self.show_specialist else obj.full_name


class EmployerContactForm(forms.Form):
    specialist = forms.ModelChoiceField(label=_("Job specialist"), queryset=User.objects.none())
    contact_date = forms.DateField(label=_("Date"), widget=DateInput)
    mode = forms.ChoiceField(label=_("Mode"), choices=ContactMode.choices, widget=forms.RadioSelect)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ContactPurpose.choices)
    participants = ParticipantChoiceField(
        label=_("Participants concerned"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("From the specialist's caseload. Required for job development and follow-up."),
    )
    employer_person = forms.ModelChoiceField(
        label=_("Met with"), queryset=EmployerPerson.objects.none(), required=False
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_step = forms.CharField(label=_("Next step"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, actor, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        specialists = specialists_for(actor)
        self.fields["specialist"].queryset = specialists
        if specialists.filter(pk=actor.pk).exists():
            self.fields["specialist"].initial = actor
        self.fields["contact_date"].initial = timezone.localdate()
        self.fields["participants"].queryset = (
            Participant.objects.visible_to(actor)
            .filter(specialist__in=specialists, status__in=CASELOAD_STATUSES)
            .select_related("specialist")
            .order_by("last_name", "first_name", "id")
        )
        self.fields["participants"].show_specialist = scope_of(actor).has(Role.TEAM_LEADER)
        self.fields["employer_person"].queryset = EmployerPerson.objects.visible_to(actor).filter(
            employer=employer, is_active=True
        )

    def clean_contact_date(self):
        value = self.cleaned_data["contact_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        specialist = cleaned.get("specialist")
        participants = cleaned.get("participants") or []
        if specialist and any(p.specialist_id != specialist.pk for p in participants):
            self.add_error("participants", _("Only participants on the chosen specialist's caseload can be named."))
        return cleaned


class ContactLogFilterForm(forms.Form):
    mine = forms.ChoiceField(
        label=_("Whose"), required=False, choices=[("1", _("My contacts")), ("0", _("Everyone I can see"))]
    )
    mode = forms.ChoiceField(label=_("Mode"), required=False, choices=[("", _("All")), *ContactMode.choices])

    def filter(self, qs, user):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("mine") == "1":
            qs = qs.filter(specialist=user)
        if data.get("mode"):
            qs = qs.filter(mode=data["mode"])
        return qs
