"""Job specialists at work, for the load test of issue #6 (see docs/benchmarks.md).

Each simulated user is one job specialist from the data, logged in through the real login
form, who opens the caseload (filters, sorts, pages, the HTMX partial), opens a participant's
journey, logs a contact from the caseload (the HTMX quick log: open the form, POST it with
the CSRF token) and searches vacancies (a county, a word, the next page).

    BENCH_USERS=/tmp/specialists.txt .venv/bin/locust -f bench/locustfile.py --headless \
        --host http://127.0.0.1:8001 --users 50 --spawn-rate 5 --run-time 3m --csv /tmp/load

BENCH_USERS: a file with one job specialist's e-mail a line (`bistand bench --specialists 50`);
BENCH_PASSWORD: their password (default: the demo password on local runs).
BENCH_WAIT: think time between two clicks, "min,max" seconds (default "1,5").
BENCH_SUMMARY: a JSON file for the summary of the steady state: the work after every user has
arrived, without the logins (which hash a password on purpose, about 0.6 s of CPU each, and
happen once while the users arrive): requests, failures, requests per second, p50/p95/p99
over all of it and per request name.
"""

from __future__ import annotations

import datetime
import json
import logging
import math
import os
import random
import re
import time
from html.parser import HTMLParser
from itertools import count
from pathlib import Path
from zoneinfo import ZoneInfo

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "bistand-demo-2025")
WAIT_MIN, WAIT_MAX = (float(x) for x in os.environ.get("BENCH_WAIT", "1,5").split(","))
EMAILS = [line.strip() for line in Path(os.environ.get("BENCH_USERS", "specialists.txt")).read_text().splitlines()]
EMAILS = [e for e in EMAILS if e and not e.startswith("#")]
NEXT_USER = count()
OSLO = ZoneInfo("Europe/Oslo")
HTMX = {"HX-Request": "true"}

JOURNEY = re.compile(r'href="/participants/(\d+)/journey/"')
QUICKLOG = re.compile(r'hx-get="/participants/(\d+)/contacts/new/"')
FYLKE_OPTION = re.compile(r'<option value="(\d{2})"')
NEXT_AFTER = re.compile(r"[?&;]after=([0-9]+_[0-9]+)")
WORDS = ("butikk", "lager", "renhold", "kjøkken", "barnehage", "sjåfør", "assistent", "kafé")
SORTS = ("name", "-name", "status", "contact", "changed", "created")
QUEUES = ("", "", "", "no_contact", "no_employer_contact", "next_step_overdue", "plan_review_overdue")


