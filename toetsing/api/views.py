"""HTTP to service calls and back for the review. No rule lives here."""

import uuid

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from basis.api.parameters import gebruiker_filter, keuze_filter, query_param, uuid_filter
from basis.api.viewsets import MetHistorie, RolViewSet
from basis.exceptions import RuleViolation
from basis.roles import BACKOFFICE, CONSULENT, heeft_rol
from privacy.api.mixins import BinnenCaseload
from privacy.register import TOETSING

from .. import rules, selectors, services
from ..models import Oordeel, Reden, ToetsingStatus
from . import serializers as s

EIGEN_OF_BACKOFFICE = (BACKOFFICE, CONSULENT)


def week_filter(request, naam: str, *oude_namen: str) -> rules.IsoWeek | None:
    naam, waarde = query_param(request, naam, *oude_namen)
    if waarde in (None, ""):
        return None
    fouten = rules.week_ongeldig(waarde, veld=naam)
    if fouten:
        raise RuleViolation(fouten)
    return rules.IsoWeek.uit_tekst(waarde)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("week", str, description="ISO-week, bijvoorbeeld 2027-W05"),
            OpenApiParameter("reden", str, enum=Reden.values),
            OpenApiParameter("status", str, enum=ToetsingStatus.values),
            OpenApiParameter("oordeel", str, enum=Oordeel.values),
            OpenApiParameter("opvolging", str, enum=["open", "afgehandeld"]),
            OpenApiParameter("indicatie", uuid.UUID),
            OpenApiParameter("consulent", int, description="Gebruikers-id van de consulent van de indicatie"),
        ]
    )
)
class ToetsingViewSet(BinnenCaseload, MetHistorie, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Backoffice sees every toetsing; a consulent only those of their own indicaties of inwoners in
    their caseload."""

    inwoner_pad = "indicatie__inwoner"
    rollen = {
        "list": (BACKOFFICE,),
        "retrieve": EIGEN_OF_BACKOFFICE,
        "historie": EIGEN_OF_BACKOFFICE,
        "steekproeven": (BACKOFFICE,),
        "oordeel": (BACKOFFICE,),
        "reactie": (CONSULENT,),
        "opvolging_afgehandeld": (CONSULENT,),
        "opvolgingen": EIGEN_OF_BACKOFFICE,
        "overzicht": (BACKOFFICE,),
    }
    verwerking = TOETSING
    conflicten = ("oordeel", "reactie", "opvolging_afgehandeld")
    serializer_class = s.ToetsingSerializer

    def get_queryset(self):
        qs = selectors.toetsingen_lijst()
        if getattr(self, "swagger_fake_view", False):
            return qs.none()
        if not heeft_rol(self.request.user, BACKOFFICE):
            qs = qs.filter(indicatie__consulent=self.request.user)
        if self.action == "list":
            qs = self._filter(qs)
        return qs

    def _filter(self, qs):
        week = week_filter(self.request, "week")
        if week:
            qs = qs.filter(steekproef__week=str(week))
        for naam, keuzes in (("reden", Reden.values), ("status", ToetsingStatus.values), ("oordeel", Oordeel.values)):
            waarde = keuze_filter(self.request, naam, keuzes)
            if waarde:
                qs = qs.filter(**{naam: waarde})
        opvolging = keuze_filter(self.request, "opvolging", ("open", "afgehandeld"))
        if opvolging:
            qs = qs.filter(oordeel=Oordeel.NIET_AKKOORD, opvolging_afgehandeld_op__isnull=opvolging == "open")
        indicatie = uuid_filter(self.request, "indicatie")
        if indicatie:
            qs = qs.filter(indicatie_id=indicatie)
        consulent = gebruiker_filter(self.request, "consulent")
        if consulent is not None:
            qs = qs.filter(indicatie__consulent_id=consulent)
        return qs.order_by("-steekproef__week", "reden", "id")

    def _antwoord(self, toetsing) -> Response:
        return Response(s.ToetsingSerializer(selectors.toetsingen_lijst().get(pk=toetsing.pk)).data)

    @extend_schema(
        request=s.SteekproefAanvraagSerializer,
        responses={
            201: OpenApiResponse(s.SteekproefSerializer, description="De steekproef is nu getrokken."),
            200: OpenApiResponse(s.SteekproefSerializer, description="Al eerder getrokken; ongewijzigd."),
        },
    )
    @action(detail=False, methods=["post"])
    def steekproeven(self, request):
        """Draw the sample of an ISO week; the same week again returns the same sample (200)."""
        serializer = s.SteekproefAanvraagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        steekproef, nieuw = services.trek_steekproef(serializer.validated_data["week"], gebruiker=request.user)
        steekproef = selectors.steekproef_met_toetsingen(steekproef.pk)
        return Response(s.SteekproefSerializer(steekproef).data, status=201 if nieuw else 200)

    @extend_schema(request=s.OordeelSerializer, responses=s.ToetsingSerializer)
    @action(detail=True, methods=["post"])
    def oordeel(self, request, pk=None):
        toetsing = self.get_object()
        serializer = s.OordeelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        toetsing = services.geef_oordeel(gebruiker=request.user, toetsing=toetsing, **serializer.validated_data)
        return self._antwoord(toetsing)

    @extend_schema(request=s.ReactieSerializer, responses=s.ToetsingSerializer)
    @action(detail=True, methods=["post"])
    def reactie(self, request, pk=None):
        toetsing = self.get_object()
        serializer = s.ReactieSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        toetsing = services.reageer(gebruiker=request.user, toetsing=toetsing, **serializer.validated_data)
        return self._antwoord(toetsing)

    @extend_schema(request=s.OpvolgingSerializer, responses=s.ToetsingSerializer)
    @action(detail=True, methods=["post"], url_path="opvolging-afgehandeld")
    def opvolging_afgehandeld(self, request, pk=None):
        toetsing = self.get_object()
        serializer = s.OpvolgingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        toetsing = services.handel_opvolging_af(gebruiker=request.user, toetsing=toetsing, **serializer.validated_data)
        return self._antwoord(toetsing)

    @extend_schema(responses=s.ToetsingSerializer(many=True))
    @action(detail=False, methods=["get"])
    def opvolgingen(self, request):
        """Open follow-ups of `niet akkoord`: a consulent's own, or all for backoffice."""
        consulent = None if heeft_rol(request.user, BACKOFFICE) else request.user
        qs = self.filter_queryset(selectors.open_opvolgingen(consulent))
        pagina = self.paginate_queryset(qs)
        return self.get_paginated_response(s.ToetsingSerializer(pagina, many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("vanWeek", str, description="Vanaf deze ISO-week (inclusief), bijvoorbeeld 2027-W01"),
            OpenApiParameter("totWeek", str, description="Tot en met deze ISO-week"),
        ],
        responses=s.OverzichtSerializer,
    )
    @action(detail=False, methods=["get"])
    def overzicht(self, request):
        """How many were drawn and judged, and how: in total, per consulent and per reden."""
        # van_week and tot_week: the names of contract v1.0, still understood.
        van_week = week_filter(request, "vanWeek", "van_week")
        tot_week = week_filter(request, "totWeek", "tot_week")
        return Response(s.OverzichtSerializer(selectors.overzicht(van_week, tot_week)).data)
