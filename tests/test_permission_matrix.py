"""Every URL in the URLconf × every role × own / same-team / other-team record.

A URL missing from MATRIX or PUBLIC fails the test, so a new page cannot ship without
deciding who may reach it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bistand.accounts.enums import Role
from bistand.people.enums import ConsentKind, ReferralSource
from bistand.people.models import Consent, Referral

ROLES = [Role.JOB_SPECIALIST, Role.TEAM_LEADER, Role.PROGRAM_MANAGER, Role.RESEARCHER, Role.ADMINISTRATOR]
RECORDS = ["own", "same_team", "other_team"]
JS, TL, PM, RS, AD = ROLES


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                walk(
                    p.url_patterns,
                    f"{namespace}:{p.namespace}" if namespace and p.namespace else ns,
                    prefix + str(p.pattern),
                )
            elif isinstance(p, URLPattern):
                name = p.name or f"<unnamed {prefix}{p.pattern}>"
                names.add(f"{namespace}:{name}" if namespace else name)

    walk(get_resolver().url_patterns, None, "")
    return names


def participant_pk(world, which):
    return {"pk": world.record(which).pk}


def referral_pk(world, which):
    participant = world.record(which)
    referral = Referral.objects.create(
        participant=participant,
        team=participant.team,
        received_on=datetime.date(2026, 1, 5),
        source=ReferralSource.NAV,
        registered_by=world.tl,
    )
    return {"pk": referral.pk}


def consent_pk(world, which):
    participant = world.record(which)
    consent = Consent.objects.create(
        participant=participant, kind=ConsentKind.PROCESSING, given_on=datetime.date(2026, 1, 5), recorded_by=world.tl
    )
    return {"pk": consent.pk}


@dataclass
class Rule:
    """Expected status per role (and per record, for object URLs)."""

    expect: dict[str, int | dict[str, int]]
    kwargs: Callable | None = None  # (world, which) -> kwargs, for object URLs
    method: str = "get"
    data: dict = field(default_factory=dict)


def by_record(own: int, same_team: int, other_team: int) -> dict[str, int]:
    return {"own": own, "same_team": same_team, "other_team": other_team}


HIDDEN = by_record(404, 404, 404)

MATRIX: dict[str, Rule] = {
    "accounts:home": Rule({JS: 302, TL: 302, PM: 302, RS: 302, AD: 302}),
    "accounts:ping": Rule({JS: 200, TL: 200, PM: 200, RS: 200, AD: 200}),
    "people:referral_create": Rule({JS: 200, TL: 200, PM: 403, RS: 403, AD: 403}),
    "people:team_overview": Rule({JS: 403, TL: 200, PM: 200, RS: 403, AD: 403}),
    "people:research_participants": Rule({JS: 403, TL: 403, PM: 403, RS: 200, AD: 403}),
    "people:access_log_search": Rule({JS: 403, TL: 403, PM: 403, RS: 403, AD: 200}),
    "people:participant_detail": Rule(
        {
            JS: by_record(200, 404, 404),
            TL: by_record(200, 200, 404),
            PM: by_record(200, 200, 404),
            RS: HIDDEN,
            AD: HIDDEN,
        },
        kwargs=participant_pk,
    ),
    "people:participant_edit": Rule(
        {
            JS: by_record(200, 404, 404),
            TL: by_record(200, 200, 404),
            PM: by_record(403, 403, 404),
            RS: HIDDEN,
            AD: HIDDEN,
        },
        kwargs=participant_pk,
    ),
    "people:participant_status": Rule(
        {
            JS: by_record(302, 404, 404),
            TL: by_record(302, 302, 404),
            PM: by_record(403, 403, 404),
            RS: HIDDEN,
            AD: HIDDEN,
        },
        kwargs=participant_pk,
        method="post",
    ),
    "people:participant_reassign": Rule(
        {
            JS: by_record(403, 404, 404),
            TL: by_record(200, 200, 404),
            PM: by_record(403, 403, 404),
            RS: HIDDEN,
            AD: HIDDEN,
        },
        kwargs=participant_pk,
    ),
    "people:consent_add": Rule(
        {
            JS: by_record(200, 404, 404),
            TL: by_record(200, 200, 404),
            PM: by_record(403, 403, 404),
            RS: HIDDEN,
            AD: HIDDEN,
        },
        kwargs=participant_pk,
    ),
    "people:consent_withdraw": Rule(
        {
            JS: by_record(200, 404, 404),
            TL: by_record(200, 200, 404),
            PM: by_record(403, 403, 404),
            RS: HIDDEN,
            AD: HIDDEN,
        },
        kwargs=consent_pk,
    ),
    "people:referral_decide": Rule(
        {
            JS: by_record(200, 404, 404),
            TL: by_record(200, 200, 404),
            PM: by_record(404, 404, 404),
            RS: HIDDEN,
            AD: HIDDEN,
        },
        kwargs=referral_pk,
    ),
    "people:participant_access_log": Rule(
        {
            JS: by_record(403, 403, 403),
            TL: by_record(403, 403, 403),
            PM: by_record(403, 403, 403),
            RS: by_record(403, 403, 403),
            AD: by_record(200, 200, 404),
        },
        kwargs=participant_pk,
    ),
}

# Reachable without a login (login, password reset, language switch, health check).
PUBLIC = {
    "core:healthz",
    "set_language",
    "account_login",
    "account_logout",
    "account_signup",
    "account_reauthenticate",
    "account_email",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_change_password",
    "account_set_password",
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_login_code_confirm",
    "account_request_login_code",
    "account_confirm_login_code",
    "account_confirm_password_reset_code",
    "account_request_password_reset_code",
    "account_reset_password_from_code",
    "account_reset_password_done_code",
    "mfa_index",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
    "mfa_remove_webauthn",
    "mfa_edit_webauthn",
    "mfa_login_webauthn",
    "mfa_reauthenticate_webauthn",
    "mfa_signup_webauthn",
    "mfa_trust",
    "mfa_signup_code",
    "account_confirm_email_code",
    "account_email_verification_sent_code",
    "account_confirm_reauthentication_code",
    "account_request_reauthentication_code",
}


def app_matrices() -> set[str]:
    """URL names covered by the apps' own matrix tests (same roles × records, with the
    records those pages need)."""
    from .casework.test_permission_matrix import EXPECTED as casework
    from .placements.test_permission_matrix import EXPECTED as placements
    from .test_employers_jobs_matrix import MATRIX as employers_jobs

    return set(casework) | set(employers_jobs) | set(placements)


def test_every_url_is_in_the_matrix():
    covered = set(MATRIX) | PUBLIC | app_matrices()
    missing = sorted(n for n in all_url_names() if n not in covered)
    assert missing == [], f"URLs without a permission rule: {missing}"


def _cases():
    for name, rule in MATRIX.items():
        for role in ROLES:
            expected = rule.expect[role]
            if isinstance(expected, dict):
                for which in RECORDS:
                    yield pytest.param(name, role, which, expected[which], id=f"{name}-{role}-{which}")
            else:
                yield pytest.param(name, role, None, expected, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "role", "which", "expected"), list(_cases()))
def test_permission_matrix(world, client_for, name, role, which, expected):
    rule = MATRIX[name]
    kwargs = rule.kwargs(world, which) if rule.kwargs else {}
    client = client_for(world.persona(role))
    response = getattr(client, rule.method)(reverse(name, kwargs=kwargs), rule.data)
    assert response.status_code == expected


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_is_sent_to_login(world, client, name):
    rule = MATRIX[name]
    kwargs = rule.kwargs(world, "own") if rule.kwargs else {}
    response = getattr(client, rule.method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_researcher_sees_no_identifying_field_anywhere(world, client_for):
    assert world.own.national_id, "the test needs an identity number to look for"
    identifying = [world.own.national_id, world.own.phone, world.own.email]
    for p in (world.own, world.same_team, world.other_team, world.other_team_same_org):
        identifying += [p.first_name, p.last_name]
    client = client_for(world.researcher)
    for name, rule in MATRIX.items():
        if rule.method != "get":
            continue
        targets = [rule.kwargs(world, w) for w in RECORDS] if rule.kwargs else [{}]
        for kwargs in targets:
            response = client.get(reverse(name, kwargs=kwargs), follow=True)
            body = response.content.decode()
            for value in identifying:
                assert value not in body, f"{name} shows {value!r} to a researcher"
