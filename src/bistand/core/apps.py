from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bistand.core"
    verbose_name = "Core"
