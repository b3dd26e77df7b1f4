from django.db.backends.postgresql import base

from .. import LogVoorCommit


class DatabaseWrapper(LogVoorCommit, base.DatabaseWrapper):
    pass
