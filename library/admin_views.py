"""Wagtail admin for librarians: answering softcopy requests (issue #4).

The state change is ``library.services.softcopy_request_answer`` (which also e-mails the
reader); the edit view only shows its refusals as form errors.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from . import services
from .models import SoftcopyRequest


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
