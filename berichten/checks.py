"""`manage.py check --deploy`: the official XSDs must be installed before anything can be sent."""

from django.core.checks import Tags, Warning, register

from . import xsd


@register(Tags.compatibility, deploy=True)
def istandaarden_geinstalleerd(app_configs, **kwargs):
    if xsd.beschikbaar("JW301") or xsd.beschikbaar("WMO301"):
        return []
    return [Warning(xsd.XSD_ONTBREEKT, id="berichten.W001")]
