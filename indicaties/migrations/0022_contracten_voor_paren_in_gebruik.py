"""A contract for every aanbieder–product pair already in use, from the first ingangsdatum of that
pair, open-ended and without a tarief of its own (the catalogue's tarieven keep applying, so no
estimate changes); a ToewijzingNummer for every indicatie, in the order they were registered."""

from django.db import migrations
from django.db.models import Min

from basis.roles import zet_groepsrechten

WMO_CATEGORIEEN = {f"{n:02d}" for n in range(1, 19)}
JEUGD_CATEGORIEEN = {str(n) for n in range(31, 39)} | {str(n) for n in range(40, 56)}


def standaardproduct(code: str, wet: str) -> tuple[str, str]:
    """Categorie and code as the iStandaard knows them: a code that starts with a valid categorie
    (45A65 → 45) keeps it; otherwise the most general categorie of the law (beheer corrects it)."""
    geldig = JEUGD_CATEGORIEEN if wet == "jeugdwet" else WMO_CATEGORIEEN
    categorie = code[:2] if code[:2] in geldig else ("45" if wet == "jeugdwet" else "06")
    return categorie, code[:5]


def contracten(apps, schema_editor):
    Indicatie = apps.get_model("indicaties", "Indicatie")
    Contract = apps.get_model("indicaties", "Contract")
    Product = apps.get_model("indicaties", "Product")
    producten = {p.pk: p for p in Product.objects.all()}
    paren = Indicatie.objects.values("aanbieder_id", "product_id").annotate(van=Min("ingangsdatum"))
    nieuw = []
    for paar in paren:
        product = producten[paar["product_id"]]
        categorie, code = standaardproduct(product.code, product.wet)
        nieuw.append(
            Contract(
                aanbieder_id=paar["aanbieder_id"],
                product_id=paar["product_id"],
                productcategorie=categorie,
                productcode=code,
                uitvoeringsvariant="inspanningsgericht",
                tarief=None,
                geldig_van=paar["van"],
                geldig_tot=None,
            )
        )
    Contract.objects.bulk_create(nieuw, batch_size=1000)

    Nummerreeks = apps.get_model("indicaties", "Nummerreeks")
    laatste = 0
    ids = Indicatie.objects.filter(toewijzingnummer__isnull=True).order_by("aangemaakt", "id").values_list("id", flat=True)
    for laatste, pk in enumerate(ids.iterator(), start=1):
        Indicatie.objects.filter(pk=pk).update(toewijzingnummer=laatste)
    Nummerreeks.objects.update_or_create(naam="toewijzingnummer", defaults={"laatste": laatste})


class Migration(migrations.Migration):
    dependencies = [("indicaties", "0021_keten_contracten_en_toewijzingnummer")]

    operations = [
        migrations.RunPython(contracten, migrations.RunPython.noop),
        migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop),
    ]
