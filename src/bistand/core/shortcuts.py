"""Small helpers every view uses: one way to fetch an object for a user, one way to render
a page or its HTMX partial from the same URL."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render


def get_object_for_user(queryset, user, pk, *, perm: str | None = None, hide: bool = True):
    """The object with `pk` among those `user` may see (`queryset.visible_to(user)`).

    Unknown and invisible records answer 404 alike, so existence is not leaked. A record
    the user may see but lacks `perm` for answers 404 too when `hide` (the default), or 403.
    """
    try:
        obj = queryset.visible_to(user).get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    if perm and not user.has_perm(perm, obj):
        if hide:
            raise Http404
        raise PermissionDenied
    return obj


def wants_partial(request) -> bool:
    """An HTMX request for part of a page (not a boosted link, which wants the whole page)."""
    return bool(getattr(request, "htmx", False)) and not request.htmx.boosted


def render_page_or_partial(request, template: str, context: dict, partial: str):
    """Renders the whole page, or only `template#partial` for an HTMX request."""
    if wants_partial(request):
        return render(request, f"{template}#{partial}", context)
    return render(request, template, context)


def add_service_errors(form, exc) -> None:
    """Puts a service's ValidationError on the form: field errors where the form has the
    field, the rest as errors of the whole form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def require_perm(request, perm: str) -> None:
    """403 unless the user has the (role-level) permission `perm`."""
    if not request.user.has_perm(perm):
        raise PermissionDenied
