"""HTTP to the services of the chain and back. No rule lives here."""

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, UnsupportedMediaType
from rest_framework.parsers import BaseParser
from rest_framework.response import Response

from basis.api.parameters import keuze_filter, uuid_filter
from basis.api.viewsets import RolViewSet
from basis.roles import BACKOFFICE, BEHEER, BELEID, CONSULENT, rollen_van
from privacy import logboek
from privacy.api.mixins import BinnenCaseload
from privacy.register import BERICHTENVERKEER, INZIEN_DOSSIER, RAADPLEGEN

from .. import selectors, services, verzoeken
from ..models import (
    Bericht,
    BerichtStatus,
    DeclaratieStatus,
    Richting,
    Verzoek,
    VerzoekSoort,
    VerzoekStatus,
)
from ..ontvangen import BerichtTeGroot
from . import serializers as s


class TeGroot(APIException):
    status_code = 413
    default_code = "bericht_te_groot"


class XmlParser(BaseParser):
    """The body as bytes, read no further than the largest message allowed (OP179)."""

    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None):
        grens = settings.BERICHT_MAX_BYTES
        if stream is None:
            return b""
        data = stream.read(grens + 1)
        if len(data) > grens:
            raise TeGroot(BerichtTeGroot().bericht)
        return data


class TekstXmlParser(XmlParser):
    media_type = "text/xml"


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("richting", str, enum=Richting.values),
            OpenApiParameter("soort", str, description="JW301, WMO305, ..."),
            OpenApiParameter("status", str, enum=BerichtStatus.values),
            OpenApiParameter("inwoner", OpenApiTypes.UUID),
            OpenApiParameter("aanbieder", OpenApiTypes.UUID),
        ]
    )
)
class BerichtViewSet(BinnenCaseload, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    rollen = {
        "list": (CONSULENT, BACKOFFICE, BEHEER),
        "retrieve": (CONSULENT, BACKOFFICE, BEHEER),
        "xml": (CONSULENT, BACKOFFICE, BEHEER),
        "create": (BACKOFFICE, BEHEER),
        "verzonden": (BACKOFFICE, BEHEER),
    }
    conflicten = ("create", "verzonden")
    verwerkingen = {
        "list": BERICHTENVERKEER,
        "retrieve": BERICHTENVERKEER,
        "xml": BERICHTENVERKEER,
        "create": BERICHTENVERKEER,
        "verzonden": BERICHTENVERKEER,
    }
    serializer_class = s.BerichtSerializer

    def get_parsers(self):
        # DRF asks for the parsers before it sets `action`: a POST on the list is the create.
        actie = getattr(self, "action", None)
        if actie == "create" or (
            actie is None and self.request is not None and self.request.method == "POST" and "pk" not in self.kwargs
        ):
            return [XmlParser(), TekstXmlParser()]
        return super().get_parsers()

    def filter_queryset(self, queryset):
        if self.action in ("list", "retrieve", "xml") and not (rollen_van(self.request.user) & {BACKOFFICE, BEHEER}):
            # A consulent sees the messages of their caseload; those of no inwoner are not theirs.
            queryset = queryset.filter(inwoner__isnull=False)
        return super().filter_queryset(queryset)

    def get_queryset(self):
        qs = Bericht.objects.prefetch_related("antwoorden").order_by("-aangemaakt", "id")
        if self.action != "list":
            return qs
        if richting := keuze_filter(self.request, "richting", Richting.values):
            qs = qs.filter(richting=richting)
        if status := keuze_filter(self.request, "status", BerichtStatus.values):
            qs = qs.filter(status=status)
        if soort := self.request.query_params.get("soort"):
            qs = qs.filter(soort=soort.upper()[:8])
        if (inwoner := uuid_filter(self.request, "inwoner")) is not None:
            qs = qs.filter(inwoner_id=inwoner)
        if (aanbieder := uuid_filter(self.request, "aanbieder")) is not None:
            qs = qs.filter(aanbieder_id=aanbieder)
        return qs

    @extend_schema(
        request={"application/xml": OpenApiTypes.STR},
        responses={201: s.BerichtSerializer, 413: None},
        description="Eén iJw- of iWmo-bericht als XML.",
    )
    def create(self, request):
        if request.content_type.split(";")[0].strip() not in ("application/xml", "text/xml"):
            raise UnsupportedMediaType(request.content_type)
        lengte = request.META.get("CONTENT_LENGTH") or "0"
        if lengte.isdigit() and int(lengte) > settings.BERICHT_MAX_BYTES:
            raise TeGroot(BerichtTeGroot().bericht)
        try:
            bericht = services.ontvang(request.data, gebruiker=request.user)
        except BerichtTeGroot as exc:
            raise TeGroot(exc.bericht) from None
        bericht = Bericht.objects.prefetch_related("antwoorden").get(pk=bericht.pk)
        return Response(self.get_serializer(bericht).data, status=201)

    @extend_schema(responses={(200, "application/xml"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"])
    def xml(self, request, pk=None):
        bericht = self.get_object()
        return HttpResponse(bericht.xml.encode("utf-8"), content_type="application/xml; charset=utf-8")

    @extend_schema(request=None, responses={200: s.BerichtSerializer})
    @action(detail=True, methods=["post"])
    def verzonden(self, request, pk=None):
        bericht = services.markeer_verzonden(bericht=self.get_object())
        return Response(self.get_serializer(Bericht.objects.prefetch_related("antwoorden").get(pk=bericht.pk)).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=VerzoekStatus.values),
            OpenApiParameter("soort", str, enum=VerzoekSoort.values),
        ]
    )
)
class VerzoekViewSet(BinnenCaseload, RolViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    rollen = {
        "list": (CONSULENT, BACKOFFICE, BEHEER),
        "retrieve": (CONSULENT, BACKOFFICE, BEHEER),
        "afwijzen": (CONSULENT,),
    }
    conflicten = ("afwijzen",)
    verwerkingen = {"list": RAADPLEGEN, "retrieve": INZIEN_DOSSIER, "afwijzen": BERICHTENVERKEER}
    serializer_class = s.VerzoekSerializer

    def get_queryset(self):
        qs = Verzoek.objects.select_related("product").order_by("uiterste_datum", "id")
        if status := keuze_filter(self.request, "status", VerzoekStatus.values):
            qs = qs.filter(status=status)
        if soort := keuze_filter(self.request, "soort", VerzoekSoort.values):
            qs = qs.filter(soort=soort)
        return qs

    def filter_queryset(self, queryset):
        zichtbaar = super().filter_queryset(queryset)
        self._zonder_regisseur = not (rollen_van(self.request.user) & {BACKOFFICE, BEHEER})
        if not self._zonder_regisseur:
            return zichtbaar
        # A consulent also sees the requests of inwoners nobody directs yet: someone must pick them up.
        self._met_zonder_regisseur = queryset.filter(
            Q(pk__in=zichtbaar.values("pk")) | Q(inwoner__regisseur__isnull=True)
        )
        return self._met_zonder_regisseur

    def telling(self):
        if getattr(self, "_zonder_regisseur", False):
            return self._met_zonder_regisseur
        return super().telling()

    @extend_schema(request=s.AfwijzenSerializer, responses={200: s.VerzoekSerializer})
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        serializer = s.AfwijzenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        verzoek = verzoeken.wijs_af(gebruiker=request.user, verzoek=self.get_object(), **serializer.validated_data)
        return Response(self.get_serializer(verzoek).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("aanbieder", OpenApiTypes.UUID),
            OpenApiParameter("status", str, enum=DeclaratieStatus.values),
            OpenApiParameter(
                "inwoner", OpenApiTypes.UUID, description="Declaraties met een prestatie voor deze inwoner."
            ),
        ],
        description="Ontvangen declaraties (323) met wat is ingediend, toegekend en afgewezen, de nieuwste eerst.",
    )
)
class DeclaratieViewSet(RolViewSet, mixins.ListModelMixin):
    rollen = {"list": (BACKOFFICE, BELEID, BEHEER)}
    verwerkingen = {"list": BERICHTENVERKEER}
    serializer_class = s.DeclaratieSerializer

    def get_queryset(self):
        inwoner = uuid_filter(self.request, "inwoner")
        qs = selectors.declaraties(
            aanbieder=uuid_filter(self.request, "aanbieder"),
            status=keuze_filter(self.request, "status", DeclaratieStatus.values),
            inwoner=inwoner,
        )
        if inwoner is not None:
            # Which declarations name this inwoner is their data: the search is in the log.
            logboek.verwerkt(selectors.bsn_van(inwoner))
        return qs
