"""`bistand bench` on the `world` data: every page measured, valid JSON, the comparison of two
runs. No assertions on timings: they belong to the machine, not to the code."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from bistand.bench import measure, report
from bistand.bench.scenario import FLOOR, MAIN_PAGES, PAGE_TITLES, build_scenario
from bistand.jobs.models import JobOpeningLocation
from bistand.reference.models import Kommune
from tests.casework.factories import ContactFactory
from tests.factories import EmployerContactFactory, EmployerFactory, ParticipantFactory, VacancyFactory


@pytest.fixture
def busy_world(world):
    """The world with something on every page: contacts, a busy employer, a vacancy with a place."""
    for _ in range(3):
        ContactFactory(participant=world.own)
    employer = EmployerFactory(organisation=world.org_a)
    for _ in range(2):
        EmployerContactFactory(employer=employer, specialist=world.js, team=world.team_a1, participants=[world.own])
    kommune = Kommune.objects.order_by("number").first()
    opening = VacancyFactory(title="Lagerarbeider", search_text="lagerarbeid arbeid")
    JobOpeningLocation.objects.create(opening=opening, kommune=kommune, fylke_number=kommune.fylke_number)
    return world


def run_bench(tmp_path, *args) -> dict:
    path = tmp_path / "result.json"
    out = io.StringIO()
    call_command(
        "bench", "--requests", "2", "--warmup", "0", "--json", str(path), *args, stdout=out, stderr=io.StringIO()
    )
    assert "p95/floor" in out.getvalue()
    return json.loads(path.read_text(encoding="utf-8"))


def test_bench_picks_the_busy_cases_as_the_people_who_work_with_them(busy_world):
    scenario = build_scenario()

    assert scenario.skipped == {}
    assert scenario.pages[0].name == FLOOR
    assert {p.name for p in scenario.pages} == set(PAGE_TITLES)
    assert scenario.personas["specialist"] == busy_world.js
    assert scenario.picked["participant"] == {"id": busy_world.own.pk, "contacts": 3}
    assert scenario.personas["team_leader"] == busy_world.tl
    assert scenario.personas["administrator"] == busy_world.admin


def test_bench_writes_every_page_with_times_queries_and_ratio(busy_world, tmp_path):
    result = run_bench(tmp_path, "--label", "world")

    assert result["format"] == measure.FORMAT
    assert result["label"] == "world"
    assert result["requests"] == 2
    assert result["data"]["participants"] == 4
    assert result["skipped"] == {}
    assert set(result["pages"]) == set(PAGE_TITLES)
    for name, page in result["pages"].items():
        assert page["n"] == 2, name
        assert 0 < page["p50_ms"] <= page["p95_ms"] <= page["max_ms"], name
        assert page["queries"] > 0, name
        assert page["ratio"] > 0, name
        assert page["main"] == (name in MAIN_PAGES), name
    assert result["pages"][FLOOR]["ratio"] == 1.0


def test_bench_measures_only_the_pages_asked_for_and_always_the_floor(busy_world, tmp_path):
    result = run_bench(tmp_path, "--pages", "journey,caseload")

    assert set(result["pages"]) == {FLOOR, "journey", "caseload"}


def test_bench_refuses_unknown_pages(busy_world, tmp_path):
    with pytest.raises(CommandError, match="Unknown pages: nope"):
        run_bench(tmp_path, "--pages", "nope")


def test_bench_is_never_run_in_production(busy_world, tmp_path, settings):
    settings.ENVIRONMENT = "production"

    with pytest.raises(CommandError, match="not run in production"):
        run_bench(tmp_path)


def test_bench_without_a_job_specialist_has_nothing_to_measure(db, tmp_path):
    with pytest.raises(CommandError, match="nothing to measure"):
        run_bench(tmp_path)


def fake_result(participants: int, p50: float, p95: float) -> dict:
    pages = {
        name: {"main": name in MAIN_PAGES, "p50_ms": p50, "p95_ms": p95, "ratio": 2.0, "queries": 9}
        for name in PAGE_TITLES
    }
    return {"format": measure.FORMAT, "label": "", "data": {"participants": participants}, "pages": pages}


def test_compare_divides_the_big_run_by_the_small_one(tmp_path):
    small = fake_result(1000, p50=5.0, p95=10.0)
    big = fake_result(100_000, p50=15.0, p95=20.0)
    big["pages"]["journey"]["queries"] += 1
    (tmp_path / "small.json").write_text(json.dumps(small))
    (tmp_path / "big.json").write_text(json.dumps(big))
    out = io.StringIO()

    call_command(
        "bench",
        "--compare",
        str(tmp_path / "small.json"),
        str(tmp_path / "big.json"),
        "--json",
        str(tmp_path / "compare.json"),
        stdout=out,
    )

    comparison = json.loads((tmp_path / "compare.json").read_text())
    assert set(comparison["pages"]) == set(PAGE_TITLES)
    for name, page in comparison["pages"].items():
        assert page["ratio"] == pytest.approx(2, abs=0.01), name
        assert page["ratio_p50"] == pytest.approx(3, abs=0.01), name
        assert page["floor_normalised_ratio"] == pytest.approx(1, abs=0.01), name
    assert comparison["pages"]["journey"]["same_queries"] is False
    assert comparison["pages"]["caseload"]["same_queries"] is True
    assert comparison["big"]["participants"] == 100_000
    assert "100,000" in out.getvalue()


def test_compare_refuses_files_that_are_not_bench_results(tmp_path):
    (tmp_path / "a.json").write_text("{}")

    with pytest.raises(CommandError, match="not a result of bistand bench"):
        call_command("bench", "--compare", str(tmp_path / "a.json"), str(tmp_path / "a.json"), stdout=io.StringIO())


@pytest.mark.parametrize(("p", "expected"), [(50, 5), (95, 10), (100, 10), (0, 1), (10, 1)])
def test_percentile_is_the_nearest_rank(p, expected):
    assert measure.percentile([float(x) for x in range(10, 0, -1)], p) == expected


def test_compare_table_flags_pages_over_the_scale_target():
    page = {"main": True, "p95_ms": 10.0, "p50_ms": 5.0, "ratio": 2.0, "queries": 9}
    small = {"label": "1k", "data": {"participants": 1000}, "pages": {"journey": page}}
    big = {"label": "100k", "data": {"participants": 100_000}, "pages": {"journey": {**page, "p95_ms": 14.0}}}

    table = report.compare_table(report.compare(small, big))

    assert "1.40" in table
    assert table.rstrip().endswith("NO")


def test_specialists_lists_the_biggest_caseloads_first_for_the_load_test(busy_world):
    ParticipantFactory(team=busy_world.team_a1, specialist=busy_world.js2)
    out = io.StringIO()

    call_command("bench", "--specialists", "2", stdout=out)

    assert out.getvalue().split() == [busy_world.js2.email, busy_world.js.email]
