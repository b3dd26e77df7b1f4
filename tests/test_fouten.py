"""One family of errors: every refusal is a `Domeinfout` with a code from `Code`, mapped in one
place each to problem+json, to form errors and to a management command's error."""

import io
from pathlib import Path

import pytest
from django import forms
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper

from basis.api.fouten import problem_exception_handler
from basis.codes import Code, Violation
from basis.commando import domeinfouten_als_commandofout
from basis.exceptions import (
    BestandGeweigerd,
    Domeinfout,
    InvalidTransition,
    NotAllowed,
    OngeldigeInvoer,
    RuleViolation,
    StaleVersion,
)
from basis.web import fouten_naar_formulier
from indicaties.services.importeren import Importfout, Importopdracht
from stuurinformatie.filters import FilterFout
from stuurinformatie.services import DeclaratiesGeweigerd, Regelfout


def _alle_subklassen(klasse):
    for sub in klasse.__subclasses__():
        yield sub
        yield from _alle_subklassen(sub)


def test_de_losse_foutfamilies_zijn_domeinfouten():
    for klasse in (FilterFout, DeclaratiesGeweigerd, Importfout, Importopdracht):
        assert issubclass(klasse, Domeinfout)
        assert not issubclass(klasse, ValueError)


@pytest.mark.parametrize(
    "fout",
    [
        RuleViolation([Violation(Code.SPOED_REDEN_VERPLICHT, "spoed_reden", "Geef een reden.")]),
        InvalidTransition("Al afgerond."),
        InvalidTransition("Al beoordeeld.", code=Code.AL_BEOORDEELD),
        StaleVersion(),
        NotAllowed("Niet over uw eigen werk."),
        OngeldigeInvoer("status", "Onbekende waarde 'x'.", Code.INVALID_CHOICE),
        FilterFout("wet", "Kies wmo of jeugdwet."),
        DeclaratiesGeweigerd([Regelfout(2, "bedrag", "Geen bedrag.")]),
        Importfout("Het bestand is leeg."),
        Importopdracht("--processen moet 1 of meer zijn."),
    ],
    ids=lambda f: type(f).__name__,
)
def test_elke_domeinfout_heeft_een_code_met_een_nederlands_label(fout):
    assert isinstance(fout.code, Code)
    assert fout.code.label
    assert all(isinstance(v.code, Code) for v in fout.violations)


def test_elke_soort_domeinfout_is_getest():
    getest = {
        RuleViolation,
        InvalidTransition,
        StaleVersion,
        NotAllowed,
        OngeldigeInvoer,
        BestandGeweigerd,
        FilterFout,
        DeclaratiesGeweigerd,
        Importfout,
        Importopdracht,
    }
    assert set(_alle_subklassen(Domeinfout)) <= getest


@pytest.mark.parametrize(
    ("fout", "status", "detail", "invalid_params"),
    [
        (
            RuleViolation([Violation(Code.SPOED_REDEN_VERPLICHT, "spoed_reden", "Geef een reden.")]),
            400,
            "De gegevens voldoen niet aan de regels.",
            [{"name": "spoed_reden", "code": "spoed_reden_verplicht", "reason": "Geef een reden."}],
        ),
        (InvalidTransition("Al afgerond."), 409, "Al afgerond.", None),
        (StaleVersion(), 412, "Deze gegevens zijn intussen gewijzigd. Haal ze opnieuw op.", None),
        (NotAllowed("Niet over uw eigen werk."), 403, "Niet over uw eigen werk.", None),
        (
            FilterFout("tot", "'tot' ligt vóór 'van'.", omgewisseld=True),
            400,
            "De gegevens zijn ongeldig.",
            [{"name": "tot", "code": "invalid", "reason": "'tot' ligt vóór 'van'."}],
        ),
        (
            OngeldigeInvoer("pageSize", "Geef een getal van hoogstens 500.", Code.MAX_VALUE),
            400,
            "De gegevens zijn ongeldig.",
            [{"name": "pageSize", "code": "max_value", "reason": "Geef een getal van hoogstens 500."}],
        ),
    ],
    ids=["regels", "overgang", "versie", "vier-ogen", "filter", "parameter"],
)
def test_een_domeinfout_wordt_op_een_plek_een_probleem(fout, status, detail, invalid_params):
    antwoord = problem_exception_handler(fout, {})
    assert antwoord.status_code == status
    assert antwoord.content_type == "application/problem+json"
    assert antwoord.data["detail"] == detail
    assert antwoord.data.get("invalid_params") == invalid_params


class _Formulier(forms.Form):
    spoed_reden = forms.CharField(required=False)


def test_een_domeinfout_wordt_op_een_plek_een_formulierfout():
    form = _Formulier(data={})
    assert form.is_valid()
    fouten_naar_formulier(
        form, RuleViolation([Violation(Code.SPOED_REDEN_VERPLICHT, "spoed_reden", "Geef een reden.")])
    )
    fouten_naar_formulier(form, InvalidTransition("Deze evaluatie is al afgerond."))
    assert form.errors["spoed_reden"] == ["Geef een reden."]
    assert form.non_field_errors() == ["Deze evaluatie is al afgerond."]


def test_een_domeinfout_wordt_op_een_plek_een_commandofout():
    stderr = OutputWrapper(io.StringIO())
    fout = DeclaratiesGeweigerd([Regelfout(2, "bedrag", "Geen bedrag."), Regelfout(3, "", "Te weinig kolommen.")])
    with (
        pytest.raises(CommandError, match=r"^d.csv: Het bestand is geweigerd: 2 fouten\.") as gevangen,
        domeinfouten_als_commandofout(stderr, voorvoegsel="d.csv: "),
    ):
        raise fout
    assert gevangen.value.__cause__ is fout
    assert stderr._out.getvalue().splitlines() == ["regel 2, bedrag: Geen bedrag.", "regel 3: Te weinig kolommen."]


def test_een_andere_fout_gaat_er_ongewijzigd_door():
    with pytest.raises(KeyError), domeinfouten_als_commandofout():
        raise KeyError("x")


@pytest.mark.django_db
def test_een_importbestand_dat_geen_utf8_is_wordt_in_het_nederlands_geweigerd(tmp_path):
    pad = tmp_path / "oud.csv"
    pad.write_bytes(b"extern_id;bsn\n" + "Müller".encode("latin-1") + b"\n")
    with pytest.raises(CommandError, match=r"^oud\.csv: Het bestand is geen UTF-8-tekst\.$"):
        call_command("importeer_indicaties", str(pad))


def test_de_lijsten_lezen_hun_parameters_op_een_manier():
    """The lists of the register, the notifications and the review read their query parameters
    only through basis.api.parameters: none reads `query_params` itself."""
    root = Path(__file__).resolve().parent.parent
    zelf_gelezen = [
        f"{pad.relative_to(root)}:{nummer}"
        for map_ in ("indicaties/api", "notifications/api", "toetsing/api")
        for pad in sorted((root / map_).glob("*.py"))
        for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1)
        if "query_params" in regel
    ]
    assert zelf_gelezen == []
