"""Import of existing registrations from another system (a migration), layout in docs/import.md.

Every row passes the same rules as a registration through the API (`rules.beoordeel_indicatie`)
and the inwoner rules; the facts are gathered per batch of rows in a handful of queries, never
per row. Per batch one transaction: the inwoners of the batch are locked (threshold), new
inwoners, indicaties, signals and evaluations are inserted in bulk with their history, and the
schakelteam hears about the indicaties above the threshold.

Nothing is dropped silently: every row is imported, or it is in the report with its line number
and the rule codes that refused it, or it is in the report as already imported (`extern_id`,
unique on Indicatie, makes a second run of the same file import nothing twice).

`migratie`: the registrations were made in the old system, so "no retroactive start" is checked
against the row's `registratiedatum` (the day it was registered there) instead of today; every
other rule applies as it is. An indicatie whose einddatum has already passed is imported as
`verlopen` (no evaluation, no threshold review: it commits nothing any more), and in this mode
`aangemaakt` is the registratiedatum, so steering information counts it in the right period.
"""

import csv
import datetime
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TextIO

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from casusregie import clock

from .. import costs, rules
from ..models import (
    LOPENDE_STATUSSEN,
    Aanbieder,
    Eenheid,
    Evaluatie,
    Frequentie,
    Indicatie,
    IndicatieSignaal,
    IndicatieStatus,
    Inwoner,
    Product,
    Tarief,
)
from . import meldingen
from .bulk import BATCH, voeg_toe_met_historie

logger = logging.getLogger(__name__)

KOLOMMEN = (
    "extern_id",
    "bsn",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "wlz_indicatie",
    "product_code",
    "agb_code",
    "volume",
    "eenheid",
    "frequentie",
    "ingangsdatum",
    "einddatum",
    "motivatie",
    "spoed",
    "spoed_reden",
)
OPTIONELE_KOLOMMEN = ("registratiedatum",)
JA = frozenset({"ja", "j", "true", "1", "waar", "yes"})
NEE = frozenset({"nee", "n", "false", "0", "onwaar", "no", ""})
MAX_VOLUME = Decimal("9999999.99")

GEWEIGERD = "geweigerd"
AL_GEIMPORTEERD = "al_geimporteerd"


class Importfout(ValueError):
    """The file as a whole cannot be read (encoding, header): nothing is imported."""


@dataclass(frozen=True)
class Rapportregel:
    regel: int
    extern_id: str
    uitkomst: str
    code: str
    veld: str
    melding: str


@dataclass
class Importresultaat:
    gelezen: int = 0
    geimporteerd: int = 0
    al_geimporteerd: int = 0
    geweigerd: int = 0
    per_status: Counter = field(default_factory=Counter)
    nieuwe_inwoners: int = 0
    rapport: list[Rapportregel] = field(default_factory=list)


@dataclass
class _Rij:
    regel: int
    waarden: dict[str, str]
    fouten: list[rules.Violation] = field(default_factory=list)
    extern_id: str = ""
    bsn: str = ""
    geboortedatum: datetime.date | None = None
    wlz_indicatie: bool = False
    volume: Decimal | None = None
    ingangsdatum: datetime.date | None = None
    einddatum: datetime.date | None = None
    spoed: bool = False
    registratiedatum: datetime.date | None = None


# --- Reading ---------------------------------------------------------------------------------