class FormFields(HTMLParser):
    """The fields of the first form in a page, with the values a browser would send."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self._text = ""
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self._done:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select is not None:
            if self._select_value is None or "selected" in a:
                self._select_value = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            self.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self._done = True


# --- The summary of the work (every request but the logins) ---------------------------------

WORK: dict[str, list[float]] = {}
FAILED: dict[str, int] = {}
SPAN: list[float] = []  # the first and the latest time a work request ended


@events.spawning_complete.add_listener
def _start_summary(user_count, **kwargs) -> None:
    """The summary counts from when every user has arrived (and logged in): the steady state."""
    WORK.clear()
    FAILED.clear()
    SPAN.clear()


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs) -> None:
    if name.startswith("login"):
        return
    WORK.setdefault(name, []).append(response_time)
    if exception is not None:
        FAILED[name] = FAILED.get(name, 0) + 1
    now = time.monotonic()
    SPAN[:] = [SPAN[0] if SPAN else now, now]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1], 1)


def _summary(values: list[float], failures: int, seconds: float) -> dict:
    return {
        "requests": len(values),
        "failures": failures,
        "rps": round(len(values) / seconds, 2) if seconds else None,
        "p50_ms": _percentile(values, 50),
        "p95_ms": _percentile(values, 95),
        "p99_ms": _percentile(values, 99),
        "max_ms": round(max(values), 1),
    }


@events.quitting.add_listener
def _write_summary(environment, **kwargs) -> None:
    path = os.environ.get("BENCH_SUMMARY")
    if not path or not WORK:
        logging.getLogger(__name__).warning("no summary written (BENCH_SUMMARY=%r, %s names)", path, len(WORK))
        return
    seconds = SPAN[1] - SPAN[0] if len(SPAN) == 2 else 0.0
    everything = [t for values in WORK.values() for t in values]
    summary = {
        "users": getattr(environment.parsed_options, "num_users", None),
        "wait_seconds": [WAIT_MIN, WAIT_MAX],
        "seconds": round(seconds, 1),
        "work": _summary(everything, sum(FAILED.values()), seconds),
        "by_name": {name: _summary(v, FAILED.get(name, 0), seconds) for name, v in sorted(WORK.items())},
    }
    Path(path).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    logging.getLogger(__name__).info("summary of %s work requests written to %s", len(everything), path)


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


class JobSpecialist(HttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self) -> None:
        self.email = EMAILS[next(NEXT_USER) % len(EMAILS)]
        self.participants: list[str] = []
        self.workable: list[str] = []
        self.fylker: list[str] = []
        self.login()
        self.caseload()

    def login(self) -> None:
        self.client.get("/accounts/login/", name="login form")
        with self.client.post(
            "/accounts/login/",
            data={
                "login": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure(f"login failed for {self.email} ({response.status_code})")

    def _remember(self, html: str) -> None:
        self.participants = JOURNEY.findall(html) or self.participants
        self.workable = QUICKLOG.findall(html) or self.workable

    @task(4)
    def caseload(self) -> None:
        """The caseload: first the page, then a filter or a sort or a page (the HTMX partial)."""
        response = self.client.get("/caseload/", name="caseload")
        self._remember(response.text)
        params = {"sort": random.choice(SORTS)}
        if queue := random.choice(QUEUES):
            params["queue"] = queue
        if random.random() < 0.3:
            params["page"] = "2"
        response = self.client.get("/caseload/", params=params, headers=HTMX, name="caseload (filter, htmx)")
        self._remember(response.text)

    @task(3)
    def journey(self) -> None:
        if self.participants:
            pk = random.choice(self.participants)
            self.client.get(f"/participants/{pk}/journey/", name="journey")

    @task(1)
    def log_contact(self) -> None:
        """Open the quick log on the caseload, write a note, save (HTMX POST with the CSRF token)."""
        if not self.workable:
            return
        pk = random.choice(self.workable)
        url = f"/participants/{pk}/contacts/new/"
        form = self.client.get(url, headers=HTMX, name="log contact: form (htmx)")
        data = dict(form_fields(form.text))
        when = datetime.datetime.now(OSLO) - datetime.timedelta(minutes=random.randint(5, 240))
        data |= {
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "note": "Snakket om jobbønsker og neste møte med arbeidsgiver. (lasttest)",
        }
        headers = {**HTMX, "X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": f"{self.host}/caseload/"}
        with self.client.post(
            url, data=data, headers=headers, name="log contact: save (htmx)", catch_response=True
        ) as r:
            if r.status_code == 200 and 'data-testid="contact-logged"' not in r.text:
                r.failure("the contact was not logged: " + r.text[:300])

    @task(2)
    def vacancy_search(self) -> None:
        """A county, sometimes a word, sometimes the next page."""
        params = {}
        if self.fylker:
            params["fylke"] = random.choice(self.fylker)
        if random.random() < 0.3:
            params["q"] = random.choice(WORDS)
        response = self.client.get("/jobs/", params=params, name="vacancy search")
        self.fylker = self.fylker or FYLKE_OPTION.findall(response.text)
        after = NEXT_AFTER.search(response.text)
        if after and random.random() < 0.3:
            self.client.get(
                "/jobs/", params={**params, "after": after.group(1)}, headers=HTMX, name="vacancy search (next, htmx)"
            )
