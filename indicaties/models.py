"""Data of the indicatie register and the constraints the database can hold.

Workflow logic lives in `indicaties.services`; the rules themselves in `indicaties.rules`. What the database can
guard (dates in order, positive volume, a reason with spoed, one BSN per inwoner, one
evaluation per indicatie) it guards here too, so no entry point can slip past.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from basis.codes import SIGNALEN
from basis.notatie import datum_tekst

# The choices live in the Django-free domain module; they are named here too, for the code that
# reads them beside the models.
from .domein import (
    Besluit,
    CheckStatus,
    Eenheid,
    EvaluatieStatus,
    Frequentie,
    Geslacht,
    IndicatieStatus,
    Leefgebied,
    OpvolgingAfhandeling,
    OpvolgingBron,
    ResultaatBehaald,
    Uitkomst,
    Uitvoeringsvariant,
    Wet,
)
from .rules.traject import achttiende_verjaardag

INWONERNUMMER_REEKS = "indicaties_inwoner_nummer_seq"


def volgend_inwonernummer() -> int:
    """The next inwoner number: from a sequence on PostgreSQL (concurrent registrations never get
    the same one), elsewhere one above the highest."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(%s)", [INWONERNUMMER_REEKS])
        else:
            cursor.execute("SELECT COALESCE(MAX(nummer), 0) + 1 FROM indicaties_inwoner")
        return cursor.fetchone()[0]


