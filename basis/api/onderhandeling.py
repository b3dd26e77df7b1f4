"""Content negotiation: an unknown `?format=` is invalid input."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class Onderhandeling(DefaultContentNegotiation):
    """`?format=` with a format the endpoint does not have is invalid input, a 400 naming the
    parameter (NL API Design Rules, /core/error-handling/invalid-input); DRF answers a 404 as if the
    path did not exist. A `.xyz` suffix on the path stays a 404: that path does not exist."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            if format_suffix:
                raise
            naam = self.settings.URL_FORMAT_OVERRIDE
            keuzes = ", ".join(sorted({r.format for r in renderers}))
            bericht = f"Onbekend formaat. Kies uit: {keuzes}."
            raise exceptions.ValidationError({naam: [exceptions.ErrorDetail(bericht, code="invalid_choice")]}) from None
