import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bistand.audit.models import ChangeEntry
from bistand.people import services
from bistand.people.enums import TRANSITIONS, Decision, DeclineReason, ReferralSource, ServiceModel, Status
from bistand.people.models import Participant, Referral, StatusChange

TODAY = timezone.localdate()


def register(world, actor=None, **participant):
    return services.referral_register(
        actor=actor or world.js,
        team=world.team_a1,
        specialist=world.js,
        participant_data={"first_name": "Per", "last_name": "Henvist", "service_model": ServiceModel.IPS} | participant,
        referral_data={"received_on": TODAY - datetime.timedelta(days=3), "source": ReferralSource.NAV},
    )


def test_referral_register_creates_a_referred_participant_with_history(world):
    referral = register(world)
    p = referral.participant
    assert (p.status, p.specialist, p.team) == (Status.REFERRED, world.js, world.team_a1)
    assert list(p.status_changes.values_list("from_status", "to_status")) == [("", Status.REFERRED)]
    assert list(p.assignments.values_list("specialist", flat=True)) == [world.js.pk]
    assert set(ChangeEntry.objects.filter(participant=p).values_list("action", flat=True)) == {
        "people.participant.created",
        "people.referral.created",
    }


def test_referral_accept_keeps_the_exact_dates(world):
    referral = register(world)
    decided = TODAY - datetime.timedelta(days=1)
    services.referral_accept(actor=world.js, referral=referral, decided_on=decided)
    referral.refresh_from_db()
    assert (referral.decision, referral.received_on, referral.decided_on) == (
        Decision.ACCEPTED,
        TODAY - datetime.timedelta(days=3),
        decided,
    )
    assert referral.participant.status == Status.ACCEPTED


def test_referral_decline_needs_reason_and_explanation(world):
    referral = register(world)
    with pytest.raises(ValidationError) as exc:
        services.referral_decline(actor=world.js, referral=referral, decided_on=TODAY, reason="", note=" ")
    assert set(exc.value.error_dict) == {"decline_reason", "note"}
    referral.refresh_from_db()
    assert referral.decision == Decision.PENDING


def test_referral_decision_before_referral_date_is_refused_and_nothing_saved(world):
    referral = register(world)
    changes_before = ChangeEntry.objects.count()
    with pytest.raises(ValidationError):
        services.referral_accept(actor=world.js, referral=referral, decided_on=TODAY - datetime.timedelta(days=30))
    referral.refresh_from_db()
    assert referral.decision == Decision.PENDING
    assert referral.participant.status == Status.REFERRED
    assert ChangeEntry.objects.count() == changes_before


def test_referral_cannot_be_decided_twice(world):
    referral = register(world)
    services.referral_decline(
        actor=world.js, referral=referral, decided_on=TODAY, reason=DeclineReason.OUTSIDE_AREA, note="Bor i Bergen"
    )
    with pytest.raises(ValidationError):
        services.referral_accept(actor=world.js, referral=referral, decided_on=TODAY)


def test_declined_participant_comes_back_through_a_new_referral(world):
    referral = register(world)
    services.referral_decline(
        actor=world.js, referral=referral, decided_on=TODAY, reason=DeclineReason.NOT_REACHED, note="Tre forsøk"
    )
    participant = Participant.objects.get(pk=referral.participant_id)
    services.referral_register(
        actor=world.tl,
        team=world.team_a1,
        participant=participant,
        participant_data={},
        referral_data={"received_on": TODAY, "source": ReferralSource.SELF},
    )
    participant.refresh_from_db()
    assert participant.status == Status.REFERRED
    assert Referral.objects.filter(participant=participant).count() == 2


@pytest.mark.parametrize("from_status", list(Status))
@pytest.mark.parametrize(
    "to_status", [s for s in Status if s not in (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)]
)
def test_participant_transition_follows_the_table(world, from_status, to_status):
    p = world.own
    Participant.objects.filter(pk=p.pk).update(
        status=from_status, end_reason="other" if from_status == Status.ENDED else ""
    )
    p.refresh_from_db()
    allowed = to_status in TRANSITIONS[from_status]
    if allowed:
        services.participant_transition(actor=world.js, participant=p, to_status=to_status, reason="moved")
        p.refresh_from_db()
        assert p.status == to_status
        assert StatusChange.objects.filter(participant=p, from_status=from_status, to_status=to_status).exists()
    else:
        with pytest.raises(ValidationError):
            services.participant_transition(actor=world.js, participant=p, to_status=to_status, reason="moved")
        p.refresh_from_db()
        assert p.status == from_status


def test_ending_needs_a_reason(world):
    with pytest.raises(ValidationError):
        services.participant_transition(actor=world.js, participant=world.own, to_status=Status.ENDED)


def test_reassigning_keeps_the_history(world):
    services.participant_assign_specialist(actor=world.tl, participant=world.own, specialist=world.js2)
    services.participant_assign_specialist(actor=world.tl, participant=world.own, specialist=world.js)
    history = list(world.own.assignments.values_list("specialist", "ended_at"))
    assert [h[0] for h in history] == [world.js2.pk, world.js.pk]
    assert history[0][1] is not None and history[1][1] is None


def test_reassigning_to_someone_outside_the_team_is_refused(world):
    with pytest.raises(ValidationError):
        services.participant_assign_specialist(actor=world.tl, participant=world.own, specialist=world.js_b)


def test_consent_withdrawal_is_recorded(world):
    consent = services.consent_record(actor=world.js, participant=world.own, kind="research", given_on=TODAY)
    services.consent_withdraw(actor=world.js, consent=consent, withdrawn_on=TODAY, note="Ønsker ikke")
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY and not consent.is_active
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=world.js, consent=consent, withdrawn_on=TODAY)


def test_disclosure_consent_needs_to_say_what_may_be_told(world):
    with pytest.raises(ValidationError):
        services.consent_record(actor=world.js, participant=world.own, kind="disclose_to_employers", given_on=TODAY)