def nummers_toekennen() -> int:
    """Give every inwoner without a number one (rows written in bulk, COPY); how many got one."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE indicaties_inwoner SET nummer = nextval(%s) WHERE nummer IS NULL", [INWONERNUMMER_REEKS]
            )
        else:
            # rowid is unique, so the highest number plus it is too.
            cursor.execute(
                "UPDATE indicaties_inwoner SET nummer = "
                "(SELECT COALESCE(MAX(nummer), 0) FROM indicaties_inwoner) + rowid WHERE nummer IS NULL"
            )
        return cursor.rowcount


class Inwoner(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    bsn = models.CharField("BSN", max_length=9, unique=True)
    voornaam = models.CharField(max_length=100)
    achternaam = models.CharField(max_length=150)
    geboortedatum = models.DateField()
    wlz_indicatie = models.BooleanField("Wlz-indicatie", default=False)
    # What the messages of the chain need of the inwoner (Client/Geslacht and Client/Contactgegevens).
    geslacht = models.CharField(max_length=8, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    straat = models.CharField(max_length=24, blank=True)
    huisnummer = models.PositiveIntegerField(null=True, blank=True)
    postcode = models.CharField(max_length=6, blank=True, help_text="Zonder spatie, bijvoorbeeld 5211AB.")
    woonplaats = models.CharField(max_length=80, blank=True)
    # Indexed below with the id beside it (`inwoner_regisseur`).
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # A stable small number of the inwoner (never their BSN): the kept monthly stuurinformatie
    # stores sets of inwoners as bitmaps of these numbers (stuurinformatie/maanden/). Given on
    # the first save; rows written in bulk get theirs from `nummers_toekennen`.
    nummer = models.PositiveIntegerField(unique=True, null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["aangemaakt", "nummer"])

    class Meta:
        verbose_name_plural = "inwoners"
        ordering = ["achternaam", "voornaam", "id"]
        indexes = [
            # A regisseur's inwoners as ids only: the werkvoorraad joins them to the open checks
            # without reading an inwoner row (docs/performance.md, "Werkvoorraad").
            models.Index(fields=["regisseur"], include=["id"], name="inwoner_regisseur"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(bsn__regex=r"^[0-9]{9}$"), name="inwoner_bsn_9_cijfers"),
            models.CheckConstraint(condition=Q(geslacht__in=Geslacht.values), name="inwoner_geslacht_geldig"),
            models.CheckConstraint(
                condition=Q(postcode="") | Q(postcode__regex=r"^[1-9][0-9]{3}[A-Z]{2}$"), name="inwoner_postcode_nl"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    def save(self, *args, **kwargs):
        if self.nummer is None:
            self.nummer = volgend_inwonernummer()
        super().save(*args, **kwargs)

    @property
    def bsn_gemaskeerd(self) -> str:
        return "*****" + self.bsn[-4:]

    @property
    def achttiende_verjaardag(self):
        return achttiende_verjaardag(self.geboortedatum)


class Aanbieder(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    naam = models.CharField(max_length=200)
    agb_code = models.CharField("AGB-code", max_length=8, unique=True)
    budgetplafond = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "aanbieders"
        ordering = ["naam", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(agb_code__regex=r"^[0-9]{8}$"), name="aanbieder_agb_8_cijfers"),
        ]

    def __str__(self) -> str:
        return self.naam


class Product(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(max_length=10, unique=True)
    naam = models.CharField(max_length=200)
    wet = models.CharField(max_length=10, choices=Wet.choices)
    eenheid = models.CharField(max_length=10, choices=Eenheid.choices)
    lichtere_variant = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="zwaardere_varianten"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "producten"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=~Q(lichtere_variant=F("id")), name="product_niet_eigen_lichtere_variant"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.naam}"


class Tarief(models.Model):
    """Price per unit of a product for a period; periods of one product never overlap.

    On PostgreSQL an exclusion constraint (migration 0003) guards the overlap as well.
    """

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tarieven")
    geldig_van = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True, help_text="Leeg: zonder einddatum.")
    bedrag = models.DecimalField(max_digits=10, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "tarieven"
        ordering = ["product", "geldig_van"]
        constraints = [
            models.UniqueConstraint(fields=["product", "geldig_van"], name="tarief_uniek_per_begindatum"),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
                name="tarief_periode_op_volgorde",
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="tarief_bedrag_positief"),
        ]

    def __str__(self) -> str:
        return f"{self.product.code} vanaf {datum_tekst(self.geldig_van)}: € {self.bedrag}"


class Contract(models.Model):
    """An aanbieder contracted for a product from a date (docs/domain.md, "The chain"): care is only
    assigned to an aanbieder with a contract for the product on the ingangsdatum (`geen_contract`).
    It names the product as the iStandaard does (productcategorie + productcode) for the messages.
    `tarief` empty: the catalogue's tarieven of the product apply (always so for taakgericht)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="contracten")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="contracten")
    productcategorie = models.CharField(max_length=2)
    productcode = models.CharField(max_length=5, blank=True)
    uitvoeringsvariant = models.CharField(max_length=20, choices=Uitvoeringsvariant.choices)
    tarief = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    geldig_van = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True, help_text="Leeg: zonder einddatum.")
    history = HistoricalRecords(no_db_index=["aanbieder", "product"])

    class Meta:
        verbose_name_plural = "contracten"
        ordering = ["aanbieder", "product", "geldig_van"]
        indexes = [models.Index(fields=["aanbieder", "product", "geldig_van"], name="contract_paar_van")]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "product", "geldig_van"], name="contract_uniek_per_begindatum"
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
                name="contract_periode_op_volgorde",
            ),
            models.CheckConstraint(
                condition=Q(productcategorie__regex=r"^[0-9]{2}$"), name="contract_categorie_2_cijfers"
            ),
            models.CheckConstraint(condition=Q(tarief__isnull=True) | Q(tarief__gt=0), name="contract_tarief_positief"),
            models.CheckConstraint(
                condition=~Q(uitvoeringsvariant="taakgericht") | Q(tarief__isnull=True),
                name="contract_taakgericht_zonder_tarief",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aanbieder} – {self.product.code} vanaf {datum_tekst(self.geldig_van)}"


