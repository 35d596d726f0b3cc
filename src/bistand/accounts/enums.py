from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    NAV_OFFICE = "nav_office", _("NAV office")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    HEALTH_TRUST = "health_trust", _("Health trust")
    SCHOOL_MUNICIPALITY = "school_municipality", _("School or municipality")


class Role(models.TextChoices):
    JOB_SPECIALIST = "job_specialist", _("Job specialist")
    TEAM_LEADER = "team_leader", _("Team leader")
    PROGRAM_MANAGER = "program_manager", _("Program manager")
    RESEARCHER = "researcher", _("Researcher")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work in one team; the others work across an organisation. (Membership's
# constraint sorts them: a set's order follows the string hash seed.)
TEAM_ROLES = (Role.TEAM_LEADER, Role.JOB_SPECIALIST)
