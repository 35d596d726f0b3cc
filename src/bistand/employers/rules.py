"""What each role may do with employers (visibility itself is decided by visible_to querysets)."""

from __future__ import annotations

import rules

from bistand.accounts.rules import (
    is_administrator,
    is_job_specialist,
    is_program_manager,
    is_researcher,
    is_team_leader,
)

any_role = is_job_specialist | is_team_leader | is_program_manager | is_researcher | is_administrator

rules.add_perm("employers.view_employer", any_role)
# Registering and editing employers, their people and workplace mappings.
rules.add_perm("employers.change_employer", is_job_specialist | is_team_leader | is_program_manager)
# Names and contact details of people at employers: everyone but researchers.
rules.add_perm("employers.view_people", is_job_specialist | is_team_leader | is_program_manager | is_administrator)
# The job development log is written by the people who do job development.
rules.add_perm("employers.log_contact", is_job_specialist | is_team_leader)
rules.add_perm("employers.view_contact_log", is_job_specialist | is_team_leader | is_program_manager)
