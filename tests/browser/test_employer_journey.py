"""A job specialist registers an employer from the (fake) Brønnøysund register, logs a
face-to-face contact for a participant, and sees the week's count rise."""

from __future__ import annotations

import pytest
from django.utils import timezone

from bistand.employers.selectors import iso_monday
from tests.factories import PASSWORD
from tests.fakes import FakeBrreg, brreg_unit, serve

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORGNR = "974760673"


@pytest.fixture
def fake_register(settings):
    register = FakeBrreg()
    register.underenheter[ORGNR] = brreg_unit(ORGNR, "REMA 1000 GRÜNERLØKKA")
    with serve(register) as url:
        settings.BISTAND_BRREG_URL = url
        yield register


def test_register_employer_log_contact_and_see_the_weekly_count_rise(page, world, fake_register):
    cell = f"[data-testid='cell-{world.js.pk}-{iso_monday(timezone.localdate()):%Y-%m-%d}']"
    login(page, world.js.email, PASSWORD)

    page.goto("/employer-contacts/weekly/")
    assert page.locator(cell).inner_text().strip().startswith("0")
    assert_accessible(page)

    page.goto("/employers/new/")
    page.fill("#lookup-orgnr", ORGNR)
    page.click("#lookup-button")
    page.wait_for_selector("[data-testid=register-found]")
    assert page.input_value("input[name=name]") == "REMA 1000 GRÜNERLØKKA"
    assert_accessible(page)
    page.click("#employer-save")
    page.wait_for_selector("[data-testid=orgnr]")
    assert page.locator("[data-testid=orgnr]").inner_text() == ORGNR
    assert_accessible(page)

    page.click("#contact-new")
    page.check("input[name=mode][value=face_to_face]")
    page.select_option("select[name=purpose]", "job_development")
    page.check(f"input[name=participants][value='{world.own.pk}']")
    page.fill("textarea[name=outcome]", "Interested in a trial in the warehouse")
    assert_accessible(page)
    page.click("#form-save")

    page.wait_for_url("**/employer-contacts/weekly/")
    assert page.locator(cell).inner_text().strip().startswith("1")
    assert fake_register.requests == [f"/underenheter/{ORGNR}"]
