from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bistand.casework.forms import DateTimeInput
from bistand.core.forms import DateInput
from bistand.employers.models import Employer, EmployerPerson, WorkplaceMapping
from bistand.reference.forms import OccupationChoiceField

from .enums import CareerGoal, FollowUpMode, Permanence, PlacementEndReason, PlacementType, SupportLevel, WageSubsidy
from .models import Placement
from .services import PLACEMENT_FIELDS, POLICY_FIELDS

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class PlacementForm(forms.ModelForm):
    career_goals = forms.MultipleChoiceField(
        label=_("Career goals"),
        choices=CareerGoal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Job retention is also career development: what the participant wants next."),
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), required=False, min_value=0.5, max_value=100, decimal_places=1
    )
    hourly_wage = forms.DecimalField(
        label=_("Hourly wage (NOK)"), required=False, min_value=0, max_value=99999, decimal_places=2
    )
    wage_subsidy_percent = forms.IntegerField(label=_("Wage subsidy (%)"), required=False, min_value=1, max_value=100)

    # The job, then its dates, then its terms, then the person's side of it.
    field_order = [
        "employer",
        "workplace_mapping",
        "job_title",
        "occupation",
        "kind",
        "permanence",
        "start_date",
        "four_hours_reached_on",
        "hours_per_week",
        "hourly_wage",
        "ordinary_wage",
        "wage_subsidy",
        "wage_subsidy_percent",
        "wage_subsidy_from",
        "wage_subsidy_to",
    ]

    class Meta:
        model = Placement
        fields = PLACEMENT_FIELDS
        field_classes = {"occupation": OccupationChoiceField}
        widgets = {
            "kind": forms.RadioSelect,
            "permanence": forms.RadioSelect,
            "start_date": DateInput,
            "four_hours_reached_on": DateInput,
            "wage_subsidy_from": DateInput,
            "wage_subsidy_to": DateInput,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("disclosure", "accommodations", "job_carving", "career_note")
            },
        }
        help_texts = {
            "start_date": _("The first working day. A start ahead is fine: follow-along begins the week before."),
            "workplace_mapping": _("If the workplace was mapped, choose the mapping."),
            "kind": _("Sheltered or transitional work does not count as competitive employment."),
        }

    def __init__(self, *args, user, extra_employer: Employer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        employers = Q(pk__in=Employer.objects.workable_by(user).values("pk"))
        if extra_employer is not None:
            employers |= Q(pk=extra_employer.pk)
        self.fields["employer"].queryset = Employer.objects.filter(employers).order_by("name")
        self.fields["employer"].help_text = _(
            "An employer from NAV's job feed is registered for your organisation when the placement is saved."
        )
        self.fields["workplace_mapping"].queryset = (
            WorkplaceMapping.objects.visible_to(user)
            .select_related("employer")
            .order_by("employer__name", "-mapped_on")
        )
        self.fields["kind"].choices = PlacementType.choices
        self.fields["permanence"].choices = Permanence.choices
        self.fields["wage_subsidy"].choices = WageSubsidy.choices
        if self.instance.pk is None and not self.is_bound:
            self.fields["start_date"].initial = timezone.localdate
            self.fields["kind"].initial = PlacementType.ORDINARY

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wage_subsidy") == WageSubsidy.NONE:
            for name in ("wage_subsidy_percent", "wage_subsidy_from", "wage_subsidy_to"):
                if cleaned.get(name) is not None:
                    self.add_error(name, _("Choose the wage subsidy scheme, or leave this empty."))
        elif cleaned.get("wage_subsidy") and cleaned.get("wage_subsidy_percent") is None:
            self.add_error("wage_subsidy_percent", _("Give the share of the wage the subsidy covers."))
        start, reached = cleaned.get("start_date"), cleaned.get("four_hours_reached_on")
        if start and reached and reached < start:
            self.add_error("four_hours_reached_on", _("Paid work cannot reach 4 hours before the start."))
        mapping, employer = cleaned.get("workplace_mapping"), cleaned.get("employer")
        if mapping and employer and mapping.employer_id != employer.pk:
            self.add_error("workplace_mapping", _("This workplace mapping is of another employer."))
        return cleaned

    def _post_clean(self):
        pass  # the service validates the model

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PLACEMENT_FIELDS if name in self.cleaned_data}


