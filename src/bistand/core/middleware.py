from __future__ import annotations

import re

from django.conf import settings
from django.shortcuts import redirect

from .context import new_request_id, reset_request_id, set_request_id

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (or keeps a sane X-Request-ID from the proxy) and returns it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else new_request_id()
        token = set_request_id(request.id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request.id
        return response


PUBLIC_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")


class LoginRequiredMiddleware:
    """Everything needs a login except the login pages themselves, static files and health."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect(f"{settings.LOGIN_URL and '/accounts/login/'}?next={request.path}")
        return self.get_response(request)
