"""Customer views we add to Oscar's: account activation and re-sending the link."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.customer.views import *  # noqa: F403
from oscar.apps.customer.views import AccountAuthView as OscarAccountAuthView

from pst.landing import landing_url
from pst.services import ActivationError, user_activate, user_send_activation


class AccountAuthView(OscarAccountAuthView):
    """The shop's login: without a safe ``?next=`` each person lands on their own desk
    (pst/landing.py), where Oscar sent every staff member to its stock dashboard."""

    def get_login_success_url(self, form):
        return form.cleaned_data["redirect_url"] or landing_url(self.request.user)


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
            user_send_activation(user=request.user, base_url=request.build_absolute_uri("/"))
            messages.info(
                request,
                _("A new activation link has been sent to %(email)s.")
                % {"email": request.user.email},
            )
        return redirect("customer:profile-view")
