"""The page "Berichtenverkeer" and the rule behind its "te laat": what waits for transport, what was
refused (with the retourcodes in words), which answers are overdue (OP090: 3 werkdagen) and which
requests passed their uiterste datum; each section at its boundary."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from berichten import meldingen, services
from berichten.models import Bericht, BerichtStatus, Richting, Verzoek
from tests.factories import AanbiederFactory, InwonerFactory, gebruiker
from tests.indicaties.hulp import om
from tests.web.conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db

MAANDAG = datetime.date(2027, 1, 4)
DONDERDAG = datetime.date(2027, 1, 7)  # three working days after MAANDAG: the last day on time
VRIJDAG = datetime.date(2027, 1, 8)
WOENSDAG_NA_VRIJDAG = datetime.date(2027, 1, 13)
URL = "/berichten/"
_ident = itertools.count(1)


def _verzonden_op(dag: datetime.date, uur: int = 9, minuut: int = 0) -> datetime.datetime:
    """A moment on `dag` in Europe/Amsterdam (UTC+1 in January)."""
    return datetime.datetime.combine(
        dag, datetime.time(uur, minuut), tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )


def bericht(soort="JW301", richting=Richting.UIT, status=BerichtStatus.VERZONDEN, **velden) -> Bericht:
    velden.setdefault("aanbieder", AanbiederFactory())
    velden.setdefault("inwoner", InwonerFactory())
    velden.setdefault("dagtekening", MAANDAG)
    if status == BerichtStatus.VERZONDEN:
        velden.setdefault("verzonden_op", _verzonden_op(velden["dagtekening"]))
    return Bericht.objects.create(
        soort=soort,
        richting=richting,
        status=status,
        afzender="0826" if richting == Richting.UIT else velden["aanbieder"].agb_code,
        ontvanger=velden["aanbieder"].agb_code if richting == Richting.UIT else "0826",
        bericht_identificatie=f"T{next(_ident):08d}",
        xml="<Bericht/>",
        **velden,
    )


def verzoek(uiterste_datum: datetime.date, **velden) -> Verzoek:
    heen = bericht("JW315", Richting.IN, BerichtStatus.VERWERKT)
    return Verzoek.objects.create(
        soort="toewijzing",
        inwoner=heen.inwoner,
        aanbieder=heen.aanbieder,
        referentie_aanbieder=f"REF-{heen.bericht_identificatie}",
        uiterste_datum=uiterste_datum,
        bericht=heen,
        **velden,
    )


@pytest.fixture
def backoffice(client):
    client.gebruiker = gebruiker("backoffice")
    return client


def _pagina(client, dag: datetime.date, **filters):
    with om(dag):
        # Logged in on the day itself: a session from today's clock would have expired by then.
        client.force_login(client.gebruiker, backend=MODEL_BACKEND)
        antwoord = client.get(URL, filters)
    assert antwoord.status_code == 200
    return antwoord


# --- The rule: an answer on our 301 or 319 is due within 3 werkdagen (OP090) ---


@pytest.mark.parametrize(
    ("verzonden", "uiterlijk"),
    [
        (MAANDAG, DONDERDAG),
        (DONDERDAG, datetime.date(2027, 1, 12)),  # over the weekend: Friday, Monday, Tuesday
        (VRIJDAG, WOENSDAG_NA_VRIJDAG),
        (datetime.date(2027, 1, 9), WOENSDAG_NA_VRIJDAG),  # sent on a Saturday: Monday counts first
    ],
)
def test_het_antwoord_is_uiterlijk_drie_werkdagen_na_verzending_binnen(verzonden, uiterlijk):
    assert services.antwoord_uiterlijk(verzonden) == uiterlijk


@pytest.mark.parametrize(("vandaag", "te_laat"), [(DONDERDAG, False), (VRIJDAG, True)])
def test_een_toewijzing_zonder_antwoord_is_te_laat_vanaf_de_dag_na_de_termijn(vandaag, te_laat):
    b = bericht(dagtekening=MAANDAG)
    assert services.antwoord_te_laat(b, vandaag) is te_laat
    assert services.zonder_antwoord_te_laat(vandaag).filter(pk=b.pk).exists() is te_laat


@pytest.mark.parametrize(("vandaag", "te_laat"), [(datetime.date(2027, 1, 12), False), (WOENSDAG_NA_VRIJDAG, True)])
def test_verzonden_om_kwart_voor_middernacht_telt_als_die_dag_in_nederland(vandaag, te_laat):
    # 23:45 on Thursday in Amsterdam is 22:45 UTC, still Thursday; the deadline is Tuesday.
    b = bericht(dagtekening=DONDERDAG, verzonden_op=_verzonden_op(DONDERDAG, 23, 45))
    assert services.antwoord_te_laat(b, vandaag) is te_laat
    assert services.zonder_antwoord_te_laat(vandaag).filter(pk=b.pk).exists() is te_laat


@pytest.mark.parametrize(
    ("soort", "status"),
    [
        ("JW301", BerichtStatus.GEACCEPTEERD),
        ("JW301", BerichtStatus.AFGEKEURD),
        ("JW301", BerichtStatus.KLAAR),
        ("JW306", BerichtStatus.VERZONDEN),  # a retour of ours gets no answer
        ("WMO325", BerichtStatus.VERZONDEN),
    ],
)
def test_alleen_een_verzonden_301_of_319_wacht_op_antwoord(soort, status):
    b = bericht(soort, status=status, dagtekening=MAANDAG, verzonden_op=_verzonden_op(MAANDAG))
    assert services.antwoord_te_laat(b, VRIJDAG) is False
    assert not services.zonder_antwoord_te_laat(VRIJDAG).filter(pk=b.pk).exists()


def test_een_wmo319_zonder_antwoord_is_ook_te_laat():
    b = bericht("WMO319", dagtekening=MAANDAG)
    assert services.zonder_antwoord_te_laat(VRIJDAG).filter(pk=b.pk).exists()


# --- The page, section by section ---


def test_de_pagina_toont_de_tellingen_bovenaan(backoffice):
    bericht(status=BerichtStatus.KLAAR)
    bericht(status=BerichtStatus.AFGEKEURD, retourcodes=["9019"])
    bericht("JW305", Richting.IN, BerichtStatus.AFGEKEURD, retourcodes=["9326"])
    bericht(dagtekening=MAANDAG)
    verzoek(MAANDAG)
    pagina = _pagina(backoffice, VRIJDAG)
    assert (pagina.context["klaar"].totaal, pagina.context["afgekeurd_uit"].totaal) == (1, 1)
    assert (pagina.context["afgekeurd_in"].totaal, pagina.context["zonder_antwoord"].totaal) == (1, 1)
    assert pagina.context["verzoeken"].totaal == 1
    tekst = pagina.content.decode()
    assert "1</span> wacht op verzending" in tekst
    assert "2</span> afgekeurd" in tekst
    assert "2</span> te laat" in tekst


def test_wacht_op_verzending_toont_hoe_lang_en_de_xml(backoffice):
    with om(MAANDAG):
        b = bericht(status=BerichtStatus.KLAAR)
    pagina = _pagina(backoffice, DONDERDAG)
    assert [r.pk for r in pagina.context["klaar"].rijen] == [b.pk]
    tekst = pagina.content.decode()
    assert "3 dagen" in tekst
    assert reverse("bericht-xml", args=[b.pk]) in tekst
    assert "Toewijzing (JW301)" in tekst
    assert "4-1-2027" in tekst


def test_een_afgekeurde_toewijzing_toont_de_retourcodes_in_woorden_en_de_indicatie(backoffice):
    from tests.factories import maak_indicatie

    with om(MAANDAG):
        indicatie = maak_indicatie(ingangsdatum=datetime.date(2027, 1, 11), einddatum=datetime.date(2027, 6, 30))
    Bericht.objects.filter(soort__endswith="301").delete()
    b = bericht(
        status=BerichtStatus.AFGEKEURD,
        retourcodes=["9019"],
        inwoner=indicatie.inwoner,
        aanbieder=indicatie.aanbieder,
        inhoud={"toewijzingen": {str(indicatie.toewijzingnummer): {}}},
    )
    pagina = _pagina(backoffice, DONDERDAG)
    assert [r.pk for r in pagina.context["afgekeurd_uit"].rijen] == [b.pk]
    tekst = pagina.content.decode()
    omschrijving = meldingen.omschrijving("JW302", "9019")
    assert omschrijving not in ("", "Onbekende retourcode.")
    assert f'{omschrijving} <span class="nb">(retourcode 9019)</span>' in tekst
    assert reverse("web:indicatie", args=[indicatie.pk]) in tekst
    assert reverse("web:inwoner", args=[indicatie.inwoner.pk]) in tekst


def test_een_afkeur_verdwijnt_als_een_volgende_toewijzing_klaarstaat_of_is_aangenomen(backoffice):
    with om(MAANDAG):
        b = bericht(status=BerichtStatus.AFGEKEURD, retourcodes=["9019"])
    assert _pagina(backoffice, DONDERDAG).context["afgekeurd_uit"].totaal == 1
    with om(MAANDAG):
        # Another refusal for the same pair does not put it right.
        bericht(status=BerichtStatus.AFGEKEURD, retourcodes=["9019"], inwoner=b.inwoner, aanbieder=b.aanbieder)
    with om(DONDERDAG):
        opnieuw = bericht(status=BerichtStatus.KLAAR, inwoner=b.inwoner, aanbieder=b.aanbieder)
    pagina = _pagina(backoffice, DONDERDAG)
    assert pagina.context["afgekeurd_uit"].totaal == 0
    assert [r.pk for r in pagina.context["klaar"].rijen] == [opnieuw.pk]


def test_een_afgekeurd_startbericht_toont_de_reden_in_woorden(backoffice):
    b = bericht("JW305", Richting.IN, BerichtStatus.AFGEKEURD, retourcodes=["9019"])
    bericht("JW305", Richting.IN, BerichtStatus.VERWERKT)  # another inwoner's start: nothing to do
    pagina = _pagina(backoffice, DONDERDAG)
    assert [r.pk for r in pagina.context["afgekeurd_in"].rijen] == [b.pk]
    (code,) = pagina.context["afgekeurd_in"].rijen[0].codes
    assert code["code"] == "9019"
    assert code["omschrijving"] and code["omschrijving"] != "Onbekende retourcode."
    assert code["omschrijving"] in pagina.content.decode()
    assert "Start zorg (JW305)" in pagina.content.decode()


@pytest.mark.parametrize(("vandaag", "getoond"), [(DONDERDAG, False), (VRIJDAG, True)])
def test_geen_antwoord_staat_er_vanaf_de_dag_na_de_termijn(backoffice, vandaag, getoond):
    b = bericht(dagtekening=MAANDAG)
    pagina = _pagina(backoffice, vandaag)
    assert [r.pk for r in pagina.context["zonder_antwoord"].rijen] == ([b.pk] if getoond else [])
    if getoond:
        rij = pagina.context["zonder_antwoord"].rijen[0]
        assert (rij.uiterlijk, rij.dagen_te_laat) == (DONDERDAG, 1)
        assert "7-1-2027" in pagina.content.decode()


@pytest.mark.parametrize(("vandaag", "getoond"), [(MAANDAG, False), (datetime.date(2027, 1, 5), True)])
def test_een_open_verzoek_staat_er_vanaf_de_dag_na_de_uiterste_datum(backoffice, vandaag, getoond):
    v = verzoek(MAANDAG)
    verzoek(datetime.date(2027, 1, 1), status="afgewezen")  # answered: nothing to do
    pagina = _pagina(backoffice, vandaag)
    assert [r.pk for r in pagina.context["verzoeken"].rijen] == ([v.pk] if getoond else [])
    if getoond:
        tekst = pagina.content.decode()
        assert "Verzoek om toewijzing (315)" in tekst
        assert reverse("bericht-xml", args=[v.bericht_id]) in tekst


def test_filteren_op_aanbieder_en_soort(backoffice):
    toewijzing = bericht(status=BerichtStatus.KLAAR)
    retour = bericht("JW306", status=BerichtStatus.KLAAR)
    anders = bericht(status=BerichtStatus.KLAAR)
    v = verzoek(MAANDAG)
    rijen = lambda p, sectie: [r.pk for r in p.context[sectie].rijen]  # noqa: E731
    pagina = _pagina(backoffice, VRIJDAG, aanbieder=str(toewijzing.aanbieder.pk))
    assert rijen(pagina, "klaar") == [toewijzing.pk] and rijen(pagina, "verzoeken") == []
    pagina = _pagina(backoffice, VRIJDAG, soort="306")
    assert rijen(pagina, "klaar") == [retour.pk] and rijen(pagina, "verzoeken") == []
    pagina = _pagina(backoffice, VRIJDAG, soort="315")
    assert rijen(pagina, "klaar") == [] and rijen(pagina, "verzoeken") == [v.pk]
    pagina = _pagina(backoffice, VRIJDAG, soort="999")  # not a kind: the form says so, nothing filtered
    assert set(rijen(pagina, "klaar")) == {toewijzing.pk, retour.pk, anders.pk}
    assert pagina.context["form"].errors


def test_beheer_ziet_de_pagina_zonder_koppelingen_naar_het_dossier(client):
    b = bericht(status=BerichtStatus.KLAAR)
    client.gebruiker = gebruiker("beheer")
    tekst = _pagina(client, VRIJDAG).content.decode()
    assert str(b.inwoner) in tekst
    assert reverse("web:inwoner", args=[b.inwoner.pk]) not in tekst


@pytest.mark.parametrize("rollen", [("consulent",), ("schakelteam",), ("beleid",), ()])
def test_andere_rollen_krijgen_403(client, rollen):
    client.force_login(gebruiker(*rollen), backend=MODEL_BACKEND)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(("rol", "in_menu"), [("backoffice", True), ("beheer", True), ("beleid", False)])
def test_het_menu_noemt_de_pagina_voor_backoffice_en_beheer(client, rol, in_menu):
    client.force_login(gebruiker(rol), backend=MODEL_BACKEND)
    assert ('href="/berichten/"' in client.get("/").content.decode()) is in_menu


def _van_alles(n: int) -> None:
    for _ in range(n):
        b = bericht(status=BerichtStatus.KLAAR, inhoud={"toewijzingen": {"1": {}}})
        bericht(status=BerichtStatus.AFGEKEURD, retourcodes=["9019"], inhoud={"toewijzingen": {"2": {}}})
        bericht("JW305", Richting.IN, BerichtStatus.AFGEKEURD, retourcodes=["9326"], aanbieder=b.aanbieder)
        bericht(dagtekening=MAANDAG)
        verzoek(MAANDAG)


def test_het_aantal_queries_groeit_niet_met_de_rijen(backoffice):
    def tel() -> int:
        _pagina(backoffice, VRIJDAG)  # warm-up: session, caches
        with om(VRIJDAG, uur=9), CaptureQueriesContext(connection) as ctx:
            assert backoffice.get(URL).status_code == 200
        return len(ctx.captured_queries)

    _van_alles(2)
    bij_2 = tel()
    _van_alles(18)
    assert tel() == bij_2
    assert _pagina(backoffice, VRIJDAG).context["verzoeken"].totaal == 20
