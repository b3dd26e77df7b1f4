"""Notifications in bulk (the daily run): still exactly once per event and recipient."""

import pytest
from django.core import mail

from notifications.email import verstuur_openstaande_emails
from notifications.models import Notificatie
from notifications.services import Melding, notificeer, notificeer_bulk
from tests.factories import gebruiker

pytestmark = pytest.mark.django_db


def _meldingen(ontvangers, soort="evaluatie_open", aantal=3):
    return [Melding(o, soort, f"gebeurtenis-{i}", f"Onderwerp {i}") for i in range(aantal) for o in ontvangers]


def test_bulk_maakt_elke_melding_een_keer_en_plant_alleen_voor_nieuwe_een_email(django_capture_on_commit_callbacks):
    a, b = gebruiker("consulent"), gebruiker("consulent")
    with django_capture_on_commit_callbacks() as taken:
        nieuw = notificeer_bulk(_meldingen([a, b]))
    assert len(nieuw) == 6 == Notificatie.objects.count()
    assert len(taken) == 1

    with django_capture_on_commit_callbacks() as taken:
        opnieuw = notificeer_bulk(_meldingen([a, b], aantal=4))
    assert [(n.ontvanger, n.sleutel) for n in opnieuw] == [(a, "gebeurtenis-3"), (b, "gebeurtenis-3")]
    assert Notificatie.objects.count() == 8
    assert len(taken) == 1


def test_een_bestaande_notificatie_houdt_haar_eigen_onderwerp_en_id():
    consulent = gebruiker("consulent")
    eerste = notificeer([consulent], soort="evaluatie_open", sleutel="e1", onderwerp="Eerste tekst")[0]
    assert notificeer([consulent], soort="evaluatie_open", sleutel="e1", onderwerp="Andere tekst") == []
    bewaard = Notificatie.objects.get()
    assert (bewaard.pk, bewaard.onderwerp) == (eerste.pk, "Eerste tekst")


def test_dubbele_en_lege_ontvangers_geven_een_notificatie_per_persoon():
    consulent = gebruiker("consulent")
    nieuw = notificeer([consulent, None, consulent], soort="evaluatie_te_laat", sleutel="e1", onderwerp="x" * 250)
    assert len(nieuw) == 1
    assert len(Notificatie.objects.get().onderwerp) == 200


def test_openstaande_emails_gaan_precies_een_keer_weg_ook_als_een_verzending_mislukt(monkeypatch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ontvangers = [gebruiker("consulent") for _ in range(5)]
    notificeer_bulk(_meldingen(ontvangers, aantal=1))  # their tasks never run: the test does not commit

    from django.core.mail.backends.locmem import EmailBackend

    echt = EmailBackend.send_messages
    verzonden = []

    def derde_mislukt(self, berichten):
        if len(verzonden) == 2:
            raise ConnectionError("SMTP-server weg")
        verzonden.extend(berichten)
        return echt(self, berichten)

    monkeypatch.setattr(EmailBackend, "send_messages", derde_mislukt)
    with pytest.raises(ConnectionError):
        verstuur_openstaande_emails()
    assert Notificatie.objects.filter(email_verzonden_op__isnull=False).count() == 2

    monkeypatch.setattr(EmailBackend, "send_messages", echt)
    assert verstuur_openstaande_emails() == 3
    assert verstuur_openstaande_emails() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.email for o in ontvangers)


def test_openstaande_emails_hooguit_de_limiet_per_keer(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notificeer_bulk(_meldingen([gebruiker("consulent")], aantal=7))
    assert verstuur_openstaande_emails(limiet=5, batch=2) == 5
    assert Notificatie.objects.filter(email_verzonden_op__isnull=True).count() == 2
    assert verstuur_openstaande_emails(limiet=5, batch=2) == 2
