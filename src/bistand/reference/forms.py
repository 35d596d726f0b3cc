"""Form fields for choosing a kommune or an occupation.

The lists are long (356 kommuner, 582 STYRK-08 groups) and the same for everyone, and
Django renders a `<select>` through one template include per option: ~110 ms on the vacancy
search, at any data size (docs/benchmarks.md). These fields render the same HTML from
options built once per process and language, and mark the chosen value on a copy.

The reference data changes only through migrations (a deploy, so a new process); a save or
delete of a Kommune or Occupation in this process empties the cache as well (`apps.py`).
A field whose queryset was narrowed renders the ordinary way, uncached.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .models import Kommune, Occupation

_options_html: dict[tuple[str, str], str] = {}


def clear_cache(**kwargs) -> None:
    """Forgets the rendered options (connected to the reference models' save and delete)."""
    _options_html.clear()


class ReferenceSelect(forms.Select):
    """A `<select>` whose options are rendered once per process and language (see the module)."""

    cache_key = ""

    def _cacheable(self) -> bool:
        queryset = getattr(self.choices, "queryset", None)
        return bool(self.cache_key) and queryset is not None and not queryset.query.where

    def _options(self) -> str:
        key = (self.cache_key, get_language() or "")
        html = _options_html.get(key)
        if html is None:
            html = "".join(
                format_html('<option value="{}">{}</option>', str(value), label) for value, label in self.choices
            )
            _options_html[key] = html
        return html

    def render(self, name, value, attrs=None, renderer=None):
        if not self._cacheable():
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = self._options()
        for chosen in self.format_value(value):  # as Django: no value marks the empty choice
            marker = f'<option value="{escape(chosen)}">'
            options = options.replace(marker, f'<option value="{escape(chosen)}" selected>', 1)
        # The options were built by format_html and the chosen value is escaped: safe.
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), mark_safe(options))  # noqa: S308


class KommuneChoiceField(forms.ModelChoiceField):
    widget = ReferenceSelect

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=Kommune.objects.all() if queryset is None else queryset, **kwargs)
        self.widget.cache_key = f"kommune:{self.to_field_name or 'pk'}"


class OccupationChoiceField(forms.ModelChoiceField):
    """STYRK-08 groups in code order, indented by level."""

    widget = ReferenceSelect

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=Occupation.objects.order_by("code") if queryset is None else queryset, **kwargs)
        self.widget.cache_key = f"occupation:{self.to_field_name or 'pk'}"

    def label_from_instance(self, obj: Occupation) -> str:
        return f"{'  ' * (obj.level - 1)}{obj.code} {obj.name}"