def volgende_nummers(naam: str, reeks: str, aantal: int) -> list[int]:
    """`aantal` new numbers of the series `naam`, never handed out twice, in ascending order.

    On PostgreSQL from the sequence `reeks`: `nextval` never waits for another transaction, so
    registrations at the same time do not queue behind one locked row until each commits (the
    numbers of a transaction that rolls back are skipped, never reused). Elsewhere from the row of
    `Nummerreeks`, locked until the transaction ends: SQLite writes one transaction at a time anyway."""
    from django.db import connection

    if aantal <= 0:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [reeks, aantal])
            return sorted(rij[0] for rij in cursor.fetchall())
    rij, _ = Nummerreeks.objects.select_for_update().get_or_create(naam=naam)
    eerste = rij.laatste + 1
    rij.laatste += aantal
    rij.save(update_fields=["laatste"])
    return list(range(eerste, eerste + aantal))


class Nummerreeks(models.Model):
    """The last number handed out of a series (the ToewijzingNummer: OP275, one per indicatie, unique
    per gemeente and wet; this installation serves one gemeente and numbers both laws from one series,
    so a number is unique per wet as well). Where the database has no sequences (`volgende_nummers`):
    locked row by row, so two registrations never get the same."""

    naam = models.CharField(max_length=30, primary_key=True)
    laatste = models.BigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "nummerreeksen"

    def __str__(self) -> str:
        return f"{self.naam}: {self.laatste}"


