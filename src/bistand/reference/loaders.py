"""Loads the shipped reference CSV files; used by data migrations and tests."""

from __future__ import annotations

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_kommuner(Kommune) -> int:
    rows = read_csv("kommuner.csv")
    existing = set(Kommune.objects.values_list("number", flat=True))
    Kommune.objects.bulk_create(
        [
            Kommune(number=r["number"], name=r["name"], fylke_number=r["fylke_number"], fylke_name=r["fylke_name"])
            for r in rows
            if r["number"] not in existing
        ]
    )
    return len(rows)


def load_occupations(Occupation) -> int:
    rows = sorted(read_csv("styrk08.csv"), key=lambda r: int(r["level"]))
    by_code = {o.code: o for o in Occupation.objects.all()}
    for level in (1, 2, 3, 4):
        new = [
            Occupation(code=r["code"], level=level, name=r["name_nb"], parent=by_code.get(r["parent_code"]))
            for r in rows
            if int(r["level"]) == level and r["code"] not in by_code
        ]
        for o in Occupation.objects.bulk_create(new):
            by_code[o.code] = o
    return len(rows)
