"""Shapes of docs/api.md. Serializers check types and formats only; every rule is in the services."""

import re
from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from basis.exceptions import RuleViolation
from basis.roles import actieve_consulenten
from privacy import caseload

from .. import costs, rules
from ..feiten import DoelGegevens
from ..models import (
    Aanbieder,
    Besluit,
    Contract,
    Doel,
    DoelResultaat,
    Eenheid,
    Evaluatie,
    Frequentie,
    Halfjaarcheck,
    Indicatie,
    Inwoner,
    Leefgebied,
    Product,
    ResultaatBehaald,
    SchakelteamAdvies,
    Uitkomst,
    Wet,
)
from ..rules.limieten import MAX_DOEL_TEKST, MAX_DOELEN, MAX_TEKST

User = get_user_model()

# Wide enough for any real indicatie, small enough that a huge number is a clear 400.
Volume = lambda **kw: serializers.DecimalField(max_digits=9, decimal_places=2, min_value=Decimal("0.01"), **kw)  # noqa: E731

# The range of dates the register can calculate with (rules.datum_buiten_bereik), checked on every
# date of the API, also those the rules never see (tariff periods, contact dates).
DATUMBEREIK = [
    MinValueValidator(rules.EERSTE_DATUM, message=rules.DATUM_VOOR_BEREIK),
    MaxValueValidator(rules.LAATSTE_DATUM, message=rules.DATUM_NA_BEREIK),
]
Datum = lambda **kw: serializers.DateField(validators=DATUMBEREIK, **kw)  # noqa: E731


class InwonerSerializer(serializers.ModelSerializer):
    bsn = serializers.CharField(max_length=20, trim_whitespace=True)
    regisseur = serializers.PrimaryKeyRelatedField(queryset=actieve_consulenten(), required=False, allow_null=True)

    class Meta:
        model = Inwoner
        fields = [
            "id",
            "bsn",
            "voornaam",
            "achternaam",
            "geboortedatum",
            "wlz_indicatie",
            "regisseur",
            "geslacht",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
        ]
        extra_kwargs = {"huisnummer": {"min_value": 1, "max_value": 99999}}

    def validate_postcode(self, waarde: str) -> str:
        postcode = waarde.replace(" ", "").upper()
        if postcode and not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", postcode):
            raise serializers.ValidationError("Een postcode is vier cijfers en twee letters, zoals 5211 AB.")
        return postcode


class InwonerLijstSerializer(InwonerSerializer):
    """In lists the BSN is masked (only the last four digits)."""

    bsn = serializers.CharField(source="bsn_gemaskeerd", read_only=True)


class AanbiederSerializer(serializers.ModelSerializer):
    agb_code = serializers.CharField(max_length=20)
    budgetplafond = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False, allow_null=True
    )

    class Meta:
        model = Aanbieder
        fields = ["id", "naam", "agb_code", "budgetplafond"]


class TariefSerializer(serializers.Serializer):
    geldig_van = Datum()
    geldig_tot = Datum(required=False, allow_null=True, default=None)
    bedrag = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0.01"))

    def to_internal_value(self, data):
        waarde = super().to_internal_value(data)
        # In a PATCH the product is partial, but a tariff in it is always whole.
        ontbrekend = {
            veld: [serializers.ErrorDetail(self.fields[veld].error_messages["required"], code="required")]
            for veld in ("geldig_van", "bedrag")
            if veld not in waarde
        }
        if ontbrekend:
            raise serializers.ValidationError(ontbrekend)
        return costs.TariefPeriode(waarde["geldig_van"], waarde.get("geldig_tot"), waarde["bedrag"])


