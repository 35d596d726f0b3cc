"""Service models as versioned definitions kept in the repository.

Each file in `definitions/` describes one service model (SE five-stage process, IPS, IPS for
youth, Customized Employment, school-to-work transition): its ordered phases with names in
bokmål, nynorsk and English, short guidance for the job specialist, and the model's
principles. They are read and validated once, at start-up (see `apps.py`); a broken file
stops the process with a message naming the file.

To correct a text, edit the file and raise its `version`. Enrolments and phase changes keep
the version they were made under; a phase key must never be reused for another meaning.
"""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import get_language

from bistand.people.enums import ServiceModel

from .enums import YOUTH_AGE_LIMIT

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
LANGUAGES = ("nb", "nn", "en")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class DefinitionError(ImproperlyConfigured):
    pass


@dataclass(frozen=True)
class Text:
    """A short text in bokmål, nynorsk and English; shown in the user's language."""

    nb: str
    nn: str
    en: str

    def __str__(self) -> str:
        language = (get_language() or "nb").split("-")[0]
        return getattr(self, language) if language in LANGUAGES else self.en


@dataclass(frozen=True)
class Phase:
    key: str
    number: int
    name: Text
    guidance: Text

    def __str__(self) -> str:
        return str(self.name)


@dataclass(frozen=True)
class Principle:
    number: int
    text: Text


@dataclass(frozen=True)
class ServiceModelDefinition:
    key: str
    version: int
    name: Text
    source: str
    youth: bool
    phases: tuple[Phase, ...]
    principles: tuple[Principle, ...]

    def phase(self, key: str) -> Phase | None:
        return next((p for p in self.phases if p.key == key), None)

    @property
    def phase_choices(self) -> list[tuple[str, str]]:
        return [(p.key, f"{p.number}. {p.name}") for p in self.phases]

    def __str__(self) -> str:
        return str(self.name)


def _text(value, where: str) -> Text:
    if not isinstance(value, dict):
        raise DefinitionError(f"{where}: expected a table with {', '.join(LANGUAGES)}")
    missing = [lang for lang in LANGUAGES if not str(value.get(lang, "")).strip()]
    if missing:
        raise DefinitionError(f"{where}: missing text in {', '.join(missing)}")
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise DefinitionError(f"{where}: unknown language {', '.join(sorted(unknown))}")
    return Text(**{lang: " ".join(str(value[lang]).split()) for lang in LANGUAGES})


def parse_definition(data: dict, source: str) -> ServiceModelDefinition:
    """Validates one parsed file. Raises DefinitionError naming `source` and the problem."""
    key = data.get("key")
    if key not in ServiceModel.values:
        raise DefinitionError(f"{source}: key {key!r} is not one of {', '.join(ServiceModel.values)}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DefinitionError(f"{source}: version must be a whole number from 1")
    phases_data = data.get("phases")
    if not isinstance(phases_data, list) or not phases_data:
        raise DefinitionError(f"{source}: at least one [[phases]] is needed")
    phases, seen = [], set()
    for number, raw in enumerate(phases_data, start=1):
        where = f"{source}: phase {number}"
        phase_key = raw.get("key") if isinstance(raw, dict) else None
        if not isinstance(phase_key, str) or not _KEY.match(phase_key):
            raise DefinitionError(f"{where}: key must be lower-case letters, digits and _")
        if phase_key in seen:
            raise DefinitionError(f"{where}: phase key {phase_key!r} is used twice")
        seen.add(phase_key)
        phases.append(
            Phase(
                key=phase_key,
                number=number,
                name=_text(raw.get("name"), f"{where} name"),
                guidance=_text(raw.get("guidance"), f"{where} guidance"),
            )
        )
    principles = []
    for number, raw in enumerate(data.get("principles", []), start=1):
        if not isinstance(raw, dict) or raw.get("number") != number:
            raise DefinitionError(f"{source}: principles must be numbered 1, 2, 3 … in order")
        principles.append(Principle(number=number, text=_text(raw.get("text"), f"{source}: principle {number}")))
    youth = data.get("youth", False)
    if not isinstance(youth, bool):
        raise DefinitionError(f"{source}: youth must be true or false")
    return ServiceModelDefinition(
        key=key,
        version=version,
        name=_text(data.get("name"), f"{source}: name"),
        source=str(data.get("source", "")).strip(),
        youth=youth,
        phases=tuple(phases),
        principles=tuple(principles),
    )


def load_directory(directory: Path) -> dict[str, ServiceModelDefinition]:
    found: dict[str, ServiceModelDefinition] = {}
    for path in sorted(directory.glob("*.toml")):
        try:
            with path.open("rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise DefinitionError(f"{path.name}: {exc}") from exc
        definition = parse_definition(data, path.name)
        if definition.key in found:
            raise DefinitionError(f"{path.name}: service model {definition.key!r} is defined twice")
        found[definition.key] = definition
    missing = set(ServiceModel.values) - set(found)
    if missing:
        raise DefinitionError(f"{directory}: no definition for {', '.join(sorted(missing))}")
    return found


@functools.cache
def definitions() -> dict[str, ServiceModelDefinition]:
    """Every service model's definition, by people.enums.ServiceModel value."""
    return load_directory(DEFINITIONS_DIR)


def definition_of(service_model: str) -> ServiceModelDefinition:
    return definitions()[service_model]


def phase_label(service_model: str, phase_key: str) -> str:
    """The phase's name in the user's language; the bare key if a later version dropped it."""
    if not phase_key:
        return ""
    definition = definitions().get(service_model)
    phase = definition.phase(phase_key) if definition else None
    return f"{phase.number}. {phase.name}" if phase else phase_key


def age_on(birth_date: datetime.date | None, day: datetime.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def youth_roles_apply(participant, today: datetime.date | None = None) -> bool:
    """The four helper roles and the inclusion path apply to the youth models and to
    every participant under 26 (Frøyland 2018)."""
    definition = definitions().get(participant.service_model)
    if definition is not None and definition.youth:
        return True
    age = age_on(participant.birth_date, today or timezone.localdate())
    return age is not None and age < YOUTH_AGE_LIMIT
