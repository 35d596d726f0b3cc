from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.accounts.models import Team
from bistand.audit.selectors import access_log_for_participant, changes_for_participant
from bistand.audit.services import access_record_for_request
from bistand.core.shortcuts import add_service_errors, get_object_for_user, require_perm, wants_partial

from . import selectors, services
from .forms import (
    ConsentForm,
    ConsentWithdrawForm,
    DecisionForm,
    ParticipantForm,
    ReassignForm,
    ReferralForm,
    StatusForm,
)
from .models import Consent, Participant, Referral


@require_GET
def participant_detail(request, pk: int):
    participant = get_object_for_user(
        Participant.objects.select_related("team", "specialist", "kommune"),
        request.user,
        pk,
        perm="people.view_identity",
    )
    context = {
        "participant": participant,
        "referrals": participant.referrals.select_related("registered_by", "decided_by"),
        "consents": participant.consents.select_related("recorded_by", "withdrawn_by"),
        "status_changes": participant.status_changes.select_related("actor"),
        "assignments": participant.assignments.select_related("specialist", "assigned_by"),
        "can_work": request.user.has_perm("people.work_participant", participant),
        "can_reassign": request.user.has_perm("people.reassign_participant", participant),
        "can_decide": request.user.has_perm("people.decide_referral", participant),
        "status_form": StatusForm(participant=participant),
    }
    access_record_for_request(request, [participant.pk])
    return render(request, "people/participant_detail.html", context)


def _teams_for_referral(user):
    return Team.objects.filter(pk__in=scope_of(user).teams(Role.JOB_SPECIALIST, Role.TEAM_LEADER)).select_related(
        "organisation"
    )


