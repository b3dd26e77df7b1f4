"""Role permissions of the API: each view lists the roles per action."""

from rest_framework.permissions import BasePermission

from basis.roles import rollen_van


class HeeftRol(BasePermission):
    """Allows an action when the user holds one of the roles the view lists for it.

    Views declare `rollen = {"list": (...), "create": (...), ...}`; an action that is not
    listed is refused, so a new endpoint is closed until someone opens it deliberately.
    """

    message = "U heeft geen toegang tot deze functie."

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if getattr(view, request.method.lower(), None) is None:
            # No handler for this method at all: let the view answer 405, not a 403 that
            # suggests another role could do it.
            return True
        actie = getattr(view, "action", None) or request.method.lower()
        toegestaan = view.rollen.get(actie, ())
        return bool(rollen_van(request.user) & set(toegestaan))
