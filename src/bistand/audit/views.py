from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bistand.core.shortcuts import get_object_for_user
from bistand.people.models import Participant

from .selectors import access_log_for_participant, changes_for_participant
from .services import access_record_for_request


def _require_admin(request) -> None:
    if not request.user.has_perm("audit.view_access_log"):
        raise PermissionDenied


@require_GET
def audit_search(request):
    """The administrator finds a participant by research id, identity number or number."""
    _require_admin(request)
    query = (request.GET.get("q") or "").strip()[:40]
    results: list[Participant] = []
    if query:
        q = Q(pseudonym__iexact=query) | Q(national_id=query.replace(" ", ""))
        if query.isdigit() and len(query) < 12:
            q |= Q(pk=int(query))
        results = list(Participant.objects.visible_to(request.user).filter(q).select_related("team")[:20])
        access_record_for_request(request, [p.pk for p in results])
    return render(request, "audit/search.html", {"query": query, "results": results})


@require_GET
def participant_access_log(request, pk: int):
    _require_admin(request)
    participant = get_object_for_user(Participant.objects.select_related("team"), request.user, pk)
    # Logged first, so that the administrator's own look is part of the log shown.
    access_record_for_request(request, [participant.pk])
    entries = Paginator(access_log_for_participant(participant.pk), 50).get_page(request.GET.get("page"))
    changes = Paginator(changes_for_participant(participant.pk), 50).get_page(request.GET.get("changes_page"))
    return render(
        request,
        "audit/participant_access_log.html",
        {"participant": participant, "entries": entries, "changes": changes},
    )
