"""Corrections for what the old lookup of activities filed under the wrong one (docs/privacy.md,
"Wat er tot december 2026 mis was").

Until the entry points declared their activity, the log looked it up by "<method> <route>"; a
pair it did not list fell back on `inzien-dossier-v1` (GET, HEAD) or `wijzigen-indicatie-v1`
(anything else). Every pair of a route that exists, that the old lookup did not know and whose
declared activity differs from the fallback, is below, with the fallback it got and the activity
it declares. A `Handeling` with that action and that activity was filed wrongly, and so was each
`Verwerking` of its piece of work (same trace, its span as parent) with that activity: the
activities that code named itself (toetsing-v1 of a sample, toegang-buiten-caseload-v1 of an
access) were right, and they are never the fallback. The rows stay as they are (the database
refuses a change, and the chain would report one); each gets a `Correctie`.

Tasks needed none: the only tasks the old lookup did not know (the monthly report, the e-mail of a
notification) never processed an inwoner's data, and work without processing writes no row.
"""

from django.db import migrations
from django.utils import timezone

from basis.roles import zet_groepsrechten

INZIEN, WIJZIGEN = "inzien-dossier-v1", "wijzigen-indicatie-v1"
# "<method> <route>": (the fallback it got, the activity it declares).
VERKEERD = {
    "GET toetsing-overzicht": (INZIEN, "toetsing-v1"),
    "GET web:advies_vragen": (INZIEN, "schakelteam-v1"),
    "GET web:indicatie_voorbeeld": (INZIEN, "registreren-indicatie-v1"),
    "GET web:inwoner_nieuw": (INZIEN, "registreren-inwoner-v1"),
    "GET web:schakelteam_besluit": (INZIEN, "schakelteam-v1"),
    "GET web:toegang_buiten_caseload": (INZIEN, "toegang-buiten-caseload-v1"),
    "GET web:toetsing_opvolging": (INZIEN, "toetsing-v1"),
    "GET web:toetsing_reactie": (INZIEN, "toetsing-v1"),
    "GET web:toetsing_trek": (INZIEN, "toetsing-v1"),
    "HEAD advies-detail": (INZIEN, "schakelteam-v1"),
    "HEAD advies-list": (INZIEN, "schakelteam-v1"),
    "HEAD evaluatie-list": (INZIEN, "raadplegen-v1"),
    "HEAD halfjaarcheck-list": (INZIEN, "raadplegen-v1"),
    "HEAD indicatie-list": (INZIEN, "raadplegen-v1"),
    "HEAD inwoner-list": (INZIEN, "raadplegen-v1"),
    "HEAD start": (INZIEN, "raadplegen-v1"),
    "HEAD toetsing-detail": (INZIEN, "toetsing-v1"),
    "HEAD toetsing-historie": (INZIEN, "toetsing-v1"),
    "HEAD toetsing-list": (INZIEN, "toetsing-v1"),
    "HEAD toetsing-opvolgingen": (INZIEN, "toetsing-v1"),
    "HEAD toetsing-overzicht": (INZIEN, "toetsing-v1"),
    "HEAD verwerking-list": (INZIEN, "inzageverzoek-v1"),
    "HEAD web:advies_beantwoorden": (INZIEN, "schakelteam-v1"),
    "HEAD web:advies_vragen": (INZIEN, "schakelteam-v1"),
    "HEAD web:evaluatie_afronden": (INZIEN, "evaluatie-v1"),
    "HEAD web:halfjaarcheck_afronden": (INZIEN, "halfjaarcheck-v1"),
    "HEAD web:indicatie_intrekken": (INZIEN, "wijzigen-indicatie-v1"),
    "HEAD web:indicatie_nieuw": (INZIEN, "registreren-indicatie-v1"),
    "HEAD web:indicatie_voorbeeld": (INZIEN, "registreren-indicatie-v1"),
    "HEAD web:indicatie_wijzigen": (INZIEN, "wijzigen-indicatie-v1"),
    "HEAD web:inwoner_nieuw": (INZIEN, "registreren-inwoner-v1"),
    "HEAD web:inwoners": (INZIEN, "raadplegen-v1"),
    "HEAD web:opvolging_afhandelen": (INZIEN, "opvolging-v1"),
    "HEAD web:regisseur_overdragen": (INZIEN, "overdragen-regie-v1"),
    "HEAD web:schakelteam_besluit": (INZIEN, "schakelteam-v1"),
    "HEAD web:toegang_buiten_caseload": (INZIEN, "toegang-buiten-caseload-v1"),
    "HEAD web:toegangen": (INZIEN, "toegang-buiten-caseload-v1"),
    "HEAD web:toetsing": (INZIEN, "toetsing-v1"),
    "HEAD web:toetsing_feedback": (INZIEN, "toetsing-v1"),
    "HEAD web:toetsing_oordeel": (INZIEN, "toetsing-v1"),
    "HEAD web:toetsing_opvolging": (INZIEN, "toetsing-v1"),
    "HEAD web:toetsing_reactie": (INZIEN, "toetsing-v1"),
    "HEAD web:toetsing_trek": (INZIEN, "toetsing-v1"),
    "POST start": (WIJZIGEN, "raadplegen-v1"),
    "POST web:indicatie": (WIJZIGEN, "inzien-dossier-v1"),
    "POST web:inwoner": (WIJZIGEN, "inzien-dossier-v1"),
    "POST web:toegangen": (WIJZIGEN, "toegang-buiten-caseload-v1"),
    "POST web:toetsing": (WIJZIGEN, "toetsing-v1"),
    "POST web:toetsing_feedback": (WIJZIGEN, "toetsing-v1"),
    "POST web:toetsing_trek": (WIJZIGEN, "toetsing-v1"),
}
REDEN = (
    "Vastgelegd onder de terugvaller van de oude opzoeking van activiteiten ({was}), niet onder de "
    "activiteit van de ingang '{actie}' (docs/privacy.md, 'Wat er tot december 2026 mis was')."
)


