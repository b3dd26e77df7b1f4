"""A year of demo history, lived through the real services one day at a time.

The rules forbid registering in the past, so the history is not written into the tables: the
clock is moved to each day of the past year (time-machine, as the tests do) and on that day
consulenten register indicaties, the schakelteam decides, the daily run opens and escalates
evaluations, consulenten evaluate (voortzetten, afschalen, beëindigen, anders inzetten) and do
half-year checks, and the backoffice draws the weekly sample and judges it. Every rule, signal,
history row and notification is therefore what the service itself made; the stuurinformatie
then shows a year of realised figures next to the business case. Random choices use a fixed
seed, so every demo installation has the same history.

E-mails of the simulated year go to no one (the dummy mail backend): they are the past.
"""

import contextlib
import datetime
import logging
import random
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import time_machine
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.test.utils import override_settings

from basis.exceptions import InvalidTransition, NotAllowed, RuleViolation
from casusregie.celery import app as celery_app
from indicaties import services
from indicaties.domein import LOPENDE_STATUSSEN
from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, Inwoner, Opvolging, Product
from notifications.models import Notificatie
from notifications.services import markeer_gelezen
from toetsing import rules as toetsing_rules
from toetsing import services as toetsing_services
from toetsing.models import Toetsing

SEED = 20210101
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FOUTEN = (RuleViolation, InvalidTransition, NotAllowed)

VOORNAMEN = [
    "Anouk", "Bram", "Chantal", "Dirk", "Esra", "Femke", "Gijs", "Hanna", "Imane", "Jasper",
    "Lieke", "Milan", "Nadia", "Olaf", "Priya", "Ruben", "Sara", "Thijs", "Umut", "Vera",
    "Wout", "Yara", "Zeynep", "Luuk", "Mila", "Sem", "Julia", "Finn", "Tess", "Levi",
]  # fmt: skip
ACHTERNAMEN = [
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
    "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok",
]  # fmt: skip

# Products by age group with their weight, and whether they need a motivation (heavier variant).
WMO = [("02A01", 35), ("02A02", 20), ("02A03", 20), ("02A04", 15), ("02A05", 10)]
JEUGD = [("45C02", 40), ("45C05", 25), ("45A65", 20), ("45A66", 15)]
UREN = [2, 3, 4, 5, 6, 6, 8, 10]
UITKOMSTEN = [("voortzetten", 40), ("afschalen", 30), ("beeindigen", 20), ("anders_inzetten", 10)]
OORDELEN = [("akkoord", 70), ("akkoord_met_opmerking", 20), ("niet_akkoord", 10)]


def _kies(rng: random.Random, gewogen: list[tuple[str, int]]) -> str:
    return rng.choices([w for w, _ in gewogen], weights=[g for _, g in gewogen])[0]


def _bsn(rng: random.Random, bezet: set[str]) -> str:
    """An invented number that passes the elfproef (9 digits, weighted sum divisible by 11)."""
    while True:
        cijfers = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        controle = sum(c * (9 - i) for i, c in enumerate(cijfers)) % 11
        bsn = "".join(map(str, cijfers)) + str(controle)
        if controle < 10 and bsn not in bezet:
            bezet.add(bsn)
            return bsn


def _om(dag: datetime.date, uur: int = 9):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(uur), tzinfo=AMSTERDAM), tick=False)


# Results agreed with invented inwoners, as a consulent writes them down.
DOELEN = [
    (services.DoelGegevens("Zelfstandig de dag indelen en afspraken nakomen", "tijdsbesteding"),),
    (
        services.DoelGegevens("Administratie op orde, geen nieuwe schulden", "financien"),
        services.DoelGegevens("Twee keer per week contact met iemand uit het netwerk", "sociaal_netwerk"),
    ),
    (services.DoelGegevens("Naar school zonder verzuim", "werk_opleiding"),),
    (services.DoelGegevens("Rustig thuis: minder conflicten met de ouders", "huiselijke_relaties"),),
]


