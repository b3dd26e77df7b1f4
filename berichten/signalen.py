"""Signals the chain sends to the apps above it (stuurinformatie), which berichten may not import.

`prestaties_beoordeeld`: a declaration (323) was judged. Sent inside the transaction that stores
the approvals and the 325, after they are stored, so a receiver that fails undoes the whole
message. Keyword arguments:

- `declaratie`: the `Declaratie` (its amounts and status final, its 325 written);
- `toegekend`: the debet `Prestatie` objects approved in it;
- `gecrediteerd`: the earlier debet `Prestatie` objects that an approved credit in it reversed
  (`gecrediteerd_door` set).
"""

from django.dispatch import Signal

prestaties_beoordeeld = Signal()