class ProductCode(serializers.SlugRelatedField):
    """A product by its code. PostgreSQL refuses a NUL character in a query, so it is refused here."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class ProductSerializer(serializers.ModelSerializer):
    code = serializers.RegexField(r"^[A-Za-z0-9]{1,10}$", max_length=10)
    lichtere_variant = ProductCode(queryset=Product.objects.all(), required=False, allow_null=True)
    wet = serializers.ChoiceField(choices=Wet.choices)
    eenheid = serializers.ChoiceField(choices=Eenheid.choices)
    tarieven = TariefSerializer(many=True, required=False)

    class Meta:
        model = Product
        fields = ["id", "code", "naam", "wet", "eenheid", "lichtere_variant", "tarieven"]


class ContractSerializer(serializers.ModelSerializer):
    product = ProductCode(queryset=Product.objects.all())
    tarief = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True, default=None)
    geldig_van = Datum()
    geldig_tot = Datum(required=False, allow_null=True, default=None)

    class Meta:
        model = Contract
        fields = [
            "id",
            "aanbieder",
            "product",
            "productcategorie",
            "productcode",
            "uitvoeringsvariant",
            "tarief",
            "geldig_van",
            "geldig_tot",
        ]


class DoelSerializer(serializers.ModelSerializer):
    """An agreed result: written as {omschrijving, leefgebied}, read back with its id."""

    omschrijving = serializers.CharField(max_length=MAX_DOEL_TEKST)
    leefgebied = serializers.ChoiceField(choices=Leefgebied.choices, required=False, allow_null=True, allow_blank=True)

    class Meta:
        model = Doel
        fields = ["id", "omschrijving", "leefgebied"]
        read_only_fields = ["id"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["leefgebied"] = data["leefgebied"] or None
        return data

    def to_internal_value(self, data):
        waarde = super().to_internal_value(data)
        return DoelGegevens(waarde["omschrijving"], waarde.get("leefgebied") or "")


class Zichtbaar(serializers.PrimaryKeyRelatedField):
    """A reference by id to an inwoner or indicatie the user may see (need to know, in the roles of
    the action). One outside that does not exist for them: the same `does_not_exist`, message and
    place among the other errors as an id nobody ever had, so an answer never tells that it exists.
    Without a request in the context (a serializer used outside a view) nothing is hidden."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None:
            return queryset
        view = self.context.get("view")
        rollen = view.acterende_rollen() if hasattr(view, "acterende_rollen") else None
        return caseload.zichtbaar(queryset, request.user, None, rollen)


class IndicatieSchrijfSerializer(serializers.Serializer):
    inwoner = Zichtbaar(queryset=Inwoner.objects.all())
    product = ProductCode(queryset=Product.objects.all())
    aanbieder = serializers.PrimaryKeyRelatedField(queryset=Aanbieder.objects.all())
    volume = Volume()
    eenheid = serializers.ChoiceField(choices=Eenheid.choices)
    frequentie = serializers.ChoiceField(choices=Frequentie.choices)
    ingangsdatum = Datum()
    einddatum = Datum(required=False, allow_null=True, default=None)
    motivatie = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_TEKST)
    spoed = serializers.BooleanField(required=False, default=False)
    spoed_reden = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_TEKST)
    voorganger = Zichtbaar(queryset=Indicatie.objects.all(), required=False, allow_null=True, default=None)
    vervangt = Zichtbaar(
        queryset=Indicatie.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Bij anders inzetten: de indicatie die deze vervangt.",
    )
    # Not required here: a missing or empty list is refused by the rule (`doelen_ontbreken`).
    doelen = DoelSerializer(many=True, required=False, default=list, max_length=MAX_DOELEN)
    verzoek = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text="Het verzoek (315/317) dat deze indicatie beantwoordt."
    )

    def validate_doelen(self, doelen):
        return tuple(doelen)


