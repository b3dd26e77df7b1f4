"""Forms of the web UI with valid and invalid input: the rule's Dutch message on the page, and
nothing saved when a rule refuses."""

import datetime
import html
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from basis import clock
from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, Product
from notifications.models import Notificatie
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, geldig_bsn

pytestmark = pytest.mark.django_db


def _tekst(antwoord) -> str:
    return html.unescape(antwoord.content.decode())


def _euro(bedrag: Decimal) -> str:
    tekst = f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"


def _om(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(9, 0), tzinfo=datetime.UTC), tick=False)


def _indicatie_data(product, aanbieder, **velden) -> dict:
    data = {
        "product": product.code,
        "aanbieder": str(aanbieder.pk),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-01-04",
        "einddatum": "2027-08-31",
        "motivatie": "",
        "spoed_reden": "",
        "doelen-TOTAL_FORMS": "1",
        "doelen-INITIAL_FORMS": "0",
        "doelen-0-omschrijving": "Zelfstandig de dag indelen",
        "doelen-0-leefgebied": "tijdsbesteding",
    }
    data.update(velden)
    return data


@pytest.fixture
def registratie(als):
    """A consulent, an inwoner, the € 58,20 product and a provider, on 4 January 2027."""
    with _om(datetime.date(2027, 1, 4)):
        client = als("consulent")
        yield {
            "client": client,
            "inwoner": InwonerFactory(regisseur=client.user),
            "product": ProductFactory(tarief="58.20"),
            "aanbieder": AanbiederFactory(),
        }


# --- Indicatie registreren ---------------------------------------------------------------------


def test_indicatie_registreren_met_geldige_invoer_slaat_op_en_toont_de_indicatie(registratie):
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]), _indicatie_data(r["product"], r["aanbieder"])
    )
    indicatie = Indicatie.objects.get(inwoner=r["inwoner"])
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("web:indicatie", args=[indicatie.pk])
    assert indicatie.status == "toegewezen"
    assert indicatie.geschatte_kosten == Decimal("11972.57")
    pagina = _tekst(r["client"].get(antwoord["Location"]))
    assert "De indicatie is geregistreerd en toegewezen." in pagina
    assert "€ 11.972,57" in pagina
    assert '<span class="nb">4-1-2027</span> t/m <span class="nb">31-8-2027</span>' in pagina
    assert 'uiterlijk <span class="nb">4-5-2027</span>' in pagina


def test_vijf_uur_per_week_langer_dan_8_maanden_toont_de_max_duur_melding_en_slaat_niets_op(registratie):
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]),
        _indicatie_data(r["product"], r["aanbieder"], volume="5", einddatum="2027-09-04"),
    )
    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    # The message names the limits of the policy in force (Beleidsregels).
    assert (
        "Bij 5,00 uur of meer per week loopt een indicatie hooguit 8 maanden: uiterlijk tot en met 3-9-2027." in tekst
    )
    assert 'aria-invalid="true"' in tekst
    assert not Indicatie.objects.exists()


def test_einddatum_op_de_laatste_toegestane_dag_wordt_opgeslagen(registratie):
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]),
        _indicatie_data(r["product"], r["aanbieder"], volume="5", einddatum="2027-09-03"),
    )
    assert antwoord.status_code == 302
    assert Indicatie.objects.count() == 1


def test_ingangsdatum_in_het_verleden_toont_de_melding_en_slaat_niets_op(registratie):
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]),
        _indicatie_data(r["product"], r["aanbieder"], ingangsdatum="2027-01-03"),
    )
    assert "De ingangsdatum mag niet vóór vandaag (4-1-2027) liggen." in _tekst(antwoord)
    assert not Indicatie.objects.exists()


def test_verplichte_velden_leeg_geeft_nederlandse_foutmeldingen(registratie):
    r = registratie
    leeg = dict.fromkeys(_indicatie_data(r["product"], r["aanbieder"]), "")
    antwoord = r["client"].post(reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]), leeg)
    tekst = _tekst(antwoord)
    assert antwoord.status_code == 200
    assert "Dit veld is vereist." in tekst
    assert not Indicatie.objects.exists()


