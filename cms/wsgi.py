import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

application = get_wsgi_application()
# Import the URLconf (views, the GraphQL schema) now rather than on the first request.
_patterns = get_resolver().url_patterns

# What start-up loaded (apps, models, URL resolvers, the GraphQL schema) lives as
# long as the process: move it to the permanent generation, so the cyclic garbage
# collector stops walking it on every full collection (a pause that lands on
# whichever request triggers it) and forked workers keep sharing its pages.
gc.freeze()
