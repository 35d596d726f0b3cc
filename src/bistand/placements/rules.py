"""What each role may do with placements and follow-along (visibility: visible_to querysets)."""

from __future__ import annotations

import rules

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.accounts.rules import (
    is_assigned_specialist,
    is_job_specialist,
    is_program_manager,
    is_team_leader,
    leads_participants_team,
)


@rules.predicate
def leads_team(user, team) -> bool:
    return team is not None and team.pk in scope_of(user).teams(Role.TEAM_LEADER)


# Placements belong to the participant's casework: seen by the roles that see identity
# (never researchers or administrators' case views), written by whoever works the participant.
rules.add_perm("placements.view_placements", is_job_specialist | is_team_leader | is_program_manager)
rules.add_perm("placements.work_placements", is_assigned_specialist | leads_participants_team)
# The team's follow-along timing is the team leader's to change.
rules.add_perm("placements.change_policy", leads_team)
