from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bistand.core.forms import DateInput
from bistand.employers.models import Employer
from bistand.people.models import Participant
from bistand.reference.forms import KommuneChoiceField, OccupationChoiceField
from bistand.reference.models import Kommune

from .enums import LEAD_TRANSITIONS, Extent, LeadStage, NotHiredReason, OpeningKind
from .models import JobOpening


def fylke_choices() -> list[tuple[str, str]]:
    return list(Kommune.objects.order_by("fylke_number").values_list("fylke_number", "fylke_name").distinct())


class VacancySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    occupation = OccupationChoiceField(label=_("Occupation (STYRK-08)"), required=False, to_field_name="code")
    kommune = KommuneChoiceField(label=_("Municipality"), required=False)
    fylke = forms.ChoiceField(label=_("County"), required=False)
    extent = forms.ChoiceField(label=_("Extent"), required=False, choices=[("", _("All")), *Extent.choices])
    inactive = forms.BooleanField(label=_("Include inactive"), required=False)
    employer = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fylke"].choices = [("", _("All")), *fylke_choices()]

    def search_kwargs(self, user) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        employer = None
        if data.get("employer"):
            employer = Employer.objects.visible_to(user).filter(pk=data["employer"]).first()
        return {
            "occupation_code": data["occupation"].code if data.get("occupation") else "",
            "kommune": data.get("kommune"),
            "fylke_number": data.get("fylke") or "",
            "extent": data.get("extent") or "",
            "text": data.get("q") or "",
            "employer": employer,
            "include_inactive": bool(data.get("inactive")),
        }


class OpeningForm(forms.ModelForm):
    application_url = forms.URLField(
        label=_("Application link"), max_length=1000, required=False, assume_scheme="https"
    )
    kommune = KommuneChoiceField(label=_("Municipality"), required=False)

    class Meta:
        model = JobOpening
        fields = [
            "kind",
            "employer",
            "title",
            "description",
            "occupation",
            "kommune",
            "extent",
            "engagement_type",
            "start_time",
            "position_count",
            "application_due",
            "application_url",
            "negotiated_tasks",
            "hours_per_week",
            "accommodations",
            "wage_terms",
            "is_active",
        ]
        field_classes = {"occupation": OccupationChoiceField}
        widgets = {
            "kind": forms.RadioSelect,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in ("description", "negotiated_tasks", "accommodations", "wage_terms")
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.workable_by(user).order_by("name")
        self.fields["kind"].choices = OpeningKind.choices
        self.fields["accommodations"].help_text = _(
            "What was agreed about the work. Write about the person in the participant's record."
        )
        if self.instance.pk:
            location = self.instance.locations.select_related("kommune").first()
            self.fields["kommune"].initial = location.kommune if location else None

    def _post_clean(self):
        pass  # the service validates the model

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "kommune"}


class ProposeOpeningForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=Participant.objects.none())
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants
        self.fields["occurred_on"].initial = timezone.localdate()


class ProposeEmployerForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none())
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.workable_by(user).order_by("name")
        self.fields["occurred_on"].initial = timezone.localdate()


class LeadAdvanceForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Next step"))
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput)
    reason = forms.ChoiceField(label=_("Why not hired"), required=False, choices=[("", "—"), *NotHiredReason.choices])
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = LEAD_TRANSITIONS.get(lead.stage, frozenset())
        self.fields["to_stage"].choices = [(s.value, s.label) for s in LeadStage if s in allowed]
        self.fields["occurred_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_stage") == LeadStage.NOT_HIRED and not cleaned.get("reason"):
            self.add_error("reason", _("Choose why it did not end in a job."))
        return cleaned
