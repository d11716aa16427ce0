"""Product pages of the three PNBP products, the live microdata quote and the selection form.

The views only read the request and call ``shop.pricing.quotes`` / ``catalogue.services``:
the price is always computed on the server from the product and the selection (issue #6).
"""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from catalogue.microdata import record_bytes
from catalogue.models import MicrodataDataset
from catalogue.product_classes import (
    ATTRIBUTE_LABELS,
    DATA_MIKRO,
    PETA_WKS,
    PRODUCT_CLASS_LABELS,
    PRODUCT_FACTS,
)
from catalogue.selectors import microdata_selection, products_prepare_for_listing, sale_blocker
from catalogue.services import basket_add_selection
from library.models import Region
from pst.formats import format_money, format_number
from shop.dashboard.catalogue.views import product_list_offers
from shop.pricing import quotes, tariff_wording, tariffs

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class CatalogueView(ListView):
    """ "Produk statistik": every public product, newest first (issue #16).

    Oscar browses through a haystack index that the search fork does not feed (the project's
    search is ``/cari/``, docs/search.md), so its listing showed no products at all. A listing
    is a plain query of the public products; searching stays on ``/cari/``.
    """

    context_object_name = "products"
    template_name = "oscar/catalogue/browse.html"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get_queryset(self):
        # What each card reads: Oscar's "has options" (base_queryset's annotation) and, for its
        # price and "available" (shop.partner.strategy), the page of a Publikasi, the attributes
        # (page count, map kind), the stock record and its partner; the codebooks are loaded
        # per page in paginate_queryset (issue #23).
        return (
            Product.objects.base_queryset()
            .browsable()
            .select_related("product_class", "publication_page")
            .prefetch_related("images", "stockrecords__partner", "attribute_values__attribute")
            .order_by("-date_created", "-pk")
        )

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end shows the last page rather than a 404."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        page.object_list = products_prepare_for_listing(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        return context


