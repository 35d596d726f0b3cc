"""A job specialist records a hire from the job-finding funnel, sees the follow-along
schedule and the work-queue item appear, records two follow-ups with support levels (the
chart draws them), ends the placement, and finds the participant back in job search with
the "contact within 3 days" prompt in the work queue, which a contact clears. axe-core
checks each page; a screenshot of the chart is saved for a person to look at
(set BISTAND_SCREENSHOTS to a folder to keep it)."""

from __future__ import annotations

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bistand.jobs import services as job_services
from bistand.jobs.enums import LeadStage
from tests.casework.factories import accept
from tests.factories import PASSWORD, EmployerFactory
from tests.placements.factories import opening_for

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def local_input(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def queue(page, item):
    return page.locator(f"[data-testid=queue-{item}]")


def test_hire_follow_up_and_end_a_placement(page, world, tmp_path):
    own = world.own
    accept(own, days_ago=40)
    employer = EmployerFactory(organisation=world.org_a, name="Kiwi Torshov")
    lead = job_services.lead_propose(
        actor=world.js, participant=own, opening=opening_for(world, employer), occurred_on=timezone.localdate()
    )
    for stage in (LeadStage.INTERESTED, LeadStage.PRESENTED, LeadStage.INTERVIEW):
        lead = job_services.lead_advance(actor=world.js, lead=lead, to_stage=stage, occurred_on=timezone.localdate())
    start = timezone.localdate() - datetime.timedelta(days=2)

    login(page, world.js.email, PASSWORD)
    expect(queue(page, "follow_along_due")).to_have_attribute("data-count", "0")

    # The funnel's hire step hands over to the placement form, prefilled from the lead.
    page.goto(f"/participants/{own.pk}/job-search/")
    page.click(f"a[href='/job-leads/{lead.pk}/advance/']")
    page.select_option("select[name=to_stage]", "hired")
    page.click("#form-save")
    expect(page.locator("[data-testid=hire-lead]")).to_be_visible()
    expect(page.locator("input[name=job_title]")).to_have_value("Butikkmedarbeider")
    assert_accessible(page)
    page.check("input[name=permanence][value=permanent]")
    page.fill("input[name=start_date]", start.isoformat())
    page.fill("input[name=hours_per_week]", "20")
    page.fill("input[name=hourly_wage]", "215")
    page.fill("textarea[name=accommodations]", "Faste oppgaver på lageret, pause når han trenger det.")
    page.click("[data-testid=save]")

    # The placement page with its follow-along schedule.
    expect(page.locator("[data-testid=placement-state]")).to_have_attribute("data-state", "open")
    expect(page.locator("[data-testid=participant-status]")).to_have_attribute("data-status", "in_job")
    expect(page.locator("[data-testid=due-row][data-kind=after_start]")).to_have_attribute("data-state", "open")
    expect(page.locator("[data-testid=due-row][data-kind=weekly]")).to_have_count(4)
    expect(page.locator("[data-testid=no-chart]")).to_be_visible()
    assert_accessible(page)
    placement_url = page.url

    # The contact after the start is due: it is in the caseload's work queue.
    page.goto("/caseload/")
    expect(queue(page, "follow_along_due")).to_have_attribute("data-count", "1")
    queue(page, "follow_along_due").click()
    expect(page.locator("[data-testid=due-list] tbody tr")).to_have_count(1)
    assert_accessible(page)

    # Two follow-ups: with the employee before the start, then with the employee and the employer.
    page.goto(placement_url)
    page.click("[data-testid=record-follow-up]")
    page.fill("input[name=occurred_at]", local_input(timezone.now() - datetime.timedelta(days=3)))
    page.check("input[name=mode][value=phone]")
    page.check("input[name=support_level][value='5']")
    page.fill("textarea[name=natural_supports]", "Ingen ennå")
    assert_accessible(page)
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=follow-up-row]")).to_have_count(1)

    page.click("[data-testid=record-follow-up]")
    page.check("input[name=with_employer]")
    page.check("input[name=support_level][value='3']")
    page.fill("textarea[name=natural_supports]", "Kari på lageret viser rutinene")
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=follow-up-row]")).to_have_count(2)
    expect(page.locator("[data-testid=due-row][data-kind=after_start]")).to_have_attribute("data-state", "met")

    chart = page.locator("[data-testid=support-chart]")
    expect(chart.locator("svg[data-points]")).to_have_attribute("data-points", "2")
    expect(chart.locator("[data-shape=circle]")).to_have_attribute("data-level", "5")
    expect(chart.locator("[data-shape=diamond]")).to_have_attribute("data-level", "3")
    assert_accessible(page)
    chart.scroll_into_view_if_needed()
    # Saved for a person to look at: BISTAND_SCREENSHOTS=/tmp keeps it after the run.
    chart.screenshot(path=os.path.join(os.environ.get("BISTAND_SCREENSHOTS") or tmp_path, "support-chart.png"))

    page.goto("/caseload/")
    expect(queue(page, "follow_along_due")).to_have_attribute("data-count", "0")

    # The job ends: back in job search, and a contact is due within 3 days.
    page.goto(placement_url)
    page.click("[data-testid=end-placement]")
    page.check("input[name=end_reason][value=dismissed]")
    page.fill("textarea[name=note]", "Nedbemanning på lageret.")
    assert_accessible(page)
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=placement-state]")).to_have_attribute("data-state", "ended")
    expect(page.locator("[data-testid=participant-status]")).to_have_attribute("data-status", "job_search")
    expect(page.locator("[data-testid=job-ended-prompt]")).to_be_visible()
    expect(page.locator("[data-testid=due-row][data-state=cancelled]")).to_have_count(3)  # weeks 2–4; week 1 was met
    assert_accessible(page)

    page.goto("/caseload/")
    row = f"[data-testid=caseload-row-{own.pk}]"
    expect(page.locator(f"{row} .status-job_search")).to_be_visible()
    expect(queue(page, "job_ended")).to_have_attribute("data-count", "1")
    assert_accessible(page)

    # A contact with the participant, logged from the caseload, clears the prompt.
    page.click(f"[data-testid=log-contact-{own.pk}]")
    page.keyboard.type("Ringte. Vi lager en plan for neste jobb på torsdag.")
    page.click("[data-testid=quicklog-save]")
    expect(page.locator("[data-testid=contact-logged]")).to_be_visible()
    expect(queue(page, "job_ended")).to_have_attribute("data-count", "0")
