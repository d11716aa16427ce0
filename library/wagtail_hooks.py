"""Wagtail admin registrations of the e-pustaka (issue #4)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import views_import, views_staff
from .admin_views import NeedsReviewReport, RegionViewSet, softcopy_request_viewset
from .models import PublicationPage

register_snippet(RegionViewSet)


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


@hooks.register("construct_help_menu")
def keep_help_on_the_office_network(request, menu_items):
    """The Help menu keeps the keyboard shortcuts; Wagtail's "What's new in Wagtail 7.x" (English
    on the Indonesian admin) and its online Editor Guide lead off the office's network and are
    not the librarian's business (issue #17)."""
    menu_items[:] = [
        item
        for item in menu_items
        if not (item.name.startswith("whats-new-in-wagtail") or item.name == "editor-guide")
    ]


# --- "Perlu diperiksa" (issue #21) ------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_needs_review_urls():
    return [
        path("perlu-diperiksa/", NeedsReviewReport.as_view(), name="library_needs_review"),
        path(
            "perlu-diperiksa/results/",
            NeedsReviewReport.as_view(results_only=True),
            name="library_needs_review_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_needs_review_menu_item():
    return MenuItem(
        _("Needs attention"),
        reverse("library_needs_review"),
        name="perlu-diperiksa",
        icon_name="warning",
        order=890,
    )


@hooks.register("after_edit_page")
def clear_needs_review(request, page):
    """A librarian who saved the page has looked at it: it leaves "Perlu diperiksa" (the live
    row too, which a draft save would not touch)."""
    if isinstance(page, PublicationPage) and page.needs_review is False:
        PublicationPage.objects.filter(pk=page.pk, needs_review=True).update(
            needs_review=False, review_reasons=""
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
