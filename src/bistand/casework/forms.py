from __future__ import annotations

import datetime

from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bistand.core.forms import DateInput
from bistand.people.enums import CASELOAD_STATUSES, ServiceModel, Status
from bistand.reference.models import Kommune, Occupation

from .enums import (
    PLACE_OF_KIND,
    ContactKind,
    ContactPlace,
    InclusionPath,
    NeedStatus,
    OutreachMethod,
    Party,
    Transport,
    WorkingTime,
    WorkQueueItem,
)
from .models import Contact, CooperationAgreement, InclusionPlan, PlanAction
from .validators import MAX_DOCUMENT_BYTES, detect_document_type


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _now_minute() -> datetime.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class PickerWidget(forms.CheckboxSelectMultiple):
    """A searchable picker over a large reference list (STYRK-08, kommuner).

    Shows the chosen items as ticked boxes; a search box fetches matches from
    `search_url` (HTMX) and keeps the ticked ones, so nothing chosen is lost when
    searching again. Only the chosen options are rendered, never the whole list.
    """

    template_name = "casework/widgets/picker.html"

    def __init__(self, *, search_url: str = "", search_label: str = "", attrs=None):
        super().__init__(attrs=attrs)
        self.search_url = search_url
        self.search_label = search_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        context["widget"]["search_label"] = self.search_label
        return context

    def optgroups(self, name, value, attrs=None):
        # Render only the chosen options (the search brings in the rest).
        chosen = {str(v) for v in value if v not in (None, "")}
        if not chosen:
            return []
        queryset = self.choices.queryset.filter(pk__in=[v for v in chosen if v.isdigit()])
        groups = []
        for index, obj in enumerate(queryset):
            option = self.create_option(name, obj.pk, str(obj), True, index, attrs=attrs)
            groups.append((None, [option], index))
        return groups


# --- Caseload -------------------------------------------------------------------------------------


