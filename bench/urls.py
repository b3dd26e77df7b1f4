"""The product's URLs plus two baseline views of the benchmarks: plain Django, no REST
framework, no authentication, no serializers; the least a response with the same data costs."""

from django.http import JsonResponse
from django.urls import path

from casusregie.urls import urlpatterns as product
from indicaties.models import Indicatie, Inwoner

VELDEN = ("id", "inwoner_id", "product__code", "aanbieder_id", "volume", "eenheid", "frequentie", "ingangsdatum")
VELDEN += ("einddatum", "status", "uren_per_week", "geschatte_kosten", "consulent_id", "versie")


def een_rij(request):
    """One inwoner by id, as JSON (the baseline of the registration bench)."""
    rij = Inwoner.objects.filter(pk=request.GET["id"]).values("id", "voornaam", "achternaam").first()
    return JsonResponse(rij or {}, status=200 if rij else 404)


def honderd_indicaties(request):
    """The rows of the first page of /api/v1/indicaties/?page_size=100, in the same order."""
    rijen = list(Indicatie.objects.order_by("-ingangsdatum", "id").values(*VELDEN)[:100])
    return JsonResponse({"count": Indicatie.objects.count(), "results": rijen})


urlpatterns = [
    path("bench/een-rij/", een_rij),
    path("bench/honderd-indicaties/", honderd_indicaties),
    *product,
]
