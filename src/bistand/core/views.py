from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role


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
        return redirect("audit:search")
    return render(request, "core/no_role.html")


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def ping(request):
    """A trivial page behind the same middleware, login and access checks (the benchmark floor)."""
    scope_of(request.user)
    return HttpResponse("ok", content_type="text/plain")
