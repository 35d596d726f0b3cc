from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "bistand.reference"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from .forms import clear_cache
        from .models import Kommune, Occupation

        for model in (Kommune, Occupation):
            post_save.connect(clear_cache, sender=model, dispatch_uid=f"reference-options-save-{model.__name__}")
            post_delete.connect(clear_cache, sender=model, dispatch_uid=f"reference-options-delete-{model.__name__}")
        post_migrate.connect(clear_cache, dispatch_uid="reference-options-migrate")
