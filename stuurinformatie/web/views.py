import datetime

from django.shortcuts import render

from casusregie import clock
from casusregie.roles import BACKOFFICE, BEHEER, BELEID
from casusregie.web import rol_vereist

from .. import selectors


def _periode(request) -> tuple[datetime.date, datetime.date, list[str]]:
    vandaag = clock.today()
    van, tot, fouten = datetime.date(vandaag.year, 1, 1), datetime.date(vandaag.year, 12, 31), []
    for naam in ("van", "tot"):
        waarde = request.GET.get(naam)
        if waarde:
            try:
                datum = datetime.date.fromisoformat(waarde)
            except ValueError:
                fouten.append(f"Ongeldige datum bij '{naam}': gebruik de datumkiezer.")
                continue
            if naam == "van":
                van = datum
            else:
                tot = datum
    if tot < van:
        fouten.append("De einddatum ligt vóór de begindatum.")
        van, tot = tot, van
    return van, tot, fouten


@rol_vereist(BELEID, BACKOFFICE, BEHEER)
def dashboard(request):
    van, tot, fouten = _periode(request)
    return render(
        request,
        "stuurinformatie/dashboard.html",
        {"van": van, "tot": tot, "fouten": fouten, "cijfers": selectors.stuurinformatie(van, tot)},
    )
