"""Access log and change history. Both are append-only: no code path edits or deletes them.

The model and queryset refuse updates and deletes, and the database refuses them too
(triggers installed by migration 0002) so that not even raw SQL from the application can.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    _raw_delete = delete


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


class AccessLogEntry(AppendOnlyModel):
    """One response that showed personal data: who saw it, when, in which view, which request."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    view = models.CharField(_("view"), max_length=100)
    path = models.CharField(_("address"), max_length=500)
    request_id = models.CharField(_("request id"), max_length=64, db_index=True)
    participants = models.ManyToManyField(
        "people.Participant", through="AccessLogSubject", related_name="access_log_entries"
    )

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.view}"


class AccessLogSubject(AppendOnlyModel):
    """Whose data an access log entry showed (one row per participant shown)."""

    entry = models.ForeignKey(AccessLogEntry, on_delete=models.PROTECT, related_name="subjects")
    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "entry"], name="access_subject_unique")]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.participant_id}"


class ChangeEntry(AppendOnlyModel):
    """One create, update or delete of personal data, with old and new values."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=100)  # dotted: people.participant.updated
    object_type = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64)
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    changes = models.JSONField(_("changes"), default=dict)  # {field: [old, new]}
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("change entry")
        verbose_name_plural = _("change entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="change_object_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"
