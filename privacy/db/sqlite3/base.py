from django.db.backends.sqlite3 import base

from .. import LogVoorCommit


class DatabaseWrapper(LogVoorCommit, base.DatabaseWrapper):
    pass
