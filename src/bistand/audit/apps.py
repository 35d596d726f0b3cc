from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "bistand.audit"
    verbose_name = _("Access log and change history")