class IndicatieWijzigSerializer(IndicatieSchrijfSerializer):
    """PATCH: every field optional; inwoner and voorganger cannot change."""

    inwoner = None
    voorganger = None
    vervangt = None
    doelen = None
    verzoek = None

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.default = serializers.empty

    def to_internal_value(self, data):
        # A field that cannot change (status, inwoner, costs, ...) is refused by the rule the
        # service applies, not silently dropped here before the service could see it.
        if isinstance(data, Mapping) and (fouten := rules.indicatie.niet_wijzigbaar(set(data) - set(self.fields))):
            raise RuleViolation(fouten)
        return super().to_internal_value(data)


class IndicatieSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    signalen = serializers.SerializerMethodField()
    evaluatie = serializers.SerializerMethodField()
    doelen = DoelSerializer(many=True, read_only=True)

    class Meta:
        model = Indicatie
        fields = [
            "id",
            "inwoner",
            "product",
            "aanbieder",
            "volume",
            "eenheid",
            "frequentie",
            "ingangsdatum",
            "einddatum",
            "motivatie",
            "spoed",
            "spoed_reden",
            "voorganger",
            "vervangt",
            "status",
            "uren_per_week",
            "geschatte_kosten",
            "consulent",
            "doelen",
            "signalen",
            "evaluatie",
            "reden_status",
            "versie",
            "aangemaakt",
            "toewijzingnummer",
            "zorg_gestart_op",
            "zorg_gestopt_op",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_signalen(self, obj) -> list[str]:
        return sorted(s.code for s in obj.signaalregels.all())

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_evaluatie(self, obj):
        try:
            evaluatie = obj.evaluatie
        except Indicatie.evaluatie.RelatedObjectDoesNotExist:
            return None
        return None if evaluatie.status == "geannuleerd" else str(evaluatie.pk)


class IntrekkenSerializer(serializers.Serializer):
    reden = serializers.CharField(allow_blank=True, max_length=MAX_TEKST)


class SchakelteamBesluitSerializer(serializers.Serializer):
    besluit = serializers.ChoiceField(choices=Besluit.choices)
    toelichting = serializers.CharField(allow_blank=True, max_length=MAX_TEKST)


class AdviesVraagSerializer(serializers.Serializer):
    vraag = serializers.CharField(allow_blank=True, max_length=MAX_TEKST)


class AdviesAntwoordSerializer(serializers.Serializer):
    antwoord = serializers.CharField(allow_blank=True, max_length=MAX_TEKST)


class AdviesSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchakelteamAdvies
        fields = [
            "id",
            "indicatie",
            "vraag",
            "gevraagd_door",
            "gevraagd_op",
            "antwoord",
            "beantwoord_door",
            "beantwoord_op",
        ]
        read_only_fields = fields


class BijstellenSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=[Uitkomst.AFSCHALEN, Uitkomst.BEEINDIGEN, Uitkomst.ANDERS_INZETTEN])
    reden = serializers.CharField(allow_blank=True, max_length=MAX_TEKST)
    nieuw_volume = Volume(required=False, allow_null=True, default=None)
    per_datum = Datum(required=False, allow_null=True, default=None)


class DoelResultaatSerializer(serializers.ModelSerializer):
    omschrijving = serializers.CharField(source="doel.omschrijving", read_only=True)

    class Meta:
        model = DoelResultaat
        fields = ["doel", "omschrijving", "behaald"]
        read_only_fields = fields


class EvaluatieSerializer(serializers.ModelSerializer):
    # Empty until the evaluation is completed; declared so the schema allows "".
    uitkomst = serializers.ChoiceField(choices=Uitkomst.choices, allow_blank=True, read_only=True)
    resultaat_behaald = serializers.ChoiceField(choices=ResultaatBehaald.choices, allow_blank=True, read_only=True)
    doelen = DoelResultaatSerializer(source="doelresultaten", many=True, read_only=True)

    class Meta:
        model = Evaluatie
        fields = [
            "id",
            "indicatie",
            "vervaldatum",
            "status",
            "uitkomst",
            "resultaat_behaald",
            "doelen",
            "toelichting",
            "nieuw_volume",
            "per_datum",
            "afgerond_op",
            "afgerond_door",
        ]
        read_only_fields = fields


