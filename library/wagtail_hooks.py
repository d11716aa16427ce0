"""Wagtail admin registrations of the e-pustaka (issue #4)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views_import, views_staff
from .admin_views import softcopy_request_viewset


@hooks.register("register_admin_viewset")
def register_softcopy_request_viewset():
    return softcopy_request_viewset


# --- Staff pages of library/views_staff.py, listed where librarians work (issue #4) -----------


class _StaffPageMenuItem(MenuItem):
    """A link to a staff page outside the admin, shown only to those the page lets in."""

    def __init__(self, *args, may_open, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_open = may_open

    def is_shown(self, request):
        return self.may_open(request.user)


@hooks.register("register_admin_menu_item")
def register_leak_trace_menu_item():
    return _StaffPageMenuItem(
        _("Trace a leaked copy"),
        reverse("library:leak-trace"),
        name="lacak-salinan",
        icon_name="search",
        order=900,
        may_open=views_staff.user_may_trace,
    )


@hooks.register("register_admin_menu_item")
def register_download_reports_menu_item():
    return _StaffPageMenuItem(
        _("Download reports"),
        reverse("library:download-reports"),
        name="laporan-unduhan",
        icon_name="table",
        order=910,
        may_open=views_staff.user_may_see_reports,
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _StaffPageMenuItem(
        _("Import publications"),
        reverse("library:import-start"),
        name="impor-publikasi",
        icon_name="upload",
        order=920,
        may_open=views_import.user_may_import,
    )
