"""The single sign-on configuration: checked by `manage.py check`, and clean for `check --deploy`."""

import os
import secrets
import subprocess
import sys

from django.conf import settings as django_settings

from basis import sso

AAN = {
    "OIDC_RP_CLIENT_ID": "casusregie",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_ISSUER": "https://login.gemeente.nl/realms/medewerkers",
}


def _zet(settings, **waarden):
    for naam, waarde in {**AAN, **waarden}.items():
        setattr(settings, naam, waarde)


def test_zonder_client_id_staat_sso_uit_en_is_er_niets_te_controleren(settings):
    settings.OIDC_RP_CLIENT_ID = ""
    settings.OIDC_ROLLEN = "x=onzin"
    settings.OIDC_OP_ISSUER = "http://onveilig.invalid"
    assert not sso.aan()
    assert sso.controleer_instellingen() == []
    assert sso.controleer_https() == []


def test_een_toewijzing_naar_een_rol_die_niet_bestaat_is_een_fout_bij_check(settings):
    _zet(settings, OIDC_ROLLEN="GG-CR-Regisseur=regisseur")
    fouten = sso.controleer_instellingen()
    assert [f.id for f in fouten] == ["casusregie.E001"]
    assert "'regisseur' is geen rol van Casusregie" in fouten[0].msg
    _zet(settings, OIDC_ROLLEN="GG-CR-Consulent=consulent")
    assert sso.controleer_instellingen() == []


def test_check_deploy_waarschuwt_voor_een_idp_zonder_https(settings):
    _zet(settings, OIDC_OP_ISSUER="http://login.gemeente.nl")
    assert [w.id for w in sso.controleer_https()] == ["casusregie.W001"]
    _zet(settings, OIDC_OP_TOKEN_ENDPOINT="http://login.gemeente.nl/token")
    assert [w.id for w in sso.controleer_https()] == ["casusregie.W001"]
    _zet(settings, OIDC_OP_TOKEN_ENDPOINT="")
    assert sso.controleer_https() == []


def test_check_deploy_in_productie_met_sso_vindt_niets(tmp_path, istandaarden_vereist):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "OIDC_"))}
    env.update(
        AAN,
        OIDC_ROLLEN="GG-Casusregie-Consulent=consulent;GG-Casusregie-Beheer=beheer",
        OIDC_CLAIM_TEAM="team",
        DJANGO_SETTINGS_MODULE="casusregie.settings",
        CASUSREGIE_OMGEVING="productie",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="casusregie.gemeente.nl",
        CASUSREGIE_PSEUDONIEM_SLEUTEL=secrets.token_urlsafe(40),
        CASUSREGIE_VAR_DIR=str(tmp_path),
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        # The official XSDs the test run uses (a production installation names its own).
        CASUSREGIE_ISTANDAARDEN=django_settings.CASUSREGIE_ISTANDAARDEN,
    )
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "System check identified no issues (0 silenced)." in resultaat.stdout
