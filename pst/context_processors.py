from django.conf import settings


def portal(request):
    """Values every page template needs: site name and office name."""
    return {
        "PST_SITE_NAME": settings.PST_SITE_NAME,
        "PST_OFFICE_NAME": settings.PST_OFFICE_NAME,
    }
