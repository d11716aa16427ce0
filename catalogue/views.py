"""Product pages of the three PNBP products, the live microdata quote and the selection form.

The views only read the request and call ``shop.billing.pricing`` / ``catalogue.services``:
the price is always computed on the server from the product and the selection (issue #6).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from catalogue.microdata import record_bytes
from catalogue.models import MicrodataDataset
from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PRODUCT_FACTS
from catalogue.services import basket_add_selection
from shop.billing import pricing, tariffs
from shop.billing.money import format_rupiah

Product = get_model("catalogue", "Product")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def selection_options(data) -> dict[str, str]:
    """The pricing options from a GET/POST QueryDict; checkbox lists become comma lists.

    ``variables``/``regions`` absent = all (the full set). The form sends ``scope=pilihan`` when
    the buyer narrows the selection, so an empty list then means "nothing chosen", not "all".
    """
    options: dict[str, str] = {}
    narrowed = data.get("scope") == "pilihan"
    for code in (pricing.OPTION_VARIABLES, pricing.OPTION_REGIONS):
        values = data.getlist(code)
        if narrowed or values:
            options[code] = ",".join(v for value in values for v in value.split(",") if v)
    if data.get(pricing.OPTION_WITH_PROCESSING) in ("1", "on"):
        options[pricing.OPTION_WITH_PROCESSING] = "1"
        options[pricing.OPTION_TABLES] = data.get(pricing.OPTION_TABLES, "1").strip()
    purpose = data.get(pricing.OPTION_PURPOSE)
    if purpose:
        options[pricing.OPTION_PURPOSE] = purpose
    return options


def quote_as_json(quote: tariffs.Quote, *, size_bytes: int | None = None) -> dict:
    data = {
        "ok": True,
        "total": str(quote.total),
        "total_display": format_rupiah(quote.total),
        "price_class": str(quote.price_class),
        "reason": quote.reason,
        "schedule": quote.schedule_name,
        "lines": [
            {
                "description": line.description,
                "units": line.units,
                "unit_price_display": format_rupiah(line.unit_price),
                "amount_display": format_rupiah(line.amount),
                "detail": line.detail,
            }
            for line in quote.lines
        ],
    }
    if size_bytes is not None:
        data["size_bytes"] = size_bytes
        data["size_display"] = f"{_number(size_bytes)} byte"
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
        try:
            context["pnbp_quote"] = pricing.quote_for_product(
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
                context["covered_regions"] = list(dataset.regions.all())
                context["full_size_bytes"] = dataset.record_count * record_bytes(
                    v.width for v in variables
                )
        context["is_wks"] = slug == PETA_WKS
        return context


def _product_or_404(pk: int):
    return get_object_or_404(Product.objects.browsable(), pk=pk)


class MicrodataQuoteView(View):
    """GET the quote of a selection as JSON, for the live estimate on the product page."""

    def get(self, request, pk, product_slug=None):
        product = _product_or_404(pk)
        options = selection_options(request.GET)
        try:
            quote = pricing.quote_for_product(product=product, options=options, user=request.user)
            size = None
            if pricing.product_kind(product) is tariffs.ProductKind.DATA_MIKRO:
                size = _selection_size(product, options)
        except tariffs.InvalidRequest as refused:
            return JsonResponse(
                {"ok": False, "error": refused.message, "field": refused.field}, status=400
            )
        return JsonResponse(quote_as_json(quote, size_bytes=size))


def _selection_size(product, options) -> int:
    from catalogue.selectors import microdata_selection

    dataset = MicrodataDataset.objects.get(product=product)
    return microdata_selection(
        dataset=dataset,
        variables=pricing.option_list(options.get(pricing.OPTION_VARIABLES)),
        regions=pricing.option_list(options.get(pricing.OPTION_REGIONS)),
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
            _("%(title)s was added to your basket: %(total)s (%(schedule)s).")
            % {
                "title": product.get_title(),
                "total": format_rupiah(quote.total),
                "schedule": quote.schedule_name,
            },
        )
        return HttpResponseRedirect(reverse("basket:summary"))
