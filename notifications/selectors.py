"""Reading the inbox."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from .models import Notificatie


def ongelezen(ontvanger: AbstractBaseUser) -> QuerySet[Notificatie]:
    """The notifications this user has not read yet, newest first."""
    return Notificatie.objects.filter(ontvanger=ontvanger, gelezen=False).order_by("-aangemaakt", "id")
