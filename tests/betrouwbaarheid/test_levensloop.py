"""The life cycle of indicaties as a state machine: random sequences of what consultants, the
schakelteam and the daily run do, over months, with the invariants of docs/domain.md checked after
every step.

- every granted indicatie of 5 hours a week or more has exactly one evaluation that is not
  cancelled, and nothing that is not granted (waiting, refused, withdrawn) has planned work;
- a granted indicatie above the threshold on its own has a schakelteam decision, and whenever a
  step grants or changes an indicatie, its cost together with the overlapping running ones is
  within the threshold or within what the schakelteam approved for it;
- every change is in the history: each version has a history row, and the newest row is what
  the database holds now.
"""

import contextlib
import datetime
import os
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from basis import clock
from basis.exceptions import InvalidTransition, NotAllowed, RuleViolation, StaleVersion
from indicaties import selectors, services
from indicaties.domein import LOPENDE_STATUSSEN
from indicaties.models import (
    Evaluatie,
    EvaluatieStatus,
    Halfjaarcheck,
    Indicatie,
    IndicatieStatus,
)
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker

WEIGERINGEN = (RuleViolation, InvalidTransition, StaleVersion, NotAllowed)
VOLUMES = [Decimal("2"), Decimal("4.99"), Decimal("5"), Decimal("12"), Decimal("30")]
BEGIN = datetime.datetime(2027, 1, 4, 8, 0, tzinfo=datetime.UTC)
# A choice among the objects that exist at that moment, drawn the same way whatever they are.
KEUZE = st.integers(0, 1000)
HISTORIEVELDEN = ("status", "volume", "ingangsdatum", "einddatum", "geschatte_kosten", "versie")


def _overlapt(a: Indicatie, b: Indicatie) -> bool:
    return (b.einddatum is None or a.ingangsdatum <= b.einddatum) and (
        a.einddatum is None or b.ingangsdatum <= a.einddatum
    )


def _kosten_met_overlap(indicatie: Indicatie) -> Decimal:
    """The threshold rule's sum: this one plus the inwoner's running indicaties that overlap it."""
    anderen = Indicatie.objects.filter(inwoner_id=indicatie.inwoner_id, status__in=LOPENDE_STATUSSEN).exclude(
        pk=indicatie.pk
    )
    return indicatie.geschatte_kosten + sum(
        (a.geschatte_kosten for a in anderen if _overlapt(indicatie, a)), Decimal(0)
    )


DOELEN = (services.DoelGegevens("Zelfstandig boodschappen doen"),)


