"""The daily run: what it does for a date, catching up after missed days, and doing nothing the
second time — also when two runs start at the same moment (PostgreSQL)."""

import datetime
import threading
from collections import Counter
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connections, transaction

from indicaties import services
from indicaties.models import DagelijkseRun, Evaluatie, Halfjaarcheck, Indicatie
from indicaties.tasks import dagelijkse_taken
from notifications.models import Notificatie
from tests.factories import InwonerFactory, ProductFactory, gebruiker, indicatie_gegevens

from .hulp import (
    EINDE,
    EVALUATIE,
    HALFJAARCHECK,
    INGANG,
    boven_drempel,
    dag,
    evaluatie_van,
    historierijen,
    indicatie,
    om,
    run,
)

pytestmark = pytest.mark.django_db

ZES_WEKEN = datetime.timedelta(weeks=6)


def _van_alles(consulent=None):
    """A caseload with work on every step: evaluations to open and escalate, indicaties that
    expire or end within 6 weeks, and half-year checks."""
    consulent = consulent or gebruiker("consulent")
    regisseur = gebruiker("consulent")
    lang = indicatie(consulent, inwoner=InwonerFactory(regisseur=regisseur))
    kort = indicatie(consulent, einddatum=datetime.date(2027, 4, 30), inwoner=InwonerFactory(regisseur=regisseur))
    klein = indicatie(consulent, volume=Decimal("2"), einddatum=datetime.date(2027, 5, 31))
    return lang, kort, klein


def _toestand():
    """Everything the run decides, without ids it creates itself."""
    return {
        "indicaties": sorted(Indicatie.objects.values_list("id", "status")),
        "evaluaties": sorted(Evaluatie.objects.values_list("id", "status", "te_laat_gemeld")),
        "checks": sorted(Halfjaarcheck.objects.values_list("inwoner_id", "vervaldatum", "status")),
        "notificaties": sorted(Notificatie.objects.values_list("ontvanger_id", "soort", "onderwerp")),
    }


# --- One run ----------------------------------------------------------------------------------


def test_run_legt_de_verwerkte_datum_vast():
    run(INGANG)
    assert list(DagelijkseRun.objects.values_list("datum", flat=True)) == [INGANG]


def test_tweede_run_van_dezelfde_dag_verandert_niets():
    _van_alles()
    datum = datetime.date(2027, 5, 10)
    assert run(datum) is not None
    voor = (historierijen(), Notificatie.objects.count(), DagelijkseRun.objects.count(), _toestand())
    assert voor[1] > 0

    assert run(datum) is None
    assert (historierijen(), Notificatie.objects.count(), DagelijkseRun.objects.count(), _toestand()) == voor


def test_run_voor_een_eerdere_datum_verandert_niets():
    _van_alles()
    run(datetime.date(2027, 5, 10))
    voor = (historierijen(), Notificatie.objects.count(), _toestand())
    with om(datetime.date(2027, 5, 10)):
        assert services.voer_dagelijkse_taken_uit(datetime.date(2027, 4, 1)) is None
    assert (historierijen(), Notificatie.objects.count(), _toestand()) == voor


def test_een_run_mailt_elke_melding_precies_een_keer():
    _van_alles()
    for datum in (datetime.date(2027, 4, 20), datetime.date(2027, 5, 10), datetime.date(2027, 5, 10)):
        run(datum)
    assert Notificatie.objects.count() > 0
    assert len(mail.outbox) == Notificatie.objects.count()
    assert not Notificatie.objects.filter(email_verzonden_op__isnull=True).exists()


# --- Expiry and the end warning ---------------------------------------------------------------


def test_indicatie_is_op_de_einddatum_nog_toegewezen():
    ind = indicatie()
    run(EINDE)
    assert Indicatie.objects.get(pk=ind.pk).status == "toegewezen"


def test_indicatie_verloopt_de_dag_na_de_einddatum():
    ind = indicatie()
    run(dag(EINDE, 1))
    ind.refresh_from_db()
    assert (ind.status, ind.versie) == ("verlopen", 2)
    assert ind.history.first().history_change_reason == "Verlopen: einddatum gepasseerd"


def test_waarschuwing_precies_zes_weken_voor_de_einddatum():
    consulent = gebruiker("consulent")
    ind = indicatie(consulent)
    run(EINDE - ZES_WEKEN)
    melding = Notificatie.objects.get(soort="indicatie_loopt_af")
    assert (melding.ontvanger, melding.object_id) == (consulent, ind.id)
    assert melding.onderwerp.endswith("loopt af op 3-9-2027")


