from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.audit.services import access_record_for_request
from bistand.core.shortcuts import add_service_errors, get_object_for_user, render_page_or_partial, wants_partial
from bistand.people.enums import CLOSED_STATUSES
from bistand.people.models import Participant
from bistand.reference.models import Kommune, Occupation

from . import selectors, services
from .enums import EMPLOYER_CONTACT_KINDS, PLACE_OF_KIND, ContactKind, ContactPlace, WorkQueueItem
from .forms import (
    AgreementForm,
    BenefitsForm,
    CaseloadFilterForm,
    ContactForm,
    OutreachForm,
    PhaseForm,
    PlanActionForm,
    PlanForm,
    PlanReviewForm,
    VocationalProfileForm,
    YouthFollowUpForm,
)
from .models import Contact, CooperationAgreement, PlanAction
from .service_models import definition_of, youth_roles_apply

VIEW = "casework.view_casework"
WORK = "casework.work_casework"


def _participant(request, pk, *, work: bool = False, queryset=None) -> Participant:
    """The participant if the user may see their casework (404 otherwise); 403 when
    `work` is asked for and the user may only look."""
    queryset = queryset if queryset is not None else Participant.objects.select_related("team", "specialist")
    participant = get_object_for_user(queryset, request.user, pk, perm=VIEW)
    if work and not request.user.has_perm(WORK, participant):
        raise PermissionDenied
    return participant


def _record(request, queryset, pk, *, work: bool = False):
    """A casework record through its participant's visibility and the same rules."""
    record = get_object_for_user(queryset, request.user, pk)
    participant = record.participant if hasattr(record, "participant") else record.plan.participant
    if not request.user.has_perm(VIEW, participant):
        raise Http404
    if work and not request.user.has_perm(WORK, participant):
        raise PermissionDenied
    return record, participant