def test_boven_de_drempel_wacht_de_indicatie_op_het_schakelteam(registratie):
    r = registratie
    duur = ProductFactory(tarief="116.40")
    antwoord = r["client"].post(
        reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]),
        _indicatie_data(duur, r["aanbieder"], volume="14"),
    )
    indicatie = Indicatie.objects.get()
    assert indicatie.status == "wacht_op_schakelteam"
    assert "wacht op het schakelteam" in _tekst(r["client"].get(antwoord["Location"]))


# --- Voorbeeld terwijl de consulent typt ----------------------------------------------------------


def test_voorbeeld_toont_uren_kosten_en_evaluatiedatum_van_het_rekenvoorbeeld(registratie):
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]), _indicatie_data(r["product"], r["aanbieder"])
    )
    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    assert re.search(r'data-testid="uren">6,00<', tekst)
    assert re.search(r'data-testid="kosten"><span class="nb">€ 11\.972,57</span><', tekst)
    assert re.search(r'data-testid="evaluatiedatum"><span class="nb">4-5-2027</span><', tekst)
    assert "Deze indicatie voldoet aan de regels." in tekst
    assert not Indicatie.objects.exists()


def test_voorbeeld_toont_de_overtreding_met_haar_code_zonder_op_te_slaan(registratie):
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]),
        _indicatie_data(r["product"], r["aanbieder"], volume="5", einddatum="2027-09-04"),
    )
    tekst = _tekst(antwoord)
    assert 'data-code="max_duur_8_maanden"' in tekst
    assert "uiterlijk tot en met 3-9-2027" in tekst
    assert "Zo kan de indicatie niet worden opgeslagen" in tekst
    assert not Indicatie.objects.exists()


def test_voorbeeld_boven_de_drempel_meldt_het_schakelteam(registratie):
    r = registratie
    duur = ProductFactory(tarief="116.40")
    antwoord = r["client"].post(
        reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]), _indicatie_data(duur, r["aanbieder"], volume="14")
    )
    assert "boven de drempel: het schakelteam beoordeelt deze indicatie" in _tekst(antwoord)


def test_voorbeeld_met_onvolledige_invoer_vraagt_om_de_gegevens(registratie):
    r = registratie
    antwoord = r["client"].post(reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]), {"volume": "6"})
    assert antwoord.status_code == 200
    assert "Vul product, aanbieder, volume, eenheid, frequentie en ingangsdatum in" in _tekst(antwoord)


# --- Lichtere variant ----------------------------------------------------------------------------


@pytest.fixture
def varianten(registratie):
    licht = ProductFactory(code="45A64", naam="Begeleiding – ontwikkelen")
    zwaar = ProductFactory(code="45A65", naam="Begeleiding – ontwikkelen Plus", lichtere_variant=licht)
    return licht, zwaar


def test_zwaardere_variant_biedt_de_lichtere_variant_aan(registratie, varianten):
    licht, zwaar = varianten
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]), _indicatie_data(zwaar, r["aanbieder"])
    )
    tekst = _tekst(antwoord)
    assert "Kies de lichtere variant" in tekst
    assert f'name="kies_product" value="{licht.code}"' in tekst
    assert 'data-code="motivatie_zwaardere_variant"' in tekst


def test_de_knop_kies_de_lichtere_variant_zet_het_product_om_zonder_op_te_slaan(registratie, varianten):
    licht, zwaar = varianten
    r = registratie
    data = _indicatie_data(zwaar, r["aanbieder"], kies_product=licht.code)
    antwoord = r["client"].post(reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]), data)
    assert antwoord.status_code == 200
    assert re.search(rf'<option value="{licht.code}" selected>', antwoord.content.decode())
    assert not Indicatie.objects.exists()
    # Saving after the switch registers the lighter product, without a motivation.
    data = _indicatie_data(licht, r["aanbieder"])
    r["client"].post(reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]), data)
    assert Indicatie.objects.get().product == licht


def test_zwaardere_variant_zonder_motivatie_wordt_geweigerd_met_de_melding(registratie, varianten):
    _, zwaar = varianten
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]), _indicatie_data(zwaar, r["aanbieder"])
    )
    assert "Motiveer schriftelijk waarom de zwaardere variant nodig is." in _tekst(antwoord)
    assert not Indicatie.objects.exists()


