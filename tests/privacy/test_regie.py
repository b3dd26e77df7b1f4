"""The regisseur changes only through the hand-over, with its reason: not by a change of the
inwoner's data, not after opening the dossier outside the caseload ("break the glass")."""

import pytest

from basis.exceptions import RuleViolation
from basis.historie import historie
from indicaties import services as indicatie_services
from indicaties.models import Inwoner

pytestmark = pytest.mark.django_db


def _patch(client, inwoner, **velden):
    return client.patch(f"/api/v1/inwoners/{inwoner.pk}", velden, format="json")


def test_na_toegang_buiten_de_caseload_maakt_een_patch_je_geen_regisseur(api, gemeente, nu):
    zeno = api.als(user=gemeente.zeno)
    open_ = zeno.post(
        f"/api/v1/inwoners/{gemeente.anna.pk}/toegang", {"reden": "Crisis, Carla is ziek."}, format="json"
    )
    assert open_.status_code == 201
    antwoord = _patch(zeno, gemeente.anna, regisseur=gemeente.zeno.pk)
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    [fout] = antwoord.json()["invalid_params"]
    assert (fout["name"], fout["code"]) == ("regisseur", "regie_via_overdracht")
    assert "Regie overdragen" in fout["reason"]
    assert Inwoner.objects.get(pk=gemeente.anna.pk).regisseur == gemeente.carla
    assert api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200


def test_ook_de_regisseur_zelf_wijzigt_de_regisseur_niet_met_een_patch(api, gemeente, nu):
    antwoord = _patch(api.als(user=gemeente.carla), gemeente.anna, regisseur=gemeente.noor.pk)
    assert antwoord.status_code == 400
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["regie_via_overdracht"]


def test_de_regisseur_leegmaken_met_een_patch_wordt_ook_geweigerd(api, gemeente, nu):
    antwoord = _patch(api.als(user=gemeente.carla), gemeente.anna, regisseur=None)
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["regie_via_overdracht"]
    assert Inwoner.objects.get(pk=gemeente.anna.pk).regisseur == gemeente.carla


def test_een_patch_die_de_regisseur_ongewijzigd_meestuurt_gaat_door(api, gemeente, nu):
    antwoord = _patch(api.als(user=gemeente.carla), gemeente.anna, regisseur=gemeente.carla.pk, voornaam="Annie")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["voornaam"] == "Annie"


def test_na_toegang_buiten_de_caseload_gaat_de_regie_wel_over_met_een_reden(api, gemeente, nu):
    zeno = api.als(user=gemeente.zeno)
    zeno.post(f"/api/v1/inwoners/{gemeente.anna.pk}/toegang", {"reden": "Crisis, Carla is ziek."}, format="json")
    antwoord = zeno.post(
        f"/api/v1/inwoners/{gemeente.anna.pk}/regisseur",
        {"regisseur": gemeente.zeno.pk, "reden": "Carla is langdurig ziek."},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert "Carla is langdurig ziek." in historie(gemeente.anna)[-1]["reden"]


def test_de_service_weigert_een_andere_regisseur_voor_elk_ingangspunt(gemeente, nu):
    with pytest.raises(RuleViolation) as fout:
        indicatie_services.wijzig_inwoner(
            gebruiker=gemeente.zeno, inwoner=gemeente.anna, wijzigingen={"regisseur": gemeente.zeno}
        )
    assert [v.code for v in fout.value.violations] == ["regie_via_overdracht"]


def test_in_het_beheerscherm_is_de_regisseur_niet_te_wijzigen(client, gemeente, nu):
    gemeente.beheer.is_superuser = True
    gemeente.beheer.save()
    client.force_login(gemeente.beheer)
    pad = f"/admin/indicaties/inwoner/{gemeente.anna.pk}/change/"
    assert 'name="regisseur"' not in client.get(pad).content.decode()
    assert client.post(pad, {"regisseur": gemeente.zeno.pk}).status_code == 403
    assert Inwoner.objects.get(pk=gemeente.anna.pk).regisseur == gemeente.carla
