"""The processing log through the API, for beheer (an inzageverzoek, a trace, a period)."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from basis.api.viewsets import RolViewSet
from basis.codes import Code
from basis.exceptions import RuleViolation
from basis.roles import BEHEER

from .. import logboek, rules, selectors
from ..models import Verwerking
from ..register import INZAGEVERZOEK as INZAGE


class HandelingSerializer(serializers.Serializer):
    gebruiker = serializers.CharField(source="gebruikersnaam")
    rollen = serializers.CharField()
    grond = serializers.CharField()
    reden = serializers.CharField()
    actie = serializers.CharField()


class VerwerkingSerializer(serializers.ModelSerializer):
    verwerkingsactiviteit_naam = serializers.CharField(source="activiteit_naam")
    doel = serializers.CharField(source="activiteit_doel")
    handeling = HandelingSerializer(allow_null=True)

    class Meta:
        model = Verwerking
        fields = [
            "trace_id",
            "span_id",
            "parent_span_id",
            "verwerkingsactiviteit",
            "verwerkingsactiviteit_naam",
            "doel",
            "betrokkene",
            "status",
            "start",
            "eind",
            "handeling",
        ]


def tijdstip(naam: str, waarde: str | None, einde_van_dag: bool = False) -> datetime.datetime | None:
    """A date (the whole day, Europe/Amsterdam) or a date and time with a zone (ISO 8601)."""
    if waarde in (None, ""):
        return None
    try:
        # A date alone first: parse_datetime would take "2027-02-09" for its midnight.
        dag = parse_date(waarde) if len(waarde) == 10 else None
        if dag is not None:
            dag += datetime.timedelta(days=1) if einde_van_dag else datetime.timedelta()
            moment = datetime.datetime.combine(dag, datetime.time())
        else:
            moment = parse_datetime(waarde)
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError(
            {naam: [serializers.ErrorDetail("Geef een datum (JJJJ-MM-DD) of tijdstip.", Code.INVALID)]}
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class ZoekvraagSerializer(serializers.Serializer):
    bsn = serializers.CharField(
        max_length=20,
        help_text="Het BSN (9 cijfers, elfproef) van wie het inzageverzoek komt; het wordt niet opgeslagen.",
    )
    van = serializers.CharField(
        required=False, allow_blank=True, max_length=40, help_text="Vanaf deze datum of dit tijdstip (ISO 8601)."
    )
    tot = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="Tot en met deze datum, of tot dit tijdstip (ISO 8601).",
    )


@extend_schema_view(
    zoeken=extend_schema(
        summary="Inzageverzoek: de verwerkingen van één persoon, zonder BSN in het adres",
        description=(
            "Hetzelfde antwoord als `GET /verwerkingen?bsn=`, maar het BSN staat in de inhoud van het "
            "verzoek en komt zo niet in een adres of toegangslog terecht. Een BSN dat de elfproef niet "
            "doorstaat is een 400 `bsn_ongeldig`; er wordt dan niets vastgelegd."
        ),
        request=ZoekvraagSerializer,
        responses=VerwerkingSerializer(many=True),
    ),
    list=extend_schema(
        parameters=[
            OpenApiParameter("traceId", str, description="Alle verwerkingen van één trace (32 tekens 0-9, a-f)."),
            OpenApiParameter(
                "bsn",
                str,
                description=(
                    "Inzageverzoek: alle verwerkingen van deze persoon (het BSN wordt niet opgeslagen). "
                    "Liever `POST /verwerkingen/zoeken`: dan staat het BSN niet in het adres."
                ),
            ),
            OpenApiParameter("van", str, description="Vanaf deze datum of dit tijdstip (ISO 8601)."),
            OpenApiParameter("tot", str, description="Tot en met deze datum, of tot dit tijdstip (ISO 8601)."),
        ]
    ),
)
class VerwerkingViewSet(RolViewSet, mixins.ListModelMixin):
    """Het verwerkingenlogboek (Logboek Dataverwerkingen): met een trace, een BSN of een periode."""

    rollen = {"list": (BEHEER,), "zoeken": (BEHEER,)}
    verwerkingen = {"list": INZAGE, "zoeken": INZAGE}
    serializer_class = VerwerkingSerializer

    @action(detail=False, methods=["post"])
    def zoeken(self, request):
        """The inzageverzoek as a POST: the same answer as the list, the BSN only in the body."""
        return self.list(request)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Verwerking.objects.none()
        params = self.request.query_params
        if self.action == "zoeken":
            vraag = ZoekvraagSerializer(data=self.request.data)
            vraag.is_valid(raise_exception=True)
            params = vraag.validated_data
            trace_id, bsn = None, params["bsn"]
        else:
            trace_id, bsn = params.get("traceId") or None, params.get("bsn") or None
        van, tot = tijdstip("van", params.get("van")), tijdstip("tot", params.get("tot"), einde_van_dag=True)
        if fouten := rules.zoekvraag_fouten(trace_id=trace_id, bsn=bsn, van=van, tot=tot):
            raise RuleViolation(fouten)
        if bsn:
            # An inzageverzoek reads this person's records: that is a processing of its own.
            logboek.verwerkt([bsn], INZAGE)
        return selectors.verwerkingen(trace_id=trace_id, bsn=bsn, van=van, tot=tot)

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)
        return selectors.met_handeling(pagina) if pagina is not None else None
