from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bistand.accounts.access import scope_of
from bistand.audit.services import access_record_for_request
from bistand.core.shortcuts import add_service_errors, get_object_for_user, render_page_or_partial, require_perm
from bistand.employers.selectors import first_employer_contact_dates
from bistand.people.enums import Decision
from bistand.people.models import Participant

from . import selectors, services
from .enums import LeadStage, OpeningSource
from .forms import LeadAdvanceForm, OpeningForm, ProposeEmployerForm, ProposeOpeningForm, VacancySearchForm
from .models import JobLead, JobOpening
from .services import WORKER_ROLES


@require_GET
def vacancy_search(request):
    """Vacancy search: newest first, keyset pages (`?after=`), a bounded count."""
    require_perm(request, "jobs.view_openings")
    form = VacancySearchForm(request.GET)
    qs = selectors.vacancy_queryset(request.user, **form.search_kwargs(request.user))
    after = selectors.Cursor.decode(request.GET.get("after"))
    rows, next_cursor = selectors.vacancy_page(qs, after=after)
    count, more = selectors.bounded_count(qs, first_page=rows if after is None else None)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "rows": rows,
        "count": count,
        "more": more,
        "next_after": next_cursor.encode() if next_cursor else "",
        "is_first_page": after is None,
        "query": query.urlencode(),
        "can_add": request.user.has_perm("jobs.change_opening"),
    }
    return render_page_or_partial(request, "jobs/vacancy_search.html", context, "results")


@require_GET
def opening_detail(request, pk: int):
    require_perm(request, "jobs.view_openings")
    opening = get_object_for_user(
        JobOpening.objects.select_related("employer", "occupation", "organisation"), request.user, pk
    )
    leads = (
        list(selectors.leads_for_opening(request.user, opening))
        if request.user.has_perm("people.view_identity")
        else []
    )
    context = {
        "opening": opening,
        "locations": opening.locations.select_related("kommune"),
        "show_contacts": opening.is_active and request.user.has_perm("employers.view_people"),
        "leads": leads,
        "can_edit": opening.source == OpeningSource.MANUAL
        and opening.organisation_id in scope_of(request.user).orgs(*WORKER_ROLES)
        and request.user.has_perm("jobs.change_opening"),
        "can_propose": opening.is_active and request.user.has_perm("jobs.propose"),
    }
    access_record_for_request(request, [lead.participant_id for lead in leads])
    return render(request, "jobs/opening_detail.html", context)


def _opening_form(request, opening: JobOpening | None):
    require_perm(request, "jobs.change_opening")
    initial = {}
    if opening is None and request.GET.get("employer", "").isdigit():
        initial["employer"] = request.GET["employer"]
    form = OpeningForm(request.POST or None, instance=opening, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.opening_save(
                actor=request.user, data=form.data_for_service(), kommune=form.cleaned_data["kommune"], opening=opening
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The job opening is saved."))
            return redirect("jobs:detail", pk=saved.pk)
    return render(
        request,
        "jobs/opening_form.html",
        {"form": form, "opening": opening},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def opening_create(request):
    return _opening_form(request, None)


@require_http_methods(["GET", "POST"])
def opening_edit(request, pk: int):
    require_perm(request, "jobs.change_opening")
    opening = get_object_for_user(JobOpening.objects.filter(source=OpeningSource.MANUAL), request.user, pk)
    if opening.organisation_id not in scope_of(request.user).orgs(*WORKER_ROLES):
        raise PermissionDenied
    return _opening_form(request, opening)


@require_http_methods(["GET", "POST"])
def opening_propose(request, pk: int):
    """Propose this opening to one of the participants whose job search the user works."""
    require_perm(request, "jobs.propose")
    opening = get_object_for_user(JobOpening.objects.select_related("employer"), request.user, pk)
    participants = selectors.workable_participants(request.user)
    form = ProposeOpeningForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        participant = form.cleaned_data["participant"]
        try:
            services.lead_propose(
                actor=request.user,
                participant=participant,
                opening=opening,
                occurred_on=form.cleaned_data["occurred_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The job opening is proposed."))
            return redirect("jobs:funnel", pk=participant.pk)
    access_record_for_request(request, [p.pk for p in participants])
    return render(
        request,
        "jobs/propose.html",
        {"form": form, "opening": opening},
        status=400 if form.errors else 200,
    )


def _accepted_on(participant):
    referral = participant.referrals.filter(decision=Decision.ACCEPTED).order_by("-decided_on", "-id").first()
    return referral.decided_on if referral else None


@require_http_methods(["GET", "POST"])
def funnel(request, pk: int):
    """A participant's job search: every vacancy or employer proposed and how far it got."""
    participant = get_object_for_user(
        Participant.objects.select_related("specialist", "team"), request.user, pk, perm="people.view_identity"
    )
    can_work = request.user.has_perm("people.work_participant", participant) and request.user.has_perm("jobs.propose")
    form = ProposeEmployerForm(request.POST or None, user=request.user) if can_work else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.lead_propose(
                    actor=request.user,
                    participant=participant,
                    employer=form.cleaned_data["employer"],
                    occurred_on=form.cleaned_data["occurred_on"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The employer is proposed."))
                return redirect("jobs:funnel", pk=participant.pk)
    accepted_on = _accepted_on(participant)
    first_contact = first_employer_contact_dates([participant.pk]).get(participant.pk)
    context = {
        "participant": participant,
        "leads": selectors.leads_for_participant(request.user, participant),
        "form": form,
        "can_work": can_work,
        "accepted_on": accepted_on,
        "first_contact": first_contact,
        "days_to_first_contact": (first_contact - accepted_on).days if first_contact and accepted_on else None,
    }
    access_record_for_request(request, [participant.pk])
    status = 400 if form is not None and form.errors else 200
    return render(request, "jobs/funnel.html", context, status=status)


@require_http_methods(["GET", "POST"])
def lead_advance(request, pk: int):
    lead = get_object_for_user(
        JobLead.objects.select_related("participant", "opening", "employer"),
        request.user,
        pk,
        perm="people.view_identity",
    )
    if not (
        request.user.has_perm("people.work_participant", lead.participant) and request.user.has_perm("jobs.propose")
    ):
        raise PermissionDenied
    form = LeadAdvanceForm(request.POST or None, lead=lead)
    if not form.fields["to_stage"].choices:
        raise Http404
    if request.method == "POST" and form.is_valid() and form.cleaned_data["to_stage"] == LeadStage.HIRED:
        # A hire is recorded together with its placement, in one transaction, by the
        # placements app's form (prefilled from this lead): hand over to it by URL name.
        query = urlencode(
            {"occurred_on": form.cleaned_data["occurred_on"].isoformat(), "note": form.cleaned_data["note"]}
        )
        return redirect(reverse("placements:hire_from_lead", args=[lead.pk]) + "?" + query)
    if request.method == "POST" and form.is_valid():
        try:
            services.lead_advance(actor=request.user, lead=lead, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The job search is updated."))
            return redirect("jobs:funnel", pk=lead.participant_id)
    access_record_for_request(request, [lead.participant_id])
    return render(request, "jobs/lead_advance.html", {"form": form, "lead": lead}, status=400 if form.errors else 200)
