"""Every entry point declares its processing activity where it is defined (basis.verwerking): each
URL of the API, the pages and the admin, each management command and each Celery task. The log
reads it from there, and never files processing under another entry point's activity."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command, get_commands, load_command_class
from django.urls import URLResolver, get_resolver

from basis import verwerking
from casusregie.celery import app as celery_app
from privacy import logboek, register, services, taken
from privacy.models import Correctie, Handeling, Verwerking
from privacy.pseudoniem import pseudoniem

from .conftest import AMSTERDAM, NU

EIGEN = ("casusregie", "basis", "indicaties", "toetsing", "stuurinformatie", "berichten", "privacy", "notifications")
# Libraries whose commands are not Casusregie's entry points: they run none of its services (axes:
# the login lock; the schema; a token; simple_history: bulk upkeep of the history tables). A new
# library with commands fails this list, and someone decides.
BIBLIOTHEKEN_MET_COMMANDOS = {"axes", "simple_history", "drf_spectacular", "rest_framework", "rest_framework.authtoken"}


def _geldig(activiteit) -> bool:
    return activiteit == verwerking.GEEN or activiteit in register.PER_ID


def _methoden(cls) -> list[str]:
    return [m for m in cls.http_method_names if m not in ("head", "options") and hasattr(cls, m)]


def ingangen(resolver=None, voorvoegsel=""):
    """(route, method, declared activity) of every URL pattern, per method or action it answers."""
    for patroon in (resolver or get_resolver()).url_patterns:
        if isinstance(patroon, URLResolver):
            namespace = f"{voorvoegsel}{patroon.namespace}:" if patroon.namespace else voorvoegsel
            yield from ingangen(patroon, namespace)
            continue
        view = patroon.callback
        route = f"{voorvoegsel}{patroon.name or patroon.pattern}"
        cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
        if getattr(view, "actions", None):
            methoden = list(view.actions)
        elif cls is not None:
            methoden = _methoden(cls)
        else:
            # A function view or an admin page declares one activity for whatever method it answers.
            methoden = ["get", "post"]
        for methode in methoden:
            yield route, methode.upper(), verwerking.van_view(view, methode)


def test_elke_url_noemt_zijn_verwerkingsactiviteit():
    alle = list(ingangen())
    assert len(alle) > 100
    zonder = sorted(
        f"{methode} {route}: {activiteit!r}" for route, methode, activiteit in alle if not _geldig(activiteit)
    )
    assert zonder == []


@pytest.mark.parametrize(
    ("route", "methode", "activiteit"),
    [
        ("inwoner-list", "GET", register.RAADPLEGEN),
        ("inwoner-list", "POST", register.REGISTREREN_INWONER),
        ("inwoner-detail", "PATCH", register.WIJZIGEN_INWONER),
        ("inwoner-toegang", "POST", register.TOEGANG_BUITEN_CASELOAD),
        ("inwoner-regisseur", "POST", register.OVERDRAGEN_REGIE),
        ("indicatie-historie", "GET", register.INZIEN_DOSSIER),
        ("indicatie-advies", "POST", register.SCHAKELTEAMWERK),
        ("evaluatie-afronden", "POST", register.EVALUATIE),
        ("toetsing-overzicht", "GET", register.TOETSING),
        ("verwerking-list", "GET", register.INZAGEVERZOEK),
        ("product-list", "GET", register.GEEN),
        ("stuurinformatie", "GET", register.GEEN),
        ("start", "GET", register.RAADPLEGEN),
        ("werkvoorraad_teller", "GET", register.GEEN),
        ("werkvoorraad_sectie", "GET", register.RAADPLEGEN),
        ("web:inwoner", "GET", register.INZIEN_DOSSIER),
        ("web:toetsing_trek", "POST", register.TOETSING),
        ("web:stuurinformatie_indicaties_export", "GET", register.STUURINFORMATIE),
        ("web:notificaties", "GET", register.GEEN),
        ("web:berichtenverkeer", "GET", register.BERICHTENVERKEER),
        ("web:declaratie", "GET", register.BERICHTENVERKEER),
        ("declaratie-list", "GET", register.BERICHTENVERKEER),
        ("admin:indicaties_inwoner_changelist", "GET", register.BEHEERSCHERM),
        ("admin:index", "GET", register.BEHEERSCHERM),
        ("login", "POST", register.GEEN),
    ],
)
def test_een_ingang_heeft_de_activiteit_die_ze_noemt(route, methode, activiteit):
    gevonden = {(r, m): a for r, m, a in ingangen()}
    assert gevonden[(route, methode)] == activiteit


def test_een_head_heeft_de_activiteit_van_de_get():
    lijst = next(p for p in get_resolver().url_patterns if getattr(p, "name", None) == "start")
    assert verwerking.van_view(lijst.callback, "HEAD") == register.RAADPLEGEN
    from indicaties.api.views import InwonerViewSet

    view = InwonerViewSet.as_view({"get": "list", "post": "create"})
    assert verwerking.van_view(view, "HEAD") == register.RAADPLEGEN


def test_elk_commando_noemt_zijn_verwerkingsactiviteit():
    eigen, bibliotheken = {}, set()
    for naam, app in get_commands().items():
        if app.split(".")[0] in EIGEN:
            eigen[naam] = getattr(load_command_class(app, naam), "verwerking", None)
        elif not app.startswith("django."):
            bibliotheken.add(app)
    assert {"dagelijkse_run", "run_daily_jobs", "importeer_indicaties", "verwerkingen_controleren"} <= set(eigen)
    assert [naam for naam, activiteit in sorted(eigen.items()) if not _geldig(activiteit)] == []
    assert bibliotheken == BIBLIOTHEKEN_MET_COMMANDOS
    assert eigen["dagelijkse_run"] == eigen["run_daily_jobs"] == register.DAGELIJKSE_RUN
    assert eigen["importeer_indicaties"] == register.IMPORTEREN


def test_elke_taak_noemt_zijn_verwerkingsactiviteit():
    celery_app.loader.import_default_modules()
    eigen = {
        naam: getattr(t, "verwerking", None) for naam, t in celery_app.tasks.items() if naam.split(".")[0] in EIGEN
    }
    assert eigen == {
        "indicaties.tasks.dagelijkse_taken": register.DAGELIJKSE_RUN,
        "toetsing.tasks.wekelijkse_steekproef": register.TOETSING,
        "stuurinformatie.tasks.maandrapport": register.GEEN,
        "stuurinformatie.tasks.maandcijfers": register.GEEN,
        "stuurinformatie.tasks.budgetplafonds": register.GEEN,
        "notifications.tasks.verstuur_email": register.GEEN,
        "berichten.tasks.uitwisselen": register.BERICHTENVERKEER,
        "berichten.tasks.verzoektermijnen": register.BERICHTENVERKEER,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("activiteit", [None, verwerking.GEEN])
def test_een_ingang_zonder_activiteit_die_toch_een_inwoner_verwerkt_wordt_geweigerd(activiteit):
    tokens = logboek.begin(actie="GET web:iets_nieuws", activiteit=activiteit)
    try:
        logboek.verwerkt([])  # nothing processed: nothing to refuse
        with pytest.raises(logboek.ZonderVerwerkingsactiviteit):
            logboek.verwerkt(["123456782"])
        with pytest.raises(logboek.ZonderVerwerkingsactiviteit):
            logboek.verwerkt(["123456782"], register.INZIEN_DOSSIER)
    finally:
        logboek.einde(tokens, "OK")
    assert not Verwerking.objects.exists()
    assert not Handeling.objects.exists()


@pytest.mark.django_db
def test_een_taak_zonder_activiteit_komt_niet_onder_de_dagelijkse_run():
    """Before, every task the log did not know was filed under the daily run's activity."""
    taak = SimpleNamespace(name="stuurinformatie.tasks.iets_nieuws", request=SimpleNamespace())
    taken._voor_taak(task_id="t1", task=taak)
    try:
        with pytest.raises(logboek.ZonderVerwerkingsactiviteit):
            logboek.verwerkt(["123456782"])
    finally:
        taken._na_taak(task_id="t1", state="FAILURE")
    assert not Verwerking.objects.filter(verwerkingsactiviteit=register.DAGELIJKSE_RUN).exists()
    assert not Handeling.objects.exists()


