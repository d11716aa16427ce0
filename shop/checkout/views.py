"""Fork of Oscar's checkout views: no shipping, no card payment (issue #7).

A PST sale is paid later with a kode billing against the officer's invoice (DOMAIN.md steps
3 and 6), so the checkout ends where the request starts: the buyer confirms the server's quote,
states the purpose and uploads the documents, and the order is placed as "submitted" together
with them (``shop.order.services.order_submit``, one transaction).

Files the form accepted are kept in the private store for the rest of the checkout (named in the
checkout session), so a wrong file in one field never costs the buyer the others.
"""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import views as oscar_views
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.shipping.methods import NoShippingRequired

from pst.storage import private_storage
from pst.uploads import UploadRejected
from shop.order import services as order_services
from shop.order.documents import sppd_form_pdf
from shop.order.forms import validated_upload
from shop.order.models import DocumentKind
from shop.pricing import quotes
from shop.pricing.tariffs import InvalidRequest, NoTariffInForce

from .forms import RequirementsForm

logger = logging.getLogger(__name__)

_SESSION_NS = "pst_requirements"


class IndexView(oscar_views.IndexView):
    """Signed-in buyers go straight to the requirements page: there is no address to ask."""

    def get_success_response(self):
        return HttpResponseRedirect(reverse("checkout:payment-details"))


class _ToRequirements:
    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("checkout:payment-details"))

    post = get


class ShippingAddressView(_ToRequirements, oscar_views.ShippingAddressView):
    pass


class ShippingMethodView(_ToRequirements, oscar_views.ShippingMethodView):
    pass


