from .access import scope_of
from .enums import Role


def roles(request):
    scope = scope_of(getattr(request, "user", None))
    return {"user_roles": scope.roles, "Role": Role}
