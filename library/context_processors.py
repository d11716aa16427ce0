"""``PST_LIBRARY_URL``: the address of the live library home page, for every page's header and
footer. It lives here, not in pst, because pst imports none of our apps (issue #19)."""

from django.utils.functional import SimpleLazyObject

from .models import LibraryIndexPage


def _library_url() -> str:
    page = LibraryIndexPage.objects.live().first()
    return page.url if page else "/"


def library(request):
    return {"PST_LIBRARY_URL": SimpleLazyObject(_library_url)}
