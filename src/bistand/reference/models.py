"""Reference data loaded from the CSV files in `data/` (see its README for provenance)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kommune(models.Model):
    number = models.CharField(_("number"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    fylke_number = models.CharField(_("county number"), max_length=2, db_index=True)
    fylke_name = models.CharField(_("county"), max_length=100)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name", "number"]

    def __str__(self) -> str:
        return self.name


class Occupation(models.Model):
    """A STYRK-08 group at any of its four levels."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("occupation (STYRK-08)")
        verbose_name_plural = _("occupations (STYRK-08)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
