"""How much a person may type in one field: one limit per field, the same through the web form,
the API, the admin and the import. Forms and serializers take their `max_length` from here, so a
refusal comes early with the field; the rules below refuse the same for every entry point."""

from basis.codes import Code, Violation

# A motivation, reason, explanation, question or answer: a few pages of text at most.
MAX_TEKST = 10_000
# One agreed result (a goal).
MAX_DOEL_TEKST = 2_000
# Agreed results per indicatie.
MAX_DOELEN = 20


def _te_lang(veld: str, lengte: int, maximum: int) -> list[Violation]:
    if lengte <= maximum:
        return []
    return [Violation(Code.MAX_LENGTH, veld, f"Gebruik hooguit {maximum:,} tekens.".replace(",", "."))]


def tekst_te_lang(veld: str, tekst: str | None, maximum: int = MAX_TEKST) -> list[Violation]:
    return _te_lang(veld, len(tekst or ""), maximum)


def doel_te_lang(langste: int) -> list[Violation]:
    """`langste`: the length of the longest goal's description."""
    return _te_lang("doelen", langste, MAX_DOEL_TEKST)


def te_veel_doelen(aantal: int | None) -> list[Violation]:
    if aantal is None or aantal <= MAX_DOELEN:
        return []
    return [Violation(Code.MAX_LENGTH, "doelen", f"Leg hooguit {MAX_DOELEN} doelen vast.")]
