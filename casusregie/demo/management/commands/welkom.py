"""The last lines of `make run`: where Casusregie runs and how to log in, printed once the web
server answers and the Celery worker has shown its banner, so the demo password is the last
thing on the screen instead of sixty lines above it. Then it waits with the other processes
(honcho stops them all when one of them ends)."""

import os
import signal
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand

from basis.verwerking import GEEN
from casusregie.demo.management.commands.demo_data import GEBRUIKERS


class Command(BaseCommand):
    help = "Toont het adres en het wachtwoord van de demogebruikers zodra Casusregie draait."
    # It reads the demo password from var/ and asks the web server whether it answers: no personal data.
    verwerking = GEEN

    def add_arguments(self, parser):
        parser.add_argument(
            "--wacht", type=float, default=60, help="Hoogstens zo veel seconden op de webserver wachten."
        )
        parser.add_argument("--na", type=float, default=4, help="Daarna nog zo veel seconden (de banner van Celery).")
        parser.add_argument("--stop", action="store_true", help="Na het tonen stoppen in plaats van blijven wachten.")

    def handle(self, *args, wacht=60, na=4, stop=False, **options):
        adres = os.environ.get("CASUSREGIE_ADRES", "127.0.0.1:8000")
        self._wacht_op(f"http://{adres}/gezondheid/", wacht)
        time.sleep(na)
        bestand = settings.VAR_DIR / "demo-wachtwoord.txt"
        regels = ["", "=" * 72, f"Casusregie draait op http://{adres}/ (stoppen: Ctrl+C)"]
        if bestand.exists():
            namen = ", ".join(g[0] for g in GEBRUIKERS)
            regels += [f"Inloggen als {namen}", f"met het wachtwoord: {bestand.read_text().strip()}"]
        regels += ["=" * 72, ""]
        self.stdout.write("\n".join(regels))
        self.stdout.flush()
        if not stop:
            signal.pause()

    def _wacht_op(self, url: str, seconden: float) -> None:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            try:
                with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own address)
                    return
            except urllib.error.HTTPError:
                return  # it answers, healthy or not
            except OSError:
                time.sleep(0.5)