def corrigeer(apps, schema_editor):
    Handeling = apps.get_model("privacy", "Handeling")
    Verwerking = apps.get_model("privacy", "Verwerking")
    Correctie = apps.get_model("privacy", "Correctie")
    nu = timezone.now()

    def correctie(keten, volgnummer, actie, was, wordt):
        Correctie.objects.get_or_create(
            keten=keten,
            volgnummer=volgnummer,
            veld="verwerkingsactiviteit",
            defaults={"was": was, "wordt": wordt, "reden": REDEN.format(was=was, actie=actie), "vastgelegd_op": nu},
        )

    for actie, (was, wordt) in VERKEERD.items():
        for h in Handeling.objects.filter(actie=actie, verwerkingsactiviteit=was).order_by("volgnummer").iterator():
            correctie("handeling", h.volgnummer, actie, was, wordt)
            rijen = Verwerking.objects.filter(trace_id=h.trace_id, parent_span_id=h.span_id, verwerkingsactiviteit=was)
            for volgnummer in rijen.order_by("volgnummer").values_list("volgnummer", flat=True).iterator():
                correctie("verwerking", volgnummer, actie, was, wordt)


class Migration(migrations.Migration):
    # After every app's latest models: the role groups are set anew, beheer now reads the corrections.
    dependencies = [
        ("privacy", "0005_correctie"),
        ("casusregie", "0002_api_tokens"),
        ("indicaties", "0018_extern_id_uniek_zonder_like_index"),
        ("toetsing", "0003_redenen_traject"),
        ("stuurinformatie", "0007_declaratietotalen"),
    ]
    # Back: the corrections go with the table of 0005.
    operations = [
        migrations.RunPython(corrigeer, migrations.RunPython.noop),
        migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop),
    ]
