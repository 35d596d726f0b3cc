from __future__ import annotations

from django import template
from django.utils.translation import ngettext

register = template.Library()

DAYS_PER_MONTH = 30.44


@register.filter
def tenure(days: int | None) -> str:
    """Time in a job, as people say it: days, then weeks, then months, then years and months."""
    if days is None or days < 0:
        return "–"
    if days < 14:
        return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
    if days < 61:
        weeks = days // 7
        return ngettext("%(n)s week", "%(n)s weeks", weeks) % {"n": weeks}
    months = int(days // DAYS_PER_MONTH)
    if months < 24:
        return ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
    years, rest = divmod(months, 12)
    text = ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
    if rest:
        text += ", " + ngettext("%(n)s month", "%(n)s months", rest) % {"n": rest}
    return text
