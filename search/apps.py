"""Fork of Oscar's search app (label ``search``): the project's one search interface.

Oscar's URL ``search:search`` (``/toko/search/``) redirects to the project's search page
``/cari/`` (docs/search.md), so Oscar's templates and old links keep working.
"""

import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # Django's rule: signal handlers import models, so in ready()

        signals.connect()

    def get_urls(self):
        from .views import oscar_search_redirect  # views import models: not at app-config import

        return self.post_process_urls([path("", oscar_search_redirect, name="search")])
