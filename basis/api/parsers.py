"""The parsers of the API: DRF's own, except that JSON nested deeper than Python can read is a
parse error (400) like any other unreadable body, not a RecursionError that ends as a 500."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

TE_DIEP_GENEST = "JSON parse error - nested too deep"


class JsonParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TE_DIEP_GENEST) from None
