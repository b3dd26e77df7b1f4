"""`__een_van` (basis/lookups.py): the same rows as `__in`, on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicaties.models import Indicatie, Inwoner
from tests.factories import InwonerFactory, maak_indicatie

pytestmark = pytest.mark.django_db


def test_een_van_geeft_dezelfde_rijen_als_in():
    inwoners = InwonerFactory.create_batch(3)
    bsns = [inwoners[0].bsn, inwoners[2].bsn, "000000000"]
    assert set(Inwoner.objects.filter(bsn__een_van=bsns)) == set(Inwoner.objects.filter(bsn__in=bsns))
    assert set(Inwoner.objects.filter(bsn__een_van=set(bsns))) == {inwoners[0], inwoners[2]}


def test_een_van_op_een_vreemde_sleutel_en_een_lege_lijst():
    indicatie = maak_indicatie()
    anders = InwonerFactory()
    assert list(Indicatie.objects.filter(inwoner_id__een_van=[indicatie.inwoner_id, anders.pk])) == [indicatie]
    assert list(Indicatie.objects.filter(inwoner_id__een_van=[str(anders.pk)])) == []
    assert list(Indicatie.objects.filter(inwoner_id__een_van=[])) == []


def test_een_van_is_een_parameter_op_postgresql():
    bsns = [f"{i:09d}" for i in range(1000)]
    with CaptureQueriesContext(connection) as vastgelegd:
        list(Inwoner.objects.filter(bsn__een_van=bsns))
    sql = vastgelegd.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql
        assert " IN (" not in sql
    else:
        assert " IN (" in sql
