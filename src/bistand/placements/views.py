from __future__ import annotations

import datetime
from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.accounts.models import Team
from bistand.audit.services import access_record_for_request
from bistand.casework.forms import CaseloadFilterForm
from bistand.core.shortcuts import add_service_errors, get_object_for_user, render_page_or_partial
from bistand.jobs.enums import LEAD_TRANSITIONS, LeadStage, OpeningKind
from bistand.jobs.models import JobLead
from bistand.people import selectors as people_selectors
from bistand.people.enums import CLOSED_STATUSES
from bistand.people.models import Participant

from . import selectors, services
from .chart import support_chart
from .enums import DUE_SOON_DAYS, RETENTION_MILESTONE_DAYS, PlacementQueueItem, SupportLevel
from .forms import EndForm, FollowUpForm, HireForm, PlacementForm, PolicyForm
from .models import FollowAlongPolicy, Placement
from .schedule import Timing

VIEW = "placements.view_placements"
WORK = "placements.work_placements"


def _participant(request, pk, *, work: bool = False) -> Participant:
    """The participant if the user may see their placements (404 otherwise); 403 when
    `work` is asked for and the user may only look."""
    participant = get_object_for_user(
        Participant.objects.select_related("team", "specialist"), request.user, pk, perm=VIEW
    )
    if work and not request.user.has_perm(WORK, participant):
        raise PermissionDenied
    return participant


def _placement(request, pk, *, work: bool = False) -> Placement:
    placement = get_object_for_user(selectors.placement_queryset(), request.user, pk)
    if not request.user.has_perm(VIEW, placement.participant):
        raise Http404
    if work and not request.user.has_perm(WORK, placement.participant):
        raise PermissionDenied
    return placement


def _can_work(request, participant: Participant) -> bool:
    return participant.status not in CLOSED_STATUSES and request.user.has_perm(WORK, participant)


def _form_page(request, participant, form, *, title: str, cancel_url: str, **extra):
    access_record_for_request(request, [participant.pk])
    context = {"form": form, "participant": participant, "title": title, "cancel_url": cancel_url, **extra}
    return render(request, "placements/form_page.html", context, status=400 if form.errors else 200)


# --- Placements ---------------------------------------------------------------------------------


@require_GET
def participant_placements(request, pk: int):
    """The participant's placements: tenure, the latest support level, the next follow-up due."""
    participant = _participant(request, pk)
    today = timezone.localdate()
    placements = list(selectors.placements_for_participant(request.user, participant))
    for p in placements:
        p.tenure = p.tenure_days(today)
    context = {
        "participant": participant,
        "placements": placements,
        "can_work": _can_work(request, participant),
        "today": today,
        "retention_days": RETENTION_MILESTONE_DAYS,
    }
    access_record_for_request(request, [participant.pk])
    return render(request, "placements/participant_placements.html", context)


@require_GET
def placement_detail(request, pk: int):
    """One placement: terms, the follow-along schedule, the follow-ups and the natural
    support level over time."""
    placement = _placement(request, pk)
    participant = placement.participant
    today = timezone.localdate()
    follow_ups = selectors.follow_ups_for(request.user, placement)
    context = {
        "participant": participant,
        "placement": placement,
        "can_work": _can_work(request, participant),
        "schedule": selectors.schedule_for(request.user, placement),
        "follow_ups": follow_ups,
        "chart": support_chart(follow_ups, start=placement.start_date, until=placement.end_date or today),
        "levels": SupportLevel.choices,
        "tenure": placement.tenure_days(today),
        "retention_days": RETENTION_MILESTONE_DAYS,
        "today": today,
        "soon": today + datetime.timedelta(days=DUE_SOON_DAYS),
        "waiting_for_contact": selectors.waiting_for_contact(placement),
    }
    access_record_for_request(request, [participant.pk])
    return render(request, "placements/placement_detail.html", context)


