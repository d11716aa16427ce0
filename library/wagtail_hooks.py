"""Wagtail admin registrations of the e-pustaka (issue #4)."""

from wagtail import hooks

from .admin_views import softcopy_request_viewset


@hooks.register("register_admin_viewset")
def register_softcopy_request_viewset():
    return softcopy_request_viewset
