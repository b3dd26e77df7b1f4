"""Shapes of docs/api.md for the review. Types and formats only; every rule is in the services."""

from rest_framework import serializers

from basis.api.jsontypen import TekstOfGetal
from indicaties.rules.limieten import MAX_TEKST

from ..models import Oordeel, Steekproef, Toetsing


class LeegIsNullKeuze(serializers.ChoiceField):
    """A choice not made yet is stored as "" and shown as null."""

    def to_representation(self, value):
        return value or None


class ToetsingSerializer(serializers.ModelSerializer):
    week = serializers.CharField(source="steekproef.week", read_only=True)
    consulent = serializers.IntegerField(source="indicatie.consulent_id", read_only=True)
    oordeel = LeegIsNullKeuze(choices=Oordeel.choices, allow_null=True, read_only=True)
    opvolging = serializers.ChoiceField(
        choices=["geen", "open", "afgehandeld"],
        read_only=True,
        help_text="Bij 'niet akkoord': open tot de consulent de opvolging heeft afgehandeld.",
    )

    class Meta:
        model = Toetsing
        fields = [
            "id",
            "indicatie",
            "week",
            "reden",
            "signalen",
            "status",
            "oordeel",
            "toelichting",
            "beoordelaar",
            "beoordeeld_op",
            "consulent",
            "reactie",
            "gereageerd_op",
            "opvolging",
            "opvolging_afgehandeld_op",
            "opvolging_toelichting",
        ]
        read_only_fields = fields


class SteekproefSerializer(serializers.ModelSerializer):
    toetsingen = ToetsingSerializer(many=True, read_only=True)

    class Meta:
        model = Steekproef
        fields = ["id", "week", "seed", "percentage", "populatie", "aangemaakt", "aangemaakt_door", "toetsingen"]
        read_only_fields = fields


class SteekproefAanvraagSerializer(serializers.Serializer):
    # Any text; the service says in plain Dutch what a valid week looks like.
    week = TekstOfGetal(allow_blank=True, help_text="ISO-week, bijvoorbeeld 2027-W05.")


class OordeelSerializer(serializers.Serializer):
    oordeel = serializers.ChoiceField(choices=Oordeel.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_TEKST)


class ReactieSerializer(serializers.Serializer):
    reactie = serializers.CharField(allow_blank=True, max_length=MAX_TEKST)


class OpvolgingSerializer(serializers.Serializer):
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_TEKST,
        help_text="Wat u met de indicatie heeft gedaan.",
    )


class TellingenSerializer(serializers.Serializer):
    getrokken = serializers.IntegerField()
    open = serializers.IntegerField()
    beoordeeld = serializers.IntegerField()
    akkoord = serializers.IntegerField()
    akkoord_met_opmerking = serializers.IntegerField()
    niet_akkoord = serializers.IntegerField()
    opvolging_open = serializers.IntegerField()


class PerConsulentSerializer(TellingenSerializer):
    consulent = serializers.IntegerField()
    naam = serializers.CharField()


class PerRedenSerializer(TellingenSerializer):
    reden = serializers.CharField()


class PerOordeelSerializer(serializers.Serializer):
    akkoord = serializers.IntegerField()
    akkoord_met_opmerking = serializers.IntegerField()
    niet_akkoord = serializers.IntegerField()


class OverzichtSerializer(serializers.Serializer):
    van_week = serializers.CharField(allow_null=True)
    tot_week = serializers.CharField(allow_null=True)
    totaal = TellingenSerializer()
    per_oordeel = PerOordeelSerializer()
    per_consulent = PerConsulentSerializer(many=True)
    per_reden = PerRedenSerializer(many=True)
