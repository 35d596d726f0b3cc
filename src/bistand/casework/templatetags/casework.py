from django import template

from bistand.casework.enums import Party, Transport, WorkingTime
from bistand.casework.service_models import phase_label

register = template.Library()

_LABELS = {"party": Party, "working_time": WorkingTime, "transport": Transport}


@register.filter
def phase_of(phase_key: str, service_model: str) -> str:
    """{{ key|phase_of:service_model }}: the phase's number and name in the user's language."""
    return phase_label(service_model, phase_key or "")


@register.filter
def labels(values, kind: str) -> str:
    """{{ contact.other_parties|labels:"party" }}: the labels of a stored list of choices."""
    enum = _LABELS[kind]
    return ", ".join(str(enum(v).label) for v in values or [] if v in enum.values)
