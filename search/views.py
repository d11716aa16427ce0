"""The search page, the autocomplete endpoint and the redirect from Oscar's search URL.

Everything searchable is public (live public pages, public products), so the views need no
login; they only ever show what the index holds. A backend that is down (Elasticsearch) gives
a normal page with a message and status 503, never a server error.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from .labels import FACET_TITLES
from .query import FACET_PARAMS
from .selectors import autocomplete_titles, page_number, search_page

logger = logging.getLogger(__name__)

# ``?persis=1``: the words exactly as typed, no corrected results (the "cari tetap …" link).
EXACT_PARAM = "persis"


def _url(params: dict[str, str]) -> str:
    kept = {k: v for k, v in params.items() if v}
    return reverse("site_search:results") + (f"?{urlencode(kept)}" if kept else "")


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get(self, request: HttpRequest, *args, **kwargs):
        raw = request.GET.get("q", "")
        params = {param: request.GET.get(param, "") for param in FACET_PARAMS.values()}
        exact = request.GET.get(EXACT_PARAM) == "1"
        try:
            page = page_number(request.GET.get("halaman"))
            found = search_page(raw=raw, params=params, page=page, exact=exact)
        except Exception:
            logger.exception("search backend failed")
            context = self.get_context_data(q=raw, unavailable=True)
            return self.render_to_response(context, status=503)
        base = {"q": raw, **{p: v for p, v in params.items() if v}}
        if exact:
            base[EXACT_PARAM] = "1"
        context = self.get_context_data(
            q=raw,
            found=found,
            corrected_from=found.corrected_from,
            exact_url=_url({**base, EXACT_PARAM: "1"}) if found.corrected_from else "",
            results=found.results,
            facets=self._facets(found, base),
            page_urls=self._page_urls(found, base),
            suggestion_url=_url({**base, "q": found.results.suggestion})
            if found.results and found.results.suggestion
            else "",
        )
        return self.render_to_response(context)

    @staticmethod
    def _facets(found, base: dict[str, str]) -> list[dict]:
        """Each facet with a link per value: a click selects the value (back to page 1),
        a click on the selected value removes it."""
        if not found.results:
            return []
        facets = []
        for facet in found.results.facets:
            if not facet.values:
                continue
            param = FACET_PARAMS[facet.name]
            values = []
            for value in facet.values:
                link = {**base, param: "" if value.selected else value.value}
                values.append({"value": value, "url": _url(link)})
            title = FACET_TITLES[facet.name]
            facets.append({"name": facet.name, "param": param, "title": title, "values": values})
        return facets

    @staticmethod
    def _page_urls(found, base: dict[str, str]) -> dict[str, str]:
        results = found.results
        if not results:
            return {}
        urls = {}
        if results.has_previous:
            urls["previous"] = _url({**base, "halaman": str(results.page - 1)})
        if results.has_next:
            urls["next"] = _url({**base, "halaman": str(results.page + 1)})
        return urls


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    """Titles as the reader types: ``{"results": [{"title", "url", "type"}]}``."""
    try:
        items = autocomplete_titles(prefix=request.GET.get("q", ""))
    except Exception:
        logger.exception("search autocomplete failed")
        return JsonResponse({"results": []}, status=503)
    return JsonResponse(
        {"results": [{"title": i.title, "url": i.url, "type": i.doc_type} for i in items]}
    )


def oscar_search_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """Oscar's own search URL now lands on the site-wide search, query string kept."""
    query = request.GET.urlencode()
    return HttpResponseRedirect(reverse("site_search:results") + (f"?{query}" if query else ""))
