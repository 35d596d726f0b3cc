import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bistand.audit.models import AppendOnlyError, ChangeEntry
from bistand.casework import services
from bistand.casework.enums import ContactKind, ContactPlace, NeedStatus
from bistand.casework.models import Contact, Enrolment, PhaseChange, VocationalProfileVersion
from bistand.casework.service_models import youth_roles_apply
from bistand.people.enums import ServiceModel, Status
from bistand.reference.models import Kommune, Occupation

from .factories import ContactFactory, InclusionPlanFactory, days_ago

# These tests assert on message texts in English.
pytestmark = pytest.mark.usefixtures("english")

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def contact_data(**overrides):
    data = {
        "occurred_at": days_ago(0) - datetime.timedelta(hours=1),
        "duration_minutes": 30,
        "kind": ContactKind.MEETING,
        "place": ContactPlace.COMMUNITY,
        "with_participant": True,
        "other_parties": [],
        "note": "Snakket om jobbønsker",
        "next_step": "",
        "next_step_due": None,
    }
    return data | overrides


def test_enrolment_move_phase_starts_the_enrolment_and_logs_the_change(world):
    change = services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase="engagement")
    enrolment = Enrolment.objects.get(participant=world.own)
    assert (enrolment.service_model, enrolment.current_phase, enrolment.definition_version) == ("ips", "engagement", 1)
    assert (change.from_phase, change.to_phase, change.actor) == ("", "engagement", world.js)
    assert ChangeEntry.objects.filter(action="casework.enrolment.started", participant=world.own).count() == 1


def test_enrolment_move_phase_can_revisit_an_earlier_phase(world):
    for phase in ("engagement", "job_search", "career_profile"):
        services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase=phase)
    log = list(PhaseChange.objects.filter(participant=world.own).values_list("from_phase", "to_phase"))
    assert log == [("", "engagement"), ("engagement", "job_search"), ("job_search", "career_profile")]
    assert Enrolment.objects.get(participant=world.own).current_phase == "career_profile"


def test_enrolment_move_phase_to_the_current_phase_is_refused(world):
    services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase="engagement")
    with pytest.raises(ValidationError, match="already in this phase"):
        services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase="engagement")
    assert PhaseChange.objects.count() == 1


def test_enrolment_move_phase_of_another_model_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase="employer_engagement")
    assert "to_phase" in exc.value.message_dict
    assert not Enrolment.objects.exists()


def test_enrolment_after_a_service_model_change_starts_a_new_enrolment(world):
    services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase="job_search")
    world.own.service_model = ServiceModel.CUSTOMIZED_EMPLOYMENT
    world.own.save()
    services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase="discovery")
    assert sorted(Enrolment.objects.values_list("service_model", "current_phase")) == [
        ("customized_employment", "discovery"),
        ("ips", "job_search"),
    ]


def test_phase_change_log_is_append_only(world):
    change = services.enrolment_move_phase(actor=world.js, participant=world.own, to_phase="engagement")
    change.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        PhaseChange.objects.all().delete()


def test_casework_on_a_closed_participant_is_refused(world):
    world.own.status, world.own.end_reason = Status.ENDED, "other"
    world.own.save()
    with pytest.raises(ValidationError, match="closed"):
        services.contact_log(actor=world.js, participant=world.own, data=contact_data())
    assert not Contact.objects.exists()


def test_contact_log_writes_the_note_and_its_change_entry(world):
    contact = services.contact_log(actor=world.js, participant=world.own, data=contact_data(other_parties=["nav"]))
    entry = ChangeEntry.objects.get(action="casework.contact.created")
    assert (entry.participant_id, entry.object_id, entry.actor) == (world.own.pk, str(contact.pk), world.js)
    assert entry.changes["note"] == [None, "Snakket om jobbønsker"]
    assert entry.changes["other_parties"] == [None, ["nav"]]


def test_contact_log_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.contact_log(
            actor=world.js,
            participant=world.own,
            data=contact_data(occurred_at=timezone.now() + datetime.timedelta(hours=2)),
        )
    assert "occurred_at" in exc.value.message_dict


def test_contact_log_workplace_visit_elsewhere_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.contact_log(
            actor=world.js,
            participant=world.own,
            data=contact_data(kind=ContactKind.WORKPLACE_VISIT, place=ContactPlace.OFFICE),
        )
    assert "place" in exc.value.message_dict


def test_contact_log_next_step_without_due_date_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.contact_log(actor=world.js, participant=world.own, data=contact_data(next_step="Ringe NAV"))
    assert "next_step_due" in exc.value.message_dict


def test_contact_log_unknown_party_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.contact_log(actor=world.js, participant=world.own, data=contact_data(other_parties=["astrologer"]))
    assert "other_parties" in exc.value.message_dict
    assert not Contact.objects.exists()


def test_contact_update_keeps_the_old_text_in_the_change_history(world):
    contact = services.contact_log(actor=world.js, participant=world.own, data=contact_data())
    services.contact_update(actor=world.tl, contact=contact, data=contact_data(note="Rettet notat"))
    entry = ChangeEntry.objects.get(action="casework.contact.updated")
    assert entry.changes["note"] == ["Snakket om jobbønsker", "Rettet notat"]
    assert entry.actor == world.tl


def test_contact_complete_next_step_twice_is_refused(world):
    contact = ContactFactory(participant=world.own, with_next_step=True)
    services.contact_complete_next_step(actor=world.js, contact=contact)
    with pytest.raises(ValidationError, match="already done"):
        services.contact_complete_next_step(actor=world.js, contact=contact)


