"""The shape of a `historie` answer, shared by every `historie` endpoint."""

from rest_framework import serializers


# One version from `basis.historie.historie`, as every `historie` endpoint answers it. A
# comment, not a docstring: drf-spectacular would publish a docstring in the OpenAPI document.
# `datum` is the day of the change (Europe/Amsterdam), `tijdstip` the moment itself.
class HistorieSerializer(serializers.Serializer):
    datum = serializers.DateField()
    tijdstip = serializers.DateTimeField()
    gebruiker = serializers.CharField(allow_null=True)
    type = serializers.ChoiceField(choices=["+", "~", "-"])
    wijzigingen = serializers.DictField(child=serializers.ListField())
    reden = serializers.CharField(allow_null=True)
