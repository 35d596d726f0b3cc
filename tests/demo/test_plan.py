"""The demo plan, without a database: deterministic, inside working hours, and every story
a path the participant state machine allows."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from bistand.accounts.enums import Role
from bistand.demo import catalogue
from bistand.demo.plan import StaffMember, build_plan, history_end, is_workday
from bistand.people.enums import TRANSITIONS, Status
from bistand.reference.loaders import read_csv

UNTIL = datetime.date(2025, 6, 30)
NOW = timezone.make_aware(datetime.datetime(2025, 11, 3, 12, 0))


@pytest.fixture(scope="module")
def plan():
    return build_plan(seed=1991, until=UNTIL, now=NOW)


def _plain(value):
    if isinstance(value, StaffMember):
        return value.email
    if isinstance(value, dict):
        return tuple(sorted((k, _plain(v)) for k, v in value.items()))
    return value


def fingerprint(plan):
    staff = [(m.email, m.first_name, m.last_name, tuple(m.seats)) for m in plan.staff]
    stories = [
        (
            s.outcome,
            s.team.name,
            _plain(s.person),
            tuple((st.kind, _plain(st.actor), _plain(st.args), st.at) for st in s.steps),
        )
        for s in plan.stories
    ]
    return staff, stories


def test_plan_is_the_same_for_the_same_seed_and_end_date(plan):
    again = build_plan(seed=1991, until=UNTIL, now=NOW + datetime.timedelta(days=30))

    assert fingerprint(again) == fingerprint(plan)


def test_plan_differs_for_another_seed(plan):
    other = build_plan(seed=1992, until=UNTIL, now=NOW)

    assert [s.person["pseudonym"] for s in other.stories] != [s.person["pseudonym"] for s in plan.stories]
    assert [m.email for m in other.staff] != [m.email for m in plan.staff]


def test_plan_steps_fall_in_working_hours_within_the_history(plan):
    end = timezone.make_aware(datetime.datetime(2025, 6, 30, 15, 30))
    times = [timezone.localtime(step.at) for s in plan.stories for step in s.steps]

    assert plan.end == end
    assert max(times) <= end
    assert min(times).date() < UNTIL - datetime.timedelta(days=2 * 365)
    assert all(is_workday(t.date()) and datetime.time(8) <= t.time() <= datetime.time(15, 30) for t in times)
    assert all([st.at for st in s.steps] == sorted(st.at for st in s.steps) for s in plan.stories), (
        "a story's steps happen in order"
    )


def test_plan_stories_follow_the_state_machine(plan):
    to_status = {"accept": Status.ACCEPTED, "decline": Status.DECLINED, "withdraw": Status.WITHDRAWN}
    for story in plan.stories:
        status = ""
        for step in story.steps:
            if step.kind == "register":
                assert status in ("", Status.DECLINED, Status.WITHDRAWN, Status.ENDED)
                status = Status.REFERRED
            elif step.kind in to_status or step.kind == "status":
                new = to_status.get(step.kind) or step.args["to_status"]
                assert new in TRANSITIONS[status], (status, new)
                status = new
        expected = {"pending": {Status.REFERRED}, "declined": {Status.DECLINED}, "withdrawn": {Status.WITHDRAWN}}
        expected |= {
            "ended": {Status.ENDED},
            "open": {Status.ACCEPTED, Status.ACTIVE, Status.JOB_SEARCH, Status.IN_JOB},
        }
        assert status in expected[story.outcome]


def test_plan_caseloads_keep_to_the_ips_limit_but_one(plan):
    open_by_specialist = Counter(
        next(st.args["specialist"] for st in reversed(s.steps) if st.kind in ("reassign", "accept"))
        for s in plan.stories
        if s.outcome == "open"
    )
    over = [
        (member.email, count)
        for member, count in open_by_specialist.items()
        if count > 20 * next(seat.fte for seat in member.seats if seat.role == Role.JOB_SPECIALIST)
    ]

    assert over == [(plan.teams[0].specialists[0].email, catalogue.OVERLOADED)]


def test_plan_people_are_unique_and_live_where_their_team_works(plan):
    people = [s.person for s in plan.stories]
    ids = [p["national_id"] for p in people if p["national_id"]]

    assert len(set(ids)) == len(ids)
    assert len({p["pseudonym"] for p in people}) == len(people)
    assert len({m.email for m in plan.staff}) == len(plan.staff)
    for story in plan.stories:
        area = {number for number, _ in story.team.template.kommuner} | set(story.team.template.outside)
        assert story.person["kommune"] in area


def test_catalogue_kommuner_are_in_the_reference_data():
    known = {row["number"] for row in read_csv("kommuner.csv")}
    used = {n for o in catalogue.ORGANISATIONS for t in o.teams for n in [*dict(t.kommuner), *t.outside]}

    assert used - known == set()


def test_plan_scale_copies_every_team_with_its_own_staff():
    plan = build_plan(seed=1, until=UNTIL, now=NOW, scale=2)
    names = [(t.organisation, t.name) for t in plan.teams]

    assert len(plan.teams) == 2 * sum(len(o.teams) for o in catalogue.ORGANISATIONS)
    assert len(set(names)) == len(names)
    assert "IPS-team Groruddalen 2" in {t.name for t in plan.teams}


@pytest.mark.parametrize(
    ("until", "now", "expected"),
    [
        # a day in the past ends at the close of that working day
        ("2025-06-30", "2025-11-03 12:00", "2025-06-30 15:30"),
        # today ends now, once the working day has begun
        ("2025-11-03", "2025-11-03 10:15", "2025-11-03 10:15"),
        # early in the morning the history ends the working day before
        ("2025-11-03", "2025-11-03 07:00", "2025-10-31 15:30"),
        # weekends and public holidays move back to the last working day
        ("2025-11-02", "2025-11-03 12:00", "2025-10-31 15:30"),
        ("2024-05-17", "2025-11-03 12:00", "2024-05-16 15:30"),
        ("2025-04-21", "2025-11-03 12:00", "2025-04-16 15:30"),
    ],
)
def test_history_end_is_the_last_working_moment(until, now, expected):
    def at(text):
        return timezone.make_aware(datetime.datetime.fromisoformat(text))

    assert history_end(datetime.date.fromisoformat(until), at(now)) == at(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-04-17", False),  # Maundy Thursday
        ("2025-04-18", False),  # Good Friday
        ("2025-04-21", False),  # Easter Monday
        ("2025-05-01", False),
        ("2025-05-29", False),  # Ascension Day
        ("2025-06-09", False),  # Whit Monday
        ("2024-05-17", False),
        ("2024-12-26", False),
        ("2025-04-22", True),
        ("2025-06-06", True),
        ("2025-06-07", False),  # Saturday
    ],
)
def test_is_workday_knows_norwegian_public_holidays(day, expected):
    assert is_workday(datetime.date.fromisoformat(day)) is expected
