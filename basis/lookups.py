"""`veld__een_van=[...]`: membership of a long list as one parameter.

`__in` writes a placeholder per value: `IN (%s, %s, …)`. For the batches of an import (a thousand
BSNs, external ids or inwoner ids per query) both Django and the database driver then spend more
time on the text of the query than the database spends on answering it. On PostgreSQL this
lookup sends the list as one array: `veld = ANY(%s)`. Elsewhere it is `__in`.
"""

from django.db.models import Field, ForeignObject, Lookup
from django.db.models.lookups import In


class EenVan(Lookup):
    lookup_name = "een_van"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        waarden = list(self.rhs)
        if connection.vendor != "postgresql" or not waarden:
            return compiler.compile(In(self.lhs, waarden))
        lhs, lhs_params = self.process_lhs(compiler, connection)
        veld = self.lhs.output_field
        return f"{lhs} = ANY(%s)", [*lhs_params, [veld.get_db_prep_value(w, connection) for w in waarden]]


Field.register_lookup(EenVan)
ForeignObject.register_lookup(EenVan)  # a foreign key's lookups are its own
