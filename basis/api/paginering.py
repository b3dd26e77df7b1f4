"""Pagination of every list: `?page=` and `?pageSize=`, counted the way the view says."""

from django.core.paginator import Paginator as DjangoPaginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from basis.api.parameters import positief_geheel_getal

# Up to this many rows a list with a `telling` reads its page among their ids (docs/performance.md).
KLEINE_LIJST = 5000


class _Paginator(DjangoPaginator):
    """Django's paginator, counting `telling` when given instead of the page's own query.

    The page's own query walks the list in its order and stops after a page of rows the user may
    see: quick while they are many. When they are few (a schakelteam with a handful of requests
    in a register of a million) that walk reads the whole register to find them; then their ids
    come first, from `telling`, and the page is read among those. The page's query keeps every
    condition of its own, so the ids can only narrow it."""

    def __init__(self, object_list, per_page, *, telling=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.telling = telling

    @cached_property
    def count(self) -> int:
        if self.telling is not None:
            return self.telling.count()
        return super().count

    def page(self, number):
        if self.telling is not None and 0 < self.count <= KLEINE_LIJST:
            ids = list(self.telling.order_by().values_list("pk", flat=True))
            self.object_list = self.object_list.filter(pk__een_van=ids)
        return super().page(number)


class Paginering(PageNumberPagination):
    """`?page=` and `?pageSize=` (50 by default, at most 500), validated as the document says.

    `?page_size=` is how contract v1.0 spelled the page size. It still works exactly as it did
    (a value that is not a positive number means the default, more than 500 means 500), but it is
    no longer documented."""

    page_size_query_param = "pageSize"
    page_size_query_description = "Aantal resultaten per pagina (standaard 50)."
    page_query_description = "Het nummer van de pagina, vanaf 1."
    oude_page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        # A view may count its rows with a query of its own (`telling`): the same rows, in the
        # form the database counts fastest (privacy.caseload, `voor_telling`).
        telling = getattr(view, "telling", None)
        self._telling = telling() if telling is not None else None
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page, **kwargs):
        return _Paginator(object_list, per_page, telling=getattr(self, "_telling", None), **kwargs)

    def get_page_size(self, request):
        waarde = request.query_params.get(self.page_size_query_param)
        if waarde is not None:
            return positief_geheel_getal(self.page_size_query_param, waarde, self.max_page_size)
        if self.oude_page_size_query_param in request.query_params:
            try:
                oud = int(request.query_params[self.oude_page_size_query_param])
            except ValueError:
                return self.page_size
            return min(oud, self.max_page_size) if oud > 0 else self.page_size
        return self.page_size

    def get_page_number(self, request, paginator):
        waarde = request.query_params.get(self.page_query_param)
        if waarde in (None, *self.last_page_strings):
            return super().get_page_number(request, paginator)
        # A number past the last page stays a 404 (docs/api.md); a page that is no number is a 400.
        return positief_geheel_getal(self.page_query_param, waarde)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["schema"]["default"] = self.page_size
        return parameters
