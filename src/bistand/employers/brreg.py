"""Client for the Brønnøysund Register Centre's Enhetsregisteret (open data, no authentication).

`lookup(orgnr)` asks for the business unit (underenhet, where people work) and, when there is
none, the legal unit (enhet). The base URL comes from settings.BISTAND_BRREG_URL so that tests
point it at a local fake server.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class RegisterError(Exception):
    """The register could not give an answer; the message is meant for the user."""


class NotInRegister(RegisterError):
    pass


class DeletedFromRegister(RegisterError):
    pass


class RegisterUnreachable(RegisterError):
    pass


@dataclass(frozen=True)
class RegisterUnit:
    orgnr: str
    name: str
    is_business_unit: bool
    legal_form: str = ""
    industry_code: str = ""
    industry_name: str = ""
    employee_count: int | None = None
    address: str = ""
    postal_code: str = ""
    postal_place: str = ""
    kommune_name: str = ""
    kommune_number: str = ""
    website: str = ""
    bankrupt: bool = False
    being_dissolved: bool = False
    deleted_on: str = ""

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.bankrupt:
            out.append(_("The register says this unit is bankrupt."))
        if self.being_dissolved:
            out.append(_("The register says this unit is being dissolved."))
        if self.deleted_on:
            out.append(_("The register says this unit was deleted on %s.") % self.deleted_on)
        return out


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_unit(data: dict, *, is_business_unit: bool) -> RegisterUnit:
    """Reads the fields the product uses; any of them may be missing."""
    if not isinstance(data, dict) or not _text(data.get("organisasjonsnummer")) or not _text(data.get("navn")):
        raise RegisterError(_("The register gave an answer we could not read. Type the details in yourself."))
    address = data.get("beliggenhetsadresse") or data.get("forretningsadresse") or {}
    if not isinstance(address, dict):
        address = {}
    lines = address.get("adresse") or []
    form = data.get("organisasjonsform") if isinstance(data.get("organisasjonsform"), dict) else {}
    nace = data.get("naeringskode1") if isinstance(data.get("naeringskode1"), dict) else {}
    employees = data.get("antallAnsatte")
    try:
        employee_count = int(employees) if employees is not None else None
    except (TypeError, ValueError):
        employee_count = None
    return RegisterUnit(
        orgnr=_text(data["organisasjonsnummer"]),
        name=_text(data["navn"]),
        is_business_unit=is_business_unit,
        legal_form=_text(form.get("beskrivelse")) or _text(form.get("kode")),
        industry_code=_text(nace.get("kode")),
        industry_name=_text(nace.get("beskrivelse")),
        employee_count=employee_count if employee_count is None or employee_count >= 0 else None,
        address=", ".join(_text(line) for line in lines if _text(line)) if isinstance(lines, list) else "",
        postal_code=_text(address.get("postnummer")),
        postal_place=_text(address.get("poststed")),
        kommune_name=_text(address.get("kommune")),
        kommune_number=_text(address.get("kommunenummer")),
        website=_text(data.get("hjemmeside")),
        bankrupt=data.get("konkurs") is True,
        being_dissolved=data.get("underAvvikling") is True,
        deleted_on=_text(data.get("slettedato")),
    )


def lookup(orgnr: str, *, base_url: str | None = None, timeout: float = 5.0) -> RegisterUnit:
    """The register's data for a (valid) organisation number, or a RegisterError saying why not."""
    base = (base_url or settings.BISTAND_BRREG_URL).rstrip("/")
    try:
        with httpx.Client(timeout=timeout, headers={"Accept": "application/json"}) as client:
            for kind, is_business_unit in (("underenheter", True), ("enheter", False)):
                response = client.get(f"{base}/{kind}/{orgnr}")
                if response.status_code == 404:
                    continue
                if response.status_code == 410:
                    raise DeletedFromRegister(
                        _("The organisation number %s has been deleted from the register.") % orgnr
                    )
                if response.status_code != 200:
                    logger.warning("Brønnøysund answered %s for %s/%s", response.status_code, kind, orgnr)
                    raise RegisterUnreachable(
                        _("The Brønnøysund register did not answer properly. Type the details in yourself.")
                    )
                try:
                    data = response.json()
                except ValueError:
                    raise RegisterError(
                        _("The register gave an answer we could not read. Type the details in yourself.")
                    ) from None
                return parse_unit(data, is_business_unit=is_business_unit)
    except httpx.HTTPError as exc:
        logger.warning("Brønnøysund could not be reached: %s", exc)
        raise RegisterUnreachable(
            _("The Brønnøysund register cannot be reached right now. Type the details in yourself.")
        ) from None
    raise NotInRegister(_("The organisation number %s is not in the register.") % orgnr)
