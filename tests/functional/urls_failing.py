"""The site's URLs plus two views that fail, for the 400 and 500 pages (test_error_pages)."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def _bad_request(request):
    raise SuspiciousOperation("a tampered request")


def _server_error(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("uji/400/", _bad_request),
    path("uji/500/", _server_error),
    *site_urlpatterns,
]
