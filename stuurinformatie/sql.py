"""Date arithmetic the database does per row, for PostgreSQL and SQLite alike.

Django has no portable "days between two dates"; these small functions give the same integer
on both backends, so the figures are computed in one aggregate query instead of row by row in
Python.
"""

from django.db.models import DateField, DecimalField, Func, IntegerField


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


class AlsDecimaal(Func):
    """The value as a decimal number, so a division never becomes an integer division.

    SQLite stores a whole amount (100.00) as an integer and divides integers as integers.
    """

    arity = 1
    template = "CAST(%(expressions)s AS numeric)"
    output_field = DecimalField(max_digits=30, decimal_places=8)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s * 1.0)", **extra_context)
