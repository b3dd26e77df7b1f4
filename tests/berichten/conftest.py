import pytest
from django.conf import settings

from berichten import xsd
from tests.conftest import DIENSTEN_VEREIST


@pytest.fixture(autouse=True)
def _xsds_vereist():
    """These tests validate every message against the official XSDs; without them they cannot."""
    if xsd.map_istandaarden() is None:
        ontbreekt = (
            f"De XSD's van de iStandaarden ontbreken (CASUSREGIE_ISTANDAARDEN={settings.CASUSREGIE_ISTANDAARDEN!r})."
        )
        if DIENSTEN_VEREIST:
            # In CI every message is validated against the official XSDs: missing them is a failure.
            pytest.fail(f"De XSD's zijn vereist in CI: {ontbreekt}")
        pytest.skip(ontbreekt)
