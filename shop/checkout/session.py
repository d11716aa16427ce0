"""Every checkout step first checks that the buyer's e-mail is verified.

Registration needs a verified e-mail before ordering (issue #2); an unverified buyer is sent to
the profile page, which offers to re-send the activation link.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import session as oscar_session


class CheckoutSessionMixin(oscar_session.CheckoutSessionMixin):
    def get_pre_conditions(self, request):
        return ["check_user_email_is_verified", *super().get_pre_conditions(request)]

    def check_user_email_is_verified(self, request):
        user = request.user
        if user.is_authenticated and not user.email_verified:
            raise exceptions.FailedPreCondition(
                url=reverse("customer:profile-view"),
                message=_("Verify your e-mail address before placing an order: open the "
                          "activation link we sent you."),
            )
