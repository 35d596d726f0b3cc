from __future__ import annotations

import pytest


@pytest.fixture
def english(client):
    """For tests that assert on message texts: English in services and in the test client.

    The same fixture as tests/conftest.py's `english` on main (e9b8174, after this branch
    started); this copy keeps the branch's tests right until the merge and can go then."""
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
