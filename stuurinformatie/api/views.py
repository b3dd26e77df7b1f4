import datetime

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from casusregie import clock
from casusregie.api import HeeftRol
from casusregie.roles import BACKOFFICE, BEHEER, BELEID

from .. import selectors


def _datum(request, naam: str, standaard: datetime.date) -> datetime.date:
    waarde = request.query_params.get(naam)
    if not waarde:
        return standaard
    try:
        return datetime.date.fromisoformat(waarde)
    except ValueError as exc:
        raise ValidationError({naam: [f"Ongeldige datum '{waarde}': gebruik JJJJ-MM-DD."]}, code="invalid") from exc


class StuurinformatieView(APIView):
    """Figures for a period (default: this calendar year); no personal data."""

    permission_classes = [HeeftRol]
    rollen = {"get": (BELEID, BACKOFFICE, BEHEER)}

    @extend_schema(
        parameters=[
            OpenApiParameter("van", OpenApiTypes.DATE, description="Eerste dag (standaard 1 januari van dit jaar)"),
            OpenApiParameter("tot", OpenApiTypes.DATE, description="Laatste dag, inclusief (standaard 31 december)"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        vandaag = clock.today()
        van = _datum(request, "van", datetime.date(vandaag.year, 1, 1))
        tot = _datum(request, "tot", datetime.date(vandaag.year, 12, 31))
        if tot < van:
            raise ValidationError({"tot": ["'tot' ligt vóór 'van'."]}, code="invalid")
        return Response(selectors.stuurinformatie(van, tot))
