"""Input a hostile or careless client sends: whatever the API refuses, and however it refuses it,
the answer is a problem+json without a stack trace, with DEBUG off and on."""

import json

import pytest

pytestmark = pytest.mark.django_db

DIEP_GENEST = "[" * 3000 + "]" * 3000
VIJF_MB = '{"motivatie": "' + "x" * 5_000_000 + '"}'
TE_VEEL_VELDEN = "&".join(f"veld{i}=1" for i in range(2000))


@pytest.fixture(params=[False, True], ids=["debug_uit", "debug_aan"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def _probleem(antwoord, status: int) -> dict:
    assert antwoord.status_code == status, antwoord.content[:300]
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord["API-Version"]
    inhoud = json.loads(antwoord.content)
    assert inhoud["status"] == status
    if status == 400:
        assert inhoud["invalid_params"], "a 400 always says what is wrong"
    assert "Traceback" not in antwoord.content.decode(errors="replace")
    return inhoud


def test_json_van_3000_lagen_diep_is_een_400_en_geen_serverfout(api, debug):
    antwoord = api.als("consulent").generic("POST", "/api/v1/indicaties", DIEP_GENEST, content_type="application/json")
    inhoud = _probleem(antwoord, 400)
    assert inhoud["invalid_params"][0]["code"] == "parse_error"
    assert "te diep genest" in inhoud["invalid_params"][0]["reason"]


def test_een_inhoud_van_5_mb_is_een_413_problem_json(api, debug):
    antwoord = api.als("consulent").generic("POST", "/api/v1/indicaties", VIJF_MB, content_type="application/json")
    assert _probleem(antwoord, 413)["detail"] == "De inhoud van het verzoek is te groot."


def test_een_formulier_met_te_veel_velden_is_een_400_problem_json(api, debug):
    antwoord = api.als("consulent").generic(
        "POST", "/api/v1/indicaties", TE_VEEL_VELDEN, content_type="application/x-www-form-urlencoded"
    )
    _probleem(antwoord, 400)


@pytest.mark.parametrize(
    ("inhoud", "soort"),
    [
        (b'{"motivatie": "\xff\xfe"}', "application/json"),
        (b'{"motivatie": "x"}', "application/json; charset=bestaat-niet"),
        ("{'motivatie': 1}", "application/json"),
        ("--grens\r\nkapot", "multipart/form-data; boundary=grens"),
        ("kapot", "multipart/form-data"),
    ],
    ids=["geen_utf8", "onbekende_tekenset", "geen_json", "kapotte_multipart", "multipart_zonder_grens"],
)
def test_een_inhoud_die_niet_te_lezen_is_is_een_400_problem_json(api, debug, inhoud, soort):
    antwoord = api.als("consulent").generic("POST", "/api/v1/indicaties", inhoud, content_type=soort)
    _probleem(antwoord, 400)


def test_een_fout_van_django_buiten_de_api_views_wordt_problem_json(rf, debug):
    """The last line of defence (ApiAntwoorden): any HTML error page under /api/ is replaced."""
    from django.http import HttpResponse, HttpResponseNotAllowed

    from basis.middleware import ApiAntwoorden

    for pagina, status in (
        (HttpResponse("<html>fout</html>", status=400), 400),
        (HttpResponseNotAllowed(["GET"]), 405),
    ):
        antwoord = ApiAntwoorden(lambda request, pagina=pagina: pagina)(rf.post("/api/v1/indicaties"))
        _probleem(antwoord, status)
    assert antwoord["Allow"] == "GET"
    pagina = HttpResponse("<html>fout</html>", status=400)
    assert ApiAntwoorden(lambda request: pagina)(rf.post("/inwoners/")) is pagina