def _form_page(request, participant, form, *, title: str, template: str = "casework/record_form.html", **extra):
    access_record_for_request(request, [participant.pk])
    context = {"form": form, "participant": participant, "title": title, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


def _saved(request, participant, message: str, anchor: str = ""):
    messages.success(request, message)
    return redirect(reverse("casework:journey", args=[participant.pk]) + (f"#{anchor}" if anchor else ""))


# --- Caseload -------------------------------------------------------------------------------------


@require_GET
def caseload(request):
    """The caseload: filters, search, sort, the work queue with its counts, the current
    phase and days since last contact. One URL serves the page and its HTMX partial."""
    if not request.user.has_perm("people.view_identity"):
        raise PermissionDenied
    is_specialist = scope_of(request.user).has(Role.JOB_SPECIALIST)
    data = request.GET.copy()
    data.setdefault("mine", "1" if is_specialist else "0")
    form = CaseloadFilterForm(data)
    mine = form.is_valid() and form.cleaned_data.get("mine") == "1"
    today = timezone.localdate()
    selected = form.filter(selectors.caseload_for(request.user, mine_only=mine))
    work_queue = selectors.WorkQueue(selected, today=today)
    counts = work_queue.counts()
    queue = form.queue_item
    page = Paginator(work_queue.filter(selected, queue), settings.BISTAND_PAGE_SIZE).get_page(request.GET.get("page"))
    for p in page:
        p.days_since_contact = selectors.days_since(p.last_contact_at, today)
        p.queue_items = work_queue.of(p.pk)
        p.can_work = p.status not in CLOSED_STATUSES and request.user.has_perm(WORK, p)
    access_record_for_request(request, [p.pk for p in page])
    query = data.copy()
    query.pop("page", None)
    without_queue = query.copy()
    without_queue.pop("queue", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "query_without_queue": without_queue.urlencode(),
        "queue": queue,
        "queue_counts": [(WorkQueueItem(item), counts[item]) for item in WorkQueueItem.values],
    }
    return render_page_or_partial(request, "casework/caseload.html", context, "results")


# --- Journey and phases ---------------------------------------------------------------------------


def _timeline_length(request) -> int:
    """How much of the timeline to show: `?timeline=N` (at least one page, whole pages)."""
    try:
        wanted = int(request.GET.get("timeline", ""))
    except ValueError:
        return selectors.TIMELINE_PAGE
    pages = -(-min(max(wanted, 1), 100_000) // selectors.TIMELINE_PAGE)
    return pages * selectors.TIMELINE_PAGE


@require_GET
def journey(request, pk: int):
    """One timeline of phases, contacts, plans and milestones, with what needs doing now.
    The timeline shows its newest entries; "Show older" fetches a longer one (HTMX partial
    from the same URL)."""
    participant = _participant(
        request, pk, queryset=selectors.with_casework(Participant.objects.select_related("team", "specialist"))
    )
    can_work = participant.status not in CLOSED_STATUSES and request.user.has_perm(WORK, participant)
    shown = _timeline_length(request)
    cards = selectors.journey_cards(request.user, participant)
    timeline, more = selectors.timeline_for(request.user, participant, limit=shown, cards=cards)
    context = {
        "participant": participant,
        "can_work": can_work,
        "timeline": timeline,
        "timeline_more": more,
        "timeline_next": shown + selectors.TIMELINE_PAGE,
    }
    access_record_for_request(request, [participant.pk])
    if wants_partial(request):
        return render(request, "casework/journey.html#timeline", context)
    definition = definition_of(participant.service_model)
    enrolment = selectors.enrolment_for(participant)
    current = definition.phase(enrolment.current_phase) if enrolment else None
    plan = cards.plan
    context |= {
        "definition": definition,
        "enrolment": enrolment,
        "current_phase": current,
        "phase_form": PhaseForm(definition=definition, current=current.key if current else "") if can_work else None,
        "queue_items": selectors.work_queue_items(participant),
        "days_since_contact": selectors.days_since(participant.last_contact_at),
        "open_next_step": selectors.open_next_step(request.user, participant),
        "profile": selectors.latest_profile_for(request.user, participant),
        "plan": plan,
        "plan_actions": selectors.plan_actions_for(request.user, plan),
        "agreements": cards.agreements,
        "youth": youth_roles_apply(participant),
        "youth_latest": cards.youth[0] if cards.youth else None,
        "benefits": cards.benefits,
        "today": timezone.localdate(),
    }
    return render(request, "casework/journey.html", context)


@require_POST
def phase_move(request, pk: int):
    participant = _participant(request, pk, work=True)
    definition = definition_of(participant.service_model)
    enrolment = selectors.enrolment_for(participant)
    form = PhaseForm(request.POST, definition=definition, current=enrolment.current_phase if enrolment else "")
    if form.is_valid():
        try:
            services.enrolment_move_phase(
                actor=request.user,
                participant=participant,
                to_phase=form.cleaned_data["to_phase"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The phase is changed."), "phase")
    for error in [*form.non_field_errors(), *(e for errors in form.errors.values() for e in errors)]:
        messages.error(request, error)
    return redirect(reverse("casework:journey", args=[participant.pk]) + "#phase")


# --- Contacts and outreach ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contact_create(request, pk: int):
    """Logs a contact. From the caseload it opens inline (HTMX): open, write, save."""
    participant = _participant(request, pk, work=True)
    initial = {}
    if request.GET.get("kind") in ContactKind.values:
        initial["kind"] = request.GET["kind"]
        initial["place"] = PLACE_OF_KIND.get(initial["kind"], ContactPlace.WORKPLACE)
        initial["with_participant"] = initial["kind"] not in EMPLOYER_CONTACT_KINDS
    form = ContactForm(request.POST or None, initial=initial, auto_id=f"contact-{participant.pk}-%s")
    htmx = bool(getattr(request, "htmx", False))
    if htmx:
        # Opened from the caseload: the note takes the focus, so it is open, write, save.
        form.fields["note"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log(actor=request.user, participant=participant, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if htmx:
                access_record_for_request(request, [participant.pk])
                response = render(request, "casework/contact_form.html#quicklog_done", {"participant": participant})
                response["HX-Trigger"] = "contactLogged"
                return response
            return _saved(request, participant, _("The contact is logged."), "timeline")
    access_record_for_request(request, [participant.pk])
    context = {"form": form, "participant": participant, "title": _("Log a contact")}
    if htmx:
        # Errors come back with 200: htmx swaps only successful responses.
        return render(request, "casework/contact_form.html#quicklog", context)
    return render(request, "casework/contact_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def contact_edit(request, pk: int):
    contact, participant = _record(request, Contact.objects.select_related("participant"), pk, work=True)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(actor=request.user, contact=contact, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The contact is corrected."), "timeline")
    return _form_page(request, participant, form, title=_("Correct a contact"))


@require_POST
def contact_next_step_done(request, pk: int):
    contact, participant = _record(request, Contact.objects.select_related("participant"), pk, work=True)
    try:
        services.contact_complete_next_step(actor=request.user, contact=contact)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("casework:journey", pk=participant.pk)
    return _saved(request, participant, _("The next step is marked as done."))


@require_http_methods(["GET", "POST"])
def outreach_create(request, pk: int):
    participant = _participant(request, pk, work=True)
    form = OutreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.outreach_record(actor=request.user, participant=participant, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The outreach attempt is recorded."), "timeline")
    return _form_page(
        request,
        participant,
        form,
        title=_("Record an outreach attempt"),
        lead=_(
            "When a participant does not show up, reach out again. Missed appointments never end the participation."
        ),
    )


# --- Cooperation agreement ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def agreement_create(request, pk: int):
    participant = _participant(request, pk, work=True)
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_record(
                actor=request.user,
                participant=participant,
                data=form.service_data(),
                document=form.cleaned_data["upload"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The cooperation agreement is recorded."), "agreement")
    return _form_page(request, participant, form, title=_("Record the cooperation agreement"), multipart=True)


@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk: int):
    agreement, participant = _record(request, CooperationAgreement.objects.select_related("participant"), pk, work=True)
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                actor=request.user, agreement=agreement, data=form.service_data(), document=form.cleaned_data["upload"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The cooperation agreement is saved."), "agreement")
    return _form_page(
        request, participant, form, title=_("Edit the cooperation agreement"), multipart=True, agreement=agreement
    )


@require_GET
def agreement_document(request, pk: int):
    """The signed document, only through this checked and logged view, always as a download."""
    agreement, participant = _record(request, CooperationAgreement.objects.select_related("participant"), pk)
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    access_record_for_request(request, [participant.pk])
    response = FileResponse(
        handle, as_attachment=True, filename=agreement.document_name or "document", content_type=agreement.document_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Vocational profile ---------------------------------------------------------------------------


@require_GET
def profile(request, pk: int):
    """The current vocational profile (or an earlier version) and what changed when."""
    participant = _participant(request, pk)
    versions = selectors.profile_versions_for(request.user, participant)
    shown = versions[0] if versions else None
    wanted = request.GET.get("version", "")
    if wanted:
        shown = next((v for v in versions if str(v.number) == wanted), None)
        if shown is None:
            raise Http404
    access_record_for_request(request, [participant.pk])
    return render(
        request,
        "casework/profile.html",
        {
            "participant": participant,
            "versions": versions,
            "shown": shown,
            "is_latest": bool(versions) and shown is versions[0],
            "can_work": participant.status not in CLOSED_STATUSES and request.user.has_perm(WORK, participant),
        },
    )


@require_http_methods(["GET", "POST"])
def profile_edit(request, pk: int):
    participant = _participant(request, pk, work=True)
    latest = selectors.latest_profile_for(request.user, participant)
    form = VocationalProfileForm(
        request.POST or None,
        initial=VocationalProfileForm.initial_from(latest),
        occupation_search_url=reverse("casework:picker_search", args=["occupation"]),
        kommune_search_url=reverse("casework:picker_search", args=["kommune"]),
    )
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "job_goals": list(form.cleaned_data["job_goals"])}
        data["kommuner"] = list(form.cleaned_data["kommuner"])
        try:
            version = services.vocational_profile_save(actor=request.user, participant=participant, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The profile is saved as version %(n)s.") % {"n": version.number})
            return redirect("casework:profile", pk=participant.pk)
    return _form_page(
        request,
        participant,
        form,
        title=_("Update the vocational profile"),
        lead=_("Every save is kept as a new version. Update the profile after every job experience."),
        cancel_url=reverse("casework:profile", args=[participant.pk]),
    )


_FIELD_NAME = re.compile(r"^[a-z_]{1,40}$")
PICKERS = {
    "occupation": (Occupation, ("name", "code"), ("-level", "code")),
    "kommune": (Kommune, ("name", "number"), ("name",)),
}


@require_GET
def picker_search(request, kind: str):
    """Search the reference lists for the picker: the ticked items first, then matches.
    Reference data only; no personal data is shown, so nothing is access-logged."""
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    if kind not in PICKERS:
        raise Http404
    model, (text_field, code_field), ordering = PICKERS[kind]
    name = request.GET.get("name", "")
    if not _FIELD_NAME.match(name):
        name = "job_goals" if kind == "occupation" else "kommuner"
    chosen_ids = [int(v) for v in request.GET.getlist(name)[:50] if v.isdigit() and len(v) < 10]
    chosen = list(model.objects.filter(pk__in=chosen_ids).order_by(*ordering))
    query = (request.GET.get("q") or "").strip()[:100]
    matches = []
    if query:
        qs = model.objects.exclude(pk__in=chosen_ids)
        for word in query.split()[:5]:
            qs = qs.filter(Q(**{f"{text_field}__icontains": word}) | Q(**{f"{code_field}__startswith": word}))
        matches = list(qs.order_by(*ordering)[:25])
    return render(
        request,
        "casework/picker_options.html",
        {"name": name, "chosen": chosen, "matches": matches, "query": query},
    )


# --- Inclusion plan -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    participant = _participant(request, pk, work=True)
    plan = selectors.plan_for(request.user, participant)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(actor=request.user, participant=participant, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The inclusion plan is saved."), "plan")
    title = _("Edit the inclusion plan") if plan else _("Make an inclusion plan")
    return _form_page(request, participant, form, title=title)


def _plan_or_redirect(request, participant):
    plan = selectors.plan_for(request.user, participant)
    if plan is None:
        messages.error(request, _("Make the inclusion plan first."))
    return plan


@require_http_methods(["GET", "POST"])
def plan_action_create(request, pk: int):
    participant = _participant(request, pk, work=True)
    plan = _plan_or_redirect(request, participant)
    if plan is None:
        return redirect("casework:plan_edit", pk=participant.pk)
    form = PlanActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_add(actor=request.user, plan=plan, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The action is added to the plan."), "plan")
    return _form_page(request, participant, form, title=_("Add an action to the inclusion plan"))


@require_http_methods(["GET", "POST"])
def plan_action_edit(request, pk: int):
    action, participant = _record(request, PlanAction.objects.select_related("plan__participant"), pk, work=True)
    form = PlanActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_update(actor=request.user, action=action, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The action is saved."), "plan")
    return _form_page(request, participant, form, title=_("Edit an action in the inclusion plan"))


@require_http_methods(["GET", "POST"])
def plan_review(request, pk: int):
    participant = _participant(request, pk, work=True)
    plan = _plan_or_redirect(request, participant)
    if plan is None:
        return redirect("casework:plan_edit", pk=participant.pk)
    form = PlanReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_review(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The review is recorded."), "plan")
    return _form_page(request, participant, form, title=_("Record a review of the inclusion plan"), plan=plan)


# --- Benefits counselling and youth ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def benefits_create(request, pk: int):
    participant = _participant(request, pk, work=True)
    form = BenefitsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.benefits_counselling_record(actor=request.user, participant=participant, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The benefits counselling is recorded."), "benefits")
    return _form_page(request, participant, form, title=_("Record benefits counselling"))


@require_http_methods(["GET", "POST"])
def youth_create(request, pk: int):
    participant = _participant(request, pk, work=True)
    if not youth_roles_apply(participant):
        raise Http404
    form = YouthFollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.youth_follow_up_record(actor=request.user, participant=participant, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, participant, _("The youth follow-up is recorded."), "youth")
    return _form_page(
        request,
        participant,
        form,
        title=_("Helper roles and inclusion path"),
        lead=_(
            "Frøyland (2018): securing basic needs and contact and relation (roles 1 and 2), together with job "
            "enabling or job customising (3 or 4), more often led to success."
        ),
    )
