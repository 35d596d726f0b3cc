"""`bistand bench`: server-side time and query count of the main pages on the current database."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bistand.bench import measure, report
from bistand.bench.scenario import FLOOR, PAGE_TITLES, build_scenario, busiest_specialists


class Command(BaseCommand):
    help = (
        "Measures the main pages (caseload, journey, employer, vacancy search, team overview, a "
        "participant's access log) against a floor (a trivial page through the same middleware, login "
        "and access checks) on the database of the current settings: p50 and p95 of the server-side "
        "time and the query count, each as the user who works with the page, picked from the data. "
        "The requests are real: they write access-log rows. With --compare A.json B.json it prints "
        "how the pages of run B compare with run A (e.g. 100,000 against 1,000 participants)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--requests", type=int, default=200, help="Timed requests per page (default 200).")
        parser.add_argument("--warmup", type=int, default=10, help="Untimed requests per page first (default 10).")
        parser.add_argument("--json", type=Path, help="Write the result (or the comparison) as JSON to this file.")
        parser.add_argument("--label", default="", help="A name for this run in the tables, e.g. 'sqlite-100k'.")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the page order in each round (default 0).")
        parser.add_argument(
            "--pages",
            default="",
            help=f"Only these pages, comma-separated (the floor is always measured): {', '.join(PAGE_TITLES)}.",
        )
        parser.add_argument(
            "--text", default="arbeid", help="The word of the free-text vacancy search (default 'arbeid')."
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Print the slowest queries of each page with the database's query plan "
            "(EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL).",
        )
        parser.add_argument(
            "--specialists",
            type=int,
            metavar="N",
            help="Print the e-mail addresses of the N job specialists with the largest caseloads, one a line "
            "(the users of the load test, bench/locustfile.py), and measure nothing.",
        )
        parser.add_argument(
            "--compare",
            nargs=2,
            type=Path,
            metavar=("SMALL.json", "BIG.json"),
            help="Compare two result files instead of measuring: p95 of BIG over SMALL per page.",
        )

    def handle(self, *args, **options) -> None:
        if options["compare"]:
            self._compare(*options["compare"], out=options["json"])
            return
        if options["specialists"]:
            for email in busiest_specialists(options["specialists"]):
                self.stdout.write(email)
            return
        if settings.ENVIRONMENT == "production":
            raise CommandError(
                "bistand bench is not run in production: its requests write access-log rows in the name of "
                "real users. Run it on a copy of the data."
            )
        scenario = build_scenario(text=options["text"])
        if options["pages"]:
            wanted = {name.strip() for name in options["pages"].split(",") if name.strip()}
            unknown = wanted - set(PAGE_TITLES)
            if unknown:
                raise CommandError(f"Unknown pages: {', '.join(sorted(unknown))}. Known: {', '.join(PAGE_TITLES)}.")
            scenario.pages = [p for p in scenario.pages if p.name == FLOOR or p.name in wanted]
        verbose = options["verbosity"] >= 1
        if verbose:
            self.stdout.write(
                f"Measuring {len(scenario.pages)} pages × {options['requests']} requests "
                f"(+{options['warmup']} warm-up) on {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} …"
            )

        def progress(done: int, total: int) -> None:
            if verbose and (done == total or done % max(1, total // 10) == 0):
                self.stderr.write(f"  round {done}/{total}")

        try:
            result = measure.run(
                scenario,
                requests=options["requests"],
                warmup=options["warmup"],
                seed=options["seed"],
                progress=progress,
            )
        except measure.BenchError as exc:
            raise CommandError(str(exc)) from exc
        result["label"] = options["label"]
        if verbose:
            self.stdout.write(report.run_table(result))
        if options["explain"]:
            self._explain(result)
        if options["json"]:
            options["json"].parent.mkdir(parents=True, exist_ok=True)
            options["json"].write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            if verbose:
                self.stdout.write(f"Written to {options['json']}")

    def _compare(self, small_path: Path, big_path: Path, *, out: Path | None) -> None:
        try:
            small = json.loads(small_path.read_text(encoding="utf-8"))
            big = json.loads(big_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the results: {exc}") from exc
        for path, result in ((small_path, small), (big_path, big)):
            if result.get("format") != measure.FORMAT:
                raise CommandError(f"{path} is not a result of bistand bench ({measure.FORMAT})")
        comparison = report.compare(small, big)
        self.stdout.write(report.compare_table(comparison))
        if out:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(comparison, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def _explain(self, result: dict) -> None:
        from django.db import connection

        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        for name, page in result["pages"].items():
            for query in page["slowest_queries"]:
                sql = query["sql"]
                self.stdout.write(f"\n--- {name}: {query['ms']:.2f} ms\n{sql}")
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                try:
                    with connection.cursor() as cursor:
                        cursor.execute(prefix + sql)
                        rows = cursor.fetchall()
                except Exception as exc:  # a logged SQL with quoted parameters may not run again as is
                    self.stdout.write(f"  (no plan: {exc})")
                    continue
                for row in rows:
                    self.stdout.write("  " + " | ".join(str(c) for c in row))
