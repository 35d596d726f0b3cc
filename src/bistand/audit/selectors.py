from __future__ import annotations

from django.db.models import QuerySet

from .models import AccessLogEntry, ChangeEntry


def access_log_for_participant(participant_id: int) -> QuerySet[AccessLogEntry]:
    """Everyone who has seen this participant's data, newest first."""
    return (
        AccessLogEntry.objects.filter(subjects__participant_id=participant_id)
        .select_related("actor")
        .order_by("-at", "-id")
    )


def changes_for_participant(participant_id: int) -> QuerySet[ChangeEntry]:
    return ChangeEntry.objects.filter(participant_id=participant_id).select_related("actor").order_by("-at", "-id")
