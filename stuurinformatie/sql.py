"""Date arithmetic the database does per row, for PostgreSQL and SQLite alike.

Django has no portable "days between two dates"; these small functions give the same integer
on both backends, so the figures are computed in one aggregate query instead of row by row in
Python.
"""

from django.db.models import DateField, FloatField, Func, IntegerField


class DagenTussen(Func):
    """`eind - begin` in whole days (dates)."""

    arity = 2
    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class EenJaarLaterMinEenDag(Func):
    """`datum + 1 year - 1 day`: the end of the cost estimate of an indicatie without einddatum
    (indicaties.costs.kostenperiode_einde)."""

    arity = 1
    template = "CAST((%(expressions)s + INTERVAL '1 year' - INTERVAL '1 day') AS date)"
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="date(%(expressions)s, '+1 year', '-1 day')", **extra_context)


class AlsGetal(Func):
    """The value as a floating-point number: sums of many amounts and divisions, an order of
    magnitude faster than exact decimals in the database; rounded to cents only at the end."""

    arity = 1
    template = "CAST(%(expressions)s AS double precision)"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s * 1.0)", **extra_context)


def groepeer(connection, sql: str, params, kolommen: list[str], sommen: list[str], sets: list[tuple[str, ...]]):
    """SUM(`sommen`) of the rows of `sql` for each grouping set in `sets`, in one statement.

    PostgreSQL computes the sets in one pass (GROUPING SETS); SQLite, which has no grouping sets,
    gets a UNION ALL over a common table expression. Columns not in a set come back as NULL (the
    grouped columns here are foreign keys that are never NULL themselves).
    """
    somlijst = ", ".join(f"SUM({s})" for s in sommen)
    if connection.vendor == "postgresql":
        kol = ", ".join(kolommen)
        groepen = ", ".join("(" + ", ".join(s) + ")" for s in sets)
        return f"SELECT {kol}, {somlijst} FROM ({sql}) AS t GROUP BY GROUPING SETS ({groepen})", params  # noqa: S608
    delen = []
    for s in sets:
        kol = ", ".join(k if k in s else f"NULL AS {k}" for k in kolommen)
        delen.append(f"SELECT {kol}, {somlijst} FROM t GROUP BY {', '.join(s)}")  # noqa: S608
    return f"WITH t AS ({sql}) " + " UNION ALL ".join(delen), params


# --- SQL text over a derived table --------------------------------------------------------------
# For a query with dozens of conditional aggregates Django's expressions cost more to build than
# the database needs to answer (overzicht.clienten: more time in Python than in SQL). These write
# the same per-row arithmetic as the functions above, as text.


def dagen_tussen_sql(connection, eind: str, begin: str) -> str:
    """`eind - begin` in whole days, as DagenTussen."""
    if connection.vendor == "sqlite":
        return f"CAST(julianday({eind}) - julianday({begin}) AS INTEGER)"
    return f"({eind} - {begin})"


def kleinste_sql(connection, *delen: str) -> str:
    """The smallest of the (non-null) values, as Least."""
    return f"{'MIN' if connection.vendor == 'sqlite' else 'LEAST'}({', '.join(delen)})"


def grootste_sql(connection, *delen: str) -> str:
    """The largest of the (non-null) values, as Greatest."""
    return f"{'MAX' if connection.vendor == 'sqlite' else 'GREATEST'}({', '.join(delen)})"
