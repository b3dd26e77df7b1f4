from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from casusregie.api import HeeftRol
from casusregie.roles import BACKOFFICE, BEHEER, BELEID

from .. import selectors
from ..filters import FilterFout, lees_filters


class StuurinformatieView(APIView):
    """Figures for a period (default: this calendar year); no personal data of inwoners."""

    permission_classes = [HeeftRol]
    rollen = {"get": (BELEID, BACKOFFICE, BEHEER)}

    @extend_schema(
        parameters=[
            OpenApiParameter("van", OpenApiTypes.DATE, description="Eerste dag (standaard 1 januari van dit jaar)"),
            OpenApiParameter("tot", OpenApiTypes.DATE, description="Laatste dag, inclusief (standaard 31 december)"),
            OpenApiParameter("wet", OpenApiTypes.STR, enum=["wmo", "jeugdwet"], description="Alleen deze wet"),
            OpenApiParameter("product", OpenApiTypes.STR, description="Alleen dit product (code)"),
            OpenApiParameter("aanbieder", OpenApiTypes.UUID, description="Alleen deze aanbieder (id)"),
            OpenApiParameter(
                "team", OpenApiTypes.INT, description="Alleen dit team: de consulent (gebruikers-id) die registreerde"
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        try:
            gekozen = lees_filters(request.query_params)
        except FilterFout as fout:
            raise ValidationError({fout.veld: [fout.bericht]}, code="invalid") from fout
        return Response(selectors.stuurinformatie(gekozen.van, gekozen.tot, **gekozen.filters))
