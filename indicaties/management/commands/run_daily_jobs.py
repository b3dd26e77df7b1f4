"""`run_daily_jobs`, the name docs/api.md gives the daily run: the same command as `dagelijkse_run`."""

from .dagelijkse_run import Command as DagelijkseRun


class Command(DagelijkseRun):
    pass
