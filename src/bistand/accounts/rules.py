"""Role predicates and the permissions built from them (django-rules).

Object-level visibility is decided by `visible_to(user)` querysets; these rules decide
what a user may *do* with a record they can already see.
"""

from __future__ import annotations

import rules

from .access import scope_of
from .enums import Role


@rules.predicate
def is_job_specialist(user) -> bool:
    return scope_of(user).has(Role.JOB_SPECIALIST)


@rules.predicate
def is_team_leader(user) -> bool:
    return scope_of(user).has(Role.TEAM_LEADER)


@rules.predicate
def is_program_manager(user) -> bool:
    return scope_of(user).has(Role.PROGRAM_MANAGER)


@rules.predicate
def is_researcher(user) -> bool:
    return scope_of(user).has(Role.RESEARCHER)


@rules.predicate
def is_administrator(user) -> bool:
    return scope_of(user).has(Role.ADMINISTRATOR)


@rules.predicate
def leads_participants_team(user, participant) -> bool:
    return participant is not None and participant.team_id in scope_of(user).teams(Role.TEAM_LEADER)


@rules.predicate
def is_assigned_specialist(user, participant) -> bool:
    return participant is not None and participant.specialist_id == user.pk


@rules.predicate
def works_in_participants_team(user, participant) -> bool:
    return participant is not None and participant.team_id in scope_of(user).teams(
        Role.JOB_SPECIALIST, Role.TEAM_LEADER
    )


# Identifying personal data (name, contact details, identity number) is never shown to
# researchers or administrators; researchers get pseudonymised views only.
rules.add_perm("people.view_identity", is_job_specialist | is_team_leader | is_program_manager)
rules.add_perm("people.add_referral", is_job_specialist | is_team_leader)
# Deciding a referral and working a participant's record: the assigned specialist, any
# specialist of the team for an unassigned referral, and the team leader.
rules.add_perm(
    "people.work_participant",
    is_assigned_specialist | leads_participants_team,
)
rules.add_perm("people.decide_referral", works_in_participants_team)
rules.add_perm("people.reassign_participant", leads_participants_team)
rules.add_perm("people.view_team_overview", is_team_leader | is_program_manager)
rules.add_perm("people.view_research", is_researcher)
rules.add_perm("audit.view_access_log", is_administrator)
# Casework (journey, case notes, profile, plans): seen by the roles that see identity, and
# written by whoever works the participant.
rules.add_perm("casework.view_casework", is_job_specialist | is_team_leader | is_program_manager)
rules.add_perm("casework.work_casework", is_assigned_specialist | leads_participants_team)