@pytest.mark.django_db
def test_een_taak_logt_onder_de_activiteit_die_ze_noemt():
    taak = SimpleNamespace(name="toetsing.tasks.iets", request=SimpleNamespace(), verwerking=register.TOETSING)
    taken._voor_taak(task_id="t2", task=taak)
    logboek.verwerkt(["123456782"])
    taken._na_taak(task_id="t2", state="SUCCESS")
    handeling = Handeling.objects.get()
    assert (handeling.verwerkingsactiviteit, handeling.actie) == (register.TOETSING, "taak toetsing.tasks.iets")
    assert Verwerking.objects.get().betrokkene == pseudoniem("123456782")


@pytest.mark.django_db
def test_het_maandrapport_schrijft_niets_in_het_logboek(django_capture_on_commit_callbacks):
    from stuurinformatie.tasks import maandrapport

    with time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=AMSTERDAM), tick=False):
        maandrapport.delay()
    assert not Handeling.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("leeg_logboek")
@pytest.mark.parametrize("naam", ["dagelijkse_run", "run_daily_jobs"])
def test_de_dagelijkse_run_onder_beide_namen(gemeente, naam, capsys):
    with time_machine.travel(datetime.datetime(2027, 6, 1, 6, tzinfo=AMSTERDAM), tick=False):
        call_command(naam)
    assert "Dagelijkse run 2027-06-01 voltooid" in capsys.readouterr().out
    handeling = Handeling.objects.get()
    assert (handeling.verwerkingsactiviteit, handeling.actie) == (register.DAGELIJKSE_RUN, f"manage.py {naam}")
    assert Verwerking.objects.filter(betrokkene=pseudoniem(gemeente.anna.bsn)).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("leeg_logboek")
