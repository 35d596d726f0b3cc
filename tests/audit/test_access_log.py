import pytest
from django.db import connection
from django.urls import reverse

from bistand.audit.models import AccessLogEntry, AccessLogSubject, AppendOnlyError, ChangeEntry
from bistand.people.models import StatusChange


def test_opening_a_participant_writes_exactly_one_access_log_entry(world, client_for):
    client = client_for(world.js)
    response = client.get(reverse("people:participant_detail", args=[world.own.pk]))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.view, entry.request_id) == (
        world.js,
        "people:participant_detail",
        response["X-Request-ID"],
    )
    assert list(entry.subjects.values_list("participant_id", flat=True)) == [world.own.pk]


def test_a_list_writes_one_entry_naming_every_participant_shown(world, client_for):
    client_for(world.tl).get(reverse("casework:caseload"), {"mine": "0"})
    entry = AccessLogEntry.objects.get()
    shown = set(entry.subjects.values_list("participant_id", flat=True))
    assert shown == {world.own.pk, world.same_team.pk}


def test_a_refused_request_writes_no_access_log(world, client_for):
    response = client_for(world.js).get(reverse("people:participant_detail", args=[world.other_team.pk]))
    assert response.status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_editing_a_participant_writes_one_change_entry_with_old_and_new_values(world, client_for):
    client = client_for(world.js)
    url = reverse("people:participant_edit", args=[world.own.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"birth_date": "1990-05-17", "phone": "+47 400 00 000"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = ChangeEntry.objects.get(action="people.participant.updated")
    assert change.changes == {"phone": ["+47 912 34 567", "+47 400 00 000"]}
    assert (change.actor, change.participant_id) == (world.js, world.own.pk)
    assert change.request_id == response["X-Request-ID"]


def test_administrator_sees_everyone_who_has_seen_a_participant(world, client_for, client):
    client_for(world.js).get(reverse("people:participant_detail", args=[world.own.pk]))
    client.logout()
    client_for(world.tl).get(reverse("people:participant_detail", args=[world.own.pk]))
    client.logout()
    response = client_for(world.admin).get(reverse("people:participant_access_log", args=[world.own.pk]))
    entries = list(response.context["entries"])
    assert [e.actor for e in entries[1:]] == [world.tl, world.js]  # newest first; [0] is the admin's own look
    assert entries[0].actor == world.admin


@pytest.mark.parametrize("model", [AccessLogEntry, ChangeEntry, StatusChange])
def test_logs_refuse_update_and_delete(world, client_for, model):
    client_for(world.js).get(reverse("people:participant_detail", args=[world.own.pk]))
    if model is ChangeEntry:
        ChangeEntry.objects.create(
            action="x.y.z", object_type="people.participant", object_id="1", changes={"a": [1, 2]}
        )
    if model is StatusChange:
        StatusChange.objects.create(participant=world.own, to_status="active")
    row = model.objects.first()
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.all().update(pk=row.pk)
    with pytest.raises(AppendOnlyError):
        model.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger is installed on PostgreSQL only")
def test_postgresql_refuses_raw_updates_of_the_access_log(world, client_for):
    from django.db import DatabaseError, transaction

    client_for(world.js).get(reverse("people:participant_detail", args=[world.own.pk]))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET view = 'tampered'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogsubject")
    assert AccessLogSubject.objects.count() == 1