class PaymentMethodView(_ToRequirements, oscar_views.PaymentMethodView):
    pass


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """The requirements page (``checkout:payment-details``) and order placement.

    GET shows the quote and the form; POST checks it: with errors the page comes back with the
    messages, the typed text and the files already accepted; without, the order is placed.
    ``checkout:preview`` is the same page (Oscar links to it).
    """

    template_name = "oscar/checkout/payment_details.html"
    template_name_preview = "oscar/checkout/payment_details.html"

    def get_skip_conditions(self, request):
        return []

    def check_shipping_data_is_captured(self, request):
        """Digital products need no shipping: record Oscar's "no shipping required" method
        so the order carries it, instead of sending the buyer through empty shipping steps."""
        if not request.basket.is_shipping_required():
            self.checkout_session.use_shipping_method(NoShippingRequired().code)
            return
        super().check_shipping_data_is_captured(request)

    # --- staged files ------------------------------------------------------------------------

    def _staged(self) -> dict[str, dict]:
        return self.checkout_session._get(_SESSION_NS, "documents", {}) or {}

    def _stage(self, kind: str, upload) -> None:
        staged = self._staged()
        old = staged.get(kind)
        name = private_storage().save(
            f"orders/staging/{self.request.user.pk}/{uuid.uuid4().hex}.{upload.extension}",
            ContentFile(upload.content),
        )
        staged[kind] = {"path": name, "name": upload.original_name}
        self.checkout_session._set(_SESSION_NS, "documents", staged)
        if old:
            private_storage().delete(old["path"])

    def _discard_staged(self) -> None:
        for entry in self._staged().values():
            private_storage().delete(entry["path"])

    def _read_staged(self, kinds: list[str]) -> dict:
        uploads = {}
        storage = private_storage()
        for kind, entry in self._staged().items():
            if kind not in kinds:
                continue
            with storage.open(entry["path"], "rb") as handle:
                handle.name = entry["name"]
                uploads[kind] = validated_upload(handle)
        return uploads

    # --- the page ----------------------------------------------------------------------------

    def _required_kinds(self) -> list[str]:
        basket = self.request.basket
        return order_services.required_kinds_for(
            product_classes=[line.product.get_product_class().slug for line in basket.all_lines()],
            segment=getattr(self.request.user, "segment", ""),
            nol_rupiah_requested=False,
        )

    def _form(self, data=None, files=None) -> RequirementsForm:
        staged = {kind: entry["name"] for kind, entry in self._staged().items()}
        initial = self.checkout_session._get(_SESSION_NS, "fields", {}) or {}
        return RequirementsForm(
            data, files, kinds=self._required_kinds(), staged=staged, initial=initial
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = kwargs.get("requirements_form") or self._form()
        ctx["requirements_form"] = form
        ctx["required_kinds"] = self._required_kinds()
        ctx["staged"] = {kind: entry["name"] for kind, entry in self._staged().items()}
        ctx["document_fields"] = [
            {
                "kind": str(kind),
                "field": form[f"doc_{kind}"],
                "required": str(kind) in ctx["required_kinds"],
                "staged": ctx["staged"].get(str(kind)),
            }
            for kind in form.document_kinds
        ]
        ctx["sppd_required"] = str(DocumentKind.SPPD) in ctx["required_kinds"]
        ctx["cover_letter_kind"] = str(DocumentKind.COVER_LETTER)
        ctx["line_quotes"] = self._line_quotes()
        return ctx

    def _line_quotes(self) -> list[dict]:
        """The quote of every basket line, recomputed on the server (what the buyer confirms)."""
        rows = []
        for line in self.request.basket.all_lines():
            try:
                quote, error = quotes.quote_for_basket_line(line, user=self.request.user), ""
            except (InvalidRequest, NoTariffInForce) as failure:
                quote, error = None, getattr(failure, "message", str(failure))
            rows.append({"line": line, "quote": quote, "error": error})
        return rows

    def get(self, request, *args, **kwargs):
        return self.render_payment_details(request)

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST, request.FILES)
        valid = form.is_valid()
        for kind, upload in form.accepted.items():
            self._stage(kind, upload)  # keep what was good, even when another field failed
        self.checkout_session._set(
            _SESSION_NS,
            "fields",
            {
                "purpose": request.POST.get("purpose", "")[:2000],
                "nol_rupiah_requested": bool(request.POST.get("nol_rupiah_requested")),
            },
        )
        if not valid:
            messages.error(request, _("Some entries need your attention; see the messages below."))
            return self.render_payment_details(request, requirements_form=form)
        self._requirements = {
            "purpose": form.cleaned_data["purpose"],
            "nol_rupiah_requested": form.cleaned_data["nol_rupiah_requested"],
            "kinds": form.required_kinds,
        }
        return self.submit(**self.build_submission())

    # --- placing the order -------------------------------------------------------------------

    def handle_order_placement(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        surcharges=None,
        **kwargs,
    ):
        """Place Oscar's order and submit the request in one transaction: an order never
        exists without its purpose and documents."""
        requirements = self._requirements
        try:
            uploads = self._read_staged(requirements["kinds"])
        except (UploadRejected, OSError) as error:
            raise UnableToPlaceOrder(getattr(error, "message", str(error))) from None
        try:
            with transaction.atomic():
                order = self.place_order(
                    order_number=order_number,
                    user=user,
                    basket=basket,
                    shipping_address=shipping_address,
                    shipping_method=shipping_method,
                    shipping_charge=shipping_charge,
                    order_total=order_total,
                    billing_address=billing_address,
                    surcharges=surcharges,
                    **kwargs,
                )
                order_services.order_submit(
                    order=order,
                    buyer=user,
                    purpose=requirements["purpose"],
                    nol_rupiah_requested=requirements["nol_rupiah_requested"],
                    uploads=uploads,
                )
        except order_services.OrderActionError as error:
            raise UnableToPlaceOrder(error.message) from None
        basket.submit()
        self._discard_staged()
        return self.handle_successful_order(order)

    def send_order_placed_email(self, order):
        """``order_submit`` already e-mailed the buyer; Oscar's second message is not sent."""

    def get_success_url(self):
        return reverse("checkout:thank-you")


class ThankYouView(oscar_views.ThankYouView):
    pass


def sppd_form(request):
    """The blank SPPD form (PDF) the buyer fills, signs and uploads at checkout."""
    response = HttpResponse(sppd_form_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="formulir-sppd.pdf"'
    return response
