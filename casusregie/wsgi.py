import os

from django.core.wsgi import get_wsgi_application

from casusregie.geheugen import richt_worker_in

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casusregie.settings")
application = get_wsgi_application()

# The garbage collector out of the requests' way (casusregie/geheugen.py).
richt_worker_in()
