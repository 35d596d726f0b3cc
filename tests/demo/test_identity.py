import datetime
import random
import re

from hypothesis import given
from hypothesis import strategies as st
from stdnum.no import fodselsnummer

from bistand.demo.identity import email_local_part, mobile_number, pseudonym, synthetic_identity_number
from bistand.people.models import PSEUDONYM_ALPHABET
from bistand.people.validators import birth_date_of, is_synthetic, normalise_identity_number


@given(
    birth_date=st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2012, 12, 31)),
    female=st.booleans(),
    d_number=st.booleans(),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_synthetic_identity_number_is_valid_and_encodes_birth_date_and_gender(birth_date, female, d_number, seed):
    number = synthetic_identity_number(birth_date, female=female, rng=random.Random(seed), d_number=d_number)

    assert normalise_identity_number(number) == number
    assert is_synthetic(number)
    assert birth_date_of(number) == birth_date
    assert fodselsnummer.get_gender(number) == ("F" if female else "M")
    assert (int(number[:2]) > 40) == d_number


def test_email_local_part_transliterates_norwegian_and_sami_letters():
    assert email_local_part("Åse", "Ødegård") == "ase.odegard"
    assert email_local_part("Máret", "Hætta") == "maret.haetta"
    assert email_local_part("Nils Mikkel", "Sara") == "nils.mikkel.sara"
    assert email_local_part("Łucja", "Zięcik") == "lucja.ziecik"


def test_mobile_number_has_the_norwegian_mobile_format():
    rng = random.Random(1)
    numbers = [mobile_number(rng) for _ in range(200)]

    assert all(re.fullmatch(r"[49]\d\d \d\d \d\d\d", n) for n in numbers)


def test_pseudonym_uses_the_research_id_alphabet():
    code = pseudonym(random.Random(1))

    assert re.fullmatch(f"P-[{PSEUDONYM_ALPHABET}]{{10}}", code)
