"""Domain errors. One exception handler (basis.api) maps them to HTTP; the UI to form errors."""

from collections.abc import Sequence


class RuleViolation(Exception):
    """A change refused by one or more blocking rules (HTTP 400)."""

    def __init__(self, violations: Sequence):
        self.violations = list(violations)
        super().__init__("; ".join(f"{v.code}: {v.bericht}" for v in self.violations))


class InvalidTransition(Exception):
    """A state transition that is not allowed now (HTTP 409)."""

    def __init__(self, bericht: str, code: str = "ongeldige_overgang"):
        self.bericht = bericht
        self.code = code
        super().__init__(bericht)


class StaleVersion(Exception):
    """The client changed an object based on an old version (HTTP 412)."""

    def __init__(self, bericht: str = "Deze gegevens zijn intussen gewijzigd. Haal ze opnieuw op."):
        self.bericht = bericht
        super().__init__(bericht)


class NotAllowed(Exception):
    """The user may not do this, e.g. judge their own work (four-eyes, HTTP 403)."""

    def __init__(self, bericht: str):
        self.bericht = bericht
        super().__init__(bericht)
