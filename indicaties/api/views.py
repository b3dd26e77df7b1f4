"""HTTP to service calls and back. No rule lives here."""

import uuid
from collections.abc import Callable

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from basis import clock
from basis.api.openapi import Schema
from basis.api.parameters import ja_nee_filter, keuze_filter, tekst_filter, uuid_filter
from basis.api.viewsets import MetHistorie, RolViewSet
from basis.exceptions import StaleVersion
from basis.roles import ALLE_ROLLEN, BEHEER, CONSULENT, SCHAKELTEAM, ZORGROLLEN
from privacy.api.mixins import BinnenCaseload, InwonerToegang
from privacy.register import (
    EVALUATIE,
    GEEN,
    HALFJAARCHECK,
    INZIEN_DOSSIER,
    RAADPLEGEN,
    REGISTREREN_INDICATIE,
    REGISTREREN_INWONER,
    SCHAKELTEAMWERK,
    WIJZIGEN_INDICATIE,
    WIJZIGEN_INWONER,
)

from .. import beleid, selectors, services
from ..models import (
    Aanbieder,
    CheckStatus,
    Contract,
    EvaluatieStatus,
    Halfjaarcheck,
    Indicatie,
    IndicatieStatus,
    Inwoner,
    SchakelteamAdvies,
)
from . import serializers as s


