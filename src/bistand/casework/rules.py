"""Who may see and work the casework records (django-rules).

Which participants a user can reach at all is decided by `visible_to(user)`; these decide
what they may do with a participant they can reach. Case notes are personal data: they
are shown to the roles that see identity (job specialist, team leader, program manager),
never to researchers or administrators, and written by whoever works the participant.
"""

import rules

from bistand.accounts.rules import (
    is_assigned_specialist,
    is_job_specialist,
    is_program_manager,
    is_team_leader,
    leads_participants_team,
)

rules.add_perm("casework.view_casework", is_job_specialist | is_team_leader | is_program_manager)
rules.add_perm("casework.work_casework", is_assigned_specialist | leads_participants_team)
