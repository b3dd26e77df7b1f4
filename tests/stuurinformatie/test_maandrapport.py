"""The monthly report to beleid: from the first working day of the month, once, with the PDF of the
month before; the scheduler only asks, the database remembers."""

import datetime

import pytest
from django.core import mail

from stuurinformatie import tasks
from stuurinformatie.models import Maandrapport
from stuurinformatie.rapport_versturen import verstuur_maandrapport
from stuurinformatie.werkdagen import eerste_werkdag, feestdagen, is_werkdag
from tests.factories import gebruiker

from .conftest import om

D = datetime.date


@pytest.mark.parametrize(
    ("jaar", "maand", "dag"),
    [
        (2027, 1, D(2027, 1, 4)),  # 1 January (Friday) is Nieuwjaarsdag, then the weekend
        (2027, 3, D(2027, 3, 1)),  # a Monday
        (2027, 5, D(2027, 5, 3)),  # 1 May is a Saturday
        (2024, 4, D(2024, 4, 2)),  # 1 April 2024 was Tweede Paasdag
        (2028, 1, D(2028, 1, 3)),  # 1 January 2028 is a Saturday
    ],
)
def test_eerste_werkdag_van_de_maand(jaar, maand, dag):
    assert eerste_werkdag(jaar, maand) == dag


def test_feestdagen_van_2027():
    assert feestdagen(2027) == {
        D(2027, 1, 1),
        D(2027, 3, 29),  # Tweede Paasdag
        D(2027, 4, 27),  # Koningsdag
        D(2027, 5, 6),  # Hemelvaartsdag
        D(2027, 5, 17),  # Tweede Pinksterdag
        D(2027, 12, 25),
        D(2027, 12, 26),
    }
    assert D(2030, 5, 5) in feestdagen(2030)  # Bevrijdingsdag in a lustrum year
    assert feestdagen(2022) >= {D(2022, 4, 27)} and D(2025, 4, 26) in feestdagen(2025)  # 27-4-2025 a Sunday
    assert not is_werkdag(D(2027, 1, 2)) and is_werkdag(D(2027, 1, 5))


@pytest.mark.django_db
def test_op_de_eerste_werkdag_eenmaal_naar_beleid_met_het_rapport_van_de_vorige_maand():
    gebruiker("beleid", email="wethouder@gemeente.invalid")
    gebruiker("beleid", email="beleid@gemeente.invalid")
    gebruiker("beleid", email="")  # no address: nothing to send to
    gebruiker("beleid", email="oud@gemeente.invalid", is_active=False)
    gebruiker("consulent", email="consulent@gemeente.invalid")
    with om(2027, 5, 1):
        assert verstuur_maandrapport() is None  # a Saturday; the first working day is Monday 3 May
    with om(2027, 5, 3, 7, 30):
        rapport = verstuur_maandrapport()
        tasks.maandrapport()  # the beat task again on the same day: nothing new
    with om(2027, 5, 4):
        tasks.maandrapport()
    assert (rapport.maand, rapport.ontvangers) == (D(2027, 4, 1), 2)
    assert sorted(m.to[0] for m in mail.outbox) == ["beleid@gemeente.invalid", "wethouder@gemeente.invalid"]
    bericht = mail.outbox[0]
    assert bericht.subject == "Casusregie: stuurinformatie over april 2027"
    [(naam, inhoud, soort)] = bericht.attachments
    assert (naam, soort) == ("stuurinformatie-2027-04.pdf", "application/pdf")
    assert inhoud.startswith(b"%PDF-")
    assert Maandrapport.objects.count() == 1


@pytest.mark.django_db
def test_een_gemiste_eerste_werkdag_wordt_de_volgende_ochtend_ingehaald():
    gebruiker("beleid", email="beleid@gemeente.invalid")
    with om(2027, 1, 6):  # the first working day was 4 January; the scheduler was down
        rapport = verstuur_maandrapport()
    assert rapport.maand == D(2026, 12, 1)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_een_mislukte_verzending_wordt_niet_als_verstuurd_vastgelegd(monkeypatch):
    gebruiker("beleid", email="beleid@gemeente.invalid")

    def storing(self, berichten):
        raise ConnectionError("De mailserver antwoordt niet.")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", storing)
    with om(2027, 3, 1), pytest.raises(ConnectionError):
        verstuur_maandrapport()
    assert Maandrapport.objects.count() == 0
    monkeypatch.undo()
    with om(2027, 3, 2):
        assert verstuur_maandrapport().maand == D(2027, 2, 1)
    assert len(mail.outbox) == 1
