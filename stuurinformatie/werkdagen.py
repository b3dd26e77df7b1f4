"""Working days in the Netherlands: Monday to Friday, without the national public holidays. Pure
functions (no Django), so the monthly report's date rule is tested without a database."""

import datetime

from dateutil.easter import easter

DAG = datetime.timedelta(days=1)


def feestdagen(jaar: int) -> set[datetime.date]:
    """The public holidays on which offices are closed: Nieuwjaarsdag, Goede Vrijdag is not one,
    Tweede Paasdag, Koningsdag (26 April when the 27th is a Sunday), Bevrijdingsdag in a lustrum year,
    Hemelvaartsdag, Tweede Pinksterdag and both Christmas days."""
    pasen = easter(jaar)
    koningsdag = datetime.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag -= DAG
    dagen = {
        datetime.date(jaar, 1, 1),
        pasen + DAG,
        koningsdag,
        pasen + datetime.timedelta(days=39),
        pasen + datetime.timedelta(days=50),
        datetime.date(jaar, 12, 25),
        datetime.date(jaar, 12, 26),
    }
    if jaar % 5 == 0:
        dagen.add(datetime.date(jaar, 5, 5))
    return dagen


def is_werkdag(dag: datetime.date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def eerste_werkdag(jaar: int, maand: int) -> datetime.date:
    dag = datetime.date(jaar, maand, 1)
    while not is_werkdag(dag):
        dag += DAG
    return dag
