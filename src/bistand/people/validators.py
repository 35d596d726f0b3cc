"""Norwegian identity numbers (fødselsnummer, D-number, H-number) via python-stdnum.

Synthetic test numbers (Skatteetaten's: birth month + 80) are accepted only where the
settings allow them (test and demo); they can never belong to a real person.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import (
    ValidationError as StdnumError,
)
from stdnum.no import fodselsnummer


def is_synthetic(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and int(number[2:4]) > 80


def birth_date_of(number: str) -> datetime.date:
    """The birth date encoded in a (possibly synthetic) identity number."""
    number = fodselsnummer.compact(number)
    if is_synthetic(number):
        number = number[:2] + f"{int(number[2:4]) - 80:02d}" + number[4:]
    return fodselsnummer.get_birth_date(number)


def normalise_identity_number(value: str) -> str:
    """Validate and return the 11 digits, or raise a ValidationError with a clear message."""
    number = fodselsnummer.compact(value or "")
    try:
        if len(number) != 11:
            raise InvalidLength()
        if not number.isdigit():
            raise InvalidFormat()
        if is_synthetic(number):
            if not settings.ACCEPT_SYNTHETIC_IDENTITY_NUMBERS:
                raise ValidationError(
                    _("This is a synthetic test number; only real identity numbers are accepted here."),
                    code="synthetic",
                )
            if number[-2] != fodselsnummer.calc_check_digit1(number) or number[-1] != fodselsnummer.calc_check_digit2(
                number
            ):
                raise InvalidChecksum()
        else:
            fodselsnummer.validate(number)
        if birth_date_of(number) > datetime.date.today():
            raise InvalidComponent()
    except InvalidLength:
        raise ValidationError(_("An identity number has 11 digits."), code="length") from None
    except InvalidFormat:
        raise ValidationError(_("An identity number has digits only."), code="format") from None
    except InvalidChecksum:
        raise ValidationError(
            _("The check digits do not match: check that the number is typed correctly."), code="checksum"
        ) from None
    except (InvalidComponent, StdnumError):
        raise ValidationError(_("The first six digits are not a valid birth date."), code="birth_date") from None
    return number


def validate_identity_number(value: str) -> None:
    normalise_identity_number(value)


def make_synthetic_identity_number(birth_date: datetime.date, individual: int) -> str | None:
    """A synthetic test number (month + 80) for `birth_date`, or None when `individual`
    (0–999, must fit the birth year's century range) gives no valid check digits."""
    year = birth_date.year
    if 1900 <= year <= 1999 and not 0 <= individual <= 499:
        return None
    if 2000 <= year <= 2039 and not 500 <= individual <= 999:
        return None
    base = f"{birth_date.day:02d}{birth_date.month + 80:02d}{year % 100:02d}{individual:03d}"
    k1 = fodselsnummer.calc_check_digit1(base)
    if k1 == "10":
        return None
    k2 = fodselsnummer.calc_check_digit2(base + k1)
    if k2 == "10":
        return None
    number = base + k1 + k2
    return number if len(number) == 11 else None