class ProductCategoryView(CatalogueView):
    """The public products of one category and its subcategories; a renamed category's old
    address redirects to the new one (Oscar's rule, kept)."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        categories = self.category.get_descendants_and_self()
        return super().get_queryset().filter(categories__in=categories).distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


def selection_options(data) -> dict[str, str]:
    """The pricing options from a GET/POST QueryDict; checkbox lists become comma lists.

    ``variables``/``regions`` absent = all (the full set). The form sends ``scope=pilihan`` when
    the buyer narrows the selection, so an empty list then means "nothing chosen", not "all".
    """
    options: dict[str, str] = {}
    narrowed = data.get("scope") == "pilihan"
    for code in (quotes.OPTION_VARIABLES, quotes.OPTION_REGIONS):
        values = data.getlist(code)
        if narrowed or values:
            options[code] = ",".join(v for value in values for v in value.split(",") if v)
    if data.get(quotes.OPTION_WITH_PROCESSING) in ("1", "on"):
        options[quotes.OPTION_WITH_PROCESSING] = "1"
        options[quotes.OPTION_TABLES] = data.get(quotes.OPTION_TABLES, "1").strip()
    purpose = data.get(quotes.OPTION_PURPOSE)
    if purpose:
        options[quotes.OPTION_PURPOSE] = purpose
    return options


def quote_as_json(quote: tariffs.Quote, *, size_bytes: int | None = None) -> dict:
    data = {
        "ok": True,
        "total": str(quote.total),
        "total_display": format_money(quote.total),
        "price_class": str(quote.price_class),
        "reason": tariff_wording.quote_reason(quote.reason),
        "schedule": quote.schedule_name,
        "lines": [
            {
                "description": tariff_wording.line_description(line),
                "units": line.units,
                "unit_price_display": format_money(line.unit_price),
                "amount_display": format_money(line.amount),
                "detail": tariff_wording.line_detail(line),
            }
            for line in quote.lines
        ],
    }
    if size_bytes is not None:
        data["size_bytes"] = size_bytes
        data["size_display"] = ngettext("%(width)s byte", "%(width)s bytes", size_bytes) % {
            "width": format_number(size_bytes)
        }
    return data


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page plus what a PNBP product page must show (issue #6): what the buyer
    gets (format, media, sample, required documents), the quote with its schedule, and for Data
    Mikro the codebook to select from."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        slug = getattr(product.get_product_class(), "slug", "")
        context["product_facts"] = PRODUCT_FACTS.get(slug)
        context["product_class_label"] = PRODUCT_CLASS_LABELS.get(
            slug, getattr(product.get_product_class(), "name", "")
        )
        context["product_attributes"] = [
            (ATTRIBUTE_LABELS.get(value.attribute.code, value.attribute.name), value)
            for value in product.get_attribute_values()
        ]
        try:
            context["pnbp_quote"] = quotes.quote_for_product(
                product=product, options=None, user=self.request.user
            )
        except (tariffs.InvalidRequest, tariffs.NoTariffInForce):
            context["pnbp_quote"] = None
        if slug == DATA_MIKRO:
            dataset = MicrodataDataset.objects.filter(product=product).first()
            context["dataset"] = dataset
            if dataset is not None:
                blocks: dict[str, list] = {}
                variables = list(dataset.variables.all())
                for variable in variables:
                    blocks.setdefault(variable.block, []).append(variable)
                context["codebook_blocks"] = list(blocks.items())
                context["covered_regions"] = _with_search_text(list(dataset.regions.all()))
                context["full_size_bytes"] = dataset.record_count * record_bytes(
                    v.width for v in variables
                )
        context["is_wks"] = slug == PETA_WKS
        context["not_deliverable"] = sale_blocker(product)
        # "Edit this product" only for who may open the dashboard page it leads to: it answered
        # 403 to the Petugas PST, the bendahara and the kepala (issue #16).
        context["may_edit_product"] = product_list_offers(self.request.user)["edit"]
        return context


def _product_or_404(pk: int):
    return get_object_or_404(Product.objects.browsable(), pk=pk)


class MicrodataQuoteView(View):
    """GET the quote of a selection as JSON, for the live estimate on the product page."""

    def get(self, request, pk, product_slug=None):
        product = _product_or_404(pk)
        options = selection_options(request.GET)
        try:
            quote = quotes.quote_for_product(product=product, options=options, user=request.user)
            size = None
            if quotes.product_kind(product) is tariffs.ProductKind.DATA_MIKRO:
                size = _selection_size(product, options)
        except tariffs.InvalidRequest as refused:
            return JsonResponse(
                {"ok": False, "error": refused.message, "field": refused.field}, status=400
            )
        return JsonResponse(quote_as_json(quote, size_bytes=size))


def _selection_size(product, options) -> int:
    dataset = MicrodataDataset.objects.get(product=product)
    return microdata_selection(
        dataset=dataset,
        variables=quotes.option_list(options.get(quotes.OPTION_VARIABLES)),
        regions=quotes.option_list(options.get(quotes.OPTION_REGIONS)),
    ).size_bytes


class MicrodataSelectView(View):
    """POST a selection of variables and regions into the basket, priced by the server."""

    def post(self, request, pk, product_slug=None):
        product = _product_or_404(pk)
        try:
            line, quote = basket_add_selection(
                basket=request.basket,
                product=product,
                options=selection_options(request.POST),
                user=request.user,
            )
        except tariffs.InvalidRequest as refused:
            messages.error(request, refused.message)
            return HttpResponseRedirect(product.get_absolute_url())
        messages.success(
            request,
            _("%(title)s was added to your cart: %(total)s (%(schedule)s).")
            % {
                "title": product.get_title(),
                "total": format_money(quote.total),
                "schedule": quote.schedule_name,
            },
        )
        return HttpResponseRedirect(reverse("basket:summary"))


def _with_search_text(covered: list) -> list:
    """Each covered region with what the region filter matches (issue #21): code, name and the
    other names of the region master (Jatim, Sulsel …), lower-cased."""
    aliases = dict(
        Region.objects.filter(code__in=[r.code for r in covered]).values_list("code", "aliases")
    )
    for region in covered:
        words = [region.code, region.name, *(aliases.get(region.code) or "").splitlines()]
        region.search_text = " ".join(words).lower()
    return covered
