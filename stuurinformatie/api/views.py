from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from basis.api.rechten import HeeftRol
from basis.roles import BACKOFFICE, BEHEER, BELEID
from indicaties.domein import Wet
from privacy.register import GEEN

from .. import selectors
from ..filters import lees_filters
from ..rapport import maak_rapport

PERIODE = [
    OpenApiParameter("van", OpenApiTypes.DATE, description="Eerste dag (standaard 1 januari van dit jaar)"),
    OpenApiParameter("tot", OpenApiTypes.DATE, description="Laatste dag, inclusief (standaard 31 december)"),
]
FILTERS = [
    OpenApiParameter("wet", OpenApiTypes.STR, enum=Wet.values, description="Alleen deze wet"),
    OpenApiParameter("product", OpenApiTypes.STR, description="Alleen dit product (code)"),
    OpenApiParameter("aanbieder", OpenApiTypes.UUID, description="Alleen deze aanbieder (id)"),
    OpenApiParameter(
        "team", OpenApiTypes.INT, description="Alleen dit team: de consulent (gebruikers-id) die registreerde"
    ),
]


class StuurinformatieView(APIView):
    """Figures for a period (default: this calendar year); no personal data of inwoners."""

    permission_classes = [HeeftRol]
    rollen = {"get": (BELEID, BACKOFFICE, BEHEER)}
    verwerkingen = {"get": GEEN}

    @extend_schema(parameters=[*PERIODE, *FILTERS], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        gekozen = lees_filters(request.query_params)
        return Response(selectors.stuurinformatie(gekozen.van, gekozen.tot, **gekozen.filters))


class PdfRenderer(BaseRenderer):
    """Lets a client ask for the report with `Accept: application/pdf`; the view returns the bytes."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class RapportView(APIView):
    """The monthly management report as a PDF: the tiles with their targets and trend lines, a short
    explanation per figure and the tables behind them (docs/stuurinformatie.md, "Maandrapport")."""

    permission_classes = [HeeftRol]
    rollen = {"get": (BELEID, BACKOFFICE, BEHEER)}
    verwerkingen = {"get": GEEN}
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        parameters=[*PERIODE, *FILTERS],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Het rapport (PDF)."),
        },
    )
    def get(self, request):
        gekozen = lees_filters(request.query_params)
        antwoord = HttpResponse(maak_rapport(gekozen.van, gekozen.tot, gekozen.filters), content_type="application/pdf")
        naam = f"stuurinformatie-rapport-{gekozen.van:%Y%m%d}-{gekozen.tot:%Y%m%d}.pdf"
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
        return antwoord
