"""Writing the access log and the change history. Call these inside the transaction
that does (or shows) the work, so the record and the log stand or fall together."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from bistand.core.context import current_request_id

from .models import AccessLogEntry, AccessLogSubject, ChangeEntry


def access_record(*, actor, view: str, participant_ids: Iterable[int], path: str = "") -> AccessLogEntry | None:
    """One entry for one response, naming every participant whose personal data it shows."""
    ids = sorted(set(participant_ids))
    if not ids:
        return None
    entry = AccessLogEntry.objects.create(
        actor=actor, view=view, path=path[:500], request_id=current_request_id() or "-"
    )
    AccessLogSubject.objects.bulk_create([AccessLogSubject(entry=entry, participant_id=pid) for pid in ids])
    return entry


def access_record_for_request(request, participant_ids: Iterable[int]) -> AccessLogEntry | None:
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match else "unknown"
    return access_record(actor=request.user, view=view, participant_ids=participant_ids, path=request.get_full_path())


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The instance's concrete field values as JSON-safe plain values (FKs as ids)."""
    names = fields or [f.name for f in instance._meta.concrete_fields]
    out = {}
    for name in names:
        field = instance._meta.get_field(name)
        out[name] = _plain(getattr(instance, field.attname))
    return out


def change_record(
    *,
    actor,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    participant_id: int | None,
) -> ChangeEntry | None:
    """Records the fields that differ between `before` and `after` as {field: [old, new]}.

    `before` is None for a create, `after` None for a delete. An update that changes
    nothing writes nothing.
    """
    assert transaction.get_connection().in_atomic_block, "change_record must run inside the work's transaction"
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    changes = {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}
    if not changes:
        return None
    return ChangeEntry.objects.create(
        actor=actor,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        participant_id=participant_id,
        changes=changes,
        request_id=current_request_id(),
    )
