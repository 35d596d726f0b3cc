"""Tables of `bistand bench` results, and the comparison of two runs (e.g. 100k against 1k)."""

from __future__ import annotations

from typing import Any

# Targets of issue #6 (see docs/benchmarks.md).
MAX_RATIO_TO_FLOOR = 3.0  # every main page's p95 at most 3 × the floor's p95
MAX_SCALE_RATIO = 1.3  # p95 at 100,000 participants at most 1.3 × the p95 at 1,000


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    right = [i > 0 for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            str(c).rjust(w) if r else str(c).ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def describe(result: dict[str, Any]) -> str:
    db, data = result["database"], result["data"]
    return (
        f"{result.get('label') or '(no label)'}: {db['vendor']} {db.get('version', '')}, "
        f"{data['participants']:,} participants, {data['contacts']:,} contacts, "
        f"{data['employer_contacts']:,} employer contacts, {data['job_openings']:,} job openings; "
        f"{result['requests']} requests per page after {result['warmup']} warm-up, "
        f"load average {result['machine']['loadavg_before']} → {result['machine']['loadavg_after']}"
    )


def run_table(result: dict[str, Any]) -> str:
    header = ["page", "persona", "p50 ms", "p95 ms", "max ms", "queries", "p95/floor", "target"]
    rows = []
    for name, page in result["pages"].items():
        if name == result["floor"]:
            verdict = "floor"
        elif page["main"]:
            verdict = "ok" if page["ratio"] <= MAX_RATIO_TO_FLOOR else f"> {MAX_RATIO_TO_FLOOR:g}×"
        else:
            verdict = "(extra)"
        rows.append(
            [
                name,
                page["persona"],
                f"{page['p50_ms']:.1f}",
                f"{page['p95_ms']:.1f}",
                f"{page['max_ms']:.1f}",
                str(page["queries"]) + ("" if len(page["queries_seen"]) == 1 else " (varies)"),
                f"{page['ratio']:.2f}",
                verdict,
            ]
        )
    lines = [describe(result), "", _table(header, rows)]
    for name, why in result.get("skipped", {}).items():
        lines.append(f"skipped {name}: {why}")
    return "\n".join(lines)


def compare(small: dict[str, Any], big: dict[str, Any]) -> dict[str, Any]:
    """Per page of both runs: p95 big/small, the same after dividing by each run's floor
    (what is left when the machine was slower or faster as a whole), and both query counts."""
    pages = {}
    for name, b in big["pages"].items():
        a = small["pages"].get(name)
        if a is None:
            continue
        ratio = b["p95_ms"] / a["p95_ms"]
        floor_ratio = b["ratio"] / a["ratio"] if a["ratio"] else None
        pages[name] = {
            "main": b["main"],
            "small_p95_ms": a["p95_ms"],
            "big_p95_ms": b["p95_ms"],
            "small_p50_ms": a["p50_ms"],
            "big_p50_ms": b["p50_ms"],
            "ratio": round(ratio, 2),
            "ratio_p50": round(b["p50_ms"] / a["p50_ms"], 2),
            "floor_normalised_ratio": round(floor_ratio, 2) if floor_ratio is not None else None,
            "small_queries": a["queries"],
            "big_queries": b["queries"],
            "same_queries": a["queries"] == b["queries"],
        }
    return {
        "small": {"label": small.get("label"), "participants": small["data"]["participants"]},
        "big": {"label": big.get("label"), "participants": big["data"]["participants"]},
        "pages": pages,
    }


def compare_table(comparison: dict[str, Any]) -> str:
    small, big = comparison["small"], comparison["big"]
    header = [
        "page",
        f"p95 ms {small['participants']:,}",
        f"p95 ms {big['participants']:,}",
        "p95 ratio",
        "p50 ratio",
        "÷ floor",
        "queries",
        "target",
    ]
    rows = []
    for name, page in comparison["pages"].items():
        queries = (
            str(page["big_queries"]) if page["same_queries"] else f"{page['small_queries']} → {page['big_queries']}"
        )
        if not page["main"]:
            verdict = "(extra)" if name != "floor" else "floor"
        elif page["ratio"] <= MAX_SCALE_RATIO and page["same_queries"]:
            verdict = "ok"
        else:
            verdict = "NO"
        rows.append(
            [
                name,
                f"{page['small_p95_ms']:.1f}",
                f"{page['big_p95_ms']:.1f}",
                f"{page['ratio']:.2f}",
                f"{page['ratio_p50']:.2f}",
                "" if page["floor_normalised_ratio"] is None else f"{page['floor_normalised_ratio']:.2f}",
                queries,
                verdict,
            ]
        )
    title = f"{big['label'] or big['participants']} against {small['label'] or small['participants']}"
    return f"{title}\n\n{_table(header, rows)}"
