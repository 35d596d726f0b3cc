"""Writes a demo plan to the database.

Organisations, teams, users and memberships are created directly (they have no services
yet). Everything about participants goes through the same services the views use, one
step at a time in the order the steps happen, with the simulated clock set to each step's
time: the rules, the state machine, the status history and the change history all apply,
and their timestamps tell the story. One transaction: a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bistand.accounts.models import Membership, Organisation, Team, User
from bistand.core.context import reset_request_id, set_request_id
from bistand.people import services
from bistand.people.models import Consent, Participant, Referral
from bistand.reference.models import Kommune

from .clock import SimulatedClock
from .plan import Plan, StaffMember, Step, Story


class DemoError(Exception):
    """The demo data cannot be loaded (a message for the person running the command)."""


@dataclass
class _World:
    users: dict[StaffMember, User]
    teams: list[Team]
    kommuner: dict[str, Kommune]
    participants: dict[Story, Participant] = field(default_factory=dict)
    referrals: dict[Story, Referral] = field(default_factory=dict)
    consents: dict[tuple[Story, str], Consent] = field(default_factory=dict)

    def user(self, member: StaffMember | None) -> User | None:
        return None if member is None else self.users[member]


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _create_staff(plan: Plan, password: str) -> _World:
    organisations = [_save(Organisation(name=o.name, type=o.type)) for o in plan.organisations]
    teams = [_save(Team(organisation=organisations[t.organisation], name=t.name)) for t in plan.teams]
    hashed = make_password(password)  # hashed once: the same password for every demo user
    users: dict[StaffMember, User] = {}
    for member in plan.staff:
        user = User(
            email=member.email,
            username=member.email,
            first_name=member.first_name,
            last_name=member.last_name,
            password=hashed,
            date_joined=timezone.now(),
        )
        users[member] = _save(user)
        for seat in member.seats:
            _save(
                Membership(
                    user=user,
                    organisation=organisations[seat.organisation],
                    team=None if seat.team is None else teams[seat.team],
                    role=seat.role,
                    fte=seat.fte,
                )
            )
    wanted = plan.kommune_numbers()
    kommuner = Kommune.objects.in_bulk(wanted, field_name="number")
    if missing := wanted - set(kommuner):
        raise DemoError(
            f"The reference data lacks kommuner {', '.join(sorted(missing))}. Migrations load it: was the "
            "database emptied after migrating (`flush`)? Start from a new database and run `bistand migrate`."
        )
    return _World(users=users, teams=teams, kommuner=kommuner)


# --- One handler per kind of step ---------------------------------------------------------------
def _register(w: _World, story: Story, step: Step) -> None:
    a = step.args
    participant, data = None, {}
    if a["again"]:
        participant = Participant.objects.get(pk=w.participants[story].pk)
    else:
        data = {**story.person, "kommune": w.kommuner.get(story.person["kommune"])}
    referral = services.referral_register(
        actor=w.user(step.actor),
        team=w.teams[story.team.index],
        participant_data=data,
        referral_data=a["referral"],
        specialist=w.user(a["specialist"]),
        participant=participant,
    )
    w.referrals[story] = referral
    w.participants[story] = referral.participant


def _referral(w: _World, story: Story) -> Referral:
    return Referral.objects.select_related("participant").get(pk=w.referrals[story].pk)


def _accept(w: _World, story: Story, step: Step) -> None:
    services.referral_accept(
        actor=w.user(step.actor),
        referral=_referral(w, story),
        decided_on=timezone.localdate(step.at),
        specialist=w.user(step.args["specialist"]),
        note=step.args["note"],
    )


def _decline(w: _World, story: Story, step: Step) -> None:
    services.referral_decline(
        actor=w.user(step.actor),
        referral=_referral(w, story),
        decided_on=timezone.localdate(step.at),
        reason=step.args["reason"],
        note=step.args["note"],
    )


def _withdraw(w: _World, story: Story, step: Step) -> None:
    services.referral_withdraw(
        actor=w.user(step.actor),
        referral=_referral(w, story),
        decided_on=timezone.localdate(step.at),
        note=step.args["note"],
    )


def _status(w: _World, story: Story, step: Step) -> None:
    w.participants[story] = services.participant_transition(
        actor=w.user(step.actor), participant=w.participants[story], **step.args
    )


def _consent(w: _World, story: Story, step: Step) -> None:
    kind = step.args["kind"]
    w.consents[story, kind] = services.consent_record(
        actor=w.user(step.actor),
        participant=w.participants[story],
        kind=kind,
        given_on=timezone.localdate(step.at),
        scope_note=step.args["scope_note"],
    )


def _consent_withdraw(w: _World, story: Story, step: Step) -> None:
    services.consent_withdraw(
        actor=w.user(step.actor),
        consent=w.consents[story, step.args["kind"]],
        withdrawn_on=timezone.localdate(step.at),
        note=step.args["note"],
    )


def _reassign(w: _World, story: Story, step: Step) -> None:
    w.participants[story] = services.participant_assign_specialist(
        actor=w.user(step.actor), participant=w.participants[story], specialist=w.user(step.args["specialist"])
    )


def _update(w: _World, story: Story, step: Step) -> None:
    w.participants[story] = services.participant_update(
        actor=w.user(step.actor), participant=w.participants[story], data=dict(step.args["data"])
    )


HANDLERS: dict[str, Callable[[_World, Story, Step], None]] = {
    "register": _register,
    "accept": _accept,
    "decline": _decline,
    "withdraw": _withdraw,
    "status": _status,
    "consent": _consent,
    "consent_withdraw": _consent_withdraw,
    "reassign": _reassign,
    "update": _update,
}


@transaction.atomic
def load_plan(
    plan: Plan,
    *,
    password: str,
    progress: Callable[[list[tuple[Story, Step]]], Iterable[tuple[Story, Step]]] = lambda rows: rows,
) -> None:
    """Writes `plan`; the change history's request id says `demo-<seed>` on every entry."""
    clock = SimulatedClock(plan.staff_joined_at)
    token = set_request_id(f"demo-{plan.seed}")
    try:
        with clock.installed():
            world = _create_staff(plan, password)
            for story, step in progress(plan.timeline()):
                clock.set(step.at)
                try:
                    HANDLERS[step.kind](world, story, step)
                except ValidationError as exc:  # a planner bug: say which step, and roll back
                    raise DemoError(f"Step {step.kind!r} at {step.at:%Y-%m-%d %H:%M} failed: {exc.messages}") from exc
    finally:
        reset_request_id(token)
