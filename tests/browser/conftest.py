"""Browser tests: Playwright (Python) driving Debian's /usr/bin/chromium against the live server.

Never `playwright install`: the browser comes from Debian (`apt-get install chromium`, which
.ci/run does when it is missing). When Chromium is missing these tests fail with that
instruction; they are never skipped silently.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("BISTAND_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium was not found at {CHROMIUM}. Install Debian's package: "
            "`apt-get install chromium` (or set BISTAND_CHROMIUM to its path).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread for the rest of the
    # session; the ORM calls that tests make between browser steps are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}" for v in bad
    )
    assert not bad, f"axe-core violations on {page.url}:\n{details}"


def login(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests flush every table after each test, including the reference data
    that migrations loaded; load it again when it is gone."""
    from bistand.reference.loaders import load_kommuner, load_occupations
    from bistand.reference.models import Kommune, Occupation

    if not Kommune.objects.exists():
        load_kommuner(Kommune)
    if not Occupation.objects.exists():
        load_occupations(Occupation)
