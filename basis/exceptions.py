"""Domain errors: one family for every refusal (docs/architecture.md, "Eén familie van fouten").

Each is a `Domeinfout` with a code from `basis.codes.Code`, a Dutch message and, where the refusal
concerns fields, parameters or lines, the `Violation`s that name them. A service raises them; one
place maps them per entry point: `basis.api.fouten` to problem+json, `basis.web.fouten_naar_formulier`
to form errors, `basis.commando.domeinfouten_als_commandofout` to a management command's error.
"""

from collections.abc import Sequence

from basis.codes import Code, Violation


class Domeinfout(Exception):
    """A refusal. `status`: the HTTP status the API answers with; `detail`: the problem's summary."""

    status = 400
    code: Code = Code.INVALID

    def __init__(self, bericht: str, *, code: Code | None = None, violations: Sequence[Violation] = ()):
        self.bericht = bericht
        if code is not None:
            self.code = code
        self.violations = list(violations)
        super().__init__(bericht)

    @property
    def detail(self) -> str:
        return self.bericht

    def invalid_params(self) -> list[dict] | None:
        """The fields, parameters or lines refused, as `invalid_params`; None for a refusal of the
        request as a whole."""
        if not self.violations:
            return None
        return [{"name": v.veld, "code": str(v.code), "reason": v.bericht} for v in self.violations]

    def regels(self) -> list[str]:
        """The refused fields or lines, one per line of text (a command writes them to stderr)."""
        return [f"{v.veld}: {v.bericht}" for v in self.violations]


class RuleViolation(Domeinfout):
    """A change refused by one or more blocking rules (HTTP 400)."""

    def __init__(self, violations: Sequence[Violation]):
        violations = list(violations)
        super().__init__(
            "; ".join(f"{v.code}: {v.bericht}" for v in violations),
            code=violations[0].code if violations else Code.INVALID,
            violations=violations,
        )

    @property
    def detail(self) -> str:
        return "De gegevens voldoen niet aan de regels."

    def invalid_params(self) -> list[dict]:
        return super().invalid_params() or []


class OngeldigeInvoer(Domeinfout):
    """Input that cannot be read: a query parameter, a filter (HTTP 400, like a serializer's error)."""

    def __init__(self, veld: str, bericht: str, code: Code = Code.INVALID):
        super().__init__(bericht, code=code, violations=[Violation(code, veld, bericht)])
        self.veld = veld

    @property
    def detail(self) -> str:
        return "De gegevens zijn ongeldig."


class BestandGeweigerd(Domeinfout):
    """A file refused whole (an import): nothing of it is read in. `violations` name the lines."""

    code = Code.BESTAND_GEWEIGERD


class InvalidTransition(Domeinfout):
    """A state transition that is not allowed now (HTTP 409)."""

    status = 409

    def __init__(self, bericht: str, code: Code = Code.ONGELDIGE_OVERGANG):
        super().__init__(bericht, code=code)


class StaleVersion(Domeinfout):
    """The client changed an object based on an old version (HTTP 412)."""

    status = 412

    def __init__(self, bericht: str = "Deze gegevens zijn intussen gewijzigd. Haal ze opnieuw op."):
        super().__init__(bericht, code=Code.VEROUDERDE_VERSIE)


class NotAllowed(Domeinfout):
    """The user may not do this, e.g. judge their own work (four-eyes, HTTP 403)."""

    status = 403

    def __init__(self, bericht: str, code: Code = Code.NIET_TOEGESTAAN):
        super().__init__(bericht, code=code)