def test_product_zonder_lichtere_variant_biedt_er_geen_aan(registratie):
    r = registratie
    antwoord = r["client"].post(
        reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]), _indicatie_data(r["product"], r["aanbieder"])
    )
    assert "Kies de lichtere variant" not in _tekst(antwoord)
    assert Product.objects.count() == 1


# --- Wijzigen en intrekken -----------------------------------------------------------------------


def test_indicatie_wijzigen_met_te_late_einddatum_toont_de_melding(wereld, als):
    client = als(user=wereld.consulent)
    indicatie = wereld.indicatie
    data = _indicatie_data(
        indicatie.product,
        indicatie.aanbieder,
        ingangsdatum=indicatie.ingangsdatum.isoformat(),
        einddatum=(indicatie.einddatum + datetime.timedelta(days=1)).isoformat(),
        versie=str(indicatie.versie),
    )
    antwoord = client.post(reverse("web:indicatie_wijzigen", args=[indicatie.pk]), data)
    assert "loopt een indicatie hooguit 8 maanden" in _tekst(antwoord)
    indicatie.refresh_from_db()
    assert indicatie.versie == 1


def test_indicatie_wijzigen_met_geldige_invoer_slaat_op(wereld, als):
    client = als(user=wereld.consulent)
    indicatie = wereld.indicatie
    data = _indicatie_data(
        indicatie.product,
        indicatie.aanbieder,
        volume="4",
        ingangsdatum=indicatie.ingangsdatum.isoformat(),
        einddatum=indicatie.einddatum.isoformat(),
        versie=str(indicatie.versie),
    )
    antwoord = client.post(reverse("web:indicatie_wijzigen", args=[indicatie.pk]), data)
    assert antwoord.status_code == 302
    indicatie.refresh_from_db()
    assert indicatie.volume == Decimal("4")


def test_intrekken_zonder_reden_wordt_geweigerd_en_met_reden_uitgevoerd(wereld, als):
    client = als(user=wereld.consulent)
    url = reverse("web:indicatie_intrekken", args=[wereld.indicatie.pk])
    assert "Dit veld is vereist." in _tekst(client.post(url, {"reden": "", "zeker": "on"}))
    antwoord = client.post(url, {"reden": "Inwoner verhuisd.", "zeker": "on"})
    assert antwoord.status_code == 302
    wereld.indicatie.refresh_from_db()
    assert wereld.indicatie.status == "ingetrokken"


def test_intrekken_is_als_onomkeerbaar_gemarkeerd_en_vraagt_een_bevestiging(wereld, als):
    client = als(user=wereld.consulent)
    pagina = client.get(reverse("web:indicatie", args=[wereld.indicatie.pk])).content.decode()
    url = reverse("web:indicatie_intrekken", args=[wereld.indicatie.pk])
    assert re.search(rf'<a class="knop gevaar secundair" href="{url}">Indicatie intrekken…</a>', pagina)
    formulier = _tekst(client.get(url))
    assert "Intrekken kunt u niet terugdraaien." in formulier
    assert '<button class="knop gevaar" type="submit">Ja, indicatie intrekken</button>' in formulier
    # A reason alone is not enough: the consulent confirms it, on the server too.
    antwoord = client.post(url, {"reden": "Inwoner verhuisd."})
    assert antwoord.status_code == 200
    assert "Vink aan dat u de indicatie echt wilt intrekken." in _tekst(antwoord)
    assert "Inwoner verhuisd.</textarea>" in _tekst(antwoord)
    wereld.indicatie.refresh_from_db()
    assert wereld.indicatie.status == "toegewezen"
    antwoord = client.post(url, {"reden": "Inwoner verhuisd.", "zeker": "on"})
    assert antwoord.status_code == 302
    wereld.indicatie.refresh_from_db()
    assert wereld.indicatie.status == "ingetrokken"


# --- Schakelteam ---------------------------------------------------------------------------------


