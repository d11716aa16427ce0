"""Reader views of the e-pustaka that are not Wagtail pages (issue #4): the watermarked
download, the download history with its rating form, read online, the softcopy request and the
public release calendar.

The rules live in ``library.services`` and ``library.selectors``; these views only translate
refusals into messages and results into HTTP responses.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView, TemplateView

import watermark
from pst import ratings
from pst.clock import office_today
from pst.formats import format_datetime
from pst.net import client_ip, rate_limit_subject
from pst.ratelimit import RateLimited, rate_limit_check, rate_limit_hit

from . import reader, selectors, services
from .forms import DownloadRatingForm, SoftcopyRequestForm
from .models import Download, PublicationPage


@require_POST
def publication_download(request, page_id: int):
    """POST only, so a link preview or crawler never spends a reader's quota or logs a copy."""
    page = selectors.published_publication(page_id)
    if page is None:
        raise Http404("no such publication")
    if not page.master_dir:
        raise Http404("no prepared master")
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    try:
        stream = services.download_record(
            reader=request.user,
            publication=page,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    except services.EmailNotVerified as refusal:
        messages.error(request, refusal.message)
        return redirect(page.url)
    except services.NotFreeToDownload as refusal:
        messages.info(request, refusal.message)
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
    retry = _("You may download again from %(time)s.") % {"time": format_datetime(retry_at)}
    return _limit_page(request, page, message=refusal.message, retry=retry, retry_at=retry_at)


def _limit_page(request, page, *, message: str, retry: str, retry_at, heading: str = ""):
    """The one 429 page of the e-pustaka limits (downloads, reading online), with
    ``Retry-After`` in seconds."""
    response = render(
        request,
        "library/download_rate_limited.html",
        {
            "page": page,
            "message": message,
            "retry": retry,
            "retry_at": retry_at,
            "heading": heading,
        },
        status=429,
    )
    response["Retry-After"] = str(max(1, int((retry_at - timezone.now()).total_seconds())))
    response["Cache-Control"] = "private, no-store"
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
        """Each download carries the reader's rating of it, or a form to give one (issue #4:
        after a download the reader can rate the service or open a complaint)."""
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Download history")
        for download in context["downloads"]:
            download.rating = ratings.rating_for(user=self.request.user, subject=download)
        context["rating_form"] = DownloadRatingForm()
        return context


@require_POST
@login_required
def download_rate(request, download_id: str):
    """Rate one of the reader's own downloads, once (pst.ratings, service "perpustakaan")."""
    download = get_object_or_404(Download, download_id=download_id, reader=request.user)
    form = DownloadRatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 1 to 5."))
    else:
        try:
            ratings.rating_submit(
                user=request.user,
                service="perpustakaan",
                subject=download,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ratings.RatingError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Thank you for rating our library service."))
    return redirect(f"{reverse('library:download-history')}#unduhan-{download.download_id}")


# --- Read online ----------------------------------------------------------------------------


def _readable_page(request, page_id: int) -> PublicationPage:
    """The publication if this reader may read it online, else 404 (or the login page).

    Scheduled, draft and private pages are not found at all, exactly as for a download.
    """
    page = get_object_or_404(selectors.published_publications(), pk=page_id)
    if not page.master_dir:
        raise Http404("no prepared master")
    return page


def _reading_budget(request, page: PublicationPage, *, spend: bool):
    """Page images count against a per-account budget (``PST_READ_PAGE_RATE_LIMIT``, issue #15
    finding 8): reading online must not be a way round the download limit. ``spend`` counts one
    image; without it only checks that some budget is left (the reader page itself). Returns
    the 429 page when the budget is used up, else ``None``."""
    limit, seconds = settings.PST_READ_PAGE_RATE_LIMIT
    check = rate_limit_hit if spend else rate_limit_check
    try:
        check(
            scope="read_pages",
            subject=rate_limit_subject(request),
            limit=int(limit),
            seconds=int(seconds),
        )
    except RateLimited as refusal:
        retry_at = timezone.localtime(timezone.now() + timedelta(seconds=refusal.retry_after))
        hours = max(1, round(int(seconds) / 3600))
        message = ngettext(
            "You have reached the limit of %(limit)s pages read online in %(hours)s hour.",
            "You have reached the limit of %(limit)s pages read online in %(hours)s hours.",
            hours,
        ) % {"limit": limit, "hours": hours}
        retry = _("You may read online again from %(time)s.") % {"time": format_datetime(retry_at)}
        return _limit_page(
            request,
            page,
            message=message,
            retry=retry,
            retry_at=retry_at,
            heading=_("Reading limit reached"),
        )
    return None


def _refuse_reading(request, page: PublicationPage):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.email_verified:
        messages.error(
            request,
            _(
                "Please verify your e-mail address before reading online: open the activation "
                "link we sent you, or ask for a new one on your profile page."
            ),
        )
    else:
        messages.info(
            request,
            _("This publication cannot be read online; you can buy it in the shop."),
        )
    return redirect(page.url)


@require_GET
def publication_read(request, page_id: int):
    """The reader: page images, lazy-loaded, ten to a screen, with page navigation."""
    page = _readable_page(request, page_id)
    if not selectors.publication_readable_by(user=request.user, publication=page):
        return _refuse_reading(request, page)
    limited = _reading_budget(request, page, spend=False)
    if limited:
        return limited
    paginator = Paginator(range(1, (page.page_count or 0) + 1), reader.PAGES_PER_SCREEN)
    screen = paginator.get_page(request.GET.get("halaman"))
    try:
        heights = reader.page_heights(page.master_dir, reader.DEFAULT_WIDTH)
    except watermark.MasterCorrupt as exc:
        raise Http404("master cannot be read") from exc
    response = render(
        request,
        "library/read_online.html",
        {
            "page": page,
            "screen": screen,
            "page_numbers": list(screen.object_list),
            "page_images": [
                (number, heights.get(number, reader.DEFAULT_WIDTH)) for number in screen.object_list
            ],
            "width": reader.DEFAULT_WIDTH,
            "outline": page.outline,
            "per_screen": reader.PAGES_PER_SCREEN,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def publication_page_image(request, page_id: int, number: int):
    """One page image, rendered from the master (cached) and stamped for this reader."""
    page = _readable_page(request, page_id)
    if not selectors.publication_readable_by(user=request.user, publication=page):
        raise Http404("not readable by this user")
    if not 1 <= number <= (page.page_count or 0):
        raise Http404("no such page")
    try:
        width = int(request.GET.get("w", reader.DEFAULT_WIDTH))
    except ValueError:
        width = reader.DEFAULT_WIDTH
    width = min(reader.PAGE_WIDTHS, key=lambda allowed: abs(allowed - width))
    etag = hashlib.sha256(
        f"{page.master_dir}:{number}:{width}:{request.user.pk}:{office_today()}".encode()
    ).hexdigest()[:32]
    if request.headers.get("If-None-Match") == f'"{etag}"':
        # The reader holds this image already: nothing is served, nothing is spent.
        response = HttpResponse(status=304)
    else:
        limited = _reading_budget(request, page, spend=True)
        if limited:
            return limited
        try:
            png = reader.stamped_page_png(
                master_dir=page.master_dir,
                page_number=number,
                width=width,
                user=request.user,
                on=office_today(),
            )
        except reader.PageRenderError as exc:
            raise Http404("page cannot be rendered") from exc
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Softcopy requests ----------------------------------------------------------------------


@require_POST
def softcopy_request_create(request, page_id: int):
    """A reader asks for the softcopy of a listed publication that has none (issue #4)."""
    page = get_object_or_404(selectors.published_publications(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    form = SoftcopyRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your note is too long."))
        return redirect(page.url)
    try:
        services.softcopy_request_create(
            reader=request.user, publication=page, note=form.cleaned_data["note"]
        )
    except services.SoftcopyRequestRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Your request has been sent. A librarian will answer you by e-mail."),
        )
    return redirect(f"{page.url}#softcopy-request")


class ReleaseCalendarView(TemplateView):
    """The public Advance Release Calendar ("Jadwal Rilis"): upcoming releases with title,
    planned date and subject, and nothing else (no file, no abstract, no link to the draft)."""

    template_name = "library/release_calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["releases"] = selectors.upcoming_releases()
        context["page_title"] = _("Release calendar")
        return context
