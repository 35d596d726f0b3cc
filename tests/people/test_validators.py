import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from bistand.people.validators import birth_date_of, make_synthetic_identity_number, normalise_identity_number


@given(st.text(max_size=20))
def test_any_text_either_validates_or_gives_a_clear_error(text):
    try:
        number = normalise_identity_number(text)
    except ValidationError as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
    else:
        assert len(number) == 11 and number.isdigit()


@given(st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(1999, 12, 31)), st.integers(0, 499))
def test_synthetic_numbers_round_trip_their_birth_date(day, individual):
    number = make_synthetic_identity_number(day, individual)
    if number is not None:
        assert normalise_identity_number(number) == number
        assert birth_date_of(number) == day


def test_checksum_error_is_explained():
    with pytest.raises(ValidationError) as exc:
        normalise_identity_number("17859012311")
    assert exc.value.code == "checksum"


@override_settings(ACCEPT_SYNTHETIC_IDENTITY_NUMBERS=False)
def test_synthetic_numbers_are_refused_outside_test_and_demo():
    number = make_synthetic_identity_number(datetime.date(1990, 5, 17), 123)
    with pytest.raises(ValidationError) as exc:
        normalise_identity_number(number)
    assert exc.value.code == "synthetic"


def test_ordinary_number_with_valid_check_digits_is_accepted():
    from stdnum.no import fodselsnummer

    base = "010190001"  # 1 January 1990, individual number 001
    k1 = fodselsnummer.calc_check_digit1(base)
    number = base + k1 + fodselsnummer.calc_check_digit2(base + k1)
    assert normalise_identity_number(f"{number[:6]} {number[6:]}") == number
    assert birth_date_of(number) == datetime.date(1990, 1, 1)
