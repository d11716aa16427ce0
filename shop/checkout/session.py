"""Every checkout step first checks that the buyer's e-mail is verified.

Registration needs a verified e-mail before ordering (issue #2); an unverified buyer is sent to
the profile page, which offers to re-send the activation link.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import session as oscar_session

from shop.billing.identifiers import is_valid_npwp


class CheckoutSessionMixin(oscar_session.CheckoutSessionMixin):
    def get_pre_conditions(self, request):
        return [
            "check_user_email_is_verified",
            "check_swasta_buyer_has_npwp",
            *super().get_pre_conditions(request),
        ]

    def check_user_email_is_verified(self, request):
        user = request.user
        if user.is_authenticated and not user.email_verified:
            raise exceptions.FailedPreCondition(
                url=reverse("customer:profile-view"),
                message=_(
                    "Verify your e-mail address before placing an order: open the "
                    "activation link we sent you."
                ),
            )

    def check_swasta_buyer_has_npwp(self, request):
        """A private-sector (swasta) buyer needs an NPWP to buy a paid product (DOMAIN.md,
        "Sale of statistical products": online requirements). The price is the server's quote
        (the PNBP strategy), so a line at Rp 0 (gratis, nol rupiah) does not need it."""
        user = request.user
        if not user.is_authenticated or getattr(user, "segment", "") != "swasta":
            return
        if is_valid_npwp(getattr(user, "npwp", "")):
            return
        paid = any(
            line.unit_price_incl_tax and line.unit_price_incl_tax > Decimal(0)
            for line in request.basket.all_lines()
        )
        if paid:
            raise exceptions.FailedPreCondition(
                url=reverse("customer:profile-view"),
                message=_(
                    "Private-sector buyers need a valid NPWP to buy a paid product: add it to "
                    "your profile."
                ),
            )
