"""Defaults from seed 000 (actieve casusregie): the 2019 product mix and the promised savings."""

from decimal import Decimal

from django.db import migrations

# Share of hours in the lighter variant in 2019 (realisation), per heavier product of the demo
# catalogue: lighter / (lighter + heavier).
BASIS = [
    ("02A02", "0.7359", "Wmo ontwikkelen 14.777 u / ontwikkelen Plus 5.304 u (2019)"),
    ("02A04", "0.6405", "Wmo stabiliseren en helpen bij 12.765 u / stabiliseren en overnemen 7.166 u (2019)"),
    ("02A05", "0.8738", "Wmo stabiliseren en overnemen 7.166 u / overnemen plus 1.035 u (2019)"),
    ("45C05", "0.5789", "Jeugd begeleiding ontwikkelen 16.847 u / ontwikkelen Plus 12.256 u (2019)"),
    ("45A66", "0.7497", "Jeugd behandeling ontwikkelen 5.640 u / ontwikkelen Plus 1.883 u (2019)"),
]
# Savings promised per year: 2021 the first year, from 2022 the structural amount each year.
DOELEN = [(2021, "wmo", "310000"), (2021, "jeugdwet", "430000")] + [
    (jaar, wet, bedrag) for jaar in range(2022, 2031) for wet, bedrag in (("wmo", "520000"), ("jeugdwet", "695000"))
]


def vul(apps, schema_editor):
    ProductmixBasis = apps.get_model("stuurinformatie", "ProductmixBasis")
    BusinesscaseDoel = apps.get_model("stuurinformatie", "BusinesscaseDoel")
    for code, aandeel, toelichting in BASIS:
        ProductmixBasis.objects.get_or_create(
            product_code=code, defaults={"basis_aandeel_licht": Decimal(aandeel), "toelichting": toelichting}
        )
    for jaar, wet, bedrag in DOELEN:
        BusinesscaseDoel.objects.get_or_create(jaar=jaar, wet=wet, defaults={"besparing": Decimal(bedrag)})


class Migration(migrations.Migration):
    dependencies = [("stuurinformatie", "0001_initial")]
    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
