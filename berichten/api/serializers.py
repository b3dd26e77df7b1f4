from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..meldingen import omschrijving
from ..models import Bericht, Declaratie, RedenAfwijzing, Verzoek


class RetourcodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    omschrijving = serializers.CharField()


class BerichtSerializer(serializers.ModelSerializer):
    retourcodes = serializers.SerializerMethodField()
    retour = serializers.SerializerMethodField()

    class Meta:
        model = Bericht
        fields = [
            "id",
            "soort",
            "richting",
            "status",
            "aanbieder",
            "inwoner",
            "bericht_identificatie",
            "dagtekening",
            "aangemaakt",
            "verzonden_op",
            "antwoord_op",
            "retour",
            "retourcodes",
        ]
        read_only_fields = fields

    @extend_schema_field(RetourcodeSerializer(many=True))
    def get_retourcodes(self, obj) -> list[dict]:
        return [{"code": c, "omschrijving": omschrijving(obj.soort, c)} for c in obj.retourcodes]

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_retour(self, obj):
        """The retour this service wrote on an incoming message (306, 308, 316, 318), if any."""
        if obj.richting != "in":
            return None
        antwoorden = [a for a in obj.antwoorden.all() if a.richting == "uit"]
        return str(antwoorden[0].pk) if antwoorden else None


class VerzoekSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Verzoek
        fields = [
            "id",
            "soort",
            "inwoner",
            "aanbieder",
            "product",
            "status",
            "uiterste_datum",
            "bericht",
            "referentie_aanbieder",
            "gegevens",
            "indicatie",
            "antwoord",
            "reden_afwijzing",
            "toelichting",
        ]
        read_only_fields = fields


class AfwijzenSerializer(serializers.Serializer):
    reden = serializers.ChoiceField(choices=RedenAfwijzing.choices)
    toelichting = serializers.CharField(allow_blank=True, max_length=10000)


class DeclaratieSerializer(serializers.ModelSerializer):
    """A received declaration (323) and how it was judged: amounts in euros as decimal strings."""

    class Meta:
        model = Declaratie
        fields = ["id", "aanbieder", "declaratienummer", "ontvangen", "ingediend", "toegekend", "afgewezen", "status"]
        read_only_fields = fields
