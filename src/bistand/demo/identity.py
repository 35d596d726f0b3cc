"""Synthetic identity details that look Norwegian and can never be a real person's.

- Identity numbers are Skatteetaten's synthetic test numbers (birth month + 80), which the
  validators accept only in local, test and demo settings; D-numbers add 40 to the day.
- E-mail addresses use the reserved example domains (RFC 2606), so no mail can arrive.
- Phone numbers have the Norwegian mobile format (4xx / 9xx). Norway reserves no range for
  fiction, so one may exist: the demo data is never used to call or text anyone.
"""

from __future__ import annotations

import datetime
import random
import unicodedata

from stdnum.no import fodselsnummer

from bistand.people.models import PSEUDONYM_ALPHABET

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ł": "l", "đ": "d", "ŧ": "t", "ŋ": "n", "š": "s"})


def synthetic_identity_number(
    birth_date: datetime.date, *, female: bool, rng: random.Random, d_number: bool = False
) -> str:
    """A synthetic fødselsnummer (or D-number) for someone born on `birth_date`.

    The individual number encodes the century (000–499 for 1900–1999, 500–999 for
    2000–2039) and, by its last digit, the birth gender (even for women). Individual
    numbers that give a check digit of 10 (about one in six) make no valid number and are
    skipped.
    """
    if 1900 <= birth_date.year <= 1999:
        low, high = 0, 499
    elif 2000 <= birth_date.year <= 2039:
        low, high = 500, 999
    else:
        raise ValueError(f"No individual numbers for births in {birth_date.year}")
    day = birth_date.day + (40 if d_number else 0)
    head = f"{day:02d}{birth_date.month + 80:02d}{birth_date.year % 100:02d}"
    while True:
        individual = rng.randint(low, high)
        if individual % 2 != (0 if female else 1):
            continue
        base = f"{head}{individual:03d}"
        k1 = fodselsnummer.calc_check_digit1(base)
        k2 = fodselsnummer.calc_check_digit2(base + k1)
        if len(k1) == 1 and len(k2) == 1:
            return base + k1 + k2


def mobile_number(rng: random.Random) -> str:
    """A number in Norwegian mobile format, written as people write it: 912 34 567."""
    digits = rng.choice("49") + "".join(rng.choice("0123456789") for _ in range(7))
    return f"{digits[:3]} {digits[3:5]} {digits[5:]}"


def email_local_part(*names: str) -> str:
    """ "Åse Ødegård" → "ase.odegard": what a mail provider would make of a Norwegian name."""
    text = ".".join(names).lower().translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() or c == "." else "" for c in text.replace(" ", "."))


def pseudonym(rng: random.Random) -> str:
    """A research id like `models.new_pseudonym`, drawn from `rng` so that the demo repeats."""
    return "P-" + "".join(rng.choice(PSEUDONYM_ALPHABET) for _ in range(10))
