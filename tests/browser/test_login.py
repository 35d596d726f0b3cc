import pytest

from tests.factories import PASSWORD

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible_and_logs_in(page, world):
    page.goto("/accounts/login/")
    assert_accessible(page)
    login(page, world.js.email, PASSWORD)
    assert "/caseload/" in page.url
    assert page.get_by_role("heading", level=1).count() == 1