@require_http_methods(["GET", "POST"])
def placement_create(request, pk: int):
    """Records a placement found outside the funnel (the participant's own find, self-employment …)."""
    participant = _participant(request, pk, work=True)
    form = PlacementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_record(actor=request.user, participant=participant, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The placement is recorded and the follow-along schedule is made."))
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(
        request,
        participant,
        form,
        title=_("Record a placement"),
        cancel_url=reverse("placements:participant_placements", args=[participant.pk]),
    )


def _initial_from_lead(lead: JobLead) -> dict:
    opening = lead.opening
    initial = {"employer": lead.employer_id}
    if opening is not None:
        initial |= {
            "job_title": opening.title[:200],
            "occupation": opening.occupation_id,
            "hours_per_week": opening.hours_per_week,
            "accommodations": opening.accommodations,
            "job_carving": opening.negotiated_tasks if opening.kind == OpeningKind.CARVED else "",
        }
    return initial


@require_http_methods(["GET", "POST"])
def hire_from_lead(request, pk: int):
    """The funnel's hire step: records the hire and the placement together, prefilled from
    the lead (the funnel sends the user here when "hired" is chosen)."""
    lead = get_object_for_user(
        JobLead.objects.select_related("participant__team", "opening__occupation", "employer"), request.user, pk
    )
    participant = lead.participant
    if not request.user.has_perm(VIEW, participant):
        raise Http404
    if not (request.user.has_perm(WORK, participant) and request.user.has_perm("jobs.propose")):
        raise PermissionDenied
    if LeadStage.HIRED not in LEAD_TRANSITIONS.get(lead.stage, ()):
        messages.error(
            request,
            _("A hire can be recorded once the participant has been presented to the employer or had an interview."),
        )
        return redirect("jobs:funnel", pk=participant.pk)
    initial = _initial_from_lead(lead)
    initial["hired_on"] = request.GET.get("occurred_on") or timezone.localdate()
    initial["hire_note"] = request.GET.get("note", "")[:2000]
    form = HireForm(request.POST or None, user=request.user, extra_employer=lead.employer, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_record_from_lead(
                actor=request.user,
                lead=lead,
                hired_on=form.cleaned_data["hired_on"],
                note=form.cleaned_data["hire_note"],
                data=form.service_data(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The hire and the placement are recorded; the follow-along schedule is made."))
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(
        request,
        participant,
        form,
        title=_("Record the hire"),
        cancel_url=reverse("jobs:funnel", args=[participant.pk]),
        lead=lead,
    )


@require_http_methods(["GET", "POST"])
def placement_edit(request, pk: int):
    placement = _placement(request, pk, work=True)
    form = PlacementForm(request.POST or None, instance=placement, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_update(actor=request.user, placement=placement, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The placement is saved."))
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(
        request,
        placement.participant,
        form,
        title=_("Edit the placement"),
        cancel_url=reverse("placements:detail", args=[placement.pk]),
        placement=placement,
    )


@require_http_methods(["GET", "POST"])
def placement_end(request, pk: int):
    placement = _placement(request, pk, work=True)
    if placement.end_date is not None:
        messages.error(request, _("This placement has already ended."))
        return redirect("placements:detail", pk=placement.pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_end(
                actor=request.user,
                placement=placement,
                end_date=form.cleaned_data["end_date"],
                end_reason=form.cleaned_data["end_reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The placement has ended. Contact the participant within a few days and plan the next job."),
            )
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(
        request,
        placement.participant,
        form,
        title=_("End the placement"),
        cancel_url=reverse("placements:detail", args=[placement.pk]),
        placement=placement,
        lead_text=_("Ending a job never ends the follow-up: the participant goes back to job search."),
    )


def _follow_up_initial(request, placement: Placement) -> dict:
    """The level and supports seen last time (to adjust, not retype); before the first
    follow-up, the natural supports the workplace mapping found."""
    latest = selectors.latest_follow_up(request.user, placement)
    if latest is not None:
        return {"support_level": latest.support_level, "natural_supports": latest.natural_supports}
    mapping = placement.workplace_mapping
    if mapping is not None:
        supports = "\n".join(t for t in (mapping.natural_supports, mapping.mentor) if t)
        return {"natural_supports": supports}
    return {}


@require_http_methods(["GET", "POST"])
def follow_up_create(request, pk: int):
    """Records a follow-up with the employee, the employer or both, with the support level."""
    placement = _placement(request, pk, work=True)
    if placement.end_date is not None:
        messages.error(request, _("This placement has ended. Log a contact on the journey instead."))
        return redirect("placements:detail", pk=placement.pk)
    form = FollowUpForm(
        request.POST or None, placement=placement, user=request.user, initial=_follow_up_initial(request, placement)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(actor=request.user, placement=placement, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect(reverse("placements:detail", args=[placement.pk]) + "#follow-ups")
    return _form_page(
        request,
        placement.participant,
        form,
        title=_("Record a follow-up"),
        cancel_url=reverse("placements:detail", args=[placement.pk]),
        placement=placement,
    )


# --- The work queue ----------------------------------------------------------------------------


def _caseload_selection(request):
    """The participants the caseload's filters select (the same form and defaults as the
    caseload), without its work-queue choice, and the placement queue item asked for."""
    if not request.user.has_perm("people.view_identity"):
        raise PermissionDenied
    data = request.GET.copy()
    queue = data.pop("queue", [""])[-1]
    data.pop("page", None)
    data.setdefault("mine", "1" if scope_of(request.user).has(Role.JOB_SPECIALIST) else "0")
    form = CaseloadFilterForm(data)
    mine = form.is_valid() and form.cleaned_data.get("mine") == "1"
    selected = form.filter(people_selectors.caseload_for(request.user, mine_only=mine))
    query = data.copy()
    query.pop("sort", None)
    return selected, (queue if queue in PlacementQueueItem.values else ""), query.urlencode()


@require_GET
def work_queue(request):
    """The placements' items in the caseload's work queue: counts over the caseload's
    current filter, each linking to its list. Fetched by the caseload (hx-get) into its
    work-queue section; shows no personal data."""
    selected, _queue, query = _caseload_selection(request)
    counts = selectors.queue_counts(selected)
    context = {
        "items": [(PlacementQueueItem(item), counts[item]) for item in PlacementQueueItem.values],
        "query": query,
    }
    return render(request, "placements/work_queue.html", context)


@require_GET
def follow_along(request):
    """What follow-along needs doing now: checkpoints due (or due within a few days) and
    jobs that ended without a contact since. Same filters as the caseload."""
    selected, queue, query = _caseload_selection(request)
    today = timezone.localdate()
    counts = selectors.queue_counts(selected, today=today)
    due = ended = None
    if queue in ("", PlacementQueueItem.FOLLOW_ALONG_DUE):
        due = list(selectors.due_follow_ups(request.user, selected, today=today))
    if queue in ("", PlacementQueueItem.JOB_ENDED):
        ended = list(selectors.ended_without_contact(request.user, selected))
    shown = [d.placement.participant_id for d in due or []] + [p.participant_id for p in ended or []]
    access_record_for_request(request, shown)
    team_ids = sorted(scope_of(request.user).teams(Role.TEAM_LEADER))
    context = {
        "queue": queue,
        "query": query,
        "items": [(PlacementQueueItem(item), counts[item]) for item in PlacementQueueItem.values],
        "due": due,
        "ended": ended,
        "today": today,
        "teams_led": Team.objects.filter(pk__in=team_ids).order_by("name"),
    }
    return render_page_or_partial(request, "placements/follow_along.html", context, "lists")


# --- The team's timing ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def policy_edit(request, pk: int):
    """A team's follow-along timing (the IPS defaults until the team leader changes them)."""
    try:
        team = Team.objects.select_related("organisation").get(
            pk=int(pk), organisation_id__in=scope_of(request.user).orgs(*Role)
        )
    except (Team.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    if not request.user.has_perm("placements.change_policy", team):
        raise PermissionDenied
    policy = FollowAlongPolicy.objects.filter(team=team).first()
    timing = Timing.of(policy)
    form = PolicyForm(request.POST or None, initial=asdict(timing))
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_along_policy_save(actor=request.user, team=team, data=form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The team's follow-along timing is saved."))
            return redirect("placements:policy", pk=team.pk)
    context = {"form": form, "team": team, "policy": policy, "defaults": Timing()}
    return render(request, "placements/policy.html", context, status=400 if form.errors else 200)