class InwonerViewSet(BinnenCaseload, InwonerToegang, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    rollen = {
        "list": ZORGROLLEN,
        "retrieve": ZORGROLLEN,
        "create": (CONSULENT,),
        "partial_update": (CONSULENT,),
        **InwonerToegang.rollen_toegang,
    }
    verwerkingen = {
        "list": RAADPLEGEN,
        "retrieve": INZIEN_DOSSIER,
        "create": REGISTREREN_INWONER,
        "partial_update": WIJZIGEN_INWONER,
        **InwonerToegang.verwerkingen_toegang,
    }
    inwoner_pad = ""
    queryset = Inwoner.objects.all()

    def get_serializer_class(self):
        return s.InwonerLijstSerializer if self.action == "list" else s.InwonerSerializer

    def create(self, request):
        serializer = s.InwonerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inwoner = services.registreer_inwoner(gebruiker=request.user, **serializer.validated_data)
        self.verwerkt(inwoner)
        return Response(s.InwonerSerializer(inwoner).data, status=201)

    def partial_update(self, request, pk=None):
        inwoner = self.get_object()
        serializer = s.InwonerSerializer(inwoner, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        inwoner = services.wijzig_inwoner(
            gebruiker=request.user, inwoner=inwoner, wijzigingen=serializer.validated_data
        )
        return Response(s.InwonerSerializer(inwoner).data)


class DoorDeDienst:
    """POST and PATCH of beheer's own records through their service: `registreer` makes one,
    `wijzig` changes the one given under the name `soort`."""

    registreer: Callable
    wijzig: Callable
    soort: str

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gemaakt = self.registreer(gebruiker=request.user, **serializer.validated_data)
        return Response(self.get_serializer(gemaakt).data, status=201)

    def partial_update(self, request, pk=None):
        huidig = self.get_object()
        serializer = self.get_serializer(huidig, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        gewijzigd = self.wijzig(gebruiker=request.user, wijzigingen=serializer.validated_data, **{self.soort: huidig})
        return Response(self.get_serializer(gewijzigd).data)


class AanbiederViewSet(DoorDeDienst, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    rollen = {"list": ALLE_ROLLEN, "retrieve": ALLE_ROLLEN, "create": (BEHEER,), "partial_update": (BEHEER,)}
    verwerking = GEEN
    queryset = Aanbieder.objects.all()
    serializer_class = s.AanbiederSerializer
    registreer = staticmethod(services.registreer_aanbieder)
    wijzig = staticmethod(services.wijzig_aanbieder)
    soort = "aanbieder"


@extend_schema(parameters=[OpenApiParameter("code", str, description="Productcode, bijvoorbeeld 45A65")])
class ProductViewSet(RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    rollen = {"list": ALLE_ROLLEN, "retrieve": ALLE_ROLLEN, "create": (BEHEER,), "partial_update": (BEHEER,)}
    verwerking = GEEN
    serializer_class = s.ProductSerializer

    def get_queryset(self):
        qs = selectors.producten_lijst()
        code = tekst_filter(self.request, "code", "Dit is geen geldige productcode.")
        if code:
            qs = qs.filter(code=code)
        return qs

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gegevens = dict(serializer.validated_data)
        product = services.registreer_product(gebruiker=request.user, tarieven=gegevens.pop("tarieven", []), **gegevens)
        return Response(self.get_serializer(selectors.producten_lijst().get(pk=product.pk)).data, status=201)

    def partial_update(self, request, pk=None):
        product = self.get_object()
        serializer = self.get_serializer(product, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        gegevens = dict(serializer.validated_data)
        tarieven = gegevens.pop("tarieven", None)
        product = services.wijzig_product(
            gebruiker=request.user, product=product, wijzigingen=gegevens, tarieven=tarieven
        )
        return Response(self.get_serializer(selectors.producten_lijst().get(pk=product.pk)).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("aanbieder", uuid.UUID, description="Alleen contracten van deze aanbieder"),
            OpenApiParameter("product", str, description="Alleen contracten voor deze productcode"),
        ]
    )
)
class ContractViewSet(DoorDeDienst, MetHistorie, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Contracts of aanbieders for products (docs/api.md, "Third round")."""

    rollen = {
        "list": ALLE_ROLLEN,
        "retrieve": ALLE_ROLLEN,
        "historie": ALLE_ROLLEN,
        "create": (BEHEER,),
        "partial_update": (BEHEER,),
    }
    # An aanbieder's agreement about a product: no inwoner's data.
    verwerking = GEEN
    serializer_class = s.ContractSerializer
    registreer = staticmethod(services.registreer_contract)
    wijzig = staticmethod(services.wijzig_contract)
    soort = "contract"

    def get_queryset(self):
        qs = Contract.objects.select_related("product").order_by("aanbieder__naam", "product__code", "geldig_van", "id")
        if (aanbieder := uuid_filter(self.request, "aanbieder")) is not None:
            qs = qs.filter(aanbieder_id=aanbieder)
        if product := tekst_filter(self.request, "product", "Geen geldige productcode."):
            qs = qs.filter(product__code=product)
        return qs


def _verwachte_versie(request, indicatie: Indicatie) -> int | None:
    """`If-Match` honoured: a stale ETag is a 412, `*` or no header means no check."""
    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        return None
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    if indicatie.etag not in tags:
        raise StaleVersion()
    return indicatie.versie


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("inwoner", uuid.UUID, description="Alleen indicaties van deze inwoner"),
            OpenApiParameter(
                "status", str, enum=IndicatieStatus.values, description="Alleen indicaties met deze status"
            ),
        ]
    )
)
class IndicatieViewSet(BinnenCaseload, MetHistorie, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    rollen = {
        "list": ZORGROLLEN,
        "retrieve": ZORGROLLEN,
        "historie": ZORGROLLEN,
        "create": (CONSULENT,),
        "partial_update": (CONSULENT,),
        "intrekken": (CONSULENT,),
        "schakelteam_besluit": (SCHAKELTEAM,),
        "advies": (CONSULENT,),
        "bijstellen": (CONSULENT,),
    }
    verwerkingen = {
        "list": RAADPLEGEN,
        "retrieve": INZIEN_DOSSIER,
        "historie": INZIEN_DOSSIER,
        "create": REGISTREREN_INDICATIE,
        "partial_update": WIJZIGEN_INDICATIE,
        "intrekken": WIJZIGEN_INDICATIE,
        "schakelteam_besluit": SCHAKELTEAMWERK,
        "advies": SCHAKELTEAMWERK,
        "bijstellen": WIJZIGEN_INDICATIE,
    }
    conflicten = ("partial_update", "intrekken", "schakelteam_besluit", "bijstellen")
    serializer_class = s.IndicatieSerializer

    def get_queryset(self):
        qs = selectors.indicaties_api()
        if self.action == "list":
            inwoner = uuid_filter(self.request, "inwoner")
            if inwoner:
                qs = qs.filter(inwoner_id=inwoner)
            status = keuze_filter(self.request, "status", IndicatieStatus.values)
            if status:
                qs = qs.filter(status=status)
        return qs

    def _antwoord(self, indicatie: Indicatie, status: int = 200) -> Response:
        indicatie = selectors.indicaties_api().get(pk=indicatie.pk)
        return Response(s.IndicatieSerializer(indicatie).data, status=status, headers={"ETag": indicatie.etag})

    def retrieve(self, request, pk=None):
        return self._antwoord(self.get_object())

    def historie_van(self):
        # The versions only: not the signals and evaluation the list query fetches along.
        return self.dossier(Indicatie.objects.all())

    @extend_schema(request=s.IndicatieSchrijfSerializer, responses={201: s.IndicatieSerializer})
    def create(self, request):
        serializer = s.IndicatieSchrijfSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        gegevens = dict(serializer.validated_data)
        verzoek = gegevens.pop("verzoek", None)
        self.inwoner_binnen_caseload(gegevens["inwoner"])
        indicatie = services.registreer_indicatie(
            gebruiker=request.user, gegevens=services.IndicatieGegevens(**gegevens), verzoek=verzoek
        )
        # The new indicatie comes back with its product, signals and evaluation in hand: exactly
        # what reading it again would give, without the second read.
        return Response(s.IndicatieSerializer(indicatie).data, status=201, headers={"ETag": indicatie.etag})

    @extend_schema(
        request=s.IndicatieWijzigSerializer,
        parameters=[
            OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description="ETag van de laatst gelezen versie")
        ],
    )
    def partial_update(self, request, pk=None):
        indicatie = self.get_object()
        serializer = s.IndicatieWijzigSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # After the request's own checks: invalid input is a 400 also with a stale ETag (RFC 9110, 13.2.1).
        verwachte_versie = _verwachte_versie(request, indicatie)
        indicatie = services.wijzig_indicatie(
            gebruiker=request.user,
            indicatie=indicatie,
            wijzigingen=serializer.validated_data,
            verwachte_versie=verwachte_versie,
        )
        return self._antwoord(indicatie)

    @extend_schema(request=s.IntrekkenSerializer, responses=s.IndicatieSerializer)
    @action(detail=True, methods=["post"])
    def intrekken(self, request, pk=None):
        indicatie = self.dossier(Indicatie.objects.all())
        serializer = s.IntrekkenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        indicatie = services.trek_in(
            gebruiker=request.user, indicatie=indicatie, reden=serializer.validated_data["reden"]
        )
        return self._antwoord(indicatie)

    @extend_schema(request=s.SchakelteamBesluitSerializer, responses=s.IndicatieSerializer)
    @action(detail=True, methods=["post"], url_path="schakelteam-besluit")
    def schakelteam_besluit(self, request, pk=None):
        indicatie = self.dossier(Indicatie.objects.all())
        serializer = s.SchakelteamBesluitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        indicatie = services.neem_schakelteambesluit(
            gebruiker=request.user, indicatie=indicatie, **serializer.validated_data
        )
        return self._antwoord(indicatie)

    @extend_schema(request=s.AdviesVraagSerializer, responses={201: s.AdviesSerializer})
    @action(detail=True, methods=["post"])
    def advies(self, request, pk=None):
        indicatie = self.dossier(Indicatie.objects.all())
        serializer = s.AdviesVraagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        advies = services.vraag_advies(
            gebruiker=request.user, indicatie=indicatie, vraag=serializer.validated_data["vraag"]
        )
        return Response(s.AdviesSerializer(advies).data, status=201)

    @extend_schema(request=s.BijstellenSerializer, responses=s.IndicatieSerializer)
    @action(detail=True, methods=["post"])
    def bijstellen(self, request, pk=None):
        """Afschalen, beëindigen of anders inzetten buiten een evaluatie (bijv. na een halfjaarcheck)."""
        indicatie = self.dossier(Indicatie.objects.all())
        serializer = s.BijstellenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resultaat = services.stel_indicatie_bij(
            gebruiker=request.user, indicatie=indicatie, **serializer.validated_data
        )
        return self._antwoord(resultaat)


class AdviesViewSet(BinnenCaseload, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    inwoner_pad = "indicatie__inwoner"
    rollen = {"list": (CONSULENT, SCHAKELTEAM), "retrieve": (CONSULENT, SCHAKELTEAM), "antwoord": (SCHAKELTEAM,)}
    verwerking = SCHAKELTEAMWERK
    conflicten = ("antwoord",)
    serializer_class = s.AdviesSerializer

    def get_queryset(self):
        qs = SchakelteamAdvies.objects.all()
        indicatie = uuid_filter(self.request, "indicatie")
        if indicatie:
            qs = qs.filter(indicatie_id=indicatie)
        beantwoord = ja_nee_filter(self.request, "beantwoord")
        if beantwoord is not None:
            qs = qs.filter(beantwoord_op__isnull=not beantwoord)
        return qs

    @extend_schema(request=s.AdviesAntwoordSerializer, responses=s.AdviesSerializer)
    @action(detail=True, methods=["post"])
    def antwoord(self, request, pk=None):
        advies = self.get_object()
        serializer = s.AdviesAntwoordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        advies = services.geef_advies(
            gebruiker=request.user, advies=advies, antwoord=serializer.validated_data["antwoord"]
        )
        return Response(s.AdviesSerializer(advies).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("indicatie", uuid.UUID),
            OpenApiParameter("status", str, enum=EvaluatieStatus.values),
        ]
    )
)
class EvaluatieViewSet(BinnenCaseload, MetHistorie, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    inwoner_pad = "indicatie__inwoner"
    rollen = {"list": ZORGROLLEN, "retrieve": ZORGROLLEN, "historie": ZORGROLLEN, "afronden": (CONSULENT,)}
    verwerkingen = {"list": RAADPLEGEN, "retrieve": INZIEN_DOSSIER, "historie": INZIEN_DOSSIER, "afronden": EVALUATIE}
    conflicten = ("afronden",)
    serializer_class = s.EvaluatieSerializer

    def get_queryset(self):
        qs = selectors.evaluaties_lijst()
        if self.action == "list":
            indicatie = uuid_filter(self.request, "indicatie")
            if indicatie:
                qs = qs.filter(indicatie_id=indicatie)
            status = keuze_filter(self.request, "status", EvaluatieStatus.values)
            if status:
                qs = qs.filter(status=status)
        return qs

    @extend_schema(request=s.EvaluatieAfrondenSerializer, responses=s.EvaluatieSerializer)
    @action(detail=True, methods=["post"])
    def afronden(self, request, pk=None):
        evaluatie = self.get_object()
        serializer = s.EvaluatieAfrondenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evaluatie = services.rond_evaluatie_af(gebruiker=request.user, evaluatie=evaluatie, **serializer.validated_data)
        return Response(s.EvaluatieSerializer(selectors.evaluaties_lijst().get(pk=evaluatie.pk)).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("inwoner", uuid.UUID), OpenApiParameter("status", str, enum=CheckStatus.values)]
    )
)
class HalfjaarcheckViewSet(BinnenCaseload, MetHistorie, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    rollen = {"list": ZORGROLLEN, "retrieve": ZORGROLLEN, "historie": ZORGROLLEN, "afronden": (CONSULENT,)}
    verwerkingen = {
        "list": RAADPLEGEN,
        "retrieve": INZIEN_DOSSIER,
        "historie": INZIEN_DOSSIER,
        "afronden": HALFJAARCHECK,
    }
    conflicten = ("afronden",)
    serializer_class = s.HalfjaarcheckSerializer

    def get_queryset(self):
        qs = Halfjaarcheck.objects.all()
        if self.action == "list":
            inwoner = uuid_filter(self.request, "inwoner")
            if inwoner:
                qs = qs.filter(inwoner_id=inwoner)
            status = keuze_filter(self.request, "status", CheckStatus.values)
            if status:
                qs = qs.filter(status=status)
        return qs

    @extend_schema(request=s.HalfjaarcheckAfrondenSerializer, responses=s.HalfjaarcheckSerializer)
    @action(detail=True, methods=["post"])
    def afronden(self, request, pk=None):
        check = self.get_object()
        serializer = s.HalfjaarcheckAfrondenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        check = services.rond_halfjaarcheck_af(gebruiker=request.user, check=check, **serializer.validated_data)
        return Response(s.HalfjaarcheckSerializer(check).data)


class _EenOverzicht(Schema):
    """The collection answers one object (the set in force and all sets), not a list of them."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class BeleidsregelsViewSet(RolViewSet):
    """The policy numbers: in force today and every set, oldest first (all roles); a new set from a
    date (beheer)."""

    rollen = {"list": ALLE_ROLLEN, "create": (BEHEER,)}
    verwerking = GEEN
    serializer_class = s.BeleidsregelsSerializer
    pagination_class = None
    schema = _EenOverzicht()

    @extend_schema(responses=s.BeleidsregelsOverzichtSerializer)
    def list(self, request):
        overzicht = {"in_werking": beleid.beleid_op(clock.today()), "sets": beleid.geschiedenis()}
        return Response(s.BeleidsregelsOverzichtSerializer(overzicht).data)

    @extend_schema(request=s.BeleidsregelsSchrijfSerializer, responses={201: s.BeleidsregelsSerializer})
    def create(self, request):
        serializer = s.BeleidsregelsSchrijfSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        regels = services.stel_beleidsregels_vast(gebruiker=request.user, **serializer.validated_data)
        return Response(s.BeleidsregelsSerializer(beleid.Beleid.uit_set(regels)).data, status=201)
