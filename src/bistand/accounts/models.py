from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import OrganisationType, Role


class BistandUserManager(UserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra):  # type: ignore[override]
        extra.setdefault("username", email.lower())
        return super().create_user(email=email, password=password, **extra)


class User(AbstractUser):
    """Someone who works in Bistand. Logs in with e-mail; roles come from memberships."""

    email = models.EmailField(_("e-mail"), unique=True)

    objects = BistandUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation, and for team roles, in one team."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    fte = models.DecimalField(_("full-time equivalent"), max_digits=3, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "team", "role"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(team__isnull=False)
                | ~Q(role__in=[Role.JOB_SPECIALIST.value, Role.TEAM_LEADER.value]),  # fixed order: stable migrations
                name="membership_team_role_has_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.team or self.organisation})"
