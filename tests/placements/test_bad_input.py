"""No malformed request to a placements URL gives a 500, and nothing is half-saved."""

import pytest

from bistand.placements.models import FollowUp, Placement

from .test_permission_matrix import EXPECTED, _url, records  # noqa: F401 (fixture)

JUNK = [
    {},
    {"hours_per_week": "NaN", "hourly_wage": "1e999", "start_date": "2026-13-45", "employer": "-1", "kind": "x"},
    {"wage_subsidy": "time_limited", "wage_subsidy_percent": "9" * 30, "career_goals": ["nope"], "occupation": "abc"},
    {"occurred_at": "99999-01-01T10:00", "duration_minutes": "-5", "support_level": "7", "mode": "<script>"},
    {"support_level": "one", "with_employer": "on", "employer_person": "99999999999999999999999"},
    {"end_date": "0000-00-00", "end_reason": "bored", "note": "x" * 20000},
    {"before_start_days": "-1", "monthly_days": "1e3", "weekly_weeks": "99999999999999999999"},
    {"hired_on": "tomorrow", "mine": "2", "queue": "__class__", "page": "-1", "q": "%' OR 1=1 --"},
]


@pytest.mark.parametrize("who", ["js", "tl"])
def test_junk_never_gives_a_server_error(world, records, client, who):  # noqa: F811
    client.force_login(world.js if who == "js" else world.tl)
    before = (Placement.objects.count(), FollowUp.objects.count())
    for name, (target, _method, _expected) in EXPECTED.items():
        url = _url(name, target, records["own"])
        for data in JUNK:
            assert client.post(url, data).status_code < 500, (name, data)
            assert client.get(url, data).status_code < 500, (name, data)
    assert (Placement.objects.count(), FollowUp.objects.count()) == before