class CaseloadFilterForm(forms.Form):
    SORTS = {
        "name": ("last_name", "first_name", "id"),
        "-name": ("-last_name", "-first_name", "-id"),
        "status": ("status", "last_name", "first_name", "id"),
        "changed": ("-status_changed_at", "id"),
        "created": ("-created_at", "-id"),
        # Longest without contact first; never contacted before everyone else.
        "contact": (F("last_contact_at").asc(nulls_first=True), "id"),
    }
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All on caseload")), ("all", _("All, including closed")), *Status.choices],
    )
    service_model = forms.ChoiceField(
        label=_("Service model"), required=False, choices=[("", _("All")), *ServiceModel.choices]
    )
    queue = forms.ChoiceField(
        label=_("Work queue"), required=False, choices=[("", _("Everything")), *WorkQueueItem.choices]
    )
    mine = forms.ChoiceField(
        label=_("Whose"), required=False, choices=[("1", _("My participants")), ("0", _("Everyone I can see"))]
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name (A–Å)")),
            ("-name", _("Name (Å–A)")),
            ("status", _("Status")),
            ("contact", _("Longest since contact")),
            ("changed", _("Last status change")),
            ("created", _("Newest")),
        ],
    )

    def filter(self, qs):
        """Filters and sorts; the work-queue filter is applied separately (see `queue_item`)
        so that the counts can be taken over everything else the filter selects."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or ""
        if status == "":
            qs = qs.filter(status__in=[*CASELOAD_STATUSES, Status.REFERRED])
        elif status != "all":
            qs = qs.filter(status=status)
        if data.get("service_model"):
            qs = qs.filter(service_model=data["service_model"])
        for word in (data.get("q") or "").split()[:5]:
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return qs.order_by(*self.SORTS.get(data.get("sort") or "name", self.SORTS["name"]))

    @property
    def queue_item(self) -> str:
        return (self.cleaned_data.get("queue") or "") if self.is_valid() else ""


# --- Phase ------------------------------------------------------------------------------------


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Move to phase"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, definition, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = [(k, label) for k, label in definition.phase_choices if k != current]


# --- Contacts and outreach --------------------------------------------------------------------


class ContactForm(forms.ModelForm):
    other_parties = forms.MultipleChoiceField(
        label=_("Others who took part"), choices=Party.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=720)

    class Meta:
        model = Contact
        fields = [
            "kind",
            "place",
            "occurred_at",
            "duration_minutes",
            "with_participant",
            "other_parties",
            "note",
            "next_step",
            "next_step_due",
        ]
        widgets = {
            "occurred_at": DateTimeInput,
            "next_step_due": DateInput,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place": _("Where you met. Meeting in the community, at work or at home counts towards IPS fidelity."),
            "next_step_due": _("Required when there is a next step."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        if self.instance.pk is None:
            self.fields["occurred_at"].initial = _now_minute
            self.fields["duration_minutes"].initial = 30
            self.fields["kind"].initial = ContactKind.MEETING
            self.fields["place"].initial = ContactPlace.OFFICE

    def clean(self):
        cleaned = super().clean()
        kind, place = cleaned.get("kind"), cleaned.get("place")
        if kind in PLACE_OF_KIND and place and place != PLACE_OF_KIND[kind]:
            self.add_error(
                "place",
                _("%(kind)s takes place: %(place)s.")
                % {"kind": ContactKind(kind).label, "place": ContactPlace(PLACE_OF_KIND[kind]).label},
            )
        if (cleaned.get("next_step") or "").strip() and not cleaned.get("next_step_due"):
            self.add_error("next_step_due", _("Give a due date for the next step."))
        if cleaned.get("next_step_due") and not (cleaned.get("next_step") or "").strip():
            self.add_error("next_step", _("Describe the next step, or leave its due date empty."))
        occurred_at = cleaned.get("occurred_at")
        if occurred_at and occurred_at > timezone.now():
            self.add_error("occurred_at", _("A contact cannot be logged in the future. Use the next step for plans."))
        return cleaned

    def _post_clean(self):
        # The model is validated by the service (contact_log / contact_update).
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OutreachForm(forms.Form):
    attempted_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput, initial=_now_minute)
    method = forms.ChoiceField(label=_("How"), choices=OutreachMethod.choices)
    reached = forms.BooleanField(label=_("Reached the participant"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attempted_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean_attempted_at(self):
        value = self.cleaned_data["attempted_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("An attempt cannot be recorded in the future."))
        return value


# --- Cooperation agreement ----------------------------------------------------------------------


class AgreementForm(forms.ModelForm):
    parties = forms.MultipleChoiceField(
        label=_("Other parties"),
        choices=Party.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Besides the participant and the service."),
    )
    upload = forms.FileField(
        label=_("Signed document"),
        required=False,
        help_text=_("PDF, PNG or JPEG, at most 10 MB. It is stored outside the web server and shown only here."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    class Meta:
        model = CooperationAgreement
        fields = ["agreed_on", "parties", "summary", "accepted_by_participant"]
        widgets = {"agreed_on": DateInput, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["agreed_on"].initial = timezone.localdate

    def clean_agreed_on(self):
        value = self.cleaned_data["agreed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The agreement cannot be dated in the future."))
        return value

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError(_("The file is too large: at most 10 MB."))
            detect_document_type(upload)
        return upload or None

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# --- Vocational profile -----------------------------------------------------------------------


class VocationalProfileForm(forms.Form):
    job_goals = forms.ModelMultipleChoiceField(
        label=_("Job goals (STYRK-08)"),
        queryset=Occupation.objects.all(),
        required=False,
        help_text=_("Search by occupation or code and tick the goals. Up to 10."),
    )
    interests = forms.CharField(label=_("Interests"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    strengths = forms.CharField(label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    work_history = forms.CharField(label=_("Work history"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    education = forms.CharField(label=_("Education"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    hours_min = forms.IntegerField(label=_("Hours per week, from"), required=False, min_value=0, max_value=100)
    hours_max = forms.IntegerField(label=_("Hours per week, to"), required=False, min_value=1, max_value=100)
    working_times = forms.MultipleChoiceField(
        label=_("Working times"), choices=WorkingTime.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    kommuner = forms.ModelMultipleChoiceField(
        label=_("Municipalities where they will work"), queryset=Kommune.objects.all(), required=False
    )
    max_commute_minutes = forms.IntegerField(
        label=_("Longest commute (minutes, one way)"), required=False, min_value=0, max_value=600
    )
    transport = forms.MultipleChoiceField(
        label=_("Transport"), choices=Transport.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    does_not_want = forms.CharField(label=_("Does not want"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    support_needs = forms.CharField(
        label=_("Support needs and coping strategies (tilrettelegging)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    disclosure = forms.CharField(
        label=_("What may be disclosed to employers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The participant decides. Record the consent to disclosure on the participant's page."),
    )

    def __init__(self, *args, occupation_search_url: str = "", kommune_search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_goals"].widget = PickerWidget(
            search_url=occupation_search_url, search_label=_("Search occupations")
        )
        self.fields["job_goals"].widget.choices = self.fields["job_goals"].choices
        self.fields["kommuner"].widget = PickerWidget(
            search_url=kommune_search_url, search_label=_("Search municipalities")
        )
        self.fields["kommuner"].widget.choices = self.fields["kommuner"].choices

    def clean_job_goals(self):
        goals = self.cleaned_data["job_goals"]
        if len(goals) > 10:
            raise forms.ValidationError(_("Choose at most 10 job goals."))
        return goals

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("hours_min"), cleaned.get("hours_max")
        if low is not None and high is not None and low > high:
            self.add_error("hours_max", _("The upper number of hours cannot be below the lower."))
        return cleaned

    @classmethod
    def initial_from(cls, version) -> dict:
        if version is None:
            return {}
        initial = {name: getattr(version, name) for name in cls.base_fields if name not in ("job_goals", "kommuner")}
        initial["job_goals"] = [o.pk for o in version.job_goals.all()]
        initial["kommuner"] = [k.pk for k in version.kommuner.all()]
        return initial


# --- Inclusion plan -----------------------------------------------------------------------------


class PlanForm(forms.ModelForm):
    class Meta:
        model = InclusionPlan
        fields = ["goals", "review_on"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 4}), "review_on": DateInput}
        help_texts = {"review_on": _("When the plan is next reviewed with the participant.")}

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PlanActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["description", "responsible", "due_on", "status"]
        widgets = {"due_on": DateInput}

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PlanReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput, initial=timezone.localdate)
    note = forms.CharField(label=_("What came out of the review"), widget=forms.Textarea(attrs={"rows": 3}))
    next_review_on = forms.DateField(label=_("Next review"), widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        reviewed, upcoming = cleaned.get("reviewed_on"), cleaned.get("next_review_on")
        if reviewed and reviewed > timezone.localdate():
            self.add_error("reviewed_on", _("A review cannot be recorded in the future."))
        if upcoming and upcoming <= timezone.localdate():
            self.add_error("next_review_on", _("The next review must be after today."))
        return cleaned


# --- Benefits counselling and youth -------------------------------------------------------------


class BenefitsForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    covered = forms.CharField(
        label=_("What was covered"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example how wages affect benefits, the right to return to benefits, reporting duties."),
    )
    before_job_start = forms.BooleanField(
        label=_("Before a job start"),
        required=False,
        help_text=_("IPS fidelity: benefits counselling before every new job and when hours or pay change."),
    )
    counsellor = forms.CharField(label=_("Given by"), required=False, max_length=200)

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Benefits counselling cannot be recorded in the future."))
        return value


class YouthFollowUpForm(forms.Form):
    recorded_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    economy = forms.ChoiceField(label=_("Economy"), choices=NeedStatus.choices, widget=forms.RadioSelect)
    economy_note = forms.CharField(label=_("Note on economy"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    housing = forms.ChoiceField(label=_("Housing"), choices=NeedStatus.choices, widget=forms.RadioSelect)
    housing_note = forms.CharField(label=_("Note on housing"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    health = forms.ChoiceField(label=_("Health"), choices=NeedStatus.choices, widget=forms.RadioSelect)
    health_note = forms.CharField(label=_("Note on health"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    activity = forms.ChoiceField(label=_("Activity"), choices=NeedStatus.choices, widget=forms.RadioSelect)
    activity_note = forms.CharField(
        label=_("Note on activity"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    contact_relation = forms.BooleanField(label=_("2. Contact and relation in place"), required=False)
    contact_relation_note = forms.CharField(
        label=_("Note on contact and relation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text=_("Belonging, mastery, discovering interests, abilities and options."),
    )
    job_enabling = forms.BooleanField(label=_("3. Job enabling under way"), required=False)
    job_enabling_note = forms.CharField(
        label=_("Note on job enabling"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text=_("Employer network, transport, being 'on the road', following up family and workplace."),
    )
    job_customising = forms.BooleanField(label=_("4. Job customising under way"), required=False)
    job_customising_note = forms.CharField(
        label=_("Note on job customising"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text=_("Inclusion plan, job carving, natural support, active intervention."),
    )
    inclusion_path = forms.ChoiceField(
        label=_("Inclusion path"), required=False, choices=[("", _("Not decided yet")), *InclusionPath.choices]
    )
    inclusion_path_note = forms.CharField(
        label=_("Note on the inclusion path"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for need in ("economy", "housing", "health", "activity"):
            self.fields[need].initial = NeedStatus.OK

    def clean_recorded_on(self):
        value = self.cleaned_data["recorded_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A follow-up cannot be dated in the future."))
        return value
