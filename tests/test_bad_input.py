"""No malformed request gives a 500: junk posted to every URL of the matrix, as every role."""

import pytest
from django.urls import reverse

from .test_permission_matrix import MATRIX, ROLES

JUNK = [
    {},
    {"decision": "accept", "decided_on": "not-a-date", "specialist": "x"},
    {"to_status": "ended", "reason": "<script>", "note": "x" * 20000},
    {"first_name": "\x00", "national_id": "9" * 50, "team": "-1", "received_on": "2026-13-45", "kommune": "abc"},
    {"kind": "research", "given_on": "0000-00-00", "withdrawn_on": "99999-01-01"},
    {"page": "-1", "q": "%' OR 1=1 --", "sort": "__class__"},
]


@pytest.mark.parametrize("role", ROLES)
def test_junk_never_gives_a_server_error(world, client_for, role):
    client = client_for(world.persona(role))
    for name, rule in MATRIX.items():
        kwargs = rule.kwargs(world, "own") if rule.kwargs else {}
        url = reverse(name, kwargs=kwargs)
        for data in JUNK:
            assert client.post(url, data).status_code < 500, (name, data)
            assert client.get(url, data).status_code < 500, (name, data)
