"""Database backends that are Django's own plus one thing: just before a transaction commits,
the processing log writes what that work processed (privacy.logboek.voor_commit), so a change
and its log records commit together. `casusregie.settings` picks the one for the database."""


class LogVoorCommit:
    def commit(self):
        from privacy import logboek

        logboek.voor_commit()
        super().commit()
