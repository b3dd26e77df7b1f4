"""The approved prestaties of a 323 are realised cost (stuurinformatie/prestaties.py): the signal
`prestaties_beoordeeld` writes them as declaraties and adds them to the totals, a credit takes
them out again; every figure counts them, also over kept months; the budgetplafond counts files
and chain alike, for berichten and for the notification."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from berichten.models import Bericht, DebetCredit, Prestatie, PrestatieStatus
from berichten.models import Declaratie as Declaratie323
from berichten.plafond import plafondstand
from berichten.signalen import prestaties_beoordeeld
from notifications.models import Notificatie, Soort
from stuurinformatie import maanden
from stuurinformatie.models import Declaratie, DeclaratieTotaal, Maandcijfers
from stuurinformatie.services import DeclaratiesGeweigerd, importeer_declaraties
from tests.factories import AanbiederFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import om
from .test_maandcijfers import gelijk_aan_live

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/v1/stuurinformatie/"
FEBRUARI = {"van": "2027-02-01", "tot": "2027-02-28"}


@pytest.fixture
def wereld():
    """An aanbieder with a ceiling of € 1.000,00, an indicatie with it 4-1 t/m 31-8-2027, a beleid user."""
    with om(2027, 1, 4):
        aanbieder = AanbiederFactory(budgetplafond=Decimal("1000.00"))
        indicatie = maak_indicatie(aanbieder=aanbieder)
    return aanbieder, indicatie, gebruiker("beleid", email="beleid@gemeente.invalid")


def _declaratie(aanbieder, nummer: str) -> Declaratie323:
    bericht = Bericht.objects.create(
        soort="WMO323",
        richting="in",
        status="verwerkt",
        aanbieder=aanbieder,
        afzender=aanbieder.agb_code,
        ontvanger="0999",
        bericht_identificatie=nummer,
        dagtekening=D(2027, 3, 5),
        xml="<Bericht/>",
    )
    return Declaratie323.objects.create(
        bericht=bericht,
        aanbieder=aanbieder,
        wet="wmo",
        declaratienummer=nummer,
        periode_begin=D(2027, 2, 1),
        periode_eind=D(2027, 2, 28),
        ontvangen=timezone.now(),
        ingediend=Decimal("0"),
        toegekend=Decimal("0"),
        afgewezen=Decimal("0"),
        status="toegekend",
    )


def _prestatie(declaratie, indicatie, referentie: str, bedrag: str, dc=DebetCredit.DEBET, **velden) -> Prestatie:
    return Prestatie.objects.create(
        declaratie=declaratie,
        aanbieder=declaratie.aanbieder,
        indicatie=indicatie,
        bsn=indicatie.inwoner.bsn,
        toewijzingnummer=1,
        productcategorie="02",
        productcode="02A01",
        referentienummer=referentie,
        debet_credit=dc,
        begindatum=velden.get("begindatum", D(2027, 2, 1)),
        einddatum=velden.get("einddatum", D(2027, 2, 28)),
        volume=velden.get("volume", 1440),
        eenheid=velden.get("eenheid", "01"),
        tarief=None,
        bedrag=Decimal(bedrag),
        status=PrestatieStatus.TOEGEKEND,
    )


def _beoordeeld(declaratie, toegekend=(), gecrediteerd=()):
    """As berichten does: inside the transaction that stores the verdict."""
    with transaction.atomic():
        prestaties_beoordeeld.send(
            sender=Declaratie323, declaratie=declaratie, toegekend=list(toegekend), gecrediteerd=list(gecrediteerd)
        )


def _gedeclareerd(als, **periode) -> str:
    antwoord = als("beleid").get(URL, periode or FEBRUARI)
    assert antwoord.status_code == 200
    return antwoord.json()["gedeclareerd"]


def test_een_verwerkte_323_telt_in_gedeclareerd_van_die_maand_en_een_credit_haalt_het_terug(wereld, als):
    aanbieder, indicatie, _ = wereld
    with om(2027, 3, 5):
        assert _gedeclareerd(als) == "0.00"
        d = _declaratie(aanbieder, "D0001")
        debet = _prestatie(d, indicatie, "R0001", "465.60")
        _beoordeeld(d, toegekend=[debet])
        assert _gedeclareerd(als) == "465.60"
        assert _gedeclareerd(als, van="2027-03-01", tot="2027-03-31") == "0.00"
        rij = Declaratie.objects.get()
        assert (rij.prestatie_id, rij.bestand_id, rij.regel) == (debet.pk, None, None)
        assert (rij.product_id, rij.aanbieder_id, rij.volume, rij.eenheid) == (
            indicatie.product_id,
            aanbieder.pk,
            Decimal("1440"),
            "minuut",
        )
        assert list(DeclaratieTotaal.objects.values_list("bedrag", "regels")) == [(Decimal("465.60"), 1)]

    with om(2027, 4, 5):
        c = _declaratie(aanbieder, "D0002")
        credit = _prestatie(c, indicatie, "R0002", "465.60", dc=DebetCredit.CREDIT)
        debet.gecrediteerd_door = credit
        debet.save()
        _beoordeeld(c, gecrediteerd=[debet])
        assert _gedeclareerd(als) == "0.00"
    assert not Declaratie.objects.exists()
    assert not DeclaratieTotaal.objects.exists()


def test_een_correctie_na_een_volledige_credit_in_hetzelfde_bericht_past(wereld, als):
    aanbieder, indicatie, _ = wereld
    with om(2027, 3, 5):
        d = _declaratie(aanbieder, "D0001")
        debet = _prestatie(d, indicatie, "R0001", "465.60")
        _beoordeeld(d, toegekend=[debet])
    with om(2027, 4, 5):
        c = _declaratie(aanbieder, "D0002")
        credit = _prestatie(c, indicatie, "R0002", "465.60", dc=DebetCredit.CREDIT)
        debet.gecrediteerd_door = credit
        debet.save()
        correctie = _prestatie(c, indicatie, "R0003", "407.40", volume=1260)
        _beoordeeld(c, toegekend=[correctie], gecrediteerd=[debet])
        assert _gedeclareerd(als) == "407.40"
    assert list(Declaratie.objects.values_list("prestatie_id", "bedrag")) == [(correctie.pk, Decimal("407.40"))]
    assert list(DeclaratieTotaal.objects.values_list("bedrag", "regels")) == [(Decimal("407.40"), 1)]


def test_hetzelfde_signaal_twee_keer_telt_een_keer(wereld, als):
    aanbieder, indicatie, _ = wereld
    with om(2027, 3, 5):
        d = _declaratie(aanbieder, "D0001")
        debet = _prestatie(d, indicatie, "R0001", "465.60")
        _beoordeeld(d, toegekend=[debet])
        _beoordeeld(d, toegekend=[debet])
        assert _gedeclareerd(als) == "465.60"
    assert list(DeclaratieTotaal.objects.values_list("bedrag", "regels")) == [(Decimal("465.60"), 1)]


def test_veel_prestaties_in_een_handvol_queries(wereld, django_assert_max_num_queries):
    aanbieder, indicatie, _ = wereld
    with om(2027, 1, 4):
        andere = [maak_indicatie(aanbieder=aanbieder) for _ in range(5)]
    with om(2027, 3, 5):
        d = _declaratie(aanbieder, "D0001")
        debets = [_prestatie(d, i, f"R{n:04d}", "10.00") for n, i in enumerate([indicatie, *andere])]
        # Already taken up, product of the indicaties, insert, totals read, totals written, the
        # savepoint: the same for six prestaties as for one.
        with django_assert_max_num_queries(8):
            _beoordeeld(d, toegekend=debets)
    assert sorted(DeclaratieTotaal.objects.values_list("regels", flat=True)) == [1] * 6  # six products


def test_een_declaratie_voor_een_bewaarde_maand_telt_mee_zoals_live(wereld, als):
    """Kept months keep clients and estimated cost, not declaraties: those are counted live over any
    period, so a 323 for a kept month shows at once and the figures stay equal to a live count."""
    aanbieder, indicatie, _ = wereld
    with om(2027, 6, 15):
        maanden.bijwerken()
        assert Maandcijfers.objects.filter(maand=D(2027, 2, 1), soort="").exists()
        assert gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 15))["gedeclareerd"] == "0.00"
        d = _declaratie(aanbieder, "D0001")
        _beoordeeld(d, toegekend=[_prestatie(d, indicatie, "R0001", "465.60")])
        c = gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 15))
        assert "2027-02" in [b["maand"] for b in c["maandcijfers"]["bewaard"]]
        assert c["gedeclareerd"] == "465.60"
        assert gelijk_aan_live(D(2027, 2, 1), D(2027, 2, 28))["gedeclareerd"] == "465.60"
        assert gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 15), aanbieder=str(aanbieder.pk))["gedeclareerd"] == "465.60"
        assert _gedeclareerd(als, van="2027-01-01", tot="2027-06-15") == "465.60"


def test_een_bestand_voor_een_periode_die_de_keten_al_declareerde_wordt_geweigerd(wereld):
    aanbieder, indicatie, _ = wereld
    with om(2027, 3, 5):
        d = _declaratie(aanbieder, "D0001")
        _beoordeeld(d, toegekend=[_prestatie(d, indicatie, "R0001", "465.60")])
        inhoud = (
            f"indicatie;begindatum;einddatum;volume;eenheid;bedrag\n{indicatie.pk};2027-02-15;2027-02-20;1;uur;10\n"
        )
        with pytest.raises(DeclaratiesGeweigerd) as fout:
            importeer_declaraties(inhoud.encode(), naam="dubbel.csv")
    assert "al gedeclareerd" in fout.value.fouten[0].melding


def test_een_declaratie_komt_uit_een_bestand_of_uit_een_prestatie(wereld):
    _, indicatie, _ = wereld
    with pytest.raises(IntegrityError), transaction.atomic():
        Declaratie.objects.create(
            indicatie=indicatie,
            product=indicatie.product,
            aanbieder=indicatie.aanbieder,
            begindatum=D(2027, 2, 1),
            einddatum=D(2027, 2, 28),
            volume=1,
            eenheid="uur",
            bedrag=Decimal("1"),
        )


def test_de_plafondstand_voor_berichten_telt_bestanden_en_keten_in_een_query(wereld, django_assert_num_queries):
    aanbieder, indicatie, _ = wereld
    ander = AanbiederFactory(budgetplafond=Decimal("5.00"))
    with om(2027, 3, 5):
        importeer_declaraties(
            f"indicatie;begindatum;einddatum;volume;eenheid;bedrag\n{indicatie.pk};2027-01-04;2027-01-31;1;uur;100.00\n".encode(),
            naam="jan.csv",
        )
        d = _declaratie(aanbieder, "D0001")
        _beoordeeld(d, toegekend=[_prestatie(d, indicatie, "R0001", "465.60")])
    with django_assert_num_queries(1):
        stand = plafondstand({aanbieder.pk, ander.pk}, 2027)
    assert stand == {aanbieder.pk: Decimal("565.60"), ander.pk: Decimal("0")}
    assert plafondstand({aanbieder.pk}, 2026) == {aanbieder.pk: Decimal("0")}


def test_de_melding_budgetplafond_na_een_323_komt_na_de_commit(wereld, django_capture_on_commit_callbacks, mailoutbox):
    aanbieder, indicatie, beleid = wereld
    with om(2027, 3, 5):
        d = _declaratie(aanbieder, "D0001")
        laag = _prestatie(d, indicatie, "R0001", "799.99")
        with django_capture_on_commit_callbacks(execute=True):
            _beoordeeld(d, toegekend=[laag])
        assert not Notificatie.objects.exists()
        d2 = _declaratie(aanbieder, "D0002")
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            _beoordeeld(
                d2,
                toegekend=[
                    _prestatie(d2, indicatie, "R0002", "0.01", begindatum=D(2027, 3, 1), einddatum=D(2027, 3, 1))
                ],
            )
        assert not Notificatie.objects.exists()  # nothing before the commit
        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()
    melding = Notificatie.objects.get(soort=Soort.BUDGETPLAFOND)
    assert (melding.ontvanger, melding.sleutel) == (beleid, f"{aanbieder.pk}:2027:80")
    assert [m.to for m in mailoutbox] == [["beleid@gemeente.invalid"]]
    assert indicatie.inwoner.bsn not in mailoutbox[0].body + mailoutbox[0].subject


def test_een_323_door_de_keten_telt_en_een_credit_met_correctie_vervangt_het(api, istandaarden_vereist):
    """End to end: POST /api/v1/berichten with a JW323; the 325 approves; stuurinformatie counts it."""
    from tests.berichten.hulp import declaratiebericht
    from tests.berichten.hulp import prestatie as prestatie_323

    with om(2027, 1, 4):
        indicatie = maak_indicatie(product=ProductFactory(wet="jeugdwet", code="45A65"))
    debet = prestatie_323(indicatie, D(2027, 2, 1), D(2027, 2, 28), 24, referentie="D1")
    credit = {**debet, "referentie": "C1", "vorig": "D1", "dc": "C"}
    correctie = prestatie_323(indicatie, D(2027, 2, 1), D(2027, 2, 28), 22, referentie="D1B", vorig="D1")

    def stuur(prestaties, nummer):
        data = declaratiebericht(indicatie.aanbieder.agb_code, prestaties, nummer=nummer, ident=f"I{nummer}")
        with om(2027, 3, 2):
            antwoord = api.als("backoffice").generic("POST", "/api/v1/berichten", data, content_type="application/xml")
        assert antwoord.status_code == 201, antwoord.json()

    def gedeclareerd():
        with om(2027, 3, 2):
            return api.als("beleid").get(URL, FEBRUARI).json()["gedeclareerd"]

    assert gedeclareerd() == "0.00"
    stuur([debet], "N1")
    assert gedeclareerd() == "1396.80"  # 24 uur × € 58,20
    stuur([credit, correctie], "N2")
    assert gedeclareerd() == "1280.40"  # 22 uur
    assert list(Declaratie.objects.values_list("prestatie__referentienummer", "bedrag")) == [
        ("D1B", Decimal("1280.40"))
    ]


def test_het_beheerscherm_toont_declaraties_uit_de_keten_met_hun_prestatie(wereld, client):
    aanbieder, indicatie, _ = wereld
    with om(2027, 3, 5):
        d = _declaratie(aanbieder, "D0001")
        _beoordeeld(d, toegekend=[_prestatie(d, indicatie, "R0001", "465.60")])
        client.force_login(gebruiker("beheer", is_staff=True, is_superuser=True))
        lijst = client.get("/admin/stuurinformatie/declaratie/")
        rij = Declaratie.objects.get()
        pagina = client.get(f"/admin/stuurinformatie/declaratie/{rij.pk}/change/")
    assert lijst.status_code == pagina.status_code == 200
    assert "Prestatie R0001 (debet)" in lijst.content.decode()
