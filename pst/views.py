"""The landing after sign-in and the shop dashboard's front (pst/landing.py, issue #16)."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from .landing import landing_url, staff_desk


@login_required
def landing(request):
    """``LOGIN_REDIRECT_URL``: every door that signs someone in without a ``?next=`` ends
    here and is sent to that person's own desk."""
    return redirect(landing_url(request.user))


def dashboard_front(request, *args, **kwargs):
    """``/toko/dashboard/``: staff with a desk go to it instead of Oscar's stock index; anyone
    else gets Oscar's index view with its own permission check (login, 403)."""
    if staff_desk(request.user) is not None:
        return redirect(landing_url(request.user))
    oscar_index = next(
        pattern
        for pattern in apps.get_app_config("dashboard").urls[0]
        if getattr(pattern, "name", None) == "index"
    )
    return oscar_index.callback(request, *args, **kwargs)
