"""``/cari/``: the site-wide search page and its autocomplete endpoint (docs/search.md)."""

from django.urls import path

from . import views

app_name = "site_search"

urlpatterns = [
    path("", views.SearchView.as_view(), name="results"),
    path("saran/", views.autocomplete, name="autocomplete"),
]