class DoelOordeelSerializer(serializers.Serializer):
    doel = serializers.UUIDField()
    behaald = serializers.ChoiceField(choices=ResultaatBehaald.choices)


class EvaluatieAfrondenSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=Uitkomst.choices)
    # Every goal of the indicatie; `resultaat_behaald` is then derived. A client of the first
    # version sends only `resultaat_behaald`, which then holds for every goal.
    doelen = DoelOordeelSerializer(many=True, required=False, default=None, allow_null=True)
    resultaat_behaald = serializers.ChoiceField(choices=ResultaatBehaald.choices, required=False, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_TEKST)
    nieuw_volume = Volume(required=False, allow_null=True, default=None)
    per_datum = Datum(required=False, allow_null=True, default=None)


class HalfjaarcheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = Halfjaarcheck
        fields = [
            "id",
            "inwoner",
            "vervaldatum",
            "status",
            "zorg_passend",
            "contact_aanbieder",
            "contact_inwoner",
            "toelichting",
            "afgerond_op",
            "afgerond_door",
        ]
        read_only_fields = fields


class HalfjaarcheckAfrondenSerializer(serializers.Serializer):
    zorg_passend = serializers.BooleanField()
    contact_aanbieder = serializers.DateField()
    contact_inwoner = serializers.DateField()
    toelichting = serializers.CharField(allow_blank=True, max_length=MAX_TEKST)


class BeleidsregelsSchrijfSerializer(serializers.Serializer):
    """A new set from `geldig_van`; a number left out keeps its value (docs/api.md)."""

    geldig_van = Datum()
    uren_grens = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    max_maanden = serializers.IntegerField(required=False, min_value=0, max_value=1000)
    evaluatie_maanden = serializers.IntegerField(required=False, min_value=0, max_value=1000)
    schakelteam_drempel = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    spoed_dagen = serializers.IntegerField(required=False, min_value=0, max_value=1000)
    steekproef_percentage = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    evaluatie_vroegst_dagen = serializers.IntegerField(required=False, min_value=0, max_value=1000)
    start_termijn_dagen = serializers.IntegerField(required=False, min_value=0, max_value=1000)
    budgetplafond_weigeren = serializers.BooleanField(required=False)


class BeleidsregelsSerializer(serializers.Serializer):
    """One set of policy numbers; `bron` "omgeving" for the initial numbers of the environment."""

    id = serializers.UUIDField(source="bron.pk", allow_null=True, default=None)
    geldig_van = serializers.DateField(allow_null=True)
    uren_grens = serializers.DecimalField(max_digits=5, decimal_places=2)
    max_maanden = serializers.IntegerField()
    evaluatie_maanden = serializers.IntegerField()
    schakelteam_drempel = serializers.DecimalField(max_digits=12, decimal_places=2)
    spoed_dagen = serializers.IntegerField()
    steekproef_percentage = serializers.DecimalField(max_digits=5, decimal_places=2)
    evaluatie_vroegst_dagen = serializers.IntegerField()
    start_termijn_dagen = serializers.IntegerField()
    budgetplafond_weigeren = serializers.BooleanField()
    bron = serializers.SerializerMethodField()
    vastgesteld_door = serializers.SerializerMethodField()
    vastgesteld_op = serializers.DateTimeField(source="bron.vastgesteld_op", allow_null=True, default=None)

    def get_bron(self, beleid) -> str:
        return "omgeving" if beleid.bron is None else "beheer"

    def get_vastgesteld_door(self, beleid) -> str | None:
        return beleid.bron.vastgesteld_door.get_username() if beleid.bron is not None else None


class BeleidsregelsOverzichtSerializer(serializers.Serializer):
    in_werking = BeleidsregelsSerializer()
    sets = BeleidsregelsSerializer(many=True)
