from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bistand.accounts.enums import Role
from bistand.accounts.models import Team, User
from bistand.core.forms import DateInput
from bistand.reference.forms import KommuneChoiceField

from .enums import (
    TRANSITIONS,
    ConsentKind,
    DeclineReason,
    EndReason,
    PreferredLanguage,
    ReferralSource,
    ServiceModel,
    Status,
)
from .models import Participant
from .services import EDITABLE_PERSON_FIELDS
from .validators import birth_date_of, normalise_identity_number


def specialists_in(teams) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, memberships__role=Role.JOB_SPECIALIST, memberships__team__in=teams)
        .distinct()
        .order_by("first_name", "last_name")
    )


class PersonFieldsMixin:
    """Cleaning shared by the referral form and the participant form."""

    cleaned_data: dict

    def clean_national_id(self):
        value = (self.cleaned_data.get("national_id") or "").strip()
        return normalise_identity_number(value) if value else None

    def clean_person(self) -> None:
        national_id = self.cleaned_data.get("national_id")
        birth_date = self.cleaned_data.get("birth_date")
        if national_id:
            encoded = birth_date_of(national_id)
            if birth_date and birth_date != encoded:
                self.add_error("birth_date", _("The birth date does not match the identity number."))
            else:
                self.cleaned_data["birth_date"] = encoded
        if birth_date and birth_date > timezone.localdate():
            self.add_error("birth_date", _("The birth date cannot be in the future."))


PERSON_FIELDS = EDITABLE_PERSON_FIELDS


class ReferralForm(PersonFieldsMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    national_id = forms.CharField(
        label=_("National identity number"),
        max_length=20,
        required=False,
        help_text=_("Fødselsnummer or D-number, 11 digits. Optional."),
    )
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    kommune = KommuneChoiceField(label=_("Municipality"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=PreferredLanguage.choices, initial=PreferredLanguage.NB
    )
    service_model = forms.ChoiceField(label=_("Service model"), choices=ServiceModel.choices)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    specialist = forms.ModelChoiceField(
        label=_("Job specialist"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to put the referral in the team's intake queue."),
    )
    received_on = forms.DateField(label=_("Referral date"), widget=DateInput)
    source = forms.ChoiceField(label=_("Referred by"), choices=ReferralSource.choices)
    referrer_name = forms.CharField(label=_("Referring person"), max_length=200, required=False)
    referrer_unit = forms.CharField(label=_("Referring unit"), max_length=200, required=False)
    note = forms.CharField(
        label=_("What the person wants help with"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user: User, teams: QuerySet[Team], **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["team"].queryset = teams
        self.fields["specialist"].queryset = specialists_in(teams)
        if teams.count() == 1:
            self.fields["team"].initial = teams.first()
        if self.fields["specialist"].queryset.filter(pk=user.pk).exists():
            self.fields["specialist"].initial = user
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The referral date cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        self.clean_person()
        team, specialist = cleaned.get("team"), cleaned.get("specialist")
        if team and specialist and not specialist.memberships.filter(team=team, role=Role.JOB_SPECIALIST).exists():
            self.add_error("specialist", _("This job specialist does not work in the chosen team."))
        national_id = cleaned.get("national_id")
        if national_id and Participant.objects.filter(national_id=national_id).exists():
            self.add_error(
                "national_id",
                _(
                    "A participant with this identity number is already registered. Ask your team leader to re-refer them."
                ),
            )
        return cleaned

    def participant_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in PERSON_FIELDS}

    def referral_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("received_on", "source", "referrer_name", "referrer_unit", "note")}


class DecisionForm(forms.Form):
    ACCEPT, DECLINE, WITHDRAW = "accept", "decline", "withdraw"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ACCEPT, _("Accept onto the caseload")),
            (DECLINE, _("Decline")),
            (WITHDRAW, _("Withdrawn by the referrer or the person")),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput)
    specialist = forms.ModelChoiceField(label=_("Job specialist"), queryset=User.objects.none(), required=False)
    decline_reason = forms.ChoiceField(
        label=_("Reason for declining"), choices=[("", "—"), *DeclineReason.choices], required=False
    )
    note = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when declining or withdrawing."),
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.fields["specialist"].queryset = specialists_in([referral.team_id])
        self.fields["specialist"].initial = referral.participant.specialist_id
        self.fields["decided_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == self.DECLINE and not cleaned.get("decline_reason"):
            self.add_error("decline_reason", _("Choose why the referral is declined."))
        if decision in (self.DECLINE, self.WITHDRAW) and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Explain the decision in a few words."))
        return cleaned


class ParticipantForm(PersonFieldsMixin, forms.ModelForm):
    national_id = forms.CharField(
        label=_("National identity number"),
        max_length=20,
        required=False,
        help_text=_("Fødselsnummer or D-number, 11 digits. Optional."),
    )

    class Meta:
        model = Participant
        fields = PERSON_FIELDS
        widgets = {"birth_date": DateInput}

    def clean(self):
        cleaned = super().clean()
        self.clean_person()
        national_id = cleaned.get("national_id")
        if national_id and Participant.objects.filter(national_id=national_id).exclude(pk=self.instance.pk).exists():
            self.add_error("national_id", _("Another participant is registered with this identity number."))
        return cleaned

    def _post_clean(self):
        # Validation of the model happens in the service (participant_update), not here.
        pass

    def changed_values(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.changed_data}


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.ChoiceField(label=_("Reason for ending"), choices=[("", "—"), *EndReason.choices], required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(participant.status, frozenset())
        self.fields["to_status"].choices = [
            (s.value, s.label)
            for s in Status
            if s in allowed and s not in (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") == Status.ENDED and not cleaned.get("reason"):
            self.add_error("reason", _("Choose why the participation ends."))
        return cleaned


class ReassignForm(forms.Form):
    specialist = forms.ModelChoiceField(label=_("Job specialist"), queryset=User.objects.none())

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = specialists_in([participant.team_id])
        self.fields["specialist"].initial = participant.specialist_id


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Consent to"), choices=ConsentKind.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput)
    scope_note = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("For disclosure to employers: what may be told, and to whom."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()