def test_schakelteam_akkoord_kent_de_indicatie_toe(wereld, als):
    client = als(user=wereld.schakelteamlid)
    pagina = _tekst(client.get(reverse("web:indicatie", args=[wereld.wachtend.pk])))
    assert "Besluit schakelteam" in pagina
    besluit = {"besluit": "akkoord", "toelichting": "Noodzakelijk na crisis."}
    antwoord = client.post(reverse("web:schakelteam_besluit", args=[wereld.wachtend.pk]), besluit)
    assert "Besluit bevestigen" in _tekst(antwoord)
    antwoord = client.post(reverse("web:schakelteam_besluit", args=[wereld.wachtend.pk]), besluit | {"bevestigd": "ja"})
    assert antwoord.status_code == 302
    wereld.wachtend.refresh_from_db()
    assert wereld.wachtend.status == "toegewezen"
    assert "Het besluit is vastgelegd." in _tekst(client.get(antwoord["Location"]))


def test_schakelteam_besluit_wordt_pas_na_bevestiging_vastgelegd(wereld, als):
    client = als(user=wereld.schakelteamlid)
    url = reverse("web:schakelteam_besluit", args=[wereld.wachtend.pk])
    antwoord = client.post(url, {"besluit": "afgewezen", "toelichting": "Past niet bij de vraag."})
    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    assert "<h1>Besluit bevestigen</h1>" in tekst
    assert "De indicatie wordt afgewezen." in tekst
    assert "Een besluit kunt u niet terugdraaien." in tekst
    assert 'name="bevestigd" value="ja">Ja, besluit vastleggen</button>' in tekst
    wereld.wachtend.refresh_from_db()
    assert wereld.wachtend.status == "wacht_op_schakelteam"
    assert not wereld.wachtend.schakelteambeoordelingen.exists()
    # "Terug" keeps what was typed, on the indicatie page.
    terug = _tekst(
        client.post(url, {"besluit": "afgewezen", "toelichting": "Past niet bij de vraag.", "wijzigen": "ja"})
    )
    assert "Past niet bij de vraag.</textarea>" in terug
    assert re.search(r'value="afgewezen"[^>]*checked', terug)
    antwoord = client.post(url, {"besluit": "afgewezen", "toelichting": "Past niet bij de vraag.", "bevestigd": "ja"})
    assert antwoord.status_code == 302
    wereld.wachtend.refresh_from_db()
    assert wereld.wachtend.status == "afgewezen"


def test_leeg_besluit_toont_de_indicatie_met_traject_kosten_en_doelen_en_de_fouten(wereld, als):
    client = als(user=wereld.schakelteamlid)
    antwoord = client.post(reverse("web:schakelteam_besluit", args=[wereld.wachtend.pk]), {})
    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    assert "Traject: wat telt mee voor de drempel" in tekst
    assert 'data-testid="traject-totaal"' in tekst
    assert "<h2>Doelen</h2>" in tekst and "Zelfstandig de dag indelen" in tekst
    kosten = _euro(wereld.wachtend.geschatte_kosten)
    assert f'<dt>Geschatte kosten</dt><dd><span class="nb">{kosten}</span></dd>' in tekst
    assert "Het besluit is niet vastgelegd" in tekst
    assert re.search(r'id="id_besluit_fout">Dit veld is vereist\.<', tekst)
    assert re.search(r'id="id_toelichting_fout">Dit veld is vereist\.<', tekst)
    wereld.wachtend.refresh_from_db()
    assert wereld.wachtend.status == "wacht_op_schakelteam"


def test_te_beoordelen_heeft_een_actie_per_rij(wereld, als):
    tekst = _tekst(als(user=wereld.schakelteamlid).get("/?volledig=1"))
    lijst = tekst[tekst.index("Te beoordelen (1)") : tekst.index("Adviesvragen")]
    assert '<th scope="col">Actie</th>' in lijst
    assert f'<a href="{reverse("web:indicatie", args=[wereld.wachtend.pk])}#besluit">Beoordelen' in lijst


