"""Validators for casework records. Leaves: import nothing app-level."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Checked by content, never by the name or the type the browser claims.
DOCUMENT_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
DOCUMENT_EXTENSIONS = {content_type: ext for _sig, content_type, ext in DOCUMENT_SIGNATURES}


def detect_document_type(upload) -> str:
    """The content type of an uploaded signed document (PDF, PNG or JPEG), judged by its
    first bytes; raises ValidationError for anything else or anything too large."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large: at most 10 MB, this one is %(size).1f MB.") % {"size": upload.size / 1024 / 1024},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, _ext in DOCUMENT_SIGNATURES:
        if head.startswith(signature):
            return content_type
    raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="type")


@deconstructible
class ChoiceListValidator:
    """A JSON list field holds distinct values from `choices`."""

    def __init__(self, choices: list[str]):
        self.choices = list(choices)

    def __call__(self, value) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(_("Expected a list of choices."), code="invalid")
        unknown = [v for v in value if v not in self.choices]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(values)s") % {"values": ", ".join(unknown)}, code="invalid_choice"
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("A choice is given twice."), code="duplicate")

    def __eq__(self, other) -> bool:
        return isinstance(other, ChoiceListValidator) and self.choices == other.choices