class Indicatie(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the index on (inwoner, status) serves every lookup by inwoner.
    inwoner = models.ForeignKey(Inwoner, on_delete=models.PROTECT, related_name="indicaties", db_index=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="indicaties")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="indicaties")
    volume = models.DecimalField(max_digits=9, decimal_places=2)
    eenheid = models.CharField(max_length=10, choices=Eenheid.choices)
    frequentie = models.CharField(max_length=10, choices=Frequentie.choices)
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    motivatie = models.TextField(blank=True)
    spoed = models.BooleanField(default=False)
    spoed_reden = models.TextField(blank=True)
    voorganger = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opvolgers",
        help_text="De indicatie die deze verlengt.",
    )
    vervangt = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangers",
        help_text="De indicatie die na een evaluatie is afgeschaald of anders ingezet.",
    )
    # Indexed below with what the werkvoorraad joins on (`indicatie_consulent`).
    consulent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    # No index of its own: the index on (status, einddatum) serves a lookup by status.
    status = models.CharField(max_length=25, choices=IndicatieStatus.choices)
    # Derived by the rules (`rules.beoordeel_indicatie`) from the fields above and stored, so lists and figures need no
    # per-row computation. Recomputed on every change.
    uren_per_week = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    geschatte_kosten = models.DecimalField(max_digits=14, decimal_places=2)
    reden_status = models.TextField(blank=True, help_text="Waarom de status zo is (intrekking, beëindiging).")
    # Set when the indicatie is scaled down, ended early or replaced: the estimated cost of the
    # remaining period before minus after the change (stuurinformatie: vermeden kosten).
    bijgesteld_op = models.DateField(null=True, blank=True)
    vermeden_kosten = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)
    # Bookkeeping of the daily run: the einddatum whose 6-week warning was sent, so the run
    # skips it from then on (a moved einddatum is warned about again).
    einde_gemeld_voor = models.DateField(null=True, blank=True, editable=False)
    # The id in the system an imported indicatie came from (docs/import.md): unique, so a second
    # run of the same file imports nothing twice. NULL (not "") for indicaties registered here, so
    # that the many without one do not collide. Unique as a constraint, not `unique=True`: on
    # PostgreSQL that adds a second index for LIKE queries, which nothing asks and every write pays for.
    extern_id = models.CharField(max_length=100, null=True, blank=True, editable=False)  # noqa: DJ001
    # The ToewijzingNummer of the iStandaarden (LDT_Nummer, 1..999999999): given at registration and
    # kept for the indicatie's whole life, every change and ending included (IV066).
    toewijzingnummer = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # What the aanbieder reported (305 start, 307 stop).
    zorg_gestart_op = models.DateField(null=True, blank=True)
    zorg_gestopt_op = models.DateField(null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True, db_index=True)
    gewijzigd = models.DateTimeField(auto_now=True)
    # The history is read per object (by `id`) and by `history_date`. The indexes a history
    # table would copy from the model's own (its foreign keys, `extern_id`) serve no query there
    # and cost every write, most of all an import (docs/performance.md). The same for the
    # indicatie's goals, signals and evaluations below.
    history = HistoricalRecords(
        excluded_fields=["aangemaakt", "gewijzigd", "einde_gemeld_voor"],
        no_db_index=[
            "inwoner",
            "product",
            "aanbieder",
            "consulent",
            "vervangt",
            "voorganger",
            "extern_id",
            "toewijzingnummer",
        ],
    )

    class Meta:
        verbose_name_plural = "indicaties"
        ordering = ["-ingangsdatum", "id"]
        indexes = [
            # An inwoner's indicaties by status; with the id in the index, what is counted through
            # a caseload's indicaties (their evaluations, say) reads no row of the register
            # (docs/performance.md).
            models.Index(fields=["inwoner", "status"], include=["id"], name="indicatie_inwoner_status"),
            # A consulent's indicaties with their inwoner, from the index alone: the werkvoorraad
            # joins them to the few open evaluations instead of looking up every open evaluation's
            # indicatie, and finds the care that ends soon by status and date (docs/performance.md,
            # "Werkvoorraad").
            models.Index(
                fields=["consulent", "status", "einddatum"], include=["id", "inwoner"], name="indicatie_consulent"
            ),
            models.Index(fields=["status", "einddatum"]),
            # The list order: a page of the API reads 100 rows from this index instead of
            # sorting the whole register (docs/performance.md).
            models.Index(fields=["-ingangsdatum", "id"], name="indicatie_lijstvolgorde"),
            # The changes of a period (stuurinformatie: vermeden kosten and the care that replaced
            # it), without reading every indicatie of every year.
            models.Index(
                fields=["bijgesteld_op"], condition=Q(vermeden_kosten__isnull=False), name="indicatie_bijgesteld"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("ingangsdatum")),
                name="indicatie_einddatum_niet_voor_ingangsdatum",
            ),
            models.CheckConstraint(condition=Q(volume__gt=0), name="indicatie_volume_positief"),
            models.CheckConstraint(condition=Q(spoed=False) | ~Q(spoed_reden=""), name="indicatie_spoed_met_reden"),
            models.CheckConstraint(condition=Q(status__in=IndicatieStatus.values), name="indicatie_status_geldig"),
            models.CheckConstraint(condition=Q(geschatte_kosten__gte=0), name="indicatie_kosten_niet_negatief"),
            models.UniqueConstraint(fields=["extern_id"], name="indicatie_extern_id_uniek"),
            models.UniqueConstraint(fields=["toewijzingnummer"], name="indicatie_toewijzingnummer_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.product.code} voor {self.inwoner} vanaf {datum_tekst(self.ingangsdatum)}"

    @property
    def etag(self) -> str:
        return f'"{self.id}-{self.versie}"'


class IndicatieSignaal(models.Model):
    """A signal (docs/domain.md) on an indicatie; it forces the indicatie into the sample."""

    indicatie = models.ForeignKey(Indicatie, on_delete=models.CASCADE, related_name="signaalregels")
    code = models.CharField(max_length=40, choices=[(code.value, code.label) for code in SIGNALEN])
    toelichting = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["indicatie"])

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["indicatie", "code"], name="signaal_uniek_per_indicatie"),
        ]
        indexes = [
            # The werkvoorraad's Wlz conflicts (selectors.wlz_conflicten_van): a handful of rows
            # among every signal of the register.
            models.Index(
                fields=["indicatie"],
                condition=Q(code__in=["wlz_geen_wmo", "wlz_jeugdwet"]),
                name="signaal_wlz_conflict",
            ),
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class Doel(models.Model):
    """A result agreed with the inwoner (seed 000 "afgesproken resultaten"); every indicatie has one
    or more, and its evaluation judges each."""

    NIET_VASTGELEGD = "Niet vastgelegd (geregistreerd vóór doelen werden vastgelegd)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    indicatie = models.ForeignKey(Indicatie, on_delete=models.CASCADE, related_name="doelen")
    omschrijving = models.TextField()
    leefgebied = models.CharField(max_length=30, choices=Leefgebied.choices, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(no_db_index=["indicatie"])

    class Meta:
        verbose_name_plural = "doelen"
        ordering = ["indicatie", "volgorde", "id"]
        constraints = [models.CheckConstraint(condition=~Q(omschrijving=""), name="doel_met_omschrijving")]

    def __str__(self) -> str:
        return self.omschrijving


class Evaluatie(models.Model):
    """The evaluation after 4 months (`evaluatie_na_4_maanden`): exactly one per indicatie."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    indicatie = models.OneToOneField(Indicatie, on_delete=models.PROTECT, related_name="evaluatie")
    vervaldatum = models.DateField(db_index=True)
    status = models.CharField(max_length=12, choices=EvaluatieStatus.choices, default=EvaluatieStatus.GEPLAND)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, blank=True)
    resultaat_behaald = models.CharField(max_length=5, choices=ResultaatBehaald.choices, blank=True)
    toelichting = models.TextField(blank=True)
    nieuw_volume = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    per_datum = models.DateField(null=True, blank=True)
    afgerond_op = models.DateField(null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    te_laat_gemeld = models.BooleanField(default=False)
    history = HistoricalRecords(no_db_index=["indicatie", "afgerond_door", "vervaldatum"])

    class Meta:
        verbose_name_plural = "evaluaties"
        ordering = ["vervaldatum", "id"]
        indexes = [
            # The daily run's work: planned and open evaluations by date, without the completed
            # ones of every year before (docs/performance.md).
            models.Index(
                fields=["vervaldatum"], condition=Q(status__in=["gepland", "open"]), name="evaluatie_lopend_verval"
            ),
            # The open ones by indicatie: the werkvoorraad's evaluations of a consulent.
            models.Index(fields=["indicatie"], condition=Q(status="open"), name="evaluatie_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="afgerond", afgerond_op__isnull=False)
                | (~Q(status="afgerond") & Q(afgerond_op__isnull=True)),
                name="evaluatie_afgerond_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluatie {self.indicatie_id} per {datum_tekst(self.vervaldatum)}"


class DoelResultaat(models.Model):
    """What an evaluation found for one goal of its indicatie."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.PROTECT, related_name="doelresultaten")
    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="resultaten")
    behaald = models.CharField(max_length=5, choices=ResultaatBehaald.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "resultaat per doel"
        verbose_name_plural = "resultaten per doel"
        ordering = ["doel__volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluatie", "doel"], name="doelresultaat_een_per_doel"),
            models.CheckConstraint(condition=Q(behaald__in=ResultaatBehaald.values), name="doelresultaat_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.doel}: {self.get_behaald_display()}"


class SchakelteamBeoordeling(models.Model):
    """A schakelteam decision on an indicatie above the threshold (four-eyes)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    indicatie = models.ForeignKey(Indicatie, on_delete=models.PROTECT, related_name="schakelteambeoordelingen")
    besluit = models.CharField(max_length=10, choices=Besluit.choices)
    toelichting = models.TextField()
    beoordelaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The cost (with overlapping indicaties) the decision was about; a later increase needs a new one.
    beoordeeld_bedrag = models.DecimalField(max_digits=14, decimal_places=2)
    aangevraagd_op = models.DateTimeField()
    besloten_op = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "schakelteambeoordeling"
        verbose_name_plural = "schakelteambeoordelingen"
        ordering = ["besloten_op"]
        constraints = [
            models.CheckConstraint(condition=~Q(toelichting=""), name="schakelteambesluit_met_toelichting"),
        ]

    def __str__(self) -> str:
        return f"{self.get_besluit_display()} op {self.indicatie_id}"


class SchakelteamAdvies(models.Model):
    """A consulent's question to the schakelteam about any indicatie (non-blocking)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    indicatie = models.ForeignKey(Indicatie, on_delete=models.PROTECT, related_name="adviezen")
    vraag = models.TextField()
    gevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gevraagd_op = models.DateTimeField()
    antwoord = models.TextField(blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "schakelteamadvies"
        verbose_name_plural = "schakelteamadviezen"
        ordering = ["gevraagd_op"]
        constraints = [
            models.CheckConstraint(condition=~Q(vraag=""), name="advies_met_vraag"),
        ]

    def __str__(self) -> str:
        return f"Advies over {self.indicatie_id}"


class Halfjaarcheck(models.Model):
    """Every six months: is the care of this inwoner still appropriate? (seed 002, option 4)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inwoner = models.ForeignKey(Inwoner, on_delete=models.PROTECT, related_name="halfjaarchecks")
    vervaldatum = models.DateField(db_index=True)
    status = models.CharField(max_length=12, choices=CheckStatus.choices, default=CheckStatus.GEPLAND)
    zorg_passend = models.BooleanField(null=True, blank=True)
    contact_aanbieder = models.DateField(null=True, blank=True)
    contact_inwoner = models.DateField(null=True, blank=True)
    toelichting = models.TextField(blank=True)
    afgerond_op = models.DateField(null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "halfjaarchecks"
        ordering = ["vervaldatum", "id"]
        indexes = [
            # The daily run's work: checks in progress by date, without the completed ones.
            models.Index(
                fields=["vervaldatum"], condition=Q(status__in=["gepland", "open"]), name="halfjaarcheck_lopend_verval"
            ),
            # The open ones by inwoner: the werkvoorraad's checks of a regisseur.
            models.Index(fields=["inwoner"], condition=Q(status="open"), name="halfjaarcheck_open"),
        ]
        constraints = [
            # At most one check in progress per inwoner: the daily run can never plan a second.
            models.UniqueConstraint(
                fields=["inwoner"],
                condition=Q(status__in=["gepland", "open"]),
                name="halfjaarcheck_een_lopende_per_inwoner",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgerond")
                | Q(
                    afgerond_op__isnull=False,
                    zorg_passend__isnull=False,
                    contact_aanbieder__isnull=False,
                    contact_inwoner__isnull=False,
                ),
                name="halfjaarcheck_afgerond_volledig",
            ),
        ]

    def __str__(self) -> str:
        return f"Halfjaarcheck {self.inwoner} per {datum_tekst(self.vervaldatum)}"


class DagelijkseRun(models.Model):
    """One row per date the daily run completed; the next run catches up from here."""

    datum = models.DateField(unique=True)
    gestart = models.DateTimeField()
    voltooid = models.DateTimeField()
    samenvatting = models.JSONField(default=dict)

    class Meta:
        verbose_name = "dagelijkse run"
        verbose_name_plural = "dagelijkse runs"
        ordering = ["-datum"]

    def __str__(self) -> str:
        return f"Dagelijkse run {datum_tekst(self.datum)}"


class Opvolging(models.Model):
    """Work for the regisseur that stays until it is acted on: care that a half-year check found not
    fitting, or a goal an evaluation found not reached (docs/domain.md, "Traject")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inwoner = models.ForeignKey(Inwoner, on_delete=models.PROTECT, related_name="opvolgingen")
    bron = models.CharField(max_length=15, choices=OpvolgingBron.choices)
    halfjaarcheck = models.OneToOneField(
        Halfjaarcheck, on_delete=models.PROTECT, null=True, blank=True, related_name="opvolging"
    )
    evaluatie = models.OneToOneField(
        Evaluatie, on_delete=models.PROTECT, null=True, blank=True, related_name="opvolging"
    )
    aanleiding = models.TextField(help_text="Wat de check of de evaluatie vond.")
    aangemaakt_op = models.DateField()
    afgehandeld_op = models.DateField(null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afhandeling = models.CharField(max_length=12, choices=OpvolgingAfhandeling.choices, blank=True)
    toelichting = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "opvolgingen"
        ordering = ["aangemaakt_op", "id"]
        indexes = [models.Index(fields=["afgehandeld_op", "inwoner"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(bron="halfjaarcheck", halfjaarcheck__isnull=False, evaluatie__isnull=True)
                | Q(bron="evaluatie", evaluatie__isnull=False, halfjaarcheck__isnull=True),
                name="opvolging_bron_klopt",
            ),
            models.CheckConstraint(
                condition=Q(afgehandeld_op__isnull=True, afhandeling="")
                | Q(afgehandeld_op__isnull=False) & ~Q(afhandeling=""),
                name="opvolging_afgehandeld_volledig",
            ),
        ]

    def __str__(self) -> str:
        return f"Opvolging ({self.get_bron_display()}) voor {self.inwoner}"


class Beleidsregels(models.Model):
    """The municipality's policy numbers from a date on (docs/domain.md, "Beleidsregels"). A set
    applies to what is registered or assessed on or after `geldig_van`; before the first set, the
    numbers of the environment (settings) hold. Sets are never changed: a new one replaces them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    geldig_van = models.DateField(unique=True)
    uren_grens = models.DecimalField(max_digits=5, decimal_places=2)
    max_maanden = models.PositiveSmallIntegerField()
    evaluatie_maanden = models.PositiveSmallIntegerField()
    schakelteam_drempel = models.DecimalField(max_digits=12, decimal_places=2)
    spoed_dagen = models.PositiveSmallIntegerField()
    steekproef_percentage = models.DecimalField(max_digits=5, decimal_places=2)
    # An evaluation can be completed from this many days before it is due, not sooner: on the day
    # of registration nothing can be judged yet (seed 000: "na 4 maanden ontwikkeling zichtbaar").
    evaluatie_vroegst_dagen = models.PositiveSmallIntegerField(default=14)
    # Days after the ingangsdatum within which the aanbieder reports the start of care (305);
    # after that the indicatie carries `zorg_niet_gestart`.
    start_termijn_dagen = models.PositiveSmallIntegerField(default=28)
    # At 100 % of an aanbieder's budgetplafond: refuse what goes beyond it in a declaration (true),
    # or warn only (false, the default).
    budgetplafond_weigeren = models.BooleanField(default=False)
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgesteld_op = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "set beleidsregels"
        verbose_name_plural = "beleidsregels"
        ordering = ["geldig_van"]
        constraints = [
            models.CheckConstraint(condition=Q(uren_grens__gt=0), name="beleid_uren_grens_positief"),
            models.CheckConstraint(condition=Q(max_maanden__gte=1), name="beleid_max_maanden_positief"),
            models.CheckConstraint(
                condition=Q(evaluatie_maanden__gte=1, evaluatie_maanden__lte=F("max_maanden")),
                name="beleid_evaluatie_binnen_max_duur",
            ),
            models.CheckConstraint(condition=Q(schakelteam_drempel__gte=0), name="beleid_drempel_niet_negatief"),
            models.CheckConstraint(
                condition=Q(steekproef_percentage__gte=0, steekproef_percentage__lte=100),
                name="beleid_percentage_0_tot_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Beleidsregels vanaf {datum_tekst(self.geldig_van)}"
