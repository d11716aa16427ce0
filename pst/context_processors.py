from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _library_url() -> str:
    from library.models import LibraryIndexPage

    page = LibraryIndexPage.objects.live().first()
    return page.url if page else "/"


def portal(request):
    """Values every page template needs: site and office names, the library's address."""
    return {
        "PST_SITE_NAME": settings.PST_SITE_NAME,
        "PST_OFFICE_NAME": settings.PST_OFFICE_NAME,
        "PST_LIBRARY_URL": SimpleLazyObject(_library_url),
    }