def test_geen_waarschuwing_zes_weken_en_een_dag_voor_de_einddatum():
    indicatie()
    run(EINDE - ZES_WEKEN - datetime.timedelta(days=1))
    assert not Notificatie.objects.filter(soort="indicatie_loopt_af").exists()


def test_waarschuwing_voor_het_einde_komt_precies_een_keer():
    ind = indicatie()
    for datum in (EINDE - ZES_WEKEN, dag(EINDE - ZES_WEKEN, 1), dag(EINDE, -1), EINDE, dag(EINDE, 1)):
        run(datum)
    assert Notificatie.objects.filter(soort="indicatie_loopt_af", object_id=ind.id).count() == 1


def test_verschoven_einddatum_geeft_een_nieuwe_waarschuwing():
    consulent = gebruiker("consulent")
    ind = indicatie(consulent, einddatum=datetime.date(2027, 8, 31))
    run(datetime.date(2027, 8, 31) - ZES_WEKEN)
    with om(datetime.date(2027, 7, 25)):
        services.wijzig_indicatie(gebruiker=consulent, indicatie=ind, wijzigingen={"einddatum": EINDE})
    run(EINDE - ZES_WEKEN)
    assert sorted(Notificatie.objects.filter(soort="indicatie_loopt_af").values_list("sleutel", flat=True)) == [
        f"{ind.id}:2027-08-31",
        f"{ind.id}:2027-09-03",
    ]


def test_wachtende_indicatie_verloopt_niet_en_krijgt_geen_waarschuwing():
    wachtend = boven_drempel(gebruiker("consulent"))
    run(dag(EINDE, 1))
    assert Indicatie.objects.get(pk=wachtend.pk).status == "wacht_op_schakelteam"
    assert not Notificatie.objects.filter(soort="indicatie_loopt_af").exists()


# --- Catching up ------------------------------------------------------------------------------


def test_een_run_na_weken_stilstand_doet_alles_wat_intussen_verviel():
    lang, kort, klein = _van_alles()
    run(datetime.date(2027, 3, 1))
    run(datetime.date(2027, 6, 1))
    samenvatting = DagelijkseRun.objects.get(datum=datetime.date(2027, 6, 1)).samenvatting
    assert samenvatting["ingehaald_vanaf"] == "2027-03-02"
    assert (samenvatting["evaluaties_geopend"], samenvatting["evaluaties_te_laat"]) == (2, 2)
    assert (samenvatting["indicaties_verlopen"], samenvatting["waarschuwingen_einde"]) == (2, 2)
    statussen = [Indicatie.objects.get(pk=i.pk).status for i in (lang, kort, klein)]
    assert statussen == ["toegewezen", "verlopen", "verlopen"]
    assert evaluatie_van(lang).te_laat_gemeld and evaluatie_van(kort).te_laat_gemeld
    assert set(Notificatie.objects.filter(soort="indicatie_loopt_af").values_list("object_id", flat=True)) == {
        kort.id,
        klein.id,
    }
    assert DagelijkseRun.objects.count() == 2


def test_indicatie_die_tijdens_de_stilstand_afliep_krijgt_alsnog_haar_waarschuwing():
    consulent = gebruiker("consulent")
    ind = indicatie(consulent, einddatum=datetime.date(2027, 4, 30))
    run(datetime.date(2027, 3, 1))
    run(datetime.date(2027, 5, 10))
    melding = Notificatie.objects.get(soort="indicatie_loopt_af")
    assert (melding.ontvanger, melding.object_id, melding.sleutel) == (consulent, ind.id, f"{ind.id}:2027-04-30")
    assert Indicatie.objects.get(pk=ind.pk).status == "verlopen"


def test_inhalen_in_een_run_eindigt_gelijk_aan_elke_dag_een_run():
    _van_alles()
    run(datetime.date(2027, 3, 1))
    # Day by day through a long stretch, then undone: the reference.
    with transaction.atomic():
        datum = datetime.date(2027, 3, 2)
        while datum <= datetime.date(2027, 7, 31):
            run(datum)
            datum = dag(datum, 1)
        elke_dag = _toestand()
        transaction.set_rollback(True)
    assert DagelijkseRun.objects.count() == 1

    run(datetime.date(2027, 7, 31))
    assert _toestand() == elke_dag


def test_inhalen_opent_ook_een_evaluatie_die_al_te_laat_is_en_escaleert_hem():
    consulent = gebruiker("consulent")
    ind = indicatie(consulent)
    run(dag(EVALUATIE, 3))
    evaluatie = evaluatie_van(ind)
    assert (evaluatie.status, evaluatie.te_laat_gemeld) == ("open", True)
    assert sorted(Notificatie.objects.filter(object_id=evaluatie.id).values_list("soort", flat=True)) == [
        "evaluatie_open",
        "evaluatie_te_laat",
    ]


