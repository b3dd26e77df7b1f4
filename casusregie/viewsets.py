"""The base viewset of every app's API: role permissions per action, UUID ids only.

Not in casusregie.api: DRF's generic views load the pagination setting (casusregie.api.Paginering)
while they are being defined, so that module cannot import them without a circular import."""

from rest_framework import viewsets

from casusregie.api import HeeftRol


class RolViewSet(viewsets.GenericViewSet):
    permission_classes = [HeeftRol]
    rollen: dict[str, tuple[str, ...]] = {}
    http_method_names = ["get", "post", "patch", "head", "options"]
    # Only UUIDs reach the view; anything else is a plain 404.
    lookup_value_regex = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
