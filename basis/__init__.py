"""The ground floor: what every app builds on and that builds on no app — the clock, rule codes
and their labels, Dutch notation, domain errors, roles, history, the API's plumbing, the web's
base views and templates, single sign-on and API tokens."""
