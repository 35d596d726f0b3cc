"""Norwegian organisation numbers (9 digits, mod-11 check digit) via python-stdnum."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr


def normalise_orgnr(value: str) -> str:
    """The 9 digits of a valid organisation number, or a ValidationError with a clear message."""
    try:
        return orgnr.validate(value or "")
    except InvalidLength:
        raise ValidationError(_("An organisation number has 9 digits."), code="length") from None
    except InvalidFormat:
        raise ValidationError(_("An organisation number has digits only."), code="format") from None
    except InvalidChecksum:
        raise ValidationError(
            _("The check digit does not match: check that the organisation number is typed correctly."),
            code="checksum",
        ) from None
    except StdnumError:
        raise ValidationError(_("This is not a valid organisation number."), code="invalid") from None


def validate_orgnr(value: str) -> None:
    normalise_orgnr(value)


def normalise_website(value: str) -> str:
    """The register gives "www.example.no"; links need a scheme."""
    value = (value or "").strip()
    if value and "://" not in value:
        value = f"https://{value}"
    return value
