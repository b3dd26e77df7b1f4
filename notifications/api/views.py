from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from basis.api.parameters import UUID, ja_nee_filter
from basis.verwerking import GEEN

from .. import services
from ..models import Notificatie
from .serializers import GelezenSerializer, NotificatieSerializer


class NotificatieViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """The current user's own notifications; someone else's are a 404."""

    permission_classes = [IsAuthenticated]
    # The user's own messages; an inwoner named in one was logged by the work that wrote it.
    verwerking = GEEN
    serializer_class = NotificatieSerializer
    http_method_names = ["get", "patch", "head", "options"]
    lookup_value_regex = UUID

    def get_queryset(self):
        qs = Notificatie.objects.filter(ontvanger=self.request.user)
        gelezen = ja_nee_filter(self.request, "gelezen")
        if gelezen is not None:
            qs = qs.filter(gelezen=gelezen)
        return qs

    @extend_schema(request=GelezenSerializer, responses=NotificatieSerializer)
    def partial_update(self, request, pk=None):
        notificatie = self.get_object()
        serializer = GelezenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notificatie = services.markeer_gelezen(
            gebruiker=request.user, notificatie=notificatie, gelezen=serializer.validated_data["gelezen"]
        )
        return Response(NotificatieSerializer(notificatie).data)