def lees(bestand: TextIO) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of the file with the line they start on; the header is checked first.

    Separator `;` (as Dutch spreadsheets write it) or `,`, whichever the header uses.
    """
    kop = bestand.readline()
    if not kop:
        raise Importfout("Het bestand is leeg.")
    kop = kop.lstrip("\ufeff")
    scheiding = ";" if kop.count(";") >= kop.count(",") else ","
    namen = [n.strip().lower() for n in next(csv.reader([kop], delimiter=scheiding))]
    ontbrekend = [k for k in KOLOMMEN if k not in namen]
    onbekend = [n for n in namen if n not in KOLOMMEN + OPTIONELE_KOLOMMEN]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if ontbrekend or onbekend or dubbel:
        delen = []
        if ontbrekend:
            delen.append(f"ontbrekende kolommen: {', '.join(ontbrekend)}")
        if onbekend:
            delen.append(f"onbekende kolommen: {', '.join(onbekend)}")
        if dubbel:
            delen.append(f"dubbele kolommen: {', '.join(dubbel)}")
        raise Importfout("De kopregel klopt niet (" + "; ".join(delen) + "). Zie docs/import.md.")
    reader = csv.reader(bestand, delimiter=scheiding)
    vorige_eind = 1  # the header
    for velden in reader:
        begin, vorige_eind = vorige_eind + 1, reader.line_num + 1
        if not velden:
            continue  # an empty line holds no registration
        waarden = dict(zip(namen, (v.strip() for v in velden), strict=False))
        if len(velden) != len(namen):
            waarden["__aantal__"] = str(len(velden))
        yield begin, waarden


def _datum(rij: _Rij, veld: str, *, verplicht: bool) -> datetime.date | None:
    waarde = rij.waarden.get(veld, "")
    if not waarde:
        if verplicht:
            rij.fouten.append(rules.Violation("required", veld, "Dit veld is verplicht."))
        return None
    try:
        return datetime.date.fromisoformat(waarde)
    except ValueError:
        rij.fouten.append(rules.Violation("invalid", veld, f"'{waarde}' is geen datum (JJJJ-MM-DD)."))
        return None


def _ja_nee(rij: _Rij, veld: str) -> bool:
    waarde = rij.waarden.get(veld, "").lower()
    if waarde in JA:
        return True
    if waarde not in NEE:
        rij.fouten.append(rules.Violation("invalid", veld, f"'{waarde}' is geen ja of nee."))
    return False


def _ontleed(regel: int, waarden: dict[str, str], migratie: bool, vandaag: datetime.date) -> _Rij:
    """Types and formats of one row; rule checks come later, on the facts."""
    rij = _Rij(regel=regel, waarden=waarden, extern_id=waarden.get("extern_id", ""))
    if "__aantal__" in waarden:
        rij.fouten.append(
            rules.Violation(
                "aantal_kolommen",
                rules.NON_FIELD,
                f"De regel heeft {waarden['__aantal__']} velden in plaats van de kolommen van de kopregel.",
            )
        )
        return rij
    rij.extern_id = waarden["extern_id"]
    if not rij.extern_id:
        rij.fouten.append(rules.Violation("required", "extern_id", "Dit veld is verplicht."))
    elif len(rij.extern_id) > 100:
        rij.fouten.append(rules.Violation("max_length", "extern_id", "Het extern id is langer dan 100 tekens."))
    rij.bsn = waarden["bsn"]
    rij.fouten += rules.bsn_ongeldig(rij.bsn)
    rij.geboortedatum = _datum(rij, "geboortedatum", verplicht=False)
    rij.wlz_indicatie = _ja_nee(rij, "wlz_indicatie")
    try:
        rij.volume = Decimal(waarden["volume"].replace(",", "."))
        if not rij.volume.is_finite() or rij.volume <= 0 or rij.volume > MAX_VOLUME:
            raise InvalidOperation
        if rij.volume != rij.volume.quantize(Decimal("0.01")):
            rij.fouten.append(rules.Violation("max_decimal_places", "volume", "Het volume heeft meer dan 2 decimalen."))
    except (InvalidOperation, ValueError):
        rij.fouten.append(rules.Violation("invalid", "volume", f"'{waarden['volume']}' is geen geldig volume."))
        rij.volume = None
    if waarden["eenheid"] not in Eenheid.values:
        rij.fouten.append(rules.Violation("invalid_choice", "eenheid", f"Onbekende eenheid '{waarden['eenheid']}'."))
    if waarden["frequentie"] not in Frequentie.values:
        rij.fouten.append(
            rules.Violation("invalid_choice", "frequentie", f"Onbekende frequentie '{waarden['frequentie']}'.")
        )
    rij.ingangsdatum = _datum(rij, "ingangsdatum", verplicht=True)
    rij.einddatum = _datum(rij, "einddatum", verplicht=False)
    rij.spoed = _ja_nee(rij, "spoed")
    if migratie:
        rij.registratiedatum = _datum(rij, "registratiedatum", verplicht=True)
        if rij.registratiedatum is not None and rij.registratiedatum > vandaag:
            rij.fouten.append(
                rules.Violation(
                    "registratiedatum_in_toekomst", "registratiedatum", "De registratiedatum ligt in de toekomst."
                )
            )
    return rij


# --- Importing -------------------------------------------------------------------------------


@dataclass
class _Context:
    """What holds for the whole import: read once."""

    vandaag: datetime.date
    migratie: bool
    bron: str
    consulent: AbstractBaseUser | None
    instellingen: rules.Regelinstellingen
    producten: dict[str, Product]
    tarieven: dict
    gezien: set[str] = field(default_factory=set)


def importeer_indicaties(
    bestand: TextIO,
    *,
    consulent: AbstractBaseUser | None = None,
    migratie: bool = False,
    bron: str = "",
    batch: int = BATCH,
) -> Importresultaat:
    """Import the rows of `bestand` (docs/import.md). `consulent` registers them and becomes the
    regisseur of new inwoners; without one, the regisseur of an existing inwoner does."""
    producten = {p.code: p for p in Product.objects.all()}
    tarieven = defaultdict(tuple)
    for t in Tarief.objects.order_by("product_id", "geldig_van"):
        tarieven[t.product_id] += (costs.TariefPeriode(t.geldig_van, t.geldig_tot, t.bedrag),)
    ctx = _Context(
        vandaag=clock.today(),
        migratie=migratie,
        bron=bron or "importbestand",
        consulent=consulent,
        instellingen=rules.Regelinstellingen.uit_settings(),
        producten=producten,
        tarieven=tarieven,
    )
    resultaat = Importresultaat()
    rijen: list[_Rij] = []
    for regel, waarden in lees(bestand):
        rijen.append(_ontleed(regel, waarden, migratie, ctx.vandaag))
        if len(rijen) >= batch:
            _verwerk(rijen, ctx, resultaat)
            rijen = []
    if rijen:
        _verwerk(rijen, ctx, resultaat)
    resultaat.rapport.sort(key=lambda r: r.regel)
    logger.info(
        "Import %s: %d gelezen, %d geïmporteerd, %d al eerder, %d geweigerd",
        ctx.bron,
        resultaat.gelezen,
        resultaat.geimporteerd,
        resultaat.al_geimporteerd,
        resultaat.geweigerd,
    )
    return resultaat


def _weiger(resultaat: Importresultaat, rij: _Rij, fouten: Iterable[rules.Violation]) -> None:
    resultaat.geweigerd += 1
    for v in fouten:
        resultaat.rapport.append(Rapportregel(rij.regel, rij.extern_id, GEWEIGERD, v.code, v.veld, v.bericht))


def _andere(indicatie_product: Product, ingangsdatum, einddatum, kosten) -> rules.AndereIndicatie:
    return rules.AndereIndicatie(
        product_code=indicatie_product.code,
        wet=indicatie_product.wet,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        geschatte_kosten=kosten,
    )


@transaction.atomic
def _verwerk(rijen: list[_Rij], ctx: _Context, resultaat: Importresultaat) -> None:
    resultaat.gelezen += len(rijen)
    goed = [r for r in rijen if not r.fouten]
    for rij in rijen:
        if rij.fouten:
            _weiger(resultaat, rij, rij.fouten)

    # Facts of the whole batch, a query each; first what is already there, which needs no facts.
    bestaand = set(
        Indicatie.objects.filter(extern_id__in=[r.extern_id for r in goed]).values_list("extern_id", flat=True)
    )
    for rij in goed:
        if rij.extern_id in bestaand:
            resultaat.al_geimporteerd += 1
            resultaat.rapport.append(
                Rapportregel(
                    rij.regel, rij.extern_id, AL_GEIMPORTEERD, "al_geimporteerd", "extern_id", "Al eerder geïmporteerd."
                )
            )
    goed = [r for r in goed if r.extern_id not in bestaand]
    if not goed:
        return
    # Locked in a fixed order, as a registration locks one: the threshold holds against the API too.
    inwoners = {
        i.bsn: i for i in Inwoner.objects.select_for_update().filter(bsn__in={r.bsn for r in goed}).order_by("pk")
    }
    aanbieders = {a.agb_code: a for a in Aanbieder.objects.filter(agb_code__in={r.waarden["agb_code"] for r in goed})}
    andere: dict[str, list[rules.AndereIndicatie]] = defaultdict(list)
    per_inwoner_id = {i.pk: bsn for bsn, i in inwoners.items()}
    for inwoner_id, code, wet, ingang, eind, kosten in Indicatie.objects.filter(
        inwoner_id__in=per_inwoner_id, status__in=LOPENDE_STATUSSEN
    ).values_list("inwoner_id", "product__code", "product__wet", "ingangsdatum", "einddatum", "geschatte_kosten"):
        andere[per_inwoner_id[inwoner_id]].append(rules.AndereIndicatie(code, wet, ingang, eind, kosten))

    nu = timezone.now()
    nieuwe_inwoners: list[Inwoner] = []
    indicaties: list[Indicatie] = []
    signalen: list[IndicatieSignaal] = []
    evaluaties: list[Evaluatie] = []
    registratiemomenten: list[datetime.datetime] = []
    for rij in goed:
        w = rij.waarden
        if rij.extern_id in ctx.gezien:
            _weiger(
                resultaat,
                rij,
                [rules.Violation("extern_id_dubbel", "extern_id", "Dit extern id staat al op een eerdere regel.")],
            )
            continue
        fouten = []
        product = ctx.producten.get(w["product_code"])
        if product is None:
            fouten.append(
                rules.Violation("product_onbekend", "product_code", f"Onbekend product '{w['product_code']}'.")
            )
        aanbieder = aanbieders.get(w["agb_code"])
        if aanbieder is None:
            fouten.append(rules.Violation("aanbieder_onbekend", "agb_code", f"Onbekende AGB-code '{w['agb_code']}'."))
        inwoner = inwoners.get(rij.bsn)
        if inwoner is None:
            for veld in ("voornaam", "achternaam"):
                if not w[veld]:
                    fouten.append(rules.Violation("required", veld, "Verplicht voor een nieuwe inwoner."))
            if rij.geboortedatum is None:
                fouten.append(rules.Violation("required", "geboortedatum", "Verplicht voor een nieuwe inwoner."))
            elif rij.geboortedatum > ctx.vandaag:
                fouten.append(
                    rules.Violation(
                        "geboortedatum_in_toekomst", "geboortedatum", "De geboortedatum ligt in de toekomst."
                    )
                )
        consulent = ctx.consulent or (inwoner.regisseur if inwoner is not None else None)
        if consulent is None:
            fouten.append(
                rules.Violation(
                    "consulent_onbekend", rules.NON_FIELD, "Geef --consulent op: deze inwoner heeft geen regisseur."
                )
            )
        if fouten:
            _weiger(resultaat, rij, fouten)
            continue

        feiten = rules.IndicatieFeiten(
            vandaag=rij.registratiedatum if ctx.migratie else ctx.vandaag,
            volume=rij.volume,
            eenheid=w["eenheid"],
            frequentie=w["frequentie"],
            ingangsdatum=rij.ingangsdatum,
            einddatum=rij.einddatum,
            spoed=rij.spoed,
            spoed_reden=w["spoed_reden"],
            motivatie=w["motivatie"],
            product_code=product.code,
            product_wet=product.wet,
            product_eenheid=product.eenheid,
            product_heeft_lichtere_variant=product.lichtere_variant_id is not None,
            inwoner_wlz=inwoner.wlz_indicatie if inwoner is not None else rij.wlz_indicatie,
            tarieven=ctx.tarieven[product.pk],
            andere_indicaties=tuple(andere[rij.bsn]),
            instellingen=ctx.instellingen,
        )
        beoordeling = rules.beoordeel_indicatie(feiten)
        if beoordeling.overtredingen:
            _weiger(resultaat, rij, beoordeling.overtredingen)
            continue

        if inwoner is None:
            inwoner = Inwoner(
                bsn=rij.bsn,
                voornaam=w["voornaam"],
                achternaam=w["achternaam"],
                geboortedatum=rij.geboortedatum,
                wlz_indicatie=rij.wlz_indicatie,
                regisseur=consulent,
            )
            inwoner._history_user = consulent
            inwoner._change_reason = f"Inwoner geïmporteerd uit {ctx.bron}, regel {rij.regel}"
            inwoners[rij.bsn] = inwoner
            nieuwe_inwoners.append(inwoner)

        reden = f"Geïmporteerd uit {ctx.bron}, regel {rij.regel} (extern id {rij.extern_id})"
        if rij.registratiedatum is not None:
            reden += f", geregistreerd op {rules.datum_tekst(rij.registratiedatum)}"
        if rij.einddatum is not None and rij.einddatum < ctx.vandaag:
            status = IndicatieStatus.VERLOPEN
            reden += "; einddatum al verstreken: verlopen"
        elif beoordeling.schakelteam_nodig:
            status = IndicatieStatus.WACHT_OP_SCHAKELTEAM
            reden += "; wacht op het schakelteam (boven de drempel)"
        else:
            status = IndicatieStatus.TOEGEWEZEN
        indicatie = Indicatie(
            inwoner=inwoner,
            product=product,
            aanbieder=aanbieder,
            volume=rij.volume,
            eenheid=w["eenheid"],
            frequentie=w["frequentie"],
            ingangsdatum=rij.ingangsdatum,
            einddatum=rij.einddatum,
            motivatie=w["motivatie"],
            spoed=rij.spoed,
            spoed_reden=w["spoed_reden"],
            consulent=consulent,
            status=status,
            uren_per_week=beoordeling.uren_per_week,
            geschatte_kosten=beoordeling.geschatte_kosten,
            extern_id=rij.extern_id,
        )
        indicatie._history_user = consulent
        indicatie._change_reason = reden
        indicaties.append(indicatie)
        if ctx.migratie:
            registratiemomenten.append(
                timezone.make_aware(datetime.datetime.combine(rij.registratiedatum, datetime.time(12, 0)))
            )
        ctx.gezien.add(rij.extern_id)
        for signaal in beoordeling.signalen:
            s = IndicatieSignaal(indicatie=indicatie, code=signaal.code, toelichting=signaal.bericht)
            s._history_user, s._change_reason = consulent, reden
            signalen.append(s)
        if status == IndicatieStatus.TOEGEWEZEN and beoordeling.evaluatiedatum is not None:
            e = Evaluatie(indicatie=indicatie, vervaldatum=beoordeling.evaluatiedatum)
            e._history_user, e._change_reason = consulent, "Evaluatie na 4 maanden ingepland (import)"
            evaluaties.append(e)
        if status in LOPENDE_STATUSSEN:
            andere[rij.bsn].append(_andere(product, rij.ingangsdatum, rij.einddatum, beoordeling.geschatte_kosten))
        resultaat.geimporteerd += 1
        resultaat.per_status[status] += 1

    if ctx.migratie:
        for indicatie, moment in zip(indicaties, registratiemomenten, strict=True):
            indicatie.aangemaakt = moment
    for model, objs in (
        (Inwoner, nieuwe_inwoners),
        (Indicatie, indicaties),
        (IndicatieSignaal, signalen),
        (Evaluatie, evaluaties),
    ):
        voeg_toe_met_historie(objs, model, datum=nu)
    resultaat.nieuwe_inwoners += len(nieuwe_inwoners)
    if ctx.migratie and [i.aangemaakt for i in indicaties] != registratiemomenten:
        _zet_aangemaakt(indicaties, registratiemomenten)  # the insert stamped them with today
    meldingen.schakelteam_gevraagd_voor([i for i in indicaties if i.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM])


def _zet_aangemaakt(indicaties: list[Indicatie], momenten: list[datetime.datetime]) -> None:
    """A migrated registration dates from the old system, and steering information counts it by
    its `aangemaakt`; where the insert stamped today (auto_now_add, bulk_create) it is set
    afterwards. One UPDATE joined to a VALUES list per batch: Django's bulk_update would build a
    CASE with a When() per row, which costs over a second per thousand rows to resolve."""
    pk = Indicatie._meta.pk
    veld = Indicatie._meta.get_field("aangemaakt")
    paren = [
        (pk.get_db_prep_value(i.pk, connection), veld.get_db_prep_value(m, connection))
        for i, m in zip(indicaties, momenten, strict=True)
    ]
    tabel, kolom_id, kolom = (connection.ops.quote_name(n) for n in (Indicatie._meta.db_table, pk.column, veld.column))
    for begin in range(0, len(paren), BATCH):
        deel = paren[begin : begin + BATCH]
        waarden = ", ".join(["(%s, %s)"] * len(deel))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {tabel} SET {kolom} = v.column2 FROM (VALUES {waarden}) AS v "  # noqa: S608
                f"WHERE {tabel}.{kolom_id} = v.column1",
                [p for paar in deel for p in paar],
            )
    for indicatie, moment in zip(indicaties, momenten, strict=True):
        indicatie.aangemaakt = moment
