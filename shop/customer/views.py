"""Customer views we add to Oscar's: account activation, re-sending the link, and the
rate-limited password reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.customer.views import *  # noqa: F403
from oscar.apps.customer.views import AccountAuthView as OscarAccountAuthView
from oscar.apps.customer.views import LogoutView as OscarLogoutView
from oscar.core.loading import get_class

from pst.landing import landing_url
from pst.net import rate_limit_subject
from pst.ratelimit import RateLimited, rate_limit_hit, rate_limited_response
from pst.services import ActivationError, user_activate, user_send_activation


class AccountAuthView(OscarAccountAuthView):
    """The shop's login: without a safe ``?next=`` each person lands on their own desk
    (pst/landing.py), where Oscar sent every staff member to its stock dashboard."""

    def get_login_success_url(self, form):
        return form.cleaned_data["redirect_url"] or landing_url(self.request.user)


class LogoutView(OscarLogoutView):
    """Signing out changes state, so only a POST does it (issue #16: Oscar signed out on a GET,
    which any followed or prefetched link triggers). A GET, such as the header's "Keluar" link,
    shows the button that sends the POST; someone already signed out goes home."""

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.OSCAR_HOMEPAGE)
        return render(request, "oscar/customer/logout.html")

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


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


class PasswordResetView(auth_views.PasswordResetView):
    """Oscar's password reset, with a limit on requests (issue #15, finding 5: 15 requests sent
    15 e-mails). Each request counts for the asking client (``pst.net.rate_limit_subject``) and
    for the address typed, so neither one connection nor many can flood one mailbox; past
    ``PST_PASSWORD_RESET_RATE_LIMITS`` the page answers 429 and sends nothing. The answer does
    not tell whether the address has an account."""

    form_class = get_class("customer.forms", "PasswordResetForm")
    success_url = reverse_lazy("password-reset-done")
    template_name = "oscar/registration/password_reset_form.html"

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()
        subjects = {"client": rate_limit_subject(request)}
        if email:
            subjects["email"] = f"email:{email}"
        try:
            for name, subject in subjects.items():
                limit, seconds = settings.PST_PASSWORD_RESET_RATE_LIMITS[name]
                rate_limit_hit(
                    scope=f"password-reset-{name}", subject=subject, limit=limit, seconds=seconds
                )
        except RateLimited as limited:
            return rate_limited_response(
                request, "oscar/registration/password_reset_limited.html", limited
            )
        return super().post(request, *args, **kwargs)