class HireForm(PlacementForm):
    """The placement form with the funnel's hire step: the date of the hire and a note."""

    hired_on = forms.DateField(label=_("Hired on"), widget=DateInput, help_text=_("The day the hire was agreed."))
    hire_note = forms.CharField(
        label=_("Note on the hire"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    field_order = ["hired_on", "hire_note", *PlacementForm.field_order]

    def clean_hired_on(self):
        value = self.cleaned_data["hired_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class EndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day in the job"), widget=DateInput, initial=timezone.localdate)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=PlacementEndReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("About the ending"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("What happened, and what the participant wants next. Zero exclusion: help with the next job."),
    )

    def clean_end_date(self):
        value = self.cleaned_data["end_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Record the end when it has happened: the date cannot be in the future."))
        return value


class FollowUpForm(forms.Form):
    occurred_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput, initial=_now_minute)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=720, initial=30)
    mode = forms.ChoiceField(
        label=_("How"), choices=FollowUpMode.choices, widget=forms.RadioSelect, initial=FollowUpMode.WORKPLACE
    )
    with_employee = forms.BooleanField(label=_("With the employee"), required=False, initial=True)
    with_employer = forms.BooleanField(
        label=_("With the employer"),
        required=False,
        help_text=_("Also counts as a contact in the job development log: no need to log it twice."),
    )
    employer_person = forms.ModelChoiceField(
        label=_("Met with at the employer"), queryset=EmployerPerson.objects.none(), required=False
    )
    support_level = forms.TypedChoiceField(
        label=_("Natural support level now"),
        choices=SupportLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("From 1 (colleagues support on their own, the aim) to 6 (only the job specialist helps)."),
    )
    natural_supports = forms.CharField(
        label=_("Who gives support at work"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Colleagues or a mentor, and what they help with."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, placement: Placement, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].input_formats = DATETIME_FORMATS
        self.fields["employer_person"].queryset = EmployerPerson.objects.visible_to(user).filter(
            employer=placement.employer, is_active=True
        )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("with_employee") or cleaned.get("with_employer")):
            self.add_error("with_employee", _("Say who you were in contact with: the employee, the employer or both."))
        occurred_at = cleaned.get("occurred_at")
        if occurred_at and occurred_at > timezone.now():
            self.add_error("occurred_at", _("A follow-up cannot be recorded in the future."))
        if cleaned.get("employer_person") and not cleaned.get("with_employer"):
            self.add_error("employer_person", _("Tick that the employer took part, or leave the person empty."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        return {
            "duration_minutes": data.pop("duration_minutes"),
            "employer_person": data.pop("employer_person"),
            "data": data,
        }


class PolicyForm(forms.Form):
    before_start_days = forms.IntegerField(
        label=_("Contact before the start, within (days)"),
        min_value=0,
        max_value=30,
        help_text=_("IPS: within a week before the start. 0: nothing is scheduled before the start."),
    )
    after_start_days = forms.IntegerField(
        label=_("Contact after the start, within (days)"), min_value=1, max_value=14, help_text=_("IPS: 3 days.")
    )
    weekly_weeks = forms.IntegerField(
        label=_("Weekly contact for the first (weeks)"), min_value=0, max_value=12, help_text=_("IPS: the first month.")
    )
    monthly_days = forms.IntegerField(
        label=_("Then contact at least every (days)"),
        min_value=7,
        max_value=92,
        help_text=_("IPS: at least monthly, for as long as the job lasts."),
    )
    job_ended_contact_days = forms.IntegerField(
        label=_("Contact after a job ended, within (days)"), min_value=1, max_value=14, help_text=_("IPS: 3 days.")
    )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in POLICY_FIELDS}
