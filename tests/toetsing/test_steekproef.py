import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from basis.exceptions import RuleViolation
from indicaties import services as register
from indicaties.models import IndicatieStatus
from tests.factories import InwonerFactory, ProductFactory, gebruiker
from toetsing import rules, services
from toetsing.models import Steekproef, Toetsing
from toetsing.tasks import wekelijkse_steekproef

from .hulp import (
    AMSTERDAM,
    DINSDAG_W05,
    EINDE,
    INGANG,
    MAANDAG_W06,
    WEEK,
    akkoord_schakelteam,
    boven_drempel,
    gewone,
    met_spoed,
    om,
    zwaardere_variant,
)

pytestmark = pytest.mark.django_db


def _trek(week=WEEK, **kwargs):
    with om(MAANDAG_W06 if week == WEEK else kwargs.pop("op")):
        return services.trek_steekproef(week, **kwargs)


def _per_reden(steekproef) -> dict[str, set]:
    uitkomst = {}
    for t in steekproef.toetsingen.all():
        uitkomst.setdefault(t.reden, set()).add(t.indicatie_id)
    return uitkomst


# --- Composition at the edges -------------------------------------------------------------------


def test_een_week_zonder_toewijzingen_geeft_een_lege_vastgelegde_steekproef():
    steekproef, nieuw = _trek()
    assert nieuw
    assert steekproef.week == WEEK
    assert steekproef.populatie == []
    assert steekproef.percentage == Decimal("10")
    assert not steekproef.toetsingen.exists()


def test_alleen_indicaties_met_signaal_gaan_allemaal_mee_en_er_wordt_niets_bij_geloot():
    with om(DINSDAG_W05):
        spoed = met_spoed()
        zwaar = zwaardere_variant()
        drempel = boven_drempel()
        akkoord_schakelteam(drempel)
    steekproef, _ = _trek()
    assert _per_reden(steekproef) == {
        "spoed": {spoed.id},
        "motivatie_zwaardere_variant": {zwaar.id},
        "schakelteam_drempel": {drempel.id},
    }
    assert steekproef.populatie == []


def test_een_enkele_gewone_indicatie_wordt_altijd_getrokken():
    with om(DINSDAG_W05):
        enige = gewone()
    steekproef, _ = _trek()
    assert _per_reden(steekproef) == {"steekproef": {enige.id}}
    assert steekproef.populatie == [str(enige.id)]


def test_van_negen_gewone_indicaties_wordt_er_bij_tien_procent_precies_een_getrokken():
    with om(DINSDAG_W05):
        ids = {gewone().id for _ in range(9)}
    steekproef, _ = _trek()
    getrokken = _per_reden(steekproef)["steekproef"]
    assert len(getrokken) == 1
    assert getrokken <= ids
    assert steekproef.populatie == sorted(str(i) for i in ids)


def test_van_elf_gewone_indicaties_worden_er_bij_tien_procent_twee_getrokken():
    with om(DINSDAG_W05):
        for _ in range(11):
            gewone()
    steekproef, _ = _trek()
    assert len(_per_reden(steekproef)["steekproef"]) == 2


def test_signalen_gaan_allemaal_mee_en_worden_uit_de_loting_gehouden(settings):
    settings.STEEKPROEF_PERCENTAGE = Decimal("50")
    with om(DINSDAG_W05):
        spoed = met_spoed()
        gewoon = [gewone() for _ in range(4)]
    steekproef, _ = _trek()
    assert str(spoed.id) not in steekproef.populatie
    assert steekproef.populatie == sorted(str(i.id) for i in gewoon)
    assert _per_reden(steekproef)["spoed"] == {spoed.id}
    assert len(_per_reden(steekproef)["steekproef"]) == 2
    assert steekproef.percentage == Decimal("50")


def test_een_indicatie_met_meer_signalen_krijgt_een_toetsing_met_het_eerste_signaal_als_reden():
    with om(DINSDAG_W05):
        product = ProductFactory(lichtere_variant=ProductFactory())
        beide = met_spoed(product=product, motivatie="Zwaarder nodig.")
    steekproef, _ = _trek()
    toetsing = Toetsing.objects.get(steekproef=steekproef, indicatie=beide)
    assert toetsing.reden == "spoed"
    assert toetsing.signalen == ["spoed", "motivatie_zwaardere_variant"]


