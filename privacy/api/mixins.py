"""Need to know and the processing log for the API's viewsets (basis.api.viewsets.RolViewSet).

`BinnenCaseload` limits every query of the viewset to what the user may see in the role the
action allows (privacy.caseload): an object outside it is a 404 and absent from every list. What
a list page or a detail route hands out is recorded in the processing log. `InwonerToegang`
adds the two actions on one inwoner: open it outside the caseload, hand over its regie.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from basis.roles import BEHEER, CONSULENT

from .. import caseload, logboek, services
from ..register import OVERDRAGEN_REGIE, TOEGANG_BUITEN_CASELOAD


class BinnenCaseload:
    """The lookup from the viewset's model to its inwoner: "" for the inwoner itself."""

    inwoner_pad = "inwoner"

    def acterende_rollen(self):
        actie = getattr(self, "action", None)
        return self.rollen.get(actie) if actie else None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The processing log names the roles this user acted in (NEN 7513: why they may).
        request._request.toegestane_rollen = self.acterende_rollen()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if getattr(self, "swagger_fake_view", False):
            return queryset
        self._voor_caseload = queryset
        return caseload.zichtbaar(queryset, self.request.user, self.inwoner_pad, self.acterende_rollen())

    def telling(self):
        """The rows of the list just filtered, for its count (basis.api.paginering.Paginering): the same
        filters, the caseload in the form that counts fastest (privacy.caseload)."""
        queryset = getattr(self, "_voor_caseload", None)
        if queryset is None:
            return None
        return caseload.zichtbaar(
            queryset, self.request.user, self.inwoner_pad, self.acterende_rollen(), voor_telling=True
        )

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)
        if pagina is not None:
            logboek.verwerkt_objecten(pagina)
        return pagina

    def get_object(self):
        obj = super().get_object()
        logboek.verwerkt_objecten([obj])
        return obj

    def dossier(self, queryset):
        """The object of this detail route from `queryset` (a lighter query than the list's),
        through the same filter: a 404 outside what the user may see."""
        obj = get_object_or_404(self.filter_queryset(queryset), pk=self.kwargs["pk"])
        logboek.verwerkt_objecten([obj])
        return obj

    def verwerkt(self, *inwoners) -> None:
        logboek.verwerkt(i.bsn for i in inwoners)

    def inwoner_binnen_caseload(self, inwoner, veld: str = "inwoner"):
        """An inwoner named in a request body: one outside what the user may see does not exist
        for them (400 `does_not_exist`, as an unknown id)."""
        if inwoner.regisseur_id != self.request.user.pk:
            zichtbaar = caseload.zichtbaar(
                type(inwoner).objects.filter(pk=inwoner.pk), self.request.user, "", self.acterende_rollen()
            )
            if not zichtbaar.exists():
                niet_gevonden = serializers.ErrorDetail(
                    f'Ongeldige pk "{inwoner.pk}" - object bestaat niet.', "does_not_exist"
                )
                raise ValidationError({veld: [niet_gevonden]})
        logboek.verwerkt([inwoner.bsn])
        return inwoner


class ToegangSerializer(serializers.Serializer):
    reden = serializers.CharField(allow_blank=True, trim_whitespace=False)


class ToegangAntwoordSerializer(serializers.Serializer):
    inwoner = serializers.UUIDField(source="inwoner_id")
    reden = serializers.CharField()
    datum = serializers.DateField()
    geldig_tot = serializers.DateTimeField()


class OverdrachtSerializer(serializers.Serializer):
    regisseur = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all(), allow_null=True)
    reden = serializers.CharField(allow_blank=True, trim_whitespace=False)


class InwonerToegang:
    """`POST /inwoners/{id}/toegang` and `POST /inwoners/{id}/regisseur`, for the viewset of
    inwoners (with `BinnenCaseload`, `inwoner_pad = ""`), which adds `rollen_toegang` to its roles
    and `verwerkingen_toegang` to its activities."""

    rollen_toegang = {"toegang": (CONSULENT,), "regisseur": (CONSULENT, BEHEER)}
    verwerkingen_toegang = {"toegang": TOEGANG_BUITEN_CASELOAD, "regisseur": OVERDRAGEN_REGIE}

    @extend_schema(
        request=ToegangSerializer,
        responses={201: OpenApiResponse(ToegangAntwoordSerializer, description="Het dossier is open tot middernacht.")},
    )
    @action(detail=True, methods=["post"])
    def toegang(self, request, pk=None):
        """Toegang buiten de caseload ('break the glass'): met een reden, tot het einde van vandaag."""
        serializer = ToegangSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Outside the caseload by definition: found among all inwoners, not only the visible ones.
        inwoner = get_object_or_404(self.get_queryset(), pk=pk)
        toegang = services.open_buiten_caseload(
            gebruiker=request.user, inwoner=inwoner, reden=serializer.validated_data["reden"]
        )
        toegang.geldig_tot = services.open_tot(toegang)
        return Response(ToegangAntwoordSerializer(toegang).data, status=201)

    @extend_schema(request=OverdrachtSerializer)
    @action(detail=True, methods=["post"])
    def regisseur(self, request, pk=None):
        """Regie overdragen aan een andere consulent, met een reden (in de historie)."""
        inwoner = self.dossier(self.get_queryset())
        serializer = OverdrachtSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inwoner = services.draag_regie_over(gebruiker=request.user, inwoner=inwoner, **serializer.validated_data)
        return Response(self.get_serializer(inwoner).data)
