"""Management commands: a refusal of the domain becomes the command's error, one way for all."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError

from basis.exceptions import Domeinfout


@contextmanager
def domeinfouten_als_commandofout(stderr=None, voorvoegsel: str = "") -> Iterator[None]:
    """Inside this block a `Domeinfout` ends the command with a `CommandError` in its Dutch words,
    `voorvoegsel` first (the file, say). With `stderr`, every refused field or line is written
    there first, one per line."""
    try:
        yield
    except Domeinfout as fout:
        if stderr is not None:
            for regel in fout.regels():
                stderr.write(regel)
        raise CommandError(f"{voorvoegsel}{fout.bericht}") from fout