def test_verlenging_zorgstapeling_en_mogelijk_wlz_gaan_met_hun_signaal_mee():
    with om(datetime.datetime(2027, 1, 26, 10, 0, tzinfo=AMSTERDAM)):
        voorganger = gewone(
            volume=Decimal("2"), ingangsdatum=datetime.date(2027, 1, 26), einddatum=datetime.date(2027, 2, 28)
        )
    with om(DINSDAG_W05):
        verlenging = gewone(
            inwoner=voorganger.inwoner,
            product=voorganger.product,
            volume=Decimal("2"),
            voorganger=voorganger,
            ingangsdatum=datetime.date(2027, 3, 1),
            einddatum=datetime.date(2027, 6, 30),
        )
        inwoner = InwonerFactory()
        gewone(inwoner=inwoner, product=ProductFactory(code="02A01"), volume=Decimal("2"))
        stapeling = gewone(inwoner=inwoner, product=ProductFactory(code="03A01"), volume=Decimal("2"))
        jeugd = InwonerFactory(geboortedatum=datetime.date(2015, 3, 1))
        for code in ("41A03", "45A65"):
            gewone(inwoner=jeugd, product=ProductFactory(code=code, wet="jeugdwet"), volume=Decimal("2"))
        wlz = gewone(inwoner=jeugd, product=ProductFactory(code="45C02", wet="jeugdwet"), volume=Decimal("2"))
    steekproef, _ = _trek()
    redenen = {t.indicatie_id: t.reden for t in steekproef.toetsingen.all()}
    assert redenen[verlenging.id] == "verlenging"
    assert redenen[stapeling.id] == "zorgstapeling"
    assert redenen[wlz.id] == "mogelijk_wlz"
    assert str(voorganger.id) not in steekproef.populatie


# --- Which week an indicatie was granted in ------------------------------------------------------


def test_de_week_loopt_van_maandag_0_uur_tot_zondag_24_uur_in_nederlandse_tijd():
    with om(datetime.datetime(2027, 2, 1, 0, 0, tzinfo=AMSTERDAM)):
        eerste = gewone()
    with om(datetime.datetime(2027, 2, 7, 23, 59, 59, tzinfo=AMSTERDAM)):
        laatste = gewone()
    # 8 February 00:00 in Amsterdam is still 7 February in UTC: it belongs to the next week.
    with om(datetime.datetime(2027, 2, 8, 0, 0, tzinfo=AMSTERDAM)):
        volgende = gewone()
    with om(datetime.datetime(2027, 1, 31, 23, 59, 59, tzinfo=AMSTERDAM)):
        vorige = gewone()
    steekproef, _ = _trek()
    assert set(steekproef.populatie) == {str(eerste.id), str(laatste.id)}
    assert str(volgende.id) not in steekproef.populatie
    assert str(vorige.id) not in steekproef.populatie


def test_boven_de_drempel_telt_de_week_van_het_akkoord_van_het_schakelteam():
    with om(DINSDAG_W05):
        indicatie = boven_drempel()
    with om(datetime.datetime(2027, 2, 9, 10, 0, tzinfo=AMSTERDAM)):
        akkoord_schakelteam(indicatie)
    week5, _ = _trek()
    assert not week5.toetsingen.exists()
    week6, _ = _trek("2027-W06", op=datetime.datetime(2027, 2, 15, 7, 0, tzinfo=AMSTERDAM))
    assert _per_reden(week6) == {"schakelteam_drempel": {indicatie.id}}


def test_een_indicatie_die_wacht_op_het_schakelteam_is_nog_niet_toegewezen():
    with om(DINSDAG_W05):
        boven_drempel()
    steekproef, _ = _trek()
    assert not steekproef.toetsingen.exists()
    assert steekproef.populatie == []


def test_een_toegewezen_indicatie_die_opnieuw_naar_het_schakelteam_gaat_telt_in_de_week_van_de_eerste_toewijzing():
    consulent = gebruiker("consulent")
    with om(DINSDAG_W05):
        indicatie = gewone(consulent, product=ProductFactory(tarief="116.40"))
    with om(datetime.datetime(2027, 2, 5, 10, 0, tzinfo=AMSTERDAM)):
        register.wijzig_indicatie(gebruiker=consulent, indicatie=indicatie, wijzigingen={"volume": Decimal("16")})
        indicatie.refresh_from_db()
        assert indicatie.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM
    week5, _ = _trek()
    assert _per_reden(week5) == {"schakelteam_drempel": {indicatie.id}}
    with om(datetime.datetime(2027, 2, 9, 10, 0, tzinfo=AMSTERDAM)):
        akkoord_schakelteam(indicatie)
    week6, _ = _trek("2027-W06", op=datetime.datetime(2027, 2, 15, 7, 0, tzinfo=AMSTERDAM))
    assert not week6.toetsingen.filter(indicatie=indicatie).exists()