def test_een_open_adviesvraag_wordt_op_de_indicatiepagina_beantwoord(wereld, als):
    client = als(user=wereld.schakelteamlid)
    pagina = _tekst(client.get(reverse("web:indicatie", args=[wereld.indicatie.pk])))
    actie = reverse("web:advies_beantwoorden", args=[wereld.advies.pk])
    assert f'action="{actie}"' in pagina
    assert f'<label for="id_advies_{wereld.advies.pk}_antwoord">Advies</label>' in pagina
    # Empty: the indicatie page again, with the error beside the question.
    leeg = _tekst(client.post(actie, {"antwoord": "", "vanaf": "indicatie"}))
    assert "Is 6 uur passend?" in leeg and "<h2>Doelen</h2>" in leeg
    assert f'id="id_advies_{wereld.advies.pk}_antwoord_fout">Dit veld is vereist.<' in leeg
    antwoord = client.post(actie, {"antwoord": "Ja, 6 uur past.", "vanaf": "indicatie"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("web:indicatie", args=[wereld.indicatie.pk])
    wereld.advies.refresh_from_db()
    assert wereld.advies.antwoord == "Ja, 6 uur past."
    # Answered: no form any more. The consulent who asked never gets one.
    assert f'action="{actie}"' not in _tekst(client.get(antwoord["Location"]))


def test_de_consulent_ziet_geen_antwoordformulier_bij_de_eigen_adviesvraag(wereld, als):
    wereld.consulent.groups.add(Group.objects.get(name="schakelteam"))
    pagina = _tekst(als(user=wereld.consulent).get(reverse("web:indicatie", args=[wereld.indicatie.pk])))
    assert reverse("web:advies_beantwoorden", args=[wereld.advies.pk]) not in pagina


def test_schakelteam_besluit_zonder_toelichting_geeft_een_foutmelding(wereld, als):
    client = als(user=wereld.schakelteamlid)
    antwoord = client.post(reverse("web:schakelteam_besluit", args=[wereld.wachtend.pk]), {"besluit": "afgewezen"})
    assert antwoord.status_code == 200
    assert "Dit veld is vereist." in _tekst(antwoord)
    wereld.wachtend.refresh_from_db()
    assert wereld.wachtend.status == "wacht_op_schakelteam"


def test_schakelteam_besluit_over_eigen_indicatie_is_403(wereld, als):
    wereld.collega.groups.add(Group.objects.get(name="schakelteam"))
    client = als(user=wereld.collega)
    pagina = _tekst(client.get(reverse("web:indicatie", args=[wereld.wachtend.pk])))
    assert "Besluit controleren" not in pagina
    antwoord = client.post(
        reverse("web:schakelteam_besluit", args=[wereld.wachtend.pk]), {"besluit": "akkoord", "toelichting": "Eigen."}
    )
    assert antwoord.status_code == 403
    wereld.wachtend.refresh_from_db()
    assert wereld.wachtend.status == "wacht_op_schakelteam"


def test_besluit_over_een_toegewezen_indicatie_wordt_geweigerd_met_uitleg(wereld, als):
    client = als(user=wereld.schakelteamlid)
    antwoord = client.post(
        reverse("web:schakelteam_besluit", args=[wereld.indicatie.pk]),
        {"besluit": "akkoord", "toelichting": "ok", "bevestigd": "ja"},
    )
    assert antwoord.status_code == 302
    assert "wacht niet op het schakelteam" in _tekst(client.get(antwoord["Location"]))


def test_advies_vragen_en_beantwoorden(wereld, als):
    consulent = als(user=wereld.consulent)
    antwoord = consulent.post(reverse("web:advies_vragen", args=[wereld.indicatie.pk]), {"vraag": "Passend?"})
    assert antwoord.status_code == 302
    lid = als(user=wereld.schakelteamlid)
    url = reverse("web:advies_beantwoorden", args=[wereld.advies.pk])
    assert "Dit veld is vereist." in _tekst(lid.post(url, {"antwoord": ""}))
    assert lid.post(url, {"antwoord": "Ja, met evaluatie na 4 maanden."}).status_code == 302
    wereld.advies.refresh_from_db()
    assert wereld.advies.antwoord == "Ja, met evaluatie na 4 maanden."


# --- Evaluatie en halfjaarcheck --------------------------------------------------------------------


def _doelveld(indicatie) -> str:
    return f"doel_{indicatie.doelen.get().pk}"


def test_evaluatie_voortzetten_rondt_de_evaluatie_af(wereld, als, evaluatie_vanaf_registratie):
    client = als(user=wereld.consulent)
    antwoord = client.post(
        reverse("web:evaluatie_afronden", args=[wereld.evaluatie.pk]),
        {"uitkomst": "voortzetten", _doelveld(wereld.indicatie): "ja", "toelichting": ""},
    )
    assert antwoord.status_code == 302
    wereld.evaluatie.refresh_from_db()
    assert wereld.evaluatie.status == "afgerond"
    assert "De evaluatie is afgerond." in _tekst(client.get(antwoord["Location"]))


def test_evaluatie_afschalen_zonder_toelichting_toont_de_melding(wereld, als, evaluatie_vanaf_registratie):
    client = als(user=wereld.consulent)
    antwoord = client.post(
        reverse("web:evaluatie_afronden", args=[wereld.evaluatie.pk]),
        {"uitkomst": "afschalen", _doelveld(wereld.indicatie): "deels", "nieuw_volume": "4"},
    )
    assert antwoord.status_code == 200
    assert "Licht toe waarom de zorg wordt bijgesteld." in _tekst(antwoord)
    wereld.evaluatie.refresh_from_db()
    assert wereld.evaluatie.status == "gepland"


def test_evaluatie_zonder_keuzes_geeft_foutmeldingen_bij_de_keuzerondjes(wereld, als, evaluatie_vanaf_registratie):
    client = als(user=wereld.consulent)
    tekst = _tekst(
        client.post(
            reverse("web:evaluatie_afronden", args=[wereld.evaluatie.pk]),
            {"toelichting": "", "nieuw_volume": "", "per_datum": ""},
        )
    )
    # Once at the field, once in the error summary at the top.
    assert tekst.count("Dit veld is vereist.") == 2
    assert 'aria-describedby="id_uitkomst_fout"' in tekst
    # The goal not judged, at once with the outcome: the evaluation rule's words.
    assert "Kies ja, deels of nee." in tekst
    assert f'aria-describedby="id_{_doelveld(wereld.indicatie)}_fout"' in tekst
    assert "Beoordeel elk doel: bij 1 van de 1 doelen ontbreekt ja, deels of nee." in tekst


def test_halfjaarcheck_afronden_met_geldige_invoer(wereld, als):
    client = als(user=wereld.consulent)
    vandaag = clock.today().isoformat()
    antwoord = client.post(
        reverse("web:halfjaarcheck_afronden", args=[wereld.check.pk]),
        {"zorg_passend": "ja", "contact_aanbieder": vandaag, "contact_inwoner": vandaag, "toelichting": "Gaat goed."},
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("web:inwoner", args=[wereld.inwoner.pk])
    wereld.check.refresh_from_db()
    assert wereld.check.status == "afgerond"
    assert Halfjaarcheck.objects.filter(inwoner=wereld.inwoner, status="gepland").count() == 1


def test_halfjaarcheck_met_contact_in_de_toekomst_toont_de_melding(wereld, als):
    client = als(user=wereld.consulent)
    morgen = (clock.today() + datetime.timedelta(days=1)).isoformat()
    antwoord = client.post(
        reverse("web:halfjaarcheck_afronden", args=[wereld.check.pk]),
        {"zorg_passend": "nee", "contact_aanbieder": morgen, "contact_inwoner": morgen, "toelichting": "x"},
    )
    assert antwoord.status_code == 200
    # At both fields, and both in the error summary at the top.
    assert _tekst(antwoord).count("De datum van het contact ligt in de toekomst.") == 4
    wereld.check.refresh_from_db()
    assert wereld.check.status == "open"


# --- Notificaties ---------------------------------------------------------------------------------


def test_notificatie_als_gelezen_markeren(wereld, als):
    client = als(user=wereld.consulent)
    assert "Markeer als gelezen" in _tekst(client.get(reverse("web:notificaties")))
    antwoord = client.post(reverse("web:notificatie_gelezen", args=[wereld.notificatie.pk]))
    assert antwoord.status_code == 302
    wereld.notificatie.refresh_from_db()
    assert wereld.notificatie.gelezen


def test_notificatie_van_een_ander_markeren_is_404(wereld, als):
    client = als(user=wereld.schakelteamlid)
    antwoord = client.post(reverse("web:notificatie_gelezen", args=[wereld.notificatie.pk]))
    assert antwoord.status_code == 404
    assert not Notificatie.objects.get(pk=wereld.notificatie.pk).gelezen


def test_teller_in_het_menu_telt_ongelezen_notificaties(wereld, als):
    client = als(user=wereld.consulent)
    tekst = _tekst(client.get("/?volledig=1"))
    assert re.search(r'Notificaties <span class="teller">1<span class="visueel-verborgen"> open</span>', tekst)


# --- Inwoners -------------------------------------------------------------------------------------


def test_zoeken_op_volledig_bsn_toont_het_bsn_gemaskeerd(wereld, als):
    client = als(user=wereld.consulent)
    bsn = wereld.inwoner.bsn
    antwoord = client.post(reverse("web:inwoners"), {"bsn": bsn})
    tekst = _tekst(antwoord)
    resultaten = tekst.split("Resultaten (1)")[1]
    assert wereld.inwoner.achternaam in resultaten
    assert wereld.inwoner.bsn_gemaskeerd in resultaten
    assert bsn not in resultaten


def test_zoeken_gaat_met_post_zodat_het_bsn_niet_in_de_url_staat(wereld, als):
    client = als(user=wereld.consulent)
    tekst = _tekst(client.get(reverse("web:inwoners")))
    assert re.search(r'<form method="post"[^>]*role="search"', tekst)


def test_zoeken_zonder_criterium_geeft_een_melding(wereld, als):
    client = als(user=wereld.consulent)
    assert "Vul een naam, geboortedatum of BSN in." in _tekst(
        client.post(reverse("web:inwoners"), {"naam": "", "geboortedatum": "", "bsn": ""})
    )


def test_zoeken_op_naam_en_geboortedatum(wereld, als):
    client = als(user=wereld.consulent)
    antwoord = client.post(
        reverse("web:inwoners"),
        {"naam": wereld.inwoner.achternaam, "geboortedatum": wereld.inwoner.geboortedatum.isoformat()},
    )
    assert "Resultaten (1)" in _tekst(antwoord)


def test_inwoner_registreren_met_ongeldig_bsn_toont_de_elfproefmelding(als, db):
    client = als("consulent")
    antwoord = client.post(
        reverse("web:inwoner_nieuw"),
        {"bsn": "123456789", "voornaam": "An", "achternaam": "Jansen", "geboortedatum": "1990-02-03"},
    )
    assert "Dit BSN is ongeldig" in _tekst(antwoord)
    antwoord = client.post(
        reverse("web:inwoner_nieuw"),
        {"bsn": geldig_bsn(), "voornaam": "An", "achternaam": "Jansen", "geboortedatum": "1990-02-03"},
    )
    assert antwoord.status_code == 302


def test_inwoner_detail_toont_de_tijdlijn(wereld, als):
    client = als(user=wereld.consulent)
    tekst = _tekst(client.get(reverse("web:inwoner", args=[wereld.inwoner.pk])))
    assert "Tijdlijn" in tekst
    assert "advies gevraagd over" in tekst
    assert "halfjaarcheck: open" in tekst
    assert Evaluatie.objects.filter(indicatie__inwoner=wereld.inwoner).exists()


def test_historie_toont_nederlandse_namen_datums_en_bedragen(registratie):
    r = registratie
    r["client"].post(
        reverse("web:indicatie_nieuw", args=[r["inwoner"].pk]), _indicatie_data(r["product"], r["aanbieder"])
    )
    indicatie = Indicatie.objects.get()
    historie = _tekst(r["client"].get(reverse("web:indicatie", args=[indicatie.pk]))).split(">Historie</h2>")[1]
    assert "<strong>ingangsdatum</strong>: 4-1-2027" in historie
    assert "<strong>geschatte kosten</strong>: € 11.972,57" in historie
    assert "<strong>frequentie</strong>: per week" in historie
    assert "<strong>spoed</strong>: nee" in historie
    assert f"<strong>product</strong>: {r['product'].code} – {r['product'].naam}" in historie
    assert str(r["inwoner"].pk) not in historie
    assert str(r["aanbieder"].pk) not in historie
