"""The monthly report to beleid: from the first working day of a month, the PDF of the month
before, e-mailed once to every active beleid user. The database, not the scheduler, knows whether
it went out (`Maandrapport`)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from basis import clock
from basis.roles import BELEID

from .models import Maandrapport
from .werkdagen import eerste_werkdag

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def verstuur_maandrapport(*, vandaag: datetime.date | None = None) -> Maandrapport | None:
    """From the first working day of a month on: the report of the previous month, e-mailed once to
    every active user with the role beleid (one message each). Returns the record when it was sent
    now, None when it is not due yet or was sent before.

    The row is inserted before the mail goes out, in one transaction: a second run at the same
    time waits for the first and then fails on the unique month, and a failed send rolls the row
    back so the next run tries again."""
    vandaag = vandaag or clock.today()
    if vandaag < eerste_werkdag(vandaag.year, vandaag.month):
        return None
    einde = vandaag.replace(day=1) - datetime.timedelta(days=1)
    maand = einde.replace(day=1)
    if Maandrapport.objects.filter(maand=maand).exists():
        return None
    ontvangers = list(
        get_user_model()
        .objects.filter(groups__name=BELEID, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
        .distinct()
    )
    try:
        with transaction.atomic():
            rapport = Maandrapport.objects.create(maand=maand, verstuurd_op=timezone.now(), ontvangers=len(ontvangers))
            if ontvangers:
                _mail_rapport(maand, einde, ontvangers)
    except IntegrityError:
        return None
    return rapport


def _mail_rapport(maand: datetime.date, einde: datetime.date, ontvangers: list[str]) -> None:
    from .rapport import maak_rapport

    pdf = maak_rapport(maand, einde)
    naam = f"{MAANDEN[maand.month - 1]} {maand.year}"
    berichten = []
    for adres in ontvangers:
        bericht = EmailMessage(
            subject=f"Casusregie: stuurinformatie over {naam}",
            body=(
                f"Goedemorgen,\n\nIn de bijlage staat het rapport stuurinformatie actieve casusregie over {naam}: "
                "de cijfers met hun doel, het verloop per maand en een korte uitleg per cijfer.\n\nDe actuele cijfers "
                "staan in Casusregie onder Stuurinformatie.\n\nDit bericht is automatisch verstuurd."
            ),
            to=[adres],
        )
        bericht.attach(f"stuurinformatie-{maand:%Y-%m}.pdf", pdf, "application/pdf")
        berichten.append(bericht)
    get_connection().send_messages(berichten)