class Levensloop(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # Each run starts from an empty register and leaves nothing behind.
        self._transactie = transaction.atomic()
        self._transactie.__enter__()
        self._reis = time_machine.travel(BEGIN, tick=False)
        self._klok = self._reis.start()
        self.nu = BEGIN
        self.consulent = gebruiker("consulent")
        self.lid = gebruiker("schakelteam")
        self.inwoners = [InwonerFactory(regisseur=self.consulent) for _ in range(2)]
        self.producten = {"goedkoop": ProductFactory(tarief="58.20"), "duur": ProductFactory(tarief="250.00")}
        self.aanbieder = AanbiederFactory()
        self.versies: dict = {}

    def teardown(self):
        self._reis.stop()
        transaction.set_rollback(True)
        self._transactie.__exit__(None, None, None)

    @staticmethod
    def _kies(keuze: int, queryset):
        """The keuze-th object, in the order of creation: ids are random, the choice must not be."""
        pks = set(queryset.values_list("pk", flat=True))
        if not pks:
            return None
        aangemaakt = queryset.model.history.filter(id__in=pks, history_type="+").values_list("id", "history_id")
        volgorde = [pk for pk, _ in sorted(aangemaakt, key=lambda rij: rij[1])]
        return volgorde[keuze % len(volgorde)]

    # --- What people do ----------------------------------------------------------------------

    @rule(
        inwoner=st.integers(0, 1),
        product=st.sampled_from(["goedkoop", "duur"]),
        volume=st.sampled_from(VOLUMES),
        start=st.integers(0, 20),
        weken=st.integers(1, 40),
    )
    def registreer(self, inwoner, product, volume, start, weken):
        ingang = clock.today() + datetime.timedelta(days=start)
        gegevens = services.IndicatieGegevens(
            inwoner=self.inwoners[inwoner],
            product=self.producten[product],
            aanbieder=self.aanbieder,
            volume=volume,
            eenheid="uur",
            frequentie="per_week",
            ingangsdatum=ingang,
            einddatum=ingang + datetime.timedelta(weeks=weken, days=-1),
            doelen=DOELEN,
        )
        with contextlib.suppress(WEIGERINGEN):
            services.registreer_indicatie(gebruiker=self.consulent, gegevens=gegevens)

    @rule(keuze=KEUZE, volume=st.sampled_from(VOLUMES), weken=st.integers(-8, 8))
    def wijzig(self, keuze, volume, weken):
        pk = self._kies(keuze, Indicatie.objects.filter(status__in=LOPENDE_STATUSSEN))
        if pk is None:
            return
        indicatie = Indicatie.objects.get(pk=pk)
        wijzigingen = {"volume": volume}
        if weken:
            wijzigingen["einddatum"] = indicatie.einddatum + datetime.timedelta(weeks=weken)
        with contextlib.suppress(WEIGERINGEN):
            services.wijzig_indicatie(gebruiker=self.consulent, indicatie=indicatie, wijzigingen=wijzigingen)

    @rule(keuze=KEUZE, besluit=st.sampled_from(["akkoord", "akkoord", "afgewezen"]))
    def schakelteambesluit(self, keuze, besluit):
        pk = self._kies(keuze, Indicatie.objects.filter(status=IndicatieStatus.WACHT_OP_SCHAKELTEAM))
        if pk is None:
            return
        services.neem_schakelteambesluit(
            gebruiker=self.lid, indicatie=Indicatie.objects.get(pk=pk), besluit=besluit, toelichting="Besproken."
        )

    @rule(keuze=KEUZE, uitkomst=st.sampled_from(["voortzetten", "afschalen", "beeindigen"]))
    def evalueer(self, keuze, uitkomst):
        pk = self._kies(
            keuze,
            Evaluatie.objects.filter(
                status__in=(EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN), indicatie__status=IndicatieStatus.TOEGEWEZEN
            ),
        )
        if pk is None:
            return
        evaluatie = Evaluatie.objects.select_related("indicatie").get(pk=pk)
        indicatie = evaluatie.indicatie
        per_datum = max(clock.today(), indicatie.ingangsdatum + datetime.timedelta(days=1))
        with contextlib.suppress(WEIGERINGEN):
            services.rond_evaluatie_af(
                gebruiker=self.consulent,
                evaluatie=evaluatie,
                uitkomst=uitkomst,
                resultaat_behaald="deels",
                toelichting="Besproken met de inwoner.",
                nieuw_volume=(indicatie.volume / 2).quantize(Decimal("0.01")) if uitkomst == "afschalen" else None,
                per_datum=None if uitkomst == "voortzetten" else per_datum,
            )

    @rule(keuze=KEUZE, weken=st.integers(1, 30))
    def verleng(self, keuze, weken):
        pk = self._kies(keuze, Indicatie.objects.filter(status=IndicatieStatus.TOEGEWEZEN, einddatum__isnull=False))
        if pk is None:
            return
        voorganger = Indicatie.objects.get(pk=pk)
        ingang = voorganger.einddatum + datetime.timedelta(days=1)
        gegevens = services.IndicatieGegevens(
            inwoner=voorganger.inwoner,
            product=voorganger.product,
            aanbieder=voorganger.aanbieder,
            volume=voorganger.volume,
            eenheid=voorganger.eenheid,
            frequentie=voorganger.frequentie,
            ingangsdatum=ingang,
            einddatum=ingang + datetime.timedelta(weeks=weken, days=-1),
            voorganger=voorganger,
            doelen=DOELEN,
        )
        with contextlib.suppress(WEIGERINGEN):
            services.registreer_indicatie(gebruiker=self.consulent, gegevens=gegevens)

    @rule(keuze=KEUZE)
    def trek_in(self, keuze):
        pk = self._kies(keuze, Indicatie.objects.filter(status__in=LOPENDE_STATUSSEN))
        if pk is None:
            return
        with contextlib.suppress(WEIGERINGEN):
            services.trek_in(gebruiker=self.consulent, indicatie=Indicatie.objects.get(pk=pk), reden="Niet meer nodig.")

    @rule(dagen=st.integers(1, 45))
    def tijd_verstrijkt(self, dagen):
        self.nu += datetime.timedelta(days=dagen)
        self._klok.move_to(self.nu)
        services.voer_dagelijkse_taken_uit()

    # --- What must always hold ---------------------------------------------------------------

    @invariant()
    def toegewezen_vanaf_5_uur_heeft_precies_een_evaluatie(self):
        for indicatie in Indicatie.objects.filter(status=IndicatieStatus.TOEGEWEZEN, uren_per_week__gte=5):
            evaluaties = Evaluatie.objects.filter(indicatie=indicatie).exclude(status=EvaluatieStatus.GEANNULEERD)
            assert evaluaties.count() == 1, f"{indicatie.uren_per_week} uur per week zonder evaluatie"
        niet_toegewezen = (IndicatieStatus.WACHT_OP_SCHAKELTEAM, IndicatieStatus.AFGEWEZEN, IndicatieStatus.INGETROKKEN)
        assert not Evaluatie.objects.filter(
            indicatie__status__in=niet_toegewezen, status__in=(EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN)
        ).exists()

    @invariant()
    def niets_boven_de_drempel_zonder_schakelteam(self):
        drempel = settings.SCHAKELTEAM_DREMPEL
        for indicatie in Indicatie.objects.filter(status=IndicatieStatus.TOEGEWEZEN, geschatte_kosten__gt=drempel):
            assert selectors.goedgekeurd_bedrag(indicatie) is not None
        # Whatever this step granted or changed: alone or together within the threshold or approved.
        huidig = dict(Indicatie.objects.values_list("pk", "versie"))
        for indicatie in Indicatie.objects.filter(status=IndicatieStatus.TOEGEWEZEN):
            if self.versies.get(indicatie.pk) == indicatie.versie:
                continue
            samen = _kosten_met_overlap(indicatie)
            if samen > drempel:
                goedgekeurd = selectors.goedgekeurd_bedrag(indicatie)
                assert goedgekeurd is not None and goedgekeurd >= samen, f"{samen} boven de drempel toegewezen"
        self.versies = huidig

    @invariant()
    def elke_wijziging_staat_in_de_historie(self):
        for indicatie in Indicatie.objects.all():
            rijen = list(indicatie.history.order_by("history_id"))
            assert {r.versie for r in rijen} == set(range(1, indicatie.versie + 1))
            laatste = rijen[-1]
            assert [getattr(laatste, v) for v in HISTORIEVELDEN] == [getattr(indicatie, v) for v in HISTORIEVELDEN]
        for model in (Evaluatie, Halfjaarcheck):
            for obj in model.objects.all():
                laatste = obj.history.order_by("history_id").last()
                assert laatste is not None and laatste.status == obj.status


@pytest.mark.django_db
def test_levensloop_van_indicaties_houdt_de_regels_vast():
    run_state_machine_as_test(
        Levensloop,
        settings=hypothesis_settings(
            max_examples=int(os.environ.get("CASUSREGIE_LEVENSLOOP_VOORBEELDEN", "12")),
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
