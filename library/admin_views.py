"""Wagtail admin for librarians: answering softcopy requests (issue #4).

The state change is ``library.services.softcopy_request_answer`` (which also e-mails the
reader); the edit view only shows its refusals as form errors.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.chooser import ChooseResultsView as SnippetChooseResultsView
from wagtail.snippets.views.chooser import ChooseView as SnippetChooseView
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .models import PublicationPage, Region, RegionLevel, SoftcopyRequest


class SoftcopyRequestEditView(EditView):
    def save_instance(self):
        return services.softcopy_request_answer(
            request_id=self.object.pk,
            librarian=self.request.user,
            status=self.form.cleaned_data["status"],
            answer=self.form.cleaned_data["answer"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.SoftcopyRequestRefused as refusal:
            form.add_error(None, refusal.message)
            self.produced_error_message = refusal.message
            return self.form_invalid(form)


class SoftcopyRequestViewSet(ModelViewSet):
    """Librarians (group Pustakawan: view and change, granted in migration 0003) list the
    requests, newest first, filter them by status and answer them. Readers file requests on the
    site, so there is no "add" permission for anyone but superusers."""

    model = SoftcopyRequest
    icon = "help"
    menu_label = _("Softcopy requests")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "permintaan-softcopy"
    edit_view_class = SoftcopyRequestEditView
    list_display = [
        "publication_title",
        "reader",
        "status",
        DateColumn("created_at", label=_("requested at")),
        DateColumn("answered_at", label=_("answered at")),
    ]
    list_filter = ["status"]
    search_fields = ["publication_title", "reader__email", "reader__full_name", "note"]
    search_backend_name = None  # plain QuerySet filtering: the model is not in a search index
    inspect_view_enabled = True
    panels = [
        FieldPanel("publication_title", read_only=True),
        FieldPanel("reader", read_only=True),
        FieldPanel("note", read_only=True),
        FieldPanel("created_at", read_only=True),
        FieldPanel("status"),
        FieldPanel("answer"),
    ]


softcopy_request_viewset = SoftcopyRequestViewSet("softcopy_requests")


# --- The region master in the admin (issue #21) ---------------------------------------------


def region_search(objects, query: str):
    """Regions whose name, other name (Jatim, Sulsel, Ujung Pandang …) or code matches: the
    one search of the region list and of every region chooser (issue #21: 90,000 regions are
    not picked from a drop-down)."""
    query = " ".join(query.split())
    if not query:
        return objects
    condition = Q(name__icontains=query) | Q(aliases__icontains=query)
    if query.replace(".", "").isdigit():
        condition |= Q(code__startswith=query) | Q(kemendagri_code__startswith=query)
    return objects.filter(condition)


class RegionChooserFilterForm(forms.Form):
    """Search by name, abbreviation or code, and narrow by level, with the ORM (regions are not
    in the Wagtail search index: 90,000 desa would weigh on every re-index for nothing)."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, abbreviation or code")}),
    )
    level = forms.ChoiceField(label=capfirst(_("level")), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("All levels")), *RegionLevel.choices]
        self.is_searching = False
        self.is_filtering_by_collection = False
        self.search_query = None

    def filter(self, objects):
        query = self.cleaned_data.get("q") or ""
        if query.strip():
            objects = region_search(objects, query)
            self.is_searching = True
            self.search_query = query
        if self.cleaned_data.get("level"):
            objects = objects.filter(level=self.cleaned_data["level"])
        return objects


class _RegionChooserListing:
    """Both chooser views (the modal and its results panel): name with level, the region it is
    part of and its code as columns, so two "Kecamatan Tamalate" are told apart."""

    filter_form_class = RegionChooserFilterForm
    ordering = ["code"]

    def get_object_list(self):
        return super().get_object_list().select_related("parent")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("level", label=capfirst(_("level")), accessor="get_level_display"),
            Column("parent", label=capfirst(_("part of")), accessor=_parent_name),
            Column("code", label=capfirst(_("domain code"))),
        ]


def _parent_name(region) -> str:
    return region.parent.name if region.parent_id else ""


class RegionChooseView(_RegionChooserListing, SnippetChooseView):
    pass


class RegionChooseResultsView(_RegionChooserListing, SnippetChooseResultsView):
    pass


class RegionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RegionChooseView
    choose_results_view_class = RegionChooseResultsView


class RegionViewSet(SnippetViewSet):
    """Snippets › Regions: listed by code with the level and the province or kabupaten each is
    part of, searchable by name, abbreviation and code; its chooser (the region field of a
    publication page, every FK to a region) searches the same way."""

    model = Region
    icon = "site"
    list_display = ["name", "code", "level", "parent", "kemendagri_code"]
    list_filter = ["level"]
    search_fields = ["name", "aliases", "code", "kemendagri_code"]
    search_backend_name = None
    ordering = ["code"]
    chooser_viewset_class = RegionChooserViewSet
    chooser_per_page = 20


# --- "Perlu diperiksa": imported records a librarian has to check (issue #21) ----------------


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class NeedsReviewReport(ReportView):
    """Every publication the import flagged (wrong check digit, ISBN in the ISSN column,
    unknown region, no release date …), with the reasons and a link to its editor. Saving the
    page in the editor takes it off the list (``PublicationPageForm.save`` and the
    ``after_edit_page`` hook)."""

    page_title = _("Needs attention")
    header_icon = "warning"
    index_url_name = "library_needs_review"
    index_results_url_name = "library_needs_review_results"
    list_export = ["title", "katalog", "review_reasons"]
    export_headings = {"review_reasons": _("what to check")}
    columns = [
        TitleColumn("title", label=capfirst(_("title")), get_url=_edit_url),
        Column("katalog", label=_("Katalog BPS")),
        Column("region", label=capfirst(_("region")), accessor=lambda page: page.region.name),
        Column(
            "review_reasons",
            label=capfirst(_("what to check")),
            accessor=lambda page: "; ".join(page.review_reasons.splitlines()),
        ),
    ]

    def get_queryset(self):
        return (
            PublicationPage.objects.filter(needs_review=True)
            .select_related("region")
            .order_by("title", "pk")
        )