def test_inhalen_plant_en_opent_een_halfjaarcheck_die_intussen_verviel():
    ind = indicatie()
    run(dag(HALFJAARCHECK, 10))
    check = Halfjaarcheck.objects.get(inwoner=ind.inwoner)
    assert (check.vervaldatum, check.status) == (HALFJAARCHECK, "open")


# --- Entry points -----------------------------------------------------------------------------


def test_commando_voert_de_run_uit_voor_de_opgegeven_datum(capsys):
    ind = indicatie()
    with om(dag(EINDE, 1)):
        call_command("run_daily_jobs", "--date", dag(EINDE, 1).isoformat())
    assert Indicatie.objects.get(pk=ind.pk).status == "verlopen"
    assert DagelijkseRun.objects.get().datum == dag(EINDE, 1)
    assert "voltooid" in capsys.readouterr().out


def test_commando_voor_een_verwerkte_datum_meldt_dat_er_niets_te_doen_is(capsys):
    with om(datetime.date(2027, 5, 4)):
        call_command("run_daily_jobs", "--date", "2027-05-04")
        capsys.readouterr()
        call_command("run_daily_jobs", "--date", "2027-05-04")
    assert "Niets te doen" in capsys.readouterr().out
    assert DagelijkseRun.objects.count() == 1


def test_commando_weigert_een_datum_na_vandaag():
    ind = indicatie()
    with om(dag(EINDE, 0)):
        call_command("run_daily_jobs", "--date", dag(EINDE, 0).isoformat())  # today: allowed
        with pytest.raises(CommandError, match="kan niet vooruitlopen"):
            call_command("run_daily_jobs", "--date", dag(EINDE, 1).isoformat())
    assert Indicatie.objects.get(pk=ind.pk).status == "toegewezen"
    assert list(DagelijkseRun.objects.values_list("datum", flat=True)) == [dag(EINDE, 0)]


def test_commando_weigert_een_ongeldige_datum():
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("run_daily_jobs", "--date", "04-05-2027")
    assert not DagelijkseRun.objects.exists()


def test_commando_zonder_datum_verwerkt_vandaag_in_amsterdam():
    # 23:30 UTC on 3 May is already 4 May in Amsterdam.
    with om(datetime.date(2027, 5, 3), uur=23) as reis:
        reis.shift(datetime.timedelta(minutes=30))
        call_command("run_daily_jobs")
    assert DagelijkseRun.objects.get().datum == datetime.date(2027, 5, 4)


def test_beat_taak_voert_de_run_van_vandaag_uit():
    with om(datetime.date(2027, 5, 4)):
        dagelijkse_taken.delay()
    assert DagelijkseRun.objects.get().datum == datetime.date(2027, 5, 4)


# --- A simulated year -------------------------------------------------------------------------

JAAR_START = datetime.date(2027, 1, 1)
# Per indicatie: registered (days after 1 January), starts (days after registration),
# hours per week, length ("max": the 8 months allowed; None: open-ended).
CASELOAD = [
    (0, 3, "6", "max"),
    (7, 0, "2", relativedelta(months=10)),
    (14, 10, "5", relativedelta(months=3)),
    (21, 0, "4.99", "max"),
    (28, 14, "16", "max"),  # above the threshold: the schakelteam approves it three days later
    (35, 0, "8", "max"),  # scaled down to 5 hours at its evaluation: the successor is evaluated too
    (49, 7, "12", relativedelta(months=4)),
    (56, 20, "6", "max"),  # withdrawn five days after registration
    (70, 0, "2", None),
    (84, 5, "5.5", "max"),
    (98, 0, "7", relativedelta(months=3)),
    (112, 0, "3", relativedelta(months=6)),
    (126, 9, "9", "max"),  # ended early a month after its start, per a date after its evaluation
    (140, 0, "6", "max"),
    (154, 0, "10", relativedelta(months=3)),
]
DUUR = 4
AFSCHALEN = 5
INGETROKKEN = 7
VROEG_BEEINDIGD = 12


