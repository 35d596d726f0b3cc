"""The Brønnøysund client against a local fake register (found, 404, 410, unreachable)."""

from __future__ import annotations

import pytest

from bistand.employers import brreg
from tests.fakes import FakeBrreg, brreg_unit, closed_port_url, serve

# These tests assert on message texts in English.
pytestmark = pytest.mark.usefixtures("english")

ORGNR = "974760673"


@pytest.fixture
def register():
    return FakeBrreg()


@pytest.fixture
def register_url(register):
    with serve(register) as url:
        yield url


def test_lookup_finds_a_business_unit(register, register_url):
    register.underenheter[ORGNR] = brreg_unit(ORGNR, "REMA 1000 GRÜNERLØKKA")
    unit = brreg.lookup(ORGNR, base_url=register_url)
    assert unit.name == "REMA 1000 GRÜNERLØKKA"
    assert unit.is_business_unit is True
    assert (unit.industry_code, unit.employee_count, unit.kommune_number) == ("47.111", 23, "0301")
    assert (unit.address, unit.postal_code, unit.postal_place) == ("Thorvald Meyers gate 49", "0557", "OSLO")
    assert unit.warnings == []


def test_lookup_falls_back_to_the_legal_unit(register, register_url):
    register.enheter[ORGNR] = brreg_unit(ORGNR, "REMA 1000 AS", business_unit=False, konkurs=True)
    unit = brreg.lookup(ORGNR, base_url=register_url)
    assert (unit.name, unit.is_business_unit, unit.legal_form) == ("REMA 1000 AS", False, "Aksjeselskap")
    assert register.requests == [f"/underenheter/{ORGNR}", f"/enheter/{ORGNR}"]
    assert "bankrupt" in unit.warnings[0]


def test_lookup_of_an_unknown_number_says_so(register_url):
    with pytest.raises(brreg.NotInRegister, match="not in the register"):
        brreg.lookup(ORGNR, base_url=register_url)


def test_lookup_of_a_deleted_unit_says_so(register, register_url):
    register.deleted.add(ORGNR)
    with pytest.raises(brreg.DeletedFromRegister, match="deleted"):
        brreg.lookup(ORGNR, base_url=register_url)


def test_lookup_when_the_register_is_unreachable_says_so():
    with pytest.raises(brreg.RegisterUnreachable, match="cannot be reached"):
        brreg.lookup(ORGNR, base_url=closed_port_url(), timeout=1)


def test_lookup_of_an_unreadable_answer_says_so(register, register_url):
    register.underenheter[ORGNR] = {"organisasjonsnummer": ORGNR}
    with pytest.raises(brreg.RegisterError, match="could not read"):
        brreg.lookup(ORGNR, base_url=register_url)
