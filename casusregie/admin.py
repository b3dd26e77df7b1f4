"""Shared pieces of the beheer screens (Django admin) for the admin modules of every app."""


class AlleenLezen:
    """History and derived records cannot be edited or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