def test_ingetrokken_en_afgewezen_indicaties_doen_niet_mee():
    consulent = gebruiker("consulent")
    with om(DINSDAG_W05):
        ingetrokken = gewone(consulent)
        register.trek_in(gebruiker=consulent, indicatie=ingetrokken, reden="Verhuisd.")
        afgewezen = boven_drempel()
        register.neem_schakelteambesluit(
            gebruiker=gebruiker("schakelteam"), indicatie=afgewezen, besluit="afgewezen", toelichting="Te duur."
        )
    steekproef, _ = _trek()
    assert steekproef.populatie == []
    assert not steekproef.toetsingen.exists()


# --- Fixed once drawn ------------------------------------------------------------------------------


def test_een_tweede_trekking_van_dezelfde_week_geeft_dezelfde_steekproef_ongewijzigd(settings):
    backoffice = gebruiker("backoffice")
    with om(DINSDAG_W05):
        met_spoed()
        for _ in range(15):
            gewone()
    eerste, nieuw = _trek(gebruiker=backoffice)
    voor = sorted((t.id, t.indicatie_id, t.reden) for t in eerste.toetsingen.all())
    settings.STEEKPROEF_PERCENTAGE = Decimal("100")
    with om(MAANDAG_W06 + datetime.timedelta(days=3)):
        tweede, opnieuw = services.trek_steekproef(WEEK, gebruiker=gebruiker("backoffice"))
    assert (nieuw, opnieuw) == (True, False)
    assert tweede.pk == eerste.pk
    assert (tweede.seed, tweede.percentage, tweede.populatie) == (eerste.seed, Decimal("10"), eerste.populatie)
    assert tweede.aangemaakt_door == backoffice
    assert sorted((t.id, t.indicatie_id, t.reden) for t in tweede.toetsingen.all()) == voor
    assert Steekproef.objects.count() == 1
    assert Toetsing.objects.count() == len(voor) == 1 + 2


def test_een_week_die_nog_niet_voorbij_is_kan_niet_worden_getrokken():
    with om(datetime.datetime(2027, 2, 7, 23, 59, tzinfo=AMSTERDAM)), pytest.raises(RuleViolation) as fout:
        services.trek_steekproef(WEEK)
    assert [v.code for v in fout.value.violations] == ["week_niet_voorbij"]
    assert not Steekproef.objects.exists()


def test_een_ongeldig_percentage_in_de_instellingen_wordt_geweigerd(settings):
    settings.STEEKPROEF_PERCENTAGE = Decimal("150")
    with om(MAANDAG_W06), pytest.raises(RuleViolation) as fout:
        services.trek_steekproef(WEEK)
    assert [v.code for v in fout.value.violations] == ["percentage_ongeldig"]


def test_de_trekking_is_na_te_rekenen_uit_de_vastgelegde_seed_en_populatie():
    with om(DINSDAG_W05):
        for _ in range(25):
            gewone()
    steekproef, _ = _trek()
    steekproef.refresh_from_db()
    getrokken = sorted(str(t.indicatie_id) for t in steekproef.toetsingen.filter(reden="steekproef"))
    assert len(getrokken) == 3
    assert 0 <= steekproef.seed < 2**53
    assert rules.trek(steekproef.populatie, steekproef.seed, steekproef.percentage) == getrokken


def test_de_steekproef_en_haar_toetsingen_staan_in_de_historie_met_reden():
    backoffice = gebruiker("backoffice")
    with om(DINSDAG_W05):
        gewone()
    steekproef, _ = _trek(gebruiker=backoffice)
    versie = steekproef.history.get()
    assert (versie.history_user, versie.history_change_reason) == (backoffice, "Steekproef 2027-W05 getrokken")
    toetsing = steekproef.toetsingen.get()
    assert toetsing.history.get().history_change_reason == "Steekproef 2027-W05 getrokken: willekeurig gekozen"


# --- Audit command ---------------------------------------------------------------------------------


def test_controle_meldt_dat_de_steekproef_overeenkomt(capsys):
    with om(DINSDAG_W05):
        for _ in range(12):
            gewone()
    _trek()
    call_command("steekproef_controleren", "--week", WEEK)
    uitvoer = capsys.readouterr().out
    assert "komt overeen" in uitvoer
    assert "populatie 12 indicaties" in uitvoer
    assert "Ter informatie" not in uitvoer