def test_een_head_op_een_lijst_logt_als_raadplegen(api, gemeente):
    """Before, a HEAD fell back on 'inzien-dossier-v1': no route was listed for it."""
    with time_machine.travel(NU, tick=False):
        assert api.als(user=gemeente.carla).head("/api/v1/inwoners").status_code == 200
    assert set(Verwerking.objects.values_list("verwerkingsactiviteit", flat=True)) == {register.RAADPLEGEN}
    assert Handeling.objects.get().verwerkingsactiviteit == register.RAADPLEGEN


def _werk(actie, activiteit, bsns, eigen=None):
    tokens = logboek.begin(actie=actie, activiteit=activiteit)
    logboek.verwerkt(bsns, eigen)
    logboek.einde(tokens, "OK")


@pytest.mark.django_db
def test_de_migratie_zet_wat_de_terugvaller_verkeerd_vastlegde_recht_met_een_correctie(api):
    """As the old lookup logged them: a sample drawn on the page under the fallback for a write
    (its rows named toetsing-v1 themselves), a HEAD on the list under the fallback for a read."""
    migratie = importlib.import_module("privacy.migrations.0006_correcties_terugvaller")
    with time_machine.travel(NU, tick=False):
        _werk("POST web:toetsing_trek", register.WIJZIGEN_INDICATIE, ["123456782"], register.TOETSING)
        _werk("HEAD inwoner-list", register.INZIEN_DOSSIER, ["111222333"])
        _werk("GET inwoner-detail", register.INZIEN_DOSSIER, ["111222333"])
        migratie.corrigeer(apps, None)
        migratie.corrigeer(apps, None)  # a second run adds nothing

    trek, head, _detail = Handeling.objects.order_by("volgnummer")
    head_rij = Verwerking.objects.get(trace_id=head.trace_id)
    assert sorted(Correctie.objects.values_list("keten", "volgnummer", "was", "wordt")) == [
        ("handeling", trek.volgnummer, register.WIJZIGEN_INDICATIE, register.TOETSING),
        ("handeling", head.volgnummer, register.INZIEN_DOSSIER, register.RAADPLEGEN),
        ("verwerking", head_rij.volgnummer, register.INZIEN_DOSSIER, register.RAADPLEGEN),
    ]
    # The rows stay as written: the chain is whole.
    assert Handeling.objects.get(pk=head.pk).verwerkingsactiviteit == register.INZIEN_DOSSIER
    assert services.controleer_keten("verwerking").in_orde
    assert services.controleer_keten("handeling").in_orde
    # An inzageverzoek gives the activity as corrected.
    antwoord = api.als("beheer").get("/api/v1/verwerkingen", {"bsn": "111222333"})
    assert [(r["verwerkingsactiviteit"], r["verwerkingsactiviteit_naam"]) for r in antwoord.json()["results"]] == [
        (register.RAADPLEGEN, "Zoeken en lijsten raadplegen"),
        (register.INZIEN_DOSSIER, "Dossier inzien"),
    ]


def test_de_migratie_kent_alleen_paren_die_de_oude_opzoeking_niet_kende_en_die_nu_iets_anders_noemen():
    migratie = importlib.import_module("privacy.migrations.0006_correcties_terugvaller")
    nu = {f"{m} {r}": a for r, m, a in ingangen()}
    for paar, (was, wordt) in migratie.VERKEERD.items():
        methode, route = paar.split(" ")
        verklaard = nu.get(paar) or nu[f"GET {route}"]  # a HEAD answers as its GET
        assert (verklaard, was) == (wordt, migratie.INZIEN if methode in ("GET", "HEAD") else migratie.WIJZIGEN)


@pytest.mark.django_db
def test_opschonen_neemt_de_correcties_van_verwijderde_regels_mee():
    with time_machine.travel(datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC), tick=False):
        _werk("HEAD inwoner-list", register.INZIEN_DOSSIER, ["123456782"])
    with time_machine.travel(datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC), tick=False):
        _werk("HEAD inwoner-list", register.INZIEN_DOSSIER, ["111222333"])
        importlib.import_module("privacy.migrations.0006_correcties_terugvaller").corrigeer(apps, None)
        assert Correctie.objects.count() == 4
        call_command("verwerkingen_opschonen", "--dagen", "365", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Correctie.objects.values_list("keten", "volgnummer")) == [("handeling", 2), ("verwerking", 2)]
