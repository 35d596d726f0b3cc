import pytest
from django.utils import translation

from bistand.casework.service_models import (
    DEFINITIONS_DIR,
    LANGUAGES,
    DefinitionError,
    definitions,
    load_directory,
    phase_label,
)
from bistand.people.enums import ServiceModel

VALID = """
key = "ips"
version = 1
name = { nb = "IPS", nn = "IPS", en = "IPS" }
[[phases]]
key = "engagement"
name = { nb = "Inntak", nn = "Inntak", en = "Intake" }
guidance = { nb = "Start.", nn = "Start.", en = "Start." }
"""


def _write_all(tmp_path, **overrides):
    """One valid file per service model, with `overrides` replacing a model's text."""
    for key in ServiceModel.values:
        text = overrides.get(key, VALID.replace('key = "ips"', f'key = "{key}"'))
        (tmp_path / f"{key}.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_definitions_every_file_parses_and_covers_every_service_model():
    loaded = load_directory(DEFINITIONS_DIR)
    assert sorted(loaded) == sorted(ServiceModel.values)
    assert sorted(p.stem for p in DEFINITIONS_DIR.glob("*.toml")) == sorted(ServiceModel.values)


@pytest.mark.parametrize("key", ServiceModel.values)
def test_definitions_phases_are_unique_and_named_in_three_languages(key):
    definition = definitions()[key]
    keys = [p.key for p in definition.phases]
    assert len(keys) == len(set(keys))
    assert definition.version >= 1
    for phase in definition.phases:
        for lang in LANGUAGES:
            assert getattr(phase.name, lang).strip()
            assert getattr(phase.guidance, lang).strip()


def test_definitions_model_element_counts_match_the_domain():
    counts = {key: len(d.phases) for key, d in definitions().items()}
    assert counts[ServiceModel.SE_FIVE_STAGE] == 5
    assert counts[ServiceModel.CUSTOMIZED_EMPLOYMENT] == 4
    assert counts[ServiceModel.SCHOOL_TO_WORK] == 3
    assert len(definitions()[ServiceModel.IPS].principles) == 8
    assert len(definitions()[ServiceModel.IPS_YOUTH].principles) == 8
    assert {k for k, d in definitions().items() if d.youth} == {ServiceModel.IPS_YOUTH, ServiceModel.SCHOOL_TO_WORK}


def test_definition_duplicate_phase_key_is_refused(tmp_path):
    doubled = VALID + VALID[VALID.index("[[phases]]") :]
    with pytest.raises(DefinitionError, match="used twice"):
        load_directory(_write_all(tmp_path, ips=doubled))


def test_definition_missing_nynorsk_name_is_refused(tmp_path):
    broken = VALID.replace(
        'name = { nb = "Inntak", nn = "Inntak", en = "Intake" }', 'name = { nb = "Inntak", en = "Intake" }'
    )
    with pytest.raises(DefinitionError, match="missing text in nn"):
        load_directory(_write_all(tmp_path, ips=broken))


def test_definition_unknown_service_model_is_refused(tmp_path):
    _write_all(tmp_path)
    (tmp_path / "extra.toml").write_text(VALID.replace('key = "ips"', 'key = "place_then_pray"'), encoding="utf-8")
    with pytest.raises(DefinitionError, match="place_then_pray"):
        load_directory(tmp_path)


def test_definition_missing_service_model_is_refused(tmp_path):
    _write_all(tmp_path)
    (tmp_path / "ips.toml").unlink()
    with pytest.raises(DefinitionError, match="no definition for ips"):
        load_directory(tmp_path)


def test_definition_without_version_is_refused(tmp_path):
    with pytest.raises(DefinitionError, match="version"):
        load_directory(_write_all(tmp_path, ips=VALID.replace("version = 1\n", "")))


def test_definition_broken_toml_names_the_file(tmp_path):
    with pytest.raises(DefinitionError, match=r"ips\.toml"):
        load_directory(_write_all(tmp_path, ips=VALID + "\n[[phases]\n"))


def test_phase_label_follows_the_language():
    with translation.override("nn"):
        assert phase_label(ServiceModel.SE_FIVE_STAGE, "employer_engagement") == "4. Samarbeid med arbeidsgjevar"
    with translation.override("en"):
        assert phase_label(ServiceModel.SE_FIVE_STAGE, "employer_engagement") == "4. Employer engagement"
    with translation.override("nb"):
        assert phase_label(ServiceModel.SE_FIVE_STAGE, "employer_engagement") == "4. Samarbeid med arbeidsgiver"


def test_phase_label_of_a_dropped_phase_is_its_key():
    assert phase_label(ServiceModel.IPS, "no_longer_there") == "no_longer_there"
