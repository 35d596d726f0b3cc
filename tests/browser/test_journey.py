"""The journey a job specialist takes: from the caseload, log a contact in three
interactions, update the vocational profile and see the earlier version, move the phase,
and watch the work-queue items disappear as they are acted on. axe-core checks each page."""

import re

import pytest
from playwright.sync_api import expect

from tests.casework.factories import ContactFactory, accept, days_ago
from tests.factories import PASSWORD

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def queue_count(page, item):
    return page.locator(f"[data-testid=queue-{item}]")


def test_journey_from_the_caseload(page, world):
    own = world.own
    accept(own, days_ago=40)
    ContactFactory(participant=own, occurred_at=days_ago(20))
    row = f"[data-testid=caseload-row-{own.pk}]"

    login(page, world.js.email, PASSWORD)
    assert page.url.endswith("/caseload/")
    expect(queue_count(page, "no_contact")).to_have_attribute("data-count", "1")
    expect(queue_count(page, "no_employer_contact")).to_have_attribute("data-count", "1")
    expect(page.locator(f"{row} [data-testid=flag-no_contact]")).to_be_visible()
    assert_accessible(page)

    # Log a contact from the caseload: open (1), write the note (2, the note has the focus), save (3).
    page.click(f"[data-testid=log-contact-{own.pk}]")
    form = page.locator("[data-testid=quicklog-form]")
    expect(form).to_be_visible()
    expect(form.locator("textarea[name=note]")).to_be_focused()
    assert_accessible(page)
    page.keyboard.type("Møtte Ola på kafé. Han vil jobbe med mat.")
    page.click("[data-testid=quicklog-save]")
    expect(page.locator("[data-testid=contact-logged]")).to_be_visible()
    expect(queue_count(page, "no_contact")).to_have_attribute("data-count", "0")
    expect(page.locator(f"{row} [data-testid=days-since-contact]")).to_have_attribute("data-days", "0")
    expect(page.locator(f"{row} [data-testid=flag-no_contact]")).to_have_count(0)
    expect(page.locator("[data-testid=quicklog-form]")).to_have_count(0)
    assert_accessible(page)

    # The journey page, then the vocational profile: first version with a STYRK-08 goal.
    page.click(f"{row} a[href$='/journey/']")
    expect(page.locator("[data-testid=timeline] [data-kind=contact]")).to_have_count(2)
    assert_accessible(page)
    page.click("#profile [data-testid=profile-edit]")
    page.fill("[data-testid=picker-search-job_goals]", "kokk")
    page.locator("[data-testid=picker-options-job_goals] input[value]").first.wait_for()
    page.locator("[data-testid=picker-options-job_goals] label", has_text="5120").locator("input").check()
    page.fill("textarea[name=interests]", "Matlaging")
    assert_accessible(page)
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=profile-version]")).to_have_attribute("data-version", "1")

    # Second version: the history shows what changed, and the first version can be opened.
    page.click("[data-testid=profile-edit]")
    expect(page.locator("[data-testid=picker-options-job_goals] input:checked")).to_have_count(1)
    page.fill("textarea[name=interests]", "Matlaging og servering")
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=profile-version]")).to_have_attribute("data-version", "2")
    expect(page.locator("[data-testid=version-2] tr[data-field=interests]")).to_be_visible()
    assert_accessible(page)
    page.click("[data-testid=show-version-1]")
    expect(page.locator("[data-testid=profile-version]")).to_have_attribute("data-version", "1")
    expect(page.locator("[data-testid=profile-version]")).to_contain_text("Matlaging")
    expect(page.locator("[data-testid=profile-version]")).not_to_contain_text("servering")

    # Move the phase on the journey page.
    page.click("[data-testid=nav-journey]")
    page.select_option("[data-testid=phase-form] select[name=to_phase]", "job_search")
    page.click("[data-testid=phase-save]")
    expect(page.locator("[data-testid=current-phase]")).to_have_attribute("data-phase", "job_search")
    expect(page.locator("[data-testid=timeline] [data-kind=phase]")).to_have_count(1)
    assert_accessible(page)

    # Job search starts with an employer contact; the rapid-job-search item disappears.
    expect(page.locator("[data-testid=journey-queue] [data-testid=flag-no_employer_contact]")).to_be_visible()
    page.locator("[data-testid=journey-queue] a[href*='kind=employer']").click()
    page.fill("textarea[name=note]", "Ringte Kafé Sentrum om oppvask og kjøkkenhjelp.")
    assert_accessible(page)
    page.click("[data-testid=contact-save]")
    expect(page.locator("[data-testid=journey-queue]")).to_have_count(0)

    page.goto("/caseload/")
    expect(queue_count(page, "no_employer_contact")).to_have_attribute("data-count", "0")
    expect(page.locator(f"{row} [data-testid=phase]")).to_have_attribute("data-phase", "job_search")
    expect(page.locator(f"{row} [data-testid=flag-no_employer_contact]")).to_have_count(0)
    assert re.search(r"/caseload/$", page.url)


def test_a_long_timeline_shows_the_newest_50_then_older_on_request(page, world):
    own = world.own
    accept(own, days_ago=400)
    for i in range(60):
        ContactFactory(participant=own, occurred_at=days_ago(1 + i * 5), note=f"Kontakt nummer {i}")
    login(page, world.js.email, PASSWORD)
    page.goto(f"/participants/{own.pk}/journey/")
    timeline = page.locator("[data-testid=timeline] li")
    expect(timeline).to_have_count(50)
    expect(page.get_by_text("Kontakt nummer 0", exact=True)).to_be_visible()
    expect(page.get_by_text("Kontakt nummer 59", exact=True)).to_have_count(0)
    with page.expect_response(lambda r: "timeline=100" in r.url):
        page.click("[data-testid=timeline-older]")
    expect(page.get_by_text("Kontakt nummer 59", exact=True)).to_be_visible()
    assert timeline.count() >= 60  # every contact
    expect(page.locator("[data-testid=timeline-older]")).to_have_count(0)
    assert page.url.endswith("/journey/")  # the page stays where it was
    assert_accessible(page)
