import pytest
from django.conf import settings

from berichten import xsd


@pytest.fixture(autouse=True)
def _xsds_vereist():
    """These tests validate every message against the official XSDs; without them they cannot."""
    if xsd.map_istandaarden() is None:
        pytest.skip(
            f"De XSD's van de iStandaarden ontbreken (CASUSREGIE_ISTANDAARDEN={settings.CASUSREGIE_ISTANDAARDEN!r})."
        )