class Geschiedenis:
    def __init__(self, gebruikers: dict, aanbieders: list, vandaag: datetime.date):
        self.rng = random.Random(SEED)
        self.consulenten = [gebruikers["consulent"], gebruikers["consulent2"]]
        self.schakelteam = gebruikers["schakelteam"]
        self.backoffice = gebruikers["backoffice"]
        self.aanbieders = aanbieders
        self.vandaag = vandaag
        self.begin = vandaag - relativedelta(months=11)
        self.begin -= datetime.timedelta(days=self.begin.weekday())  # a Monday
        self.product = {p.code: p for p in Product.objects.all()}
        self.uitstel: dict = {}  # evaluation or check id -> days after its due date it is done
        self.aantal = {"geregistreerd": 0, "geweigerd_door_regels": 0}

    def speel(self) -> dict:
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            _eager(),
            _stil(),
        ):
            with _om(self.begin, 8):
                self.inwoners = self._inwoners()
            dag = self.begin
            while dag < self.vandaag:
                with _om(dag), transaction.atomic():
                    self._dag(dag)
                dag += datetime.timedelta(days=1)
        return self.aantal

    def _inwoners(self) -> list[Inwoner]:
        bezet = set(Inwoner.objects.values_list("bsn", flat=True))
        inwoners = []
        for i in range(60):
            jeugd = i % 3 == 0
            leeftijd = self.rng.randint(4, 16) if jeugd else self.rng.randint(19, 85)
            inwoners.append(
                services.registreer_inwoner(
                    gebruiker=self.consulenten[i % 2],
                    bsn=_bsn(self.rng, bezet),
                    voornaam=VOORNAMEN[i % len(VOORNAMEN)],
                    achternaam=self.rng.choice(ACHTERNAMEN),
                    geboortedatum=self.begin - relativedelta(years=leeftijd, days=self.rng.randint(0, 364)),
                    wlz_indicatie=False,
                )
            )
        return inwoners

    def _dag(self, dag: datetime.date) -> None:
        services.voer_dagelijkse_taken_uit()
        if dag.weekday() >= 5:
            return
        if self.rng.random() < 0.6:
            self._registreer(dag)
        self._schakelteam(dag)
        self._evalueer(dag)
        self._halfjaarchecks(dag)
        self._volg_op(dag)
        if dag.weekday() == 0:
            self._toets(dag)
            self._lees_notificaties(dag)

    def _registreer(self, dag: datetime.date) -> None:
        lopend = set(Indicatie.objects.filter(status__in=LOPENDE_STATUSSEN).values_list("inwoner_id", flat=True))
        vrij = [i for i in self.inwoners if i.pk not in lopend]
        if not vrij:
            return
        inwoner = self.rng.choice(vrij)
        jeugd = relativedelta(dag, inwoner.geboortedatum).years < 18
        # Actieve casusregie at work: over the year consulenten choose the heavier variant less
        # often (seed 000: 25 % of the hours from the heavier to the lighter product).
        voortgang = (dag - self.begin).days / max((self.vandaag - self.begin).days, 1)
        code = _kies(
            self.rng,
            [
                (c, g * (1 - 0.8 * voortgang) if self.product[c].lichtere_variant else g)
                for c, g in (JEUGD if jeugd else WMO)
            ],
        )
        product = self.product[code]
        uren = Decimal(self.rng.choice(UREN))
        if code == "45A66" and self.rng.random() < 0.5:
            uren = Decimal(self.rng.choice([12, 14]))  # intensive: above the threshold
        spoed = self.rng.random() < 0.05
        ingang = dag if spoed else dag + datetime.timedelta(days=self.rng.randint(1, 14))
        maanden = 8 if uren >= 5 else 12
        consulent = self.consulenten[self.inwoners.index(inwoner) % 2]
        try:
            services.registreer_indicatie(
                gebruiker=consulent,
                gegevens=services.IndicatieGegevens(
                    inwoner=inwoner,
                    product=product,
                    aanbieder=self.aanbieders[1 if jeugd else 0],
                    volume=uren,
                    eenheid="uur",
                    frequentie="per_week",
                    ingangsdatum=ingang,
                    einddatum=ingang + relativedelta(months=maanden) - datetime.timedelta(days=1),
                    motivatie="Lichtere variant onvoldoende: zie het gespreksverslag."
                    if product.lichtere_variant
                    else "",
                    spoed=spoed,
                    spoed_reden="Crisis thuis, zorg moet direct starten." if spoed else "",
                    doelen=self.rng.choice(DOELEN),
                ),
            )
            self.aantal["geregistreerd"] += 1
        except FOUTEN:
            self.aantal["geweigerd_door_regels"] += 1

    def _schakelteam(self, dag: datetime.date) -> None:
        wachtend = Indicatie.objects.filter(
            status="wacht_op_schakelteam", aangemaakt__date__lte=dag - datetime.timedelta(days=2)
        )
        for indicatie in wachtend:
            akkoord = self.rng.random() < 0.8
            services.neem_schakelteambesluit(
                gebruiker=self.schakelteam,
                indicatie=indicatie,
                besluit="akkoord" if akkoord else "afgewezen",
                toelichting="Passend gezien de situatie thuis." if akkoord else "Eerst het lichtere product inzetten.",
            )

    def _na(self, obj, dag: datetime.date) -> bool:
        """Whether the consulent gets to this today: most a few days before or after the due date,
        a few late, and in the last weeks some still waiting (the werkvoorraad of today)."""
        if obj.pk not in self.uitstel:
            self.uitstel[obj.pk] = self.rng.choice([-7, -3, 0, 2, 5, 10, 25, 60])
        return dag >= obj.vervaldatum + datetime.timedelta(days=self.uitstel[obj.pk])

    def _evalueer(self, dag: datetime.date) -> None:
        open_ = Evaluatie.objects.filter(status__in=("open",)).select_related("indicatie")
        for evaluatie in open_:
            if not self._na(evaluatie, dag):
                continue
            indicatie = evaluatie.indicatie
            uitkomst = _kies(self.rng, UITKOMSTEN)
            velden = {"nieuw_volume": None, "per_datum": None}
            if uitkomst == "afschalen":
                nieuw = (indicatie.volume * Decimal("0.6")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
                velden = {"nieuw_volume": max(nieuw, Decimal(1)), "per_datum": dag + datetime.timedelta(days=7)}
            elif uitkomst in ("beeindigen", "anders_inzetten"):
                velden["per_datum"] = dag + datetime.timedelta(days=14)
            if velden["per_datum"] and indicatie.einddatum and velden["per_datum"] >= indicatie.einddatum:
                uitkomst, velden = "voortzetten", {"nieuw_volume": None, "per_datum": None}
            resultaat = {"voortzetten": "deels", "afschalen": "ja", "beeindigen": "ja", "anders_inzetten": "nee"}
            behaald = resultaat[uitkomst] if self.rng.random() < 0.8 else "deels"
            doelen = [{"doel": d.pk, "behaald": behaald} for d in indicatie.doelen.all()]
            if uitkomst == "voortzetten" and self.rng.random() < 0.2:
                doelen[0]["behaald"] = "nee"  # continued while a goal was not reached: a follow-up
            with contextlib.suppress(FOUTEN):
                services.rond_evaluatie_af(
                    gebruiker=indicatie.consulent,
                    evaluatie=evaluatie,
                    uitkomst=uitkomst,
                    doelen=doelen,
                    toelichting="Besproken met inwoner en aanbieder.",
                    **velden,
                )

    def _volg_op(self, dag: datetime.date) -> None:
        """Most follow-ups are handled within a few weeks; the last ones are today's work."""
        for opvolging in Opvolging.objects.filter(afgehandeld_op__isnull=True).select_related("inwoner__regisseur"):
            if dag < opvolging.aangemaakt_op + datetime.timedelta(days=self.rng.choice([3, 10, 20, 40])):
                continue
            with contextlib.suppress(FOUTEN):
                services.handel_opvolging_af(
                    gebruiker=opvolging.inwoner.regisseur or self.consulenten[0],
                    opvolging=opvolging,
                    afhandeling="gemotiveerd",
                    toelichting="Besproken met inwoner en aanbieder: de zorg loopt door, met nieuwe afspraken.",
                )

    def _halfjaarchecks(self, dag: datetime.date) -> None:
        for check in Halfjaarcheck.objects.filter(status="open").select_related("inwoner__regisseur"):
            if not self._na(check, dag):
                continue
            with contextlib.suppress(FOUTEN):
                services.rond_halfjaarcheck_af(
                    gebruiker=check.inwoner.regisseur or self.consulenten[0],
                    check=check,
                    zorg_passend=self.rng.random() < 0.85,
                    contact_aanbieder=dag - datetime.timedelta(days=3),
                    contact_inwoner=dag - datetime.timedelta(days=1),
                    toelichting="Telefonisch contact; afspraken doorgenomen.",
                )

    def _lees_notificaties(self, dag: datetime.date) -> None:
        """Everyone reads their inbox on Monday; what came in since the last Monday stays unread."""
        for notificatie in Notificatie.objects.filter(gelezen=False).select_related("ontvanger"):
            markeer_gelezen(gebruiker=notificatie.ontvanger, notificatie=notificatie)

    def _toets(self, dag: datetime.date) -> None:
        toetsing_services.trek_steekproef(toetsing_rules.vorige_week(dag), self.backoffice)
        for toetsing in Toetsing.objects.filter(
            status="open", steekproef__aangemaakt__date__lte=dag - datetime.timedelta(days=5)
        ):
            oordeel = _kies(self.rng, OORDELEN)
            try:
                toetsing = toetsing_services.geef_oordeel(
                    gebruiker=self.backoffice,
                    toetsing=toetsing,
                    oordeel=oordeel,
                    toelichting="" if oordeel == "akkoord" else "Motivatie van de zwaardere variant is mager.",
                )
                if oordeel == "niet_akkoord" and self.rng.random() < 0.7:
                    consulent = toetsing.indicatie.consulent
                    reactie = "Terecht; ik stel de indicatie bij bij de evaluatie."
                    toetsing = toetsing_services.reageer(gebruiker=consulent, toetsing=toetsing, reactie=reactie)
                    if self.rng.random() < 0.7:
                        toetsing_services.handel_opvolging_af(
                            gebruiker=consulent, toetsing=toetsing, toelichting="Besproken met de aanbieder."
                        )
            except FOUTEN:
                pass


@contextlib.contextmanager
def _stil():
    """A year of daily runs and mails is not news: only warnings reach the terminal meanwhile."""
    loggers = [logging.getLogger(naam) for naam in ("indicaties", "notifications", "toetsing", "celery")]
    niveaus = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, niveau in zip(loggers, niveaus, strict=True):
            logger.setLevel(niveau)


@contextlib.contextmanager
def _eager():
    """Tasks (the e-mails) run in this process while the past is simulated, not in the worker."""
    oud = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = oud


def speel_geschiedenis(gebruikers: dict, aanbieders: list, vandaag: datetime.date) -> dict:
    return Geschiedenis(gebruikers, aanbieders, vandaag).speel()
