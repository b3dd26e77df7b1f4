from rest_framework import serializers

from ..models import Notificatie


class NotificatieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notificatie
        fields = ["id", "soort", "onderwerp", "object_id", "gelezen", "aangemaakt"]
        read_only_fields = ["id", "soort", "onderwerp", "object_id", "aangemaakt"]


class GelezenSerializer(serializers.Serializer):
    gelezen = serializers.BooleanField()
