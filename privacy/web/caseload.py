"""Need to know and the processing log for the pages: the same filter as the API
(privacy.caseload), through the roles the page allows (`basis.web.rol_vereist`)."""

from django.shortcuts import get_object_or_404

from .. import caseload, logboek


def zichtbaar(request, queryset, pad: str | None = "inwoner"):
    """`queryset` limited to what this user may see on this page, each row with its inwoner's BSN
    (`pad=None`: the way to the inwoner found from the model)."""
    return caseload.zichtbaar(queryset, request.user, pad, getattr(request, "toegestane_rollen", None))


def dossier_of_404(request, queryset, pad: str = "inwoner", **lookup):
    """The one object a page is about, or a 404 when it does not exist or is outside what the
    user may see; recorded in the processing log."""
    obj = get_object_or_404(zichtbaar(request, queryset, pad), **lookup)
    logboek.verwerkt_objecten([obj])
    return obj


def getoond(objecten):
    """These rows (from `zichtbaar`) are shown: recorded in the processing log. Returns them."""
    objecten = list(objecten)
    logboek.verwerkt_objecten(objecten)
    return objecten


def buiten_caseload(request, inwoners, bsn: str):
    """A search by a full, valid BSN that found nothing the user may see: the inwoner with that
    BSN outside it, if there is one, so nobody registers a duplicate. The page may say only
    that it exists and who the regisseur is."""
    if not bsn:
        return None
    gevonden = inwoners.filter(bsn=bsn).select_related("regisseur").first()
    if gevonden is not None:
        # That this person is known here at all is their data: the answer is logged.
        logboek.verwerkt([bsn])
    return gevonden
