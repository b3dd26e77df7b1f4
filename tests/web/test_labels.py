"""People read labels, not codes: a signal shows as its Dutch label on every page that lists it,
and the code itself appears only in markup (`data-code`), never in the text on the screen."""

import re

from django.urls import reverse

from basis.codes import SIGNALEN, Code


def _zichtbare_tekst(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html)


def _geen_code_in_beeld(html: str) -> None:
    # `spoed` and `verlenging` are ordinary words too; the codes with an underscore are not.
    tekst = _zichtbare_tekst(html)
    assert not [code for code in SIGNALEN if "_" in code and code in tekst]


def test_indicatiepagina_toont_het_signaal_met_zijn_label(wereld, als):
    client = als("schakelteam")
    html = client.get(reverse("web:indicatie", args=[wereld.wachtend.pk])).content.decode()
    assert Code.SCHAKELTEAM_DREMPEL.label in _zichtbare_tekst(html)
    assert f'data-code="{Code.SCHAKELTEAM_DREMPEL}"' in html
    _geen_code_in_beeld(html)


def test_werkvoorraad_van_het_schakelteam_toont_labels_geen_codes(wereld, als):
    html = als("schakelteam").get(reverse("start") + "?volledig=1").content.decode()
    assert Code.SCHAKELTEAM_DREMPEL.label in _zichtbare_tekst(html)
    _geen_code_in_beeld(html)


def test_inwonerpagina_toont_labels_geen_codes(wereld, als):
    wereld.wachtend.inwoner.regisseur = wereld.collega
    html = als(user=wereld.collega).get(reverse("web:inwoner", args=[wereld.wachtend.inwoner_id])).content.decode()
    assert Code.SCHAKELTEAM_DREMPEL.label in _zichtbare_tekst(html)
    _geen_code_in_beeld(html)


def test_elke_code_heeft_een_eigen_nederlands_label():
    labels = [code.label for code in Code]
    assert all(label and label[0].isupper() for label in labels)
    assert len(set(labels)) == len(labels)
