import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casusregie.settings")
application = get_wsgi_application()

# What start-up built (settings, models, the OpenAPI and URL machinery) lives as long as the
# worker. Frozen, it is out of the garbage collector's way: a full collection then walks only
# what requests left behind, instead of taking 100–300 ms of a request every few dozen
# (docs/performance.md, "Lists").
gc.collect()
gc.freeze()
