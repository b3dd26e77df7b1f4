"""The base viewset of every app's API: role permissions per action, UUID ids only.

Not in basis.api: DRF's generic views load the pagination setting (basis.api.paginering.Paginering)
while they are being defined, so that module cannot import them without a circular import."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from basis.api.historie import HistorieSerializer
from basis.api.parameters import UUID
from basis.api.rechten import HeeftRol
from basis.historie import historie


class RolViewSet(viewsets.GenericViewSet):
    permission_classes = [HeeftRol]
    rollen: dict[str, tuple[str, ...]] = {}
    # The actions that can answer 409 (a state transition not allowed now); the OpenAPI document
    # lists that status for them (basis.api.openapi).
    conflicten: tuple[str, ...] = ()
    http_method_names = ["get", "post", "patch", "head", "options"]
    # Only UUIDs reach the view; anything else is a plain 404.
    lookup_value_regex = UUID


class MetHistorie:
    """`GET .../{id}/historie/`: every version of the object with who, when, what and why, as one
    list (docs/api.md). A viewset lists "historie" in its `rollen` to open it."""

    def historie_van(self):
        return self.get_object()

    @extend_schema(responses=HistorieSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def historie(self, request, pk=None):
        return Response(HistorieSerializer(historie(self.historie_van()), many=True).data)
