"""Finding reference rows from what outside systems send (NAV's and Brønnøysund's spellings)."""

from __future__ import annotations

from .models import Kommune, Occupation


class KommuneIndex:
    """Kommuner by number and by case-insensitive name, loaded once (356 rows).

    Two names occur twice in the 2020 edition (Herøy, Våler); the county name settles them,
    and without it such a name matches nothing rather than the wrong kommune.
    """

    def __init__(self) -> None:
        self.by_number: dict[str, Kommune] = {}
        self.by_name: dict[str, list[Kommune]] = {}
        for k in Kommune.objects.all():
            self.by_number[k.number] = k
            self.by_name.setdefault(k.name.casefold(), []).append(k)

    def find(self, *, name: str | None = None, number: str | None = None, county: str | None = None) -> Kommune | None:
        if number and (k := self.by_number.get(str(number).strip())):
            return k
        candidates = self.by_name.get((name or "").strip().casefold(), [])
        if len(candidates) == 1:
            return candidates[0]
        if county:
            matches = [k for k in candidates if k.fylke_name.casefold() == county.strip().casefold()]
            if len(matches) == 1:
                return matches[0]
        return None


def unit_group_code(code: str | None) -> str:
    """STYRK-08 unit group (4 digits) of a STYRK code or NAV's finer code ("2342.07" → "2342")."""
    digits = (code or "").strip().split(".")[0]
    return digits if len(digits) == 4 and digits.isdigit() else ""


class OccupationIndex:
    def __init__(self) -> None:
        self.by_code = {o.code: o for o in Occupation.objects.all()}

    def unit_group(self, code: str | None) -> Occupation | None:
        return self.by_code.get(unit_group_code(code))
