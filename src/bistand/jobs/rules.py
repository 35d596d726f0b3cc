"""What each role may do with job openings and the funnel (visibility: visible_to querysets)."""

from __future__ import annotations

import rules

from bistand.accounts.rules import is_job_specialist, is_program_manager, is_team_leader
from bistand.employers.rules import any_role

rules.add_perm("jobs.view_openings", any_role)
rules.add_perm("jobs.change_opening", is_job_specialist | is_team_leader | is_program_manager)
# The funnel belongs to a participant's job search: those who work the participant's record.
rules.add_perm("jobs.propose", is_job_specialist | is_team_leader)
