"""Reader views: the watermarked download and the reader's download history (issue #4).

The rules live in ``library.services.download_record``; these views only translate its refusals
into messages and its stream into an HTTP response.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from . import services
from .models import Download, PublicationPage


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@require_POST
def publication_download(request, page_id: int):
    """POST only, so a link preview or crawler never spends a reader's quota or logs a copy."""
    page = get_object_or_404(PublicationPage.objects.live().public(), pk=page_id)
    if not page.master_dir:
        raise Http404("no prepared master")
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    try:
        stream = services.download_record(
            reader=request.user,
            publication=page,
            ip=_client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    except services.EmailNotVerified:
        messages.error(
            request,
            _(
                "Please verify your e-mail address before downloading: open the activation "
                "link we sent you, or ask for a new one on your profile page."
            ),
        )
        return redirect(page.url)
    except services.NotFreeToDownload:
        messages.info(
            request,
            _("This publication is not a free download; you can buy it in the shop."),
        )
        return redirect(page.url)
    except services.DownloadRateLimited as refusal:
        return _rate_limited(request, page, refusal)
    response = StreamingHttpResponse(stream.chunks, content_type="application/pdf")
    response["Content-Length"] = str(stream.size)
    response["Content-Disposition"] = f'attachment; filename="{stream.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _rate_limited(request, page, refusal: services.DownloadRateLimited):
    retry_at = timezone.localtime(refusal.retry_at)
    hours = max(1, round(refusal.window.total_seconds() / 3600))
    message = ngettext(
        "You have reached the limit of %(limit)s downloads in %(hours)s hour.",
        "You have reached the limit of %(limit)s downloads in %(hours)s hours.",
        hours,
    ) % {"limit": refusal.limit, "hours": hours}
    retry = _("You may download again from %(time)s.") % {
        "time": retry_at.strftime("%d-%m-%Y %H:%M")
    }
    response = render(
        request,
        "library/download_rate_limited.html",
        {"page": page, "message": message, "retry": retry, "retry_at": retry_at},
        status=429,
    )
    response["Retry-After"] = str(max(1, int((refusal.retry_at - timezone.now()).total_seconds())))
    return response


class DownloadHistoryView(LoginRequiredMixin, ListView):
    """The reader's own downloads, newest first (never anyone else's)."""

    template_name = "library/download_history.html"
    context_object_name = "downloads"
    paginate_by = 20
    page_kwarg = "halaman"

    def get_queryset(self):
        return Download.objects.filter(reader=self.request.user).select_related("publication")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Download history")
        return context
