"""Choices of the domain as plain Python enums, without Django.

A `Keuze` is a `StrEnum` whose members carry a Dutch label, as `basis.codes.Code` does: the rules
compare members, the models and forms take their choices from the class (`choices`, `values`),
and a person reads the label. The value is what the database stores, so it never changes.
"""

from enum import EnumType, StrEnum, nonmember


class _KeuzeType(EnumType):
    @property
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs, for a model field, a form field or a serializer."""
        return [(lid.value, lid.label) for lid in cls]

    @property
    def values(cls) -> list[str]:
        return [lid.value for lid in cls]

    @property
    def labels(cls) -> list[str]:
        return [lid.label for lid in cls]


class Keuze(StrEnum, metaclass=_KeuzeType):
    """`NAAM = "waarde", "Label"`; without a label the value is its own label."""

    label: str
    # A template would call the class (an enum is callable); it is data there.
    do_not_call_in_templates = nonmember(True)

    def __new__(cls, waarde: str, label: str | None = None):
        lid = str.__new__(cls, waarde)
        lid._value_ = waarde
        lid.label = waarde if label is None else label
        return lid
