"""Which processing activity of the register (privacy.register) an entry point performs, declared
where the entry point is defined, as it declares its roles:

- an API viewset: `verwerkingen = {"list": RAADPLEGEN, "create": ...}` next to `rollen`, by
  action; a plain APIView by method (`{"get": ...}`);
- a page: `@verwerking(INZIEN_DOSSIER)` on the view function, or the attribute `verwerking` on a
  class-based view;
- the admin: the attribute `verwerking` on the ModelAdmin, else on the admin site;
- a management command: the attribute `verwerking` on its `Command`;
- a Celery task: `@shared_task(verwerking=...)`.

An entry point that processes no inwoner's data declares `GEEN`. The processing log
(privacy.logboek) reads the declaration and refuses to record processing for an entry point that
declared none, or `GEEN`: it never files one under another's activity.
"""

from django.views.generic import RedirectView

GEEN = "geen"


def verwerking(activiteit: str):
    """`@verwerking(activiteit)` on a view function (or on the function `as_view()` returned)."""

    def decorator(view):
        view.verwerking = activiteit
        return view

    return decorator


def van_view(view, methode: str) -> str | None:
    """The activity a resolved view declared for this method; None when it declared none."""
    methode = methode.lower()
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if cls is not None:
        if issubclass(cls, RedirectView):
            # Django's redirects (the admin's old object addresses) read nothing.
            return GEEN
        acties = dict(getattr(view, "actions", None) or {})
        if "get" in acties:
            acties.setdefault("head", acties["get"])
        actie = acties.get(methode) or ("get" if methode == "head" else methode)
        per_actie = getattr(cls, "verwerkingen", None) or {}
        if actie in per_actie:
            return per_actie[actie]
        return getattr(view, "verwerking", None) or getattr(cls, "verwerking", None)
    # The admin wraps the methods of its ModelAdmins and of the site itself.
    laag = view
    while laag is not None:
        eigenaar = getattr(laag, "model_admin", None) or getattr(laag, "__self__", None)
        if eigenaar is not None and hasattr(eigenaar, "admin_site"):
            return getattr(eigenaar, "verwerking", None) or getattr(eigenaar.admin_site, "verwerking", None)
        site = getattr(laag, "admin_site", None) or eigenaar
        if site is not None and hasattr(site, "admin_view"):
            return getattr(site, "verwerking", None)
        if getattr(laag, "verwerking", None) is not None:
            return laag.verwerking
        laag = getattr(laag, "__wrapped__", None)
    return None
