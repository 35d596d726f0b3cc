"""A job specialist registers a referral, accepts it and finds the participant in the caseload."""

import pytest
from django.urls import reverse

from bistand.people.enums import Status
from bistand.people.models import Participant
from tests.factories import PASSWORD

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_specialist_registers_accepts_and_finds_the_participant(page, world):
    login(page, world.js.email, PASSWORD)
    assert_accessible(page)  # the caseload

    page.goto("/referrals/new/")
    assert_accessible(page)
    page.fill("#id_first_name", "Ingrid")
    page.fill("#id_last_name", "Nettlesersen")
    page.select_option("#id_service_model", "ips")
    page.select_option("#id_source", "health_service")
    page.fill("#id_referrer_name", "Dr. Lege")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/referrals/*/decide/")

    # A bad decision first: declining without a reason is refused with a message.
    page.check("input[name=decision][value=decline]")
    page.locator("form.form button[type=submit]").click()
    assert page.locator("#field-decline_reason .error").count() == 1
    assert_accessible(page)

    page.check("input[name=decision][value=accept]")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/participants/*/")
    assert_accessible(page)

    participant = Participant.objects.get(last_name="Nettlesersen")
    assert (participant.status, participant.specialist_id) == (Status.ACCEPTED, world.js.pk)

    page.goto("/caseload/")
    # Wait for the HTMX search to answer, so no request is still running when the test ends.
    with page.expect_response(lambda r: "/caseload/" in r.url and "q=Nettles" in r.url):
        page.fill("#id_q", "Nettles")
    page.wait_for_load_state("networkidle")
    link = page.locator(f'a[href="{reverse("casework:journey", args=[participant.pk])}"]')
    link.wait_for()
    assert "Nettlesersen" in link.inner_text()
    assert_accessible(page)
