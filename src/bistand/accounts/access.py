"""Who is the user here: memberships read once per request and cached on the user object.

Every `visible_to(user)` in the project builds its filter from these facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Role


@dataclass(frozen=True)
class Scope:
    """The teams and organisations in which a user holds each role."""

    teams_by_role: dict[str, frozenset[int]]
    orgs_by_role: dict[str, frozenset[int]]

    def teams(self, *roles: str) -> frozenset[int]:
        return frozenset().union(*(self.teams_by_role.get(r, frozenset()) for r in roles))

    def orgs(self, *roles: str) -> frozenset[int]:
        return frozenset().union(*(self.orgs_by_role.get(r, frozenset()) for r in roles))

    def has(self, *roles: str) -> bool:
        return any(self.orgs_by_role.get(r) for r in roles)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r for r, orgs in self.orgs_by_role.items() if orgs)


EMPTY_SCOPE = Scope({}, {})


def scope_of(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_bistand_scope", None)
    if cached is not None:
        return cached
    teams: dict[str, set[int]] = {}
    orgs: dict[str, set[int]] = {}
    for role, team_id, org_id in user.memberships.values_list("role", "team_id", "organisation_id"):
        orgs.setdefault(role, set()).add(org_id)
        if team_id is not None:
            teams.setdefault(role, set()).add(team_id)
    scope = Scope(
        {r: frozenset(v) for r, v in teams.items()},
        {r: frozenset(v) for r, v in orgs.items()},
    )
    user._bistand_scope = scope
    return scope


def has_role(user, *roles: Role | str) -> bool:
    return scope_of(user).has(*roles)
