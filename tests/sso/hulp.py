"""The browser's part of a login with the municipality's account, played by the tests."""

import requests

# How the municipality's IdP names the groups that give our roles.
IDP_GROEPEN = {
    "consulent": "GG-Casusregie-Consulent",
    "schakelteam": "GG-Casusregie-Schakelteam",
    "backoffice": "GG-Casusregie-Backoffice",
    "beleid": "GG-Casusregie-Beleid",
    "beheer": "GG-Casusregie-Beheer",
}


def naar_de_idp(client, pad: str = "/inloggen/gemeente/") -> str:
    """Click "Inloggen met uw gemeente-account": the address of the provider's login page."""
    antwoord = client.get(pad)
    assert antwoord.status_code == 302, antwoord.content
    return antwoord["Location"]


def inloggen_bij_de_idp(adres: str, sub: str, **formulier) -> str:
    """Log in at the provider's page: where it sends the browser back to (on Casusregie)."""
    antwoord = requests.post(adres, data={"sub": sub, **formulier}, allow_redirects=False, timeout=5)
    assert antwoord.status_code == 302, antwoord.text
    terug = antwoord.headers["Location"]
    assert terug.startswith("http://testserver/inloggen/gemeente/terug/?"), terug
    return terug.removeprefix("http://testserver")


def inloggen(client, sub: str, pad: str = "/inloggen/gemeente/"):
    """The whole login as a browser does it: Casusregie's answer to the return from the provider."""
    return client.get(inloggen_bij_de_idp(naar_de_idp(client, pad), sub))
