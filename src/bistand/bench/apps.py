from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`bistand bench`: a developer's measuring tool with no pages, so no UI strings to translate."""

    name = "bistand.bench"
    verbose_name = "Benchmark"