def test_een_gesimuleerd_jaar_mist_geen_evaluatie_en_dubbelt_geen_melding():
    consulenten = [gebruiker("consulent"), gebruiker("consulent")]
    lid = gebruiker("schakelteam")
    aanbieder_product = {"product": ProductFactory()}
    duur_product = ProductFactory(tarief="116.40")
    registratie = {JAAR_START + datetime.timedelta(days=d): n for n, (d, *_) in enumerate(CASELOAD)}
    nummer: dict = {}  # indicatie id -> its line in CASELOAD (the successor of AFSCHALEN: 100)
    toegewezen_op: dict = {}

    def registreer(n, datum):
        _, wacht, volume, duur = CASELOAD[n]
        ingang = dag(datum, wacht)
        if duur == "max":
            einde = ingang + relativedelta(months=8) - datetime.timedelta(days=1)
        else:
            einde = None if duur is None else ingang + duur
        ind = services.registreer_indicatie(
            gebruiker=consulenten[n % 2],
            gegevens=indicatie_gegevens(
                inwoner=InwonerFactory(regisseur=[consulenten[0], consulenten[1], None][n % 3]),
                volume=Decimal(volume),
                ingangsdatum=ingang,
                einddatum=einde,
                **({"product": duur_product} if n == DUUR else aanbieder_product),
            ),
        )
        nummer[ind.id] = n
        if ind.status == "toegewezen":
            toegewezen_op[ind.id] = datum
        return ind

    def werk_van_de_consulenten(datum):
        if datum in registratie:
            registreer(registratie[datum], datum)
        for ind in Indicatie.objects.filter(status="wacht_op_schakelteam", aangemaakt__date__lte=dag(datum, -3)):
            services.neem_schakelteambesluit(gebruiker=lid, indicatie=ind, besluit="akkoord", toelichting="Nodig.")
            toegewezen_op[ind.id] = datum
        for ind in Indicatie.objects.filter(status="toegewezen", ingangsdatum__gt=datum):
            if nummer[ind.id] == INGETROKKEN and datum >= dag(ind.aangemaakt.date(), 5):
                services.trek_in(gebruiker=ind.consulent, indicatie=ind, reden="Inwoner verhuist.")
        for ind in Indicatie.objects.filter(status="toegewezen", ingangsdatum=dag(datum, -30)):
            if nummer[ind.id] == VROEG_BEEINDIGD:
                services.stel_indicatie_bij(
                    gebruiker=ind.consulent,
                    indicatie=ind,
                    uitkomst="beeindigen",
                    reden="Verhuist na de zomer.",
                    per_datum=ind.ingangsdatum + relativedelta(months=5),
                )
        for evaluatie in Evaluatie.objects.filter(status="open").select_related("indicatie"):
            n, vervalt = nummer[evaluatie.indicatie_id], evaluatie.vervaldatum
            if n == AFSCHALEN and datum == dag(vervalt, -1):
                services.rond_evaluatie_af(
                    gebruiker=evaluatie.indicatie.consulent,
                    evaluatie=evaluatie,
                    uitkomst="afschalen",
                    resultaat_behaald="deels",
                    toelichting="Vijf uur volstaat.",
                    nieuw_volume=Decimal("5"),
                    per_datum=dag(vervalt, 1),
                )
                vervolg = Indicatie.objects.get(vervangt=evaluatie.indicatie)
                nummer[vervolg.id] = 100
                toegewezen_op[vervolg.id] = datum
            elif (n % 3 == 0 and datum == dag(vervalt, -2)) or (n % 3 == 1 and datum == dag(vervalt, 10)):
                services.rond_evaluatie_af(
                    gebruiker=evaluatie.indicatie.consulent,
                    evaluatie=evaluatie,
                    uitkomst="voortzetten",
                    resultaat_behaald="ja",
                )
        for check in Halfjaarcheck.objects.filter(status="open", vervaldatum=dag(datum, 3)):
            services.rond_halfjaarcheck_af(
                gebruiker=consulenten[0],
                check=check,
                zorg_passend=True,
                contact_aanbieder=datum,
                contact_inwoner=datum,
                toelichting="Zorg past.",
            )

    datum = JAAR_START
    while datum <= datetime.date(2027, 12, 31):
        with om(datum):
            werk_van_de_consulenten(datum)
            assert services.voer_dagelijkse_taken_uit() is not None
        # Nothing due is left behind after any run.
        voorloop = dag(datum, 14)
        assert not Evaluatie.objects.filter(status="gepland", vervaldatum__lte=voorloop).exists(), datum
        assert not Evaluatie.objects.filter(status="open", vervaldatum__lt=datum, te_laat_gemeld=False).exists(), datum
        assert not Indicatie.objects.filter(status="toegewezen", einddatum__lt=datum).exists(), datum
        assert not Halfjaarcheck.objects.filter(status="gepland", vervaldatum__lte=voorloop).exists(), datum
        datum = dag(datum, 1)

    assert DagelijkseRun.objects.count() == 365
    assert Counter(Indicatie.objects.values_list("status", flat=True))["beeindigd"] == 2
    assert len(nummer) == len(CASELOAD) + 1
    # Every granted indicatie of 5 hours or more has exactly one evaluation, opened 14 days
    # before it was due (or on the day it was granted, if that was later) and never twice.
    geevalueerd = [i for i in Indicatie.objects.exclude(status__in=["ingetrokken"]) if i.uren_per_week >= 5]
    assert len(geevalueerd) == 11
    for ind in geevalueerd:
        evaluatie = Evaluatie.objects.get(indicatie=ind)
        geopend = [
            h.history_date.date()
            for h in evaluatie.history.filter(history_change_reason="Evaluatie geopend (binnen de voorlooptijd)")
        ]
        assert geopend == [max(dag(evaluatie.vervaldatum, -14), toegewezen_op[ind.id])], ind
        assert geopend[0] < evaluatie.vervaldatum
        assert evaluatie.status in ("open", "afgerond")
    assert not Evaluatie.objects.filter(indicatie__uren_per_week__lt=5).exclude(status="geannuleerd").exists()
    assert evaluatie_van(Indicatie.objects.get(ingangsdatum__gt=JAAR_START, status="ingetrokken")).status == (
        "geannuleerd"
    )

    # No notification twice: one per kind, object and recipient, and each mailed once.
    per_gebeurtenis = Counter(Notificatie.objects.values_list("ontvanger_id", "soort", "object_id"))
    assert per_gebeurtenis.most_common(1)[0][1] == 1
    soorten = Counter(Notificatie.objects.values_list("soort", flat=True))
    assert soorten["evaluatie_open"] == len(geevalueerd)
    te_laat = Evaluatie.objects.filter(te_laat_gemeld=True)
    assert soorten["evaluatie_te_laat"] == sum(
        len({e.indicatie.consulent_id, e.indicatie.inwoner.regisseur_id} - {None}) for e in te_laat
    )
    verlopen = Indicatie.objects.filter(status="verlopen")
    assert set(Notificatie.objects.filter(soort="indicatie_loopt_af").values_list("object_id", flat=True)) >= set(
        verlopen.values_list("id", flat=True)
    )
    assert soorten["schakelteam_gevraagd"] == 1
    assert soorten["schakelteam_besluit"] == 1
    assert soorten["halfjaarcheck_open"] > 0
    assert len(mail.outbox) == Notificatie.objects.count()
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == len(mail.outbox)