def test_outreach_never_ends_the_participation(world):
    for _ in range(10):
        services.outreach_record(
            actor=world.js,
            participant=world.own,
            data={"attempted_at": days_ago(1), "method": "phone", "reached": False, "note": ""},
        )
    world.own.refresh_from_db()
    assert world.own.status == Status.ACTIVE


def _profile_data(**overrides):
    data = {
        "job_goals": list(Occupation.objects.filter(code__in=["5120", "9412"])),
        "interests": "Matlaging",
        "hours_min": 10,
        "hours_max": 20,
        "working_times": ["daytime"],
        "kommuner": list(Kommune.objects.filter(number="0301")),
        "transport": ["public"],
    }
    return data | overrides


def test_vocational_profile_save_adds_a_version_each_time(world):
    first = services.vocational_profile_save(actor=world.js, participant=world.own, data=_profile_data())
    second = services.vocational_profile_save(
        actor=world.js, participant=world.own, data=_profile_data(interests="Matlaging og dyr", hours_max=30)
    )
    assert (first.number, second.number) == (1, 2)
    assert sorted(o.code for o in first.job_goals.all()) == ["5120", "9412"]
    first.refresh_from_db()
    assert (first.interests, first.hours_max) == ("Matlaging", 20)
    entry = ChangeEntry.objects.filter(action="casework.profile.saved").order_by("id").last()
    assert entry.changes == {"hours_max": [20, 30], "interests": ["Matlaging", "Matlaging og dyr"]}


def test_vocational_profile_save_without_changes_is_refused(world):
    services.vocational_profile_save(actor=world.js, participant=world.own, data=_profile_data())
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.vocational_profile_save(actor=world.js, participant=world.own, data=_profile_data())
    assert VocationalProfileVersion.objects.count() == 1


def test_vocational_profile_hours_upside_down_are_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.vocational_profile_save(
            actor=world.js, participant=world.own, data=_profile_data(hours_min=30, hours_max=10)
        )
    assert "hours_max" in exc.value.message_dict


def test_vocational_profile_versions_are_append_only(world):
    version = services.vocational_profile_save(actor=world.js, participant=world.own, data=_profile_data())
    version.interests = "overwritten"
    with pytest.raises(AppendOnlyError):
        version.save()


def test_plan_review_moves_the_review_date_and_keeps_the_review(world):
    plan = InclusionPlanFactory(participant=world.own, overdue=True)
    today = timezone.localdate()
    review = services.plan_review(
        actor=world.js, plan=plan, reviewed_on=today, note="Gjennomgått", next_review_on=today + datetime.timedelta(90)
    )
    plan.refresh_from_db()
    assert plan.review_on == today + datetime.timedelta(90)
    assert review.plan == plan
    assert ChangeEntry.objects.filter(action="casework.plan.reviewed", participant=world.own).count() == 1


def test_plan_review_next_date_not_in_the_future_is_refused(world):
    plan = InclusionPlanFactory(participant=world.own)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.plan_review(actor=world.js, plan=plan, reviewed_on=today, note="x", next_review_on=today)
    assert "next_review_on" in exc.value.message_dict


def _years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def test_youth_roles_apply_to_youth_models_and_under_26(world):
    assert not youth_roles_apply(world.own)
    world.own.birth_date = _years_ago(26) + datetime.timedelta(days=1)
    assert youth_roles_apply(world.own)
    world.own.birth_date = _years_ago(26)
    assert not youth_roles_apply(world.own)
    world.own.service_model = ServiceModel.SCHOOL_TO_WORK
    assert youth_roles_apply(world.own)


def test_youth_follow_up_for_an_adult_outside_the_youth_models_is_refused(world):
    with pytest.raises(ValidationError, match="youth"):
        services.youth_follow_up_record(
            actor=world.js, participant=world.own, data={"recorded_on": timezone.localdate(), "economy": "ok"}
        )


def test_youth_follow_up_unknown_need_status_is_refused(world):
    world.own.service_model = ServiceModel.IPS_YOUTH
    world.own.save()
    with pytest.raises(ValidationError) as exc:
        services.youth_follow_up_record(
            actor=world.js, participant=world.own, data={"recorded_on": timezone.localdate(), "economy": "fine-ish"}
        )
    assert "economy" in exc.value.message_dict
    record = services.youth_follow_up_record(
        actor=world.js,
        participant=world.own,
        data={"recorded_on": timezone.localdate(), "economy": NeedStatus.NEEDS_HELP},
    )
    assert not record.basic_needs_attended


def test_agreement_document_is_checked_by_content_not_name(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    disguised = SimpleUploadedFile("avtale.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.agreement_record(
            actor=world.js, participant=world.own, data={"agreed_on": timezone.localdate()}, document=disguised
        )
    assert "document" in exc.value.message_dict
    agreement = services.agreement_record(
        actor=world.js,
        participant=world.own,
        data={"agreed_on": timezone.localdate()},
        document=SimpleUploadedFile("../../etc/Signert avtale.PNG", PDF, content_type="image/png"),
    )
    assert (agreement.document_type, agreement.document_name) == ("application/pdf", "Signert_avtale.PNG")
    assert agreement.document.name.startswith(f"agreements/{world.own.pk}/")
    assert agreement.document.name.endswith(".pdf")
    assert (tmp_path / agreement.document.name).read_bytes() == PDF


def test_agreement_replacing_the_document_removes_the_old_file(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    agreement = services.agreement_record(
        actor=world.js,
        participant=world.own,
        data={"agreed_on": timezone.localdate()},
        document=SimpleUploadedFile("a.pdf", PDF),
    )
    old = tmp_path / agreement.document.name
    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.agreement_update(
            actor=world.js,
            agreement=agreement,
            data={"accepted_by_participant": True},
            document=SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        )
    assert not old.exists()
    assert (tmp_path / agreement.document.name).exists()
    assert agreement.document_type == "image/png"
