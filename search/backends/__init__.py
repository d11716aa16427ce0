"""The configured backend: ``SEARCH_BACKEND`` is a dotted path to a
:class:`~search.backends.base.SearchBackend` subclass (or one of the short names below), built
with ``SEARCH_BACKEND_OPTIONS`` (STYLE.md habit 6)."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from .base import SearchBackend

SHORT_NAMES = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


@lru_cache(maxsize=1)
def get_backend() -> SearchBackend:
    path = SHORT_NAMES.get(settings.SEARCH_BACKEND, settings.SEARCH_BACKEND)
    return import_string(path)(**settings.SEARCH_BACKEND_OPTIONS)


def _reset(*, setting, **kwargs):
    if setting.startswith("SEARCH_"):
        get_backend.cache_clear()


setting_changed.connect(_reset)
