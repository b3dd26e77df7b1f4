"""The five roles of docs/domain.md. A user's role is their Django group membership."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

CONSULENT = "consulent"
SCHAKELTEAM = "schakelteam"
BACKOFFICE = "backoffice"
BELEID = "beleid"
BEHEER = "beheer"
ALLE_ROLLEN = (CONSULENT, SCHAKELTEAM, BACKOFFICE, BELEID, BEHEER)
# The roles whose work needs the dossiers of inwoners (register, review, sample).
ZORGROLLEN = (CONSULENT, SCHAKELTEAM, BACKOFFICE)


def rollen_van(user: AbstractBaseUser | AnonymousUser | None) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_casusregie_rollen", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._casusregie_rollen = cached
    return cached


def heeft_rol(user, *rollen: str) -> bool:
    return bool(rollen_van(user) & set(rollen))


def actieve_consulenten():
    """The users who can direct an inwoner, as a queryset (for a choice of regisseur)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, groups__name=CONSULENT)


def is_actieve_consulent(user) -> bool:
    """Who can direct an inwoner (be their regisseur): an active user in the role consulent."""
    return user is not None and user.is_active and heeft_rol(user, CONSULENT)


# Django model permissions per role, used by the Django admin (beheer). The API and the UI check
# roles themselves (basis.api.rechten.HeeftRol); these only open the admin screens.
GROEPSRECHTEN: dict[str, list[str]] = {
    CONSULENT: [],
    SCHAKELTEAM: [],
    BACKOFFICE: [],
    BELEID: [],
    BEHEER: [
        "indicaties.view_inwoner",
        "indicaties.view_aanbieder",
        "indicaties.add_aanbieder",
        "indicaties.change_aanbieder",
        "indicaties.view_product",
        "indicaties.add_product",
        "indicaties.change_product",
        "indicaties.view_tarief",
        "indicaties.add_tarief",
        "indicaties.change_tarief",
        "indicaties.delete_tarief",
        "indicaties.view_indicatie",
        # Contracts (aanbieder × product) for the chain: added and changed through the services.
        "indicaties.view_contract",
        "indicaties.add_contract",
        "indicaties.change_contract",
        # Messages of the chain and requests of aanbieders only to look at (berichten.md).
        "berichten.view_bericht",
        "berichten.view_verzoek",
        "berichten.view_declaratie",
        "berichten.view_prestatie",
        # Policy numbers from a date (docs/domain.md, "Beleidsregels"): set through the service.
        "indicaties.view_beleidsregels",
        "indicaties.add_beleidsregels",
        "indicaties.view_opvolging",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        # API tokens (docs/permissions.md): make one for a user, see its last use, set its end, revoke it.
        "casusregie.view_apitoken",
        "casusregie.add_apitoken",
        "casusregie.change_apitoken",
        "casusregie.delete_apitoken",
        "stuurinformatie.view_productmixbasis",
        "stuurinformatie.add_productmixbasis",
        "stuurinformatie.change_productmixbasis",
        "stuurinformatie.view_businesscasedoel",
        "stuurinformatie.add_businesscasedoel",
        "stuurinformatie.change_businesscasedoel",
        "stuurinformatie.view_streefwaarde",
        "stuurinformatie.change_streefwaarde",
        # Declaraties come in through the import only (whole files); beheer can look them up.
        "stuurinformatie.view_declaratiebestand",
        "stuurinformatie.view_declaratie",
        "stuurinformatie.view_maandrapport",
        # Samples and verdicts only to look at: they change through the services (four-eyes).
        "toetsing.view_steekproef",
        "toetsing.view_toetsing",
        # Teams share a caseload (need to know); the accesses outside it and the processing log
        # only to look at: they are append-only (docs/privacy.md).
        "privacy.view_team",
        "privacy.add_team",
        "privacy.change_team",
        "privacy.delete_team",
        "privacy.view_toegangbuitencaseload",
        "privacy.view_verwerking",
        "privacy.view_handeling",
        "privacy.view_correctie",
    ],
}


def zet_groepsrechten(apps, schema_editor=None) -> None:
    """Create the role groups with their permissions; called from data migrations."""
    from django.apps import apps as globale_apps
    from django.contrib.auth.management import create_permissions

    for app_config in globale_apps.get_app_configs():
        # Put back what was there: None would hide every app from what runs after the migrations
        # in this process (post_migrate, and the test database copy that serialized_rollback uses).
        models_module, app_config.models_module = app_config.models_module, True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, rechten in GROEPSRECHTEN.items():
        groep, _ = Group.objects.get_or_create(name=rol)
        gevonden = []
        for recht in rechten:
            app_label, codename = recht.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                gevonden.append(perm)
        groep.permissions.set(gevonden)
