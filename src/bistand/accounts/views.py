from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .access import scope_of
from .enums import Role


@require_GET
def home(request):
    """Each role lands where its work is."""
    scope = scope_of(request.user)
    if scope.has(Role.JOB_SPECIALIST):
        return redirect("casework:caseload")
    if scope.has(Role.TEAM_LEADER, Role.PROGRAM_MANAGER):
        return redirect("people:team_overview")
    if scope.has(Role.RESEARCHER):
        return redirect("people:research_participants")
    if scope.has(Role.ADMINISTRATOR):
        return redirect("people:access_log_search")
    return render(request, "accounts/no_role.html")


@require_GET
def ping(request):
    """A trivial page behind the same middleware, login and access checks (the benchmark floor)."""
    scope_of(request.user)
    return HttpResponse("ok", content_type="text/plain")
