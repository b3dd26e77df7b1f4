"""The API's plumbing, one concern a module: `fouten` (problem+json), `parameters` (query
parameters), `paginering`, `onderhandeling` (content negotiation), `rechten` (roles per action),
`paden` (paths outside the router), `historie` (the `historie` answer), `viewsets` (the base class
of every viewset), `openapi` (the document), `jsontypen` (JSON bodies read with the document's
types) and `tokens` (token authentication)."""