# --- Two runs at the same moment (PostgreSQL) -------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twee_gelijktijdige_runs_van_dezelfde_dag_doen_het_werk_een_keer():
    consulent = gebruiker("consulent")
    for _ in range(3):
        _van_alles(consulent)
    data = [datetime.date(2027, 4, 20), datetime.date(2027, 5, 10), datetime.date(2027, 6, 20), dag(EINDE, 1)]
    uitkomsten: list[list] = [[], []]
    start = threading.Barrier(2, timeout=30)

    def draad(lijst):
        try:
            for datum in data:
                start.wait()
                try:
                    with om(datum):
                        resultaat = services.voer_dagelijkse_taken_uit()
                    lijst.append(None if resultaat is None else resultaat.datum)
                except Exception as exc:  # collected and asserted on below
                    lijst.append(exc)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=draad, args=(lijst,)) for lijst in uitkomsten]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert not any(d.is_alive() for d in draden)

    assert [u for u in uitkomsten[0] + uitkomsten[1] if isinstance(u, Exception)] == []
    for i, datum in enumerate(data):
        assert sorted([uitkomsten[0][i], uitkomsten[1][i]], key=str) == sorted([datum, None], key=str)
    assert sorted(DagelijkseRun.objects.values_list("datum", flat=True)) == data
    assert Counter(Notificatie.objects.values_list("ontvanger_id", "soort", "object_id")).most_common(1)[0][1] == 1
    soorten = Counter(Notificatie.objects.values_list("soort", flat=True))
    assert (soorten["evaluatie_open"], soorten["evaluatie_te_laat"], soorten["indicatie_loopt_af"]) == (6, 12, 9)
    assert Indicatie.objects.filter(status="verlopen").count() == 9
    assert Evaluatie.history.filter(history_change_reason__startswith="Evaluatie geopend").count() == 6
    assert Indicatie.history.filter(history_change_reason__startswith="Verlopen").count() == 9
    assert len(mail.outbox) == Notificatie.objects.count()
