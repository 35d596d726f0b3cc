"""The cached reference-data selects render what Django's own Select renders."""

from __future__ import annotations

import pytest
from django import forms
from django.test import SimpleTestCase
from django.utils import translation

from bistand.reference import forms as reference_forms
from bistand.reference.forms import KommuneChoiceField, OccupationChoiceField
from bistand.reference.models import Kommune, Occupation

pytestmark = pytest.mark.django_db

html = SimpleTestCase()


class PlainOccupationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'  ' * (obj.level - 1)}{obj.code} {obj.name}"


def _forms(cached_field, plain_field):
    cached = type("Cached", (forms.Form,), {"choice": cached_field})
    plain = type("Plain", (forms.Form,), {"choice": plain_field})
    return cached, plain


@pytest.mark.parametrize("chosen", [None, "0301", "5001"])
def test_kommune_select_renders_like_djangos_select(chosen):
    kommune = Kommune.objects.get(number=chosen) if chosen else None
    data = {"choice": kommune.pk} if kommune else {}
    cached, plain = _forms(
        KommuneChoiceField(label="Municipality", required=False),
        forms.ModelChoiceField(label="Municipality", queryset=Kommune.objects.all(), required=False),
    )
    for _ in range(2):  # the second time from the cache
        html.assertHTMLEqual(str(cached(data)["choice"]), str(plain(data)["choice"]))
    if kommune:
        assert f'<option value="{kommune.pk}" selected>{kommune.name}</option>' in str(cached(data)["choice"])


def test_occupation_select_by_code_renders_like_djangos_select_and_keeps_required_and_errors():
    code = Occupation.objects.filter(level=4).order_by("code").last().code
    cached, plain = _forms(
        OccupationChoiceField(label="Occupation", to_field_name="code"),
        PlainOccupationField(label="Occupation", queryset=Occupation.objects.order_by("code"), to_field_name="code"),
    )
    for data in ({"choice": code}, {"choice": "nonsense"}, {}):
        a, b = cached(data), plain(data)
        a.is_valid(), b.is_valid()
        html.assertHTMLEqual(str(a["choice"]), str(b["choice"]))
    rendered = str(cached({})["choice"])
    assert "required" in rendered and 'aria-invalid="true"' in rendered


def test_a_narrowed_queryset_is_not_served_from_the_cache():
    cached = type("Cached", (forms.Form,), {"choice": KommuneChoiceField(required=False)})
    str(cached()["choice"])  # fills the cache with every kommune
    form = cached()
    form.fields["choice"].queryset = Kommune.objects.filter(number="0301")
    rendered = str(form["choice"])
    assert rendered.count("<option") == 2  # the empty choice and Oslo


def test_a_change_to_the_reference_data_empties_the_cache():
    cached = type("Cached", (forms.Form,), {"choice": KommuneChoiceField(required=False)})
    str(cached()["choice"])
    assert reference_forms._options_html
    kommune = Kommune.objects.get(number="0301")
    kommune.name = "Oslo kommune"
    kommune.save()
    assert not reference_forms._options_html
    assert "Oslo kommune" in str(cached()["choice"])


def test_the_cache_is_per_language():
    cached = type("Cached", (forms.Form,), {"choice": KommuneChoiceField()})
    with translation.override("en"):
        str(cached()["choice"])
    with translation.override("nb"):
        str(cached()["choice"])
    assert {key[1] for key in reference_forms._options_html} >= {"en", "nb"}