@require_http_methods(["GET", "POST"])
def referral_create(request):
    require_perm(request, "people.add_referral")
    form = ReferralForm(request.POST or None, user=request.user, teams=_teams_for_referral(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_register(
                actor=request.user,
                team=form.cleaned_data["team"],
                specialist=form.cleaned_data["specialist"],
                participant_data=form.participant_data(),
                referral_data=form.referral_data(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The referral is registered. Decide on it below."))
            return redirect("people:referral_decide", pk=referral.pk)
    return render(request, "people/referral_form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def referral_decide(request, pk: int):
    referral = get_object_for_user(
        Referral.objects.select_related("participant", "participant__specialist", "team"),
        request.user,
        pk,
        perm="people.view_identity",
    )
    participant = referral.participant
    if not request.user.has_perm("people.decide_referral", participant):
        raise Http404
    form = DecisionForm(request.POST or None, referral=referral)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == DecisionForm.ACCEPT:
                services.referral_accept(
                    actor=request.user,
                    referral=referral,
                    decided_on=data["decided_on"],
                    specialist=data["specialist"],
                    note=data["note"],
                )
                messages.success(request, _("The referral is accepted and the participant is on the caseload."))
            elif data["decision"] == DecisionForm.DECLINE:
                services.referral_decline(
                    actor=request.user,
                    referral=referral,
                    decided_on=data["decided_on"],
                    reason=data["decline_reason"],
                    note=data["note"],
                )
                messages.success(request, _("The referral is declined. The team leader can see the reason."))
            else:
                services.referral_withdraw(
                    actor=request.user, referral=referral, decided_on=data["decided_on"], note=data["note"]
                )
                messages.success(request, _("The referral is recorded as withdrawn."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("people:participant_detail", pk=participant.pk)
    access_record_for_request(request, [participant.pk])
    return render(
        request,
        "people/referral_decide.html",
        {"form": form, "referral": referral, "participant": participant},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def participant_edit(request, pk: int):
    participant = get_object_for_user(Participant.objects.all(), request.user, pk, perm="people.view_identity")
    if not request.user.has_perm("people.work_participant", participant):
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(actor=request.user, participant=participant, data=form.changed_values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("people:participant_detail", pk=participant.pk)
    access_record_for_request(request, [participant.pk])
    return render(
        request,
        "people/participant_form.html",
        {"form": form, "participant": participant},
        status=400 if form.errors else 200,
    )


@require_http_methods(["POST"])
def participant_status(request, pk: int):
    participant = get_object_for_user(Participant.objects.all(), request.user, pk, perm="people.view_identity")
    if not request.user.has_perm("people.work_participant", participant):
        raise PermissionDenied
    form = StatusForm(request.POST, participant=participant)
    if form.is_valid():
        try:
            services.participant_transition(
                actor=request.user,
                participant=participant,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The status is changed."))
            return redirect("people:participant_detail", pk=participant.pk)
    for error in [*form.non_field_errors(), *(e for f in form.errors.values() for e in f)]:
        messages.error(request, error)
    return redirect("people:participant_detail", pk=participant.pk)


@require_http_methods(["GET", "POST"])
def participant_reassign(request, pk: int):
    participant = get_object_for_user(
        Participant.objects.select_related("specialist"), request.user, pk, perm="people.view_identity"
    )
    if not request.user.has_perm("people.reassign_participant", participant):
        raise PermissionDenied
    form = ReassignForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_assign_specialist(
                actor=request.user, participant=participant, specialist=form.cleaned_data["specialist"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The job specialist is changed."))
            return redirect("people:participant_detail", pk=participant.pk)
    access_record_for_request(request, [participant.pk])
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "participant": participant, "title": _("Change job specialist")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def consent_add(request, pk: int):
    participant = get_object_for_user(Participant.objects.all(), request.user, pk, perm="people.view_identity")
    if not request.user.has_perm("people.work_participant", participant):
        raise PermissionDenied
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, participant=participant, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect("people:participant_detail", pk=participant.pk)
    access_record_for_request(request, [participant.pk])
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "participant": participant, "title": _("Record consent")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk: int):
    consent = get_object_for_user(
        Consent.objects.select_related("participant"), request.user, pk, perm="people.view_identity"
    )
    participant = consent.participant
    if not request.user.has_perm("people.work_participant", participant):
        raise PermissionDenied
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user,
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The consent is recorded as withdrawn."))
            return redirect("people:participant_detail", pk=participant.pk)
    access_record_for_request(request, [participant.pk])
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "participant": participant, "title": _("Withdraw consent: %s") % consent.get_kind_display()},
        status=400 if form.errors else 200,
    )


DECLINED_PAGE = 25  # declined referrals per page on the team overview, newest first
INTAKE_SHOWN = 100  # the intake queue shows its oldest 100 (it is rarely longer; the count says when)


@require_GET
def team_overview(request):
    """Caseload per specialist, the intake queue and every declined referral (zero exclusion:
    all of them, a page at a time). The declines' pages are an HTMX partial of the same URL."""
    require_perm(request, "people.view_team_overview")
    teams = list(selectors.teams_led_by(request.user))
    team = None
    if request.GET.get("team"):
        team = next((t for t in teams if str(t.pk) == request.GET["team"]), None)
        if team is None:
            raise Http404
    elif teams:
        team = teams[0]
    context = {"teams": teams, "team": team}
    if team is not None:
        declined = Paginator(selectors.declined_referrals_for(request.user, team), DECLINED_PAGE).get_page(
            request.GET.get("declined_page")
        )
        context["declined"] = declined
        if wants_partial(request):
            access_record_for_request(request, [r.participant_id for r in declined])
            return render(request, "people/team_overview.html#declined", context)
    if len(teams) > 1:
        context["summaries"] = selectors.team_summaries(teams)
    if team is not None:
        intake = list(selectors.intake_queue_for(request.user, team)[:INTAKE_SHOWN])
        context |= {
            "caseloads": selectors.specialist_caseloads(team),
            "intake": intake,
            "intake_shown": INTAKE_SHOWN,
            "counts": selectors.referral_counts(team),
            "limit": settings.BISTAND_CASELOAD_LIMIT,
        }
        access_record_for_request(request, [r.participant_id for r in [*intake, *context["declined"]]])
    return render(request, "people/team_overview.html", context)


@require_GET
def research_participants(request):
    require_perm(request, "people.view_research")
    qs = (
        Participant.objects.visible_to(request.user)
        .select_related("team", "kommune")
        .only("pseudonym", "status", "service_model", "team__name", "kommune__fylke_name", "birth_date", "created_at")
        .order_by("pseudonym")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    # Pseudonymised data is still personal data: the access is logged like any other.
    access_record_for_request(request, [p.pk for p in page])
    return render(request, "people/research_participants.html", {"page": page})


# --- The access log, for administrators: who has seen or changed a participant's data ---


@require_GET
def access_log_search(request):
    """The administrator finds a participant by research id, identity number or number."""
    require_perm(request, "audit.view_access_log")
    query = (request.GET.get("q") or "").strip()[:40]
    results: list[Participant] = []
    if query:
        q = Q(pseudonym__iexact=query) | Q(national_id=query.replace(" ", ""))
        if query.isdigit() and len(query) < 12:
            q |= Q(pk=int(query))
        results = list(Participant.objects.visible_to(request.user).filter(q).select_related("team")[:20])
        access_record_for_request(request, [p.pk for p in results])
    return render(request, "people/access_log_search.html", {"query": query, "results": results})


@require_GET
def participant_access_log(request, pk: int):
    require_perm(request, "audit.view_access_log")
    participant = get_object_for_user(Participant.objects.select_related("team"), request.user, pk)
    # Logged first, so that the administrator's own look is part of the log shown.
    access_record_for_request(request, [participant.pk])
    entries = Paginator(access_log_for_participant(participant.pk), 50).get_page(request.GET.get("page"))
    changes = Paginator(changes_for_participant(participant.pk), 50).get_page(request.GET.get("changes_page"))
    return render(
        request,
        "people/participant_access_log.html",
        {"participant": participant, "entries": entries, "changes": changes},
    )
