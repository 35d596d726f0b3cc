from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "bistand.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        # The service-model definitions are read and validated once at start-up, so a
        # broken definition file stops the process instead of failing on a page later.
        from .service_models import definitions

        definitions()