def test_controle_faalt_met_exitcode_1_als_de_vastgelegde_trekking_niet_klopt(capsys):
    with om(DINSDAG_W05):
        for _ in range(12):
            gewone()
    steekproef, _ = _trek()
    getrokken = steekproef.toetsingen.filter(reden="steekproef").values_list("indicatie_id", flat=True)
    andere = next(i for i in steekproef.populatie if i not in {str(g) for g in getrokken})
    vervalst = steekproef.toetsingen.filter(reden="steekproef").first()
    Toetsing.objects.filter(pk=vervalst.pk).update(indicatie_id=andere)
    with pytest.raises(CommandError) as fout:
        call_command("steekproef_controleren", "--week", WEEK)
    assert fout.value.returncode == 1
    assert "NIET" in str(fout.value)
    uitvoer = capsys.readouterr().out
    assert f"vastgelegd maar niet getrokken: {andere}" in uitvoer


def test_controle_met_een_andere_seed_komt_niet_overeen():
    with om(DINSDAG_W05):
        for _ in range(30):
            gewone()
    steekproef, _ = _trek()
    Steekproef.objects.filter(pk=steekproef.pk).update(seed=steekproef.seed + 1)
    with pytest.raises(CommandError) as fout:
        call_command("steekproef_controleren", "--week", WEEK)
    assert fout.value.returncode == 1


def test_controle_meldt_ter_informatie_dat_het_register_intussen_anders_is(capsys):
    consulent = gebruiker("consulent")
    with om(DINSDAG_W05):
        gewone(consulent)
        later = gewone(consulent, ingangsdatum=datetime.date(2027, 3, 1))
    _trek()
    with om(MAANDAG_W06):
        register.trek_in(gebruiker=consulent, indicatie=later, reden="Niet meer nodig.")
    call_command("steekproef_controleren", "--week", WEEK)
    uitvoer = capsys.readouterr().out
    assert "Ter informatie" in uitvoer
    assert "komt overeen" in uitvoer


@pytest.mark.parametrize("week", ["2027-5", "2027-W53", ""])
def test_controle_van_een_ongeldige_week_geeft_een_duidelijke_fout(week):
    with pytest.raises(CommandError, match="Ongeldige week"):
        call_command("steekproef_controleren", "--week", week)


def test_controle_van_een_week_zonder_steekproef_geeft_een_fout():
    with pytest.raises(CommandError, match="nog geen steekproef"):
        call_command("steekproef_controleren", "--week", WEEK)


# --- Weekly task ------------------------------------------------------------------------------------


def test_de_wekelijkse_taak_trekt_op_maandag_de_vorige_week_en_een_tweede_keer_niets_nieuws():
    with om(DINSDAG_W05):
        gewone()
    with om(datetime.datetime(2027, 2, 8, 7, 0, tzinfo=AMSTERDAM)):
        wekelijkse_steekproef.delay()
        wekelijkse_steekproef.delay()
    steekproef = Steekproef.objects.get()
    assert steekproef.week == WEEK
    assert steekproef.aangemaakt_door is None
    assert steekproef.toetsingen.count() == 1


def test_de_wekelijkse_taak_haalt_gemiste_weken_in_sinds_de_laatste_steekproef():
    _trek("2027-W02", op=datetime.datetime(2027, 1, 18, 7, 0, tzinfo=AMSTERDAM))
    with om(datetime.datetime(2027, 2, 8, 7, 0, tzinfo=AMSTERDAM)):
        nieuw = services.trek_wekelijkse_steekproeven()
    assert [s.week for s in nieuw] == ["2027-W03", "2027-W04", "2027-W05"]


def test_de_wekelijkse_taak_haalt_hooguit_acht_weken_in():
    _trek("2026-W40", op=datetime.datetime(2026, 10, 12, 7, 0, tzinfo=AMSTERDAM))
    with om(datetime.datetime(2027, 2, 8, 7, 0, tzinfo=AMSTERDAM)):
        nieuw = services.trek_wekelijkse_steekproeven()
    assert [s.week for s in nieuw] == ["2026-W51", "2026-W52", "2026-W53", *(f"2027-W{n:02d}" for n in range(1, 6))]


def test_zonder_eerdere_steekproef_trekt_de_wekelijkse_taak_alleen_de_vorige_week():
    with om(datetime.datetime(2027, 2, 8, 7, 0, tzinfo=AMSTERDAM)):
        nieuw = services.trek_wekelijkse_steekproeven()
    assert [s.week for s in nieuw] == [WEEK]


def test_het_ingangs_en_einddatum_van_de_hulpjes_passen_in_de_regels():
    # Guards the helpers: a plain indicatie of week 5 carries no signal at all.
    with om(DINSDAG_W05):
        indicatie = gewone()
    assert indicatie.status == IndicatieStatus.TOEGEWEZEN
    assert not indicatie.signaalregels.exists()
    assert (indicatie.ingangsdatum, indicatie.einddatum) == (INGANG, EINDE)
