"""Customer views we add to Oscar's: account activation and re-sending the link."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.customer.views import *  # noqa: F403

from pst.services import ActivationError, user_activate, user_send_activation


class ActivateAccountView(View):
    """Opening the e-mailed link verifies the address."""

    def get(self, request, token: str):
        try:
            user = user_activate(token=token)
        except ActivationError as exc:
            messages.error(request, str(exc))
            return redirect(
                "customer:login" if not request.user.is_authenticated else "customer:profile-view"
            )
        messages.success(
            request,
            _("Your e-mail %(email)s is verified. You can now download and order.")
            % {"email": user.email},
        )
        if request.user.is_authenticated and request.user.pk == user.pk:
            return redirect("customer:profile-view")
        return redirect("customer:login")


class ResendActivationView(LoginRequiredMixin, View):
    def post(self, request):
        if request.user.email_verified:
            messages.info(request, _("Your e-mail address is already verified."))
        else:
            user_send_activation(user=request.user)
            messages.info(
                request,
                _("A new activation link has been sent to %(email)s.")
                % {"email": request.user.email},
            )
        return redirect("customer:profile-view")
