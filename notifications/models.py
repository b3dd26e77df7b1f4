import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Soort(models.TextChoices):
    SCHAKELTEAM_GEVRAAGD = "schakelteam_gevraagd", "schakelteam gevraagd"
    SCHAKELTEAM_BESLUIT = "schakelteam_besluit", "besluit schakelteam"
    EVALUATIE_OPEN = "evaluatie_open", "evaluatie open"
    EVALUATIE_TE_LAAT = "evaluatie_te_laat", "evaluatie te laat"
    HALFJAARCHECK_OPEN = "halfjaarcheck_open", "halfjaarcheck open"
    TOETSING_OORDEEL = "toetsing_oordeel", "oordeel toetsing"
    INDICATIE_LOOPT_AF = "indicatie_loopt_af", "indicatie loopt af"
    OPVOLGING_NODIG = "opvolging_nodig", "opvolging nodig"
    TOEGANG_BUITEN_CASELOAD = "toegang_buiten_caseload", "toegang buiten de caseload"
    BERICHT_AFGEKEURD = "bericht_afgekeurd", "bericht afgekeurd door de aanbieder"
    VERZOEK_TERMIJN = "verzoek_termijn", "termijn van een verzoek verstreken"
    ZORG_NIET_GESTART = "zorg_niet_gestart", "zorg niet gestart"
    BUDGETPLAFOND = "budgetplafond", "budgetplafond bereikt"


class Notificatie(models.Model):
    """An in-app message, also sent by e-mail. Exactly one per event per recipient: the unique
    `sleutel` names the event (e.g. the evaluation id), so a second attempt creates nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificaties")
    soort = models.CharField(max_length=30, choices=Soort.choices)
    sleutel = models.CharField(max_length=100)
    onderwerp = models.CharField(max_length=200)
    object_id = models.UUIDField(null=True, blank=True)
    gelezen = models.BooleanField(default=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    email_verzonden_op = models.DateTimeField(null=True, blank=True)
    # Marked, and committed, before the mail is handed to the mail server (notifications/email.py):
    # set while `email_verzonden_op` stays empty, the sending was interrupted (the process died with
    # the mail in hand) and it is not known whether it went out; it is not sent again by itself.
    verzending_gestart = models.DateTimeField(null=True, blank=True, editable=False)
    # The trace of the work that caused it (W3C Trace Context): the e-mail carries it, so the mail
    # can be found back in the processing log (docs/privacy.md).
    trace_id = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "notificaties"
        ordering = ["-aangemaakt", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ontvanger", "soort", "sleutel"], name="notificatie_een_per_gebeurtenis"),
        ]
        indexes = [
            # A user's notifications, newest first (inbox, API): a page of 50 without reading and
            # sorting all of them. Read or not is answered by
            # `notificatie_ongelezen`.
            models.Index(fields=["ontvanger", "-aangemaakt", "id"], name="notificatie_inbox"),
            # The mails still to send, in the order the sweep of the daily run sends them: without
            # it every batch of 200 read the whole table.
            models.Index(
                fields=["-aangemaakt", "id"],
                condition=Q(email_verzonden_op__isnull=True),
                name="notificatie_onverzonden",
            ),
            # The unread ones of a user, newest first (werkvoorraad, inbox): the first 50 and their
            # number without reading the years of read ones.
            models.Index(
                fields=["ontvanger", "-aangemaakt", "id"], condition=Q(gelezen=False), name="notificatie_ongelezen"
            ),
            # The messages about one indicatie, its evaluation or toetsing (the indicatie's history
            # on its page), without reading every notification.
            models.Index(fields=["object_id"], condition=Q(object_id__isnull=False), name="notificatie_onderwerp"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.onderwerp}"
